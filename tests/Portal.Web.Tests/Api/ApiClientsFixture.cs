using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Api;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Web.Tests.Api;

/// <summary>The demo portal with API clients registered through the administration's use case, and their tokens.</summary>
public static class ApiClients
{
    public static Task<CreateApiClient.Result> CreateAsync(PortalApp app, string name, string[] scopes, int[]? agencies = null) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<CreateApiClient>().HandleAsync(new CreateApiClient.Command(name, scopes, agencies ?? []), AuditActor.System, CancellationToken.None));

    public static async Task<HttpResponseMessage> RequestTokenAsync(HttpClient http, string clientId, string secret, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return await http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
    }

    public static async Task<string> TokenAsync(HttpClient http, CreateApiClient.Result client, string? scope = null)
    {
        using var response = await RequestTokenAsync(http, client.ClientId, client.Secret, scope);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    public static async Task<HttpResponseMessage> GetAsync(HttpClient http, string url, string? token, string? language = null, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(ifNoneMatch));
        }

        return await http.SendAsync(request);
    }

    public static Task<T> DbAsync<T>(PortalApp app, Func<PortalDb, Task<T>> work) => app.WithScopeAsync(sp => work(sp.GetRequiredService<PortalDb>()));

    /// <summary>A procedure, an agency and a dossier code the demo holds, for the sample requests.</summary>
    public static Task<(string Procedure, string AgencyX, int AgencyXId, string DossierOfX, string AgencyY, int AgencyYId, string DossierOfY)> SamplesAsync(PortalApp app) =>
        DbAsync(app, async db =>
        {
            var byAgency = await db.Dossiers.AsNoTracking().Where(d => d.Code != null).GroupBy(d => d.AgencyId)
                .Select(g => new { g.Key, Count = g.Count(), Code = g.Min(d => d.Code) }).OrderByDescending(g => g.Count).Take(2).ToListAsync();
            var codes = await db.Agencies.AsNoTracking().Where(a => a.Id == byAgency[0].Key || a.Id == byAgency[1].Key).ToDictionaryAsync(a => a.Id, a => a.Code);
            var procedure = await db.Procedures.AsNoTracking().Where(p => p.CurrentVersionId != null).OrderBy(p => p.Code).Select(p => p.Code).FirstAsync();
            return (procedure, codes[byAgency[0].Key], byAgency[0].Key, byAgency[0].Code!, codes[byAgency[1].Key], byAgency[1].Key, byAgency[1].Code!);
        });
}
