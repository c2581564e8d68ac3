using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Api;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Admin;

public sealed class ApiClientsAdminTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private const string Admin = "admin@demo.haiphong.vn";

    [Fact]
    public async Task A_client_without_a_name_or_scope_is_refused_on_the_same_page_and_a_good_one_shows_its_secret_once_and_is_audited()
    {
        var admin = FormClient.For(fixture.App);
        await admin.SignInAsync(Admin, DemoSeeder.Password);
        var home = await admin.GetAsync("/quan-tri");
        Assert.NotNull(home.Document.QuerySelector("a[href='/quan-tri/ung-dung-api']"));
        var form = await admin.GetAsync("/quan-tri/ung-dung-api/them");

        var bad = await admin.SubmitAsync(form, "form[action='/quan-tri/ung-dung-api/them']", new Dictionary<string, string?> { ["Name"] = "Sở", ["Scopes"] = null });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = await Page.ReadAsync(bad);
        Assert.Contains("Tên hệ thống từ 3 đến 200 ký tự", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("The system's name", page.Text, StringComparison.Ordinal);
        Assert.Equal("Sở", page.Document.QuerySelector("#Name")!.GetAttribute("value"));

        var created = await admin.SubmitAsync(page, "form[action='/quan-tri/ung-dung-api/them']",
            new Dictionary<string, string?> { ["Name"] = "Hệ thống một cửa Sở Tư pháp", ["Scopes"] = ApiScopes.DossiersRead });
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, (await Page.ReadAsync(created)).Document.QuerySelector("#form-errors")?.TextContent);
        var show = await admin.FollowAsync(created);
        var secret = show.Document.QuerySelector("#client-secret")?.TextContent;
        var clientId = show.Document.QuerySelector("#client-id")!.TextContent;
        Assert.False(string.IsNullOrEmpty(secret));
        var again = await admin.GetAsync(created.Headers.Location!.OriginalString);
        Assert.Null(again.Document.QuerySelector("#client-secret"));

        var http = fixture.App.CreateClient();
        using var token = await Api.ApiClients.RequestTokenAsync(http, clientId, secret!);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);

        var stored = await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().ApiClients.AsNoTracking().SingleAsync(c => c.ClientId == clientId));
        Assert.Equal([ApiScopes.DossiersRead], stored.Scopes);
        var audited = await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().AuditTrail.AsNoTracking()
            .Where(a => a.Action == AuditActions.ApiClientCreate).Select(a => a.Detail!).ToListAsync());
        Assert.Contains(audited, d => d.Contains(clientId, StringComparison.Ordinal));
        Assert.DoesNotContain(audited, d => d.Contains(secret!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rotating_shows_a_new_secret_once_and_revoking_stops_the_client_in_English_too()
    {
        var client = await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<CreateApiClient>()
            .HandleAsync(new CreateApiClient.Command("Hệ thống thử quản trị", [ApiScopes.CatalogueRead], []), AuditActor.System, CancellationToken.None));
        var admin = FormClient.For(fixture.App);
        await admin.SignInAsync(Admin, DemoSeeder.Password);
        (await admin.Http.GetAsync("/Home/Language?culture=en-US&returnUrl=%2F")).Dispose();
        var page = await admin.GetAsync($"/quan-tri/ung-dung-api/{client.Id}");

        var rotated = await admin.FollowAsync(await admin.SubmitAsync(page, $"form[action='/quan-tri/ung-dung-api/{client.Id}/doi-khoa']", new Dictionary<string, string?>()));
        var secret = rotated.Document.QuerySelector("#client-secret")!.TextContent;
        Assert.NotEqual(client.Secret, secret);
        Assert.Contains("A new secret was issued", rotated.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Đã cấp khóa bí mật mới", rotated.Text, StringComparison.Ordinal);

        var http = fixture.App.CreateClient();
        using (var withNew = await Api.ApiClients.RequestTokenAsync(http, client.ClientId, secret))
        {
            Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
        }

        var revoked = await admin.FollowAsync(await admin.SubmitAsync(rotated, $"form[action='/quan-tri/ung-dung-api/{client.Id}/thu-hoi']", new Dictionary<string, string?>()));
        Assert.Contains("Revoked at", revoked.Text, StringComparison.Ordinal);
        using var afterRevoke = await Api.ApiClients.RequestTokenAsync(http, client.ClientId, secret);
        Assert.False(afterRevoke.IsSuccessStatusCode);
        var actions = await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().AuditTrail.AsNoTracking()
            .Where(a => a.Action == AuditActions.ApiClientRotate || a.Action == AuditActions.ApiClientRevoke).Select(a => a.Detail!).ToListAsync());
        Assert.Equal(2, actions.Count(d => d.Contains(client.ClientId, StringComparison.Ordinal)));
    }
}
