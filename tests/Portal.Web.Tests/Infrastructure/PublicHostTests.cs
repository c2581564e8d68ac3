using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Notifications;
using Portal.Testing;
using Portal.Web.Tests.Areas.Citizen;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// Every link the portal hands out is built from Portal:PublicBaseUrl, whatever Host or X-Forwarded-Host the request
/// carried: the host filter is switched off here (AllowedHosts=*, as an operator might set it) so that the hostile
/// requests reach the pages that write mails, SMS and forms.
/// </summary>
public sealed partial class PublicHostTests : IAsyncLifetime
{
    private const string Public = "https://dichvucong.haiphong.example.vn";
    private const string Evil = "evil.example";
    private PortalApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await PortalApp.StartAsync(new Dictionary<string, string?>
    {
        ["Portal:SeedDemo"] = "true",
        ["Portal:DemoDossiers"] = "40",
        ["Portal:NodeRoles"] = "web",
        ["Portal:PublicBaseUrl"] = Public,
        ["AllowedHosts"] = "*",
    });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Reset_confirmation_status_receipt_and_SMS_links_carry_the_public_host_never_the_requests()
    {
        var client = Hostile();
        var forgot = await client.GetAsync("/Account/ForgotPassword");
        (await client.SubmitAsync(forgot, "form[action='/Account/ForgotPassword']", new Dictionary<string, string?> { ["Email"] = "congdan@demo.haiphong.vn" })).Dispose();
        var email = Citizen.NewEmail();
        var register = await client.GetAsync("/Account/Register");
        using (var registered = await client.SubmitAsync(register, "form[action='/Account/Register']", Citizen.PersonForm(email, Citizen.NewCitizenId())))
        {
            Assert.True(registered.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, registered.StatusCode.ToString());
        }

        var code = await AcceptASubmittedDossierAsync();
        await DispatchAllAsync();

        var mails = Directory.GetFiles(Path.Combine(_app.DataDirectory, "mail"), "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).ToList();
        var sms = Directory.GetFiles(Path.Combine(_app.DataDirectory, "sms"), "*.txt").Select(File.ReadAllText).ToList();
        var bodies = mails.Select(m => m.TextBody ?? string.Empty).Concat(sms).ToList();
        var texts = mails.Select(m => (Mail: m, Text: m.TextBody ?? string.Empty)).ToList();
        Assert.Contains(texts, m => m.Text.Contains(Public + "/Account/ResetPassword?userId=", StringComparison.Ordinal));
        Assert.Contains(texts, m => m.Mail.To.ToString().Contains(email, StringComparison.Ordinal) && m.Text.Contains(Public + "/Account/ConfirmEmail?userId=", StringComparison.Ordinal));
        Assert.Contains(texts, m => m.Mail.Attachments.Any() && m.Text.Contains($"{Public}/tra-cuu?ma={code}", StringComparison.Ordinal));
        Assert.Contains(sms, s => s.Contains(code, StringComparison.Ordinal));
        Assert.All(bodies, b => Assert.DoesNotContain(Evil, b, StringComparison.OrdinalIgnoreCase));
        Assert.All(bodies.SelectMany(b => Url().Matches(b)).Select(m => m.Value), url => Assert.StartsWith(Public + "/", url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_reset_link_works_on_the_public_address_path()
    {
        var client = Hostile();
        var forgot = await client.GetAsync("/Account/ForgotPassword");
        (await client.SubmitAsync(forgot, "form[action='/Account/ForgotPassword']", new Dictionary<string, string?> { ["Email"] = "doanhnghiep@demo.haiphong.vn" })).Dispose();
        await DispatchAllAsync();
        var mail = Directory.GetFiles(Path.Combine(_app.DataDirectory, "mail"), "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Single(m => m.To.ToString().Contains("doanhnghiep@", StringComparison.Ordinal));
        var link = new Uri(Url().Match(mail.TextBody ?? string.Empty).Value);

        var page = await FormClient.For(_app).GetAsync(link.PathAndQuery);
        Assert.NotNull(page.Document.QuerySelector("form[action='/Account/ResetPassword']"));
    }

    /// <summary>A client that names the attacker's host in Host and X-Forwarded-Host.</summary>
    private FormClient Hostile()
    {
        var http = _app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{Evil}/"), AllowAutoRedirect = false, HandleCookies = true });
        http.DefaultRequestHeaders.Add("X-Forwarded-Host", Evil);
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return new FormClient(http);
    }

    private async Task<string> AcceptASubmittedDossierAsync()
    {
        string code = string.Empty;
        await _app.WithDbAsync(async db =>
        {
            var dossier = await db.Dossiers.Where(d => d.Status == DossierStatus.Submitted && d.Applicant.Email != null && d.Applicant.Phone != null).OrderBy(d => d.Id).FirstAsync();
            dossier.Accept(DateTime.UtcNow.AddDays(3), DateTime.UtcNow, new Actor(null, "Cán bộ một cửa", Roles.Reception));
            await db.SaveChangesAsync();
            code = dossier.Code!;
        });
        return code;
    }

    private async Task DispatchAllAsync()
    {
        for (var round = 0; round < 4; round++)
        {
            var ids = await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Outbox
                .Where(m => m.ProcessedAt == null && m.DeadAt == null).Select(m => m.Id).ToListAsync());
            foreach (var id in ids)
            {
                await using var scope = _app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DispatchOutboxJob>().RunAsync(id, CancellationToken.None);
            }
        }
    }

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex Url();
}

/// <summary>Host filtering outside Development: only the public host is served unless AllowedHosts says otherwise.</summary>
public sealed class HostFilteringTests
{
    [Fact]
    public async Task Outside_Development_a_request_naming_another_host_is_refused_and_the_public_host_is_served()
    {
        await using var app = new PortalApp(await TestDatabase.CreateAsync(migrate: false), null, "Production");
        var ct = TestContext.Current.CancellationToken;

        using var evil = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://evil.example/"), AllowAutoRedirect = false });
        using var refused = await evil.GetAsync("/Account/Login", ct);
        using var ours = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(PortalApp.LiveBaseUrl + "/"), AllowAutoRedirect = false });
        using var served = await ours.GetAsync("/Account/Login", ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.DoesNotContain("<form", await refused.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task The_HTTPS_address_offered_for_a_plain_HTTP_request_is_the_public_one_not_the_requests_host()
    {
        await using var app = new PortalApp(await TestDatabase.CreateAsync(migrate: false), new Dictionary<string, string?> { ["AllowedHosts"] = "*" }, "Production");
        var ct = TestContext.Current.CancellationToken;
        using var plain = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example/"), AllowAutoRedirect = false });
        plain.DefaultRequestHeaders.Add("X-Forwarded-Host", "evil.example");

        using var response = await plain.GetAsync("/Account/Login?returnUrl=%2Fho-so", ct);
        var html = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"href=\"{PortalApp.LiveBaseUrl}/Account/Login?returnUrl=%2Fho-so\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_public_address_the_start_outside_Development_fails_naming_the_setting()
    {
        await using var app = new PortalApp(await TestDatabase.CreateAsync(migrate: false), new Dictionary<string, string?> { ["Portal:PublicBaseUrl"] = "" }, "Production");
        var refused = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("Portal:PublicBaseUrl is not set", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_http_public_address_is_refused_outside_Development()
    {
        await using var app = new PortalApp(await TestDatabase.CreateAsync(migrate: false), new Dictionary<string, string?> { ["Portal:PublicBaseUrl"] = "http://dichvucong.haiphong.example.vn" }, "Production");
        var refused = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("must be an https:// address", refused.ToString(), StringComparison.Ordinal);
    }
}
