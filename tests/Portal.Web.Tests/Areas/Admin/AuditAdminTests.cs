using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Dossiers;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Admin;

public sealed class AuditAdminTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private static string Account(string name) => name + "@" + DemoSeeder.EmailDomain;

    private async Task<FormClient> SignInAsync(string name)
    {
        var client = FormClient.For(fixture.App);
        await client.SignInAsync(Account(name), DemoSeeder.Password);
        return client;
    }

    private Task<(long Id, string Code)> DossierOfAsync(string agencyCode) => fixture.App.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PortalDb>();
        var d = await db.Dossiers.Where(x => x.Code != null && x.Status != DossierStatus.Draft && db.Agencies.Any(a => a.Id == x.AgencyId && a.Code == agencyCode))
            .OrderBy(x => x.Id).Select(x => new { x.Id, x.Code }).FirstAsync();
        return (d.Id, d.Code!);
    });

    [Fact]
    public async Task Another_agencys_dossier_answers_404_and_the_refusal_is_found_by_its_dossier_code_on_the_audit_page()
    {
        var (id, code) = await DossierOfAsync("000.20.01.H31");
        var outsider = await SignInAsync("chuyenvien.lechan");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/can-bo/ho-so/{id}")).StatusCode);

        var admin = await SignInAsync("admin");
        var page = await admin.GetAsync($"/quan-tri/nhat-ky?loai=4&ma-ho-so={Uri.EscapeDataString(code)}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var row = Assert.Single(page.Document.QuerySelectorAll("tbody tr"));
        Assert.Contains(AuditActions.AccessDenied, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("chuyenvien.lechan", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(code, row.TextContent, StringComparison.Ordinal);

        // Reading the trail is itself a line of it.
        var reads = await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().AuditTrail
            .Where(e => e.Action == AuditActions.SearchAudit && e.Detail!.Contains(code)).CountAsync());
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task A_role_refused_by_the_access_denied_page_is_audited()
    {
        var leader = await SignInAsync("lanhdao.hongbang");
        var denied = await leader.Http.GetAsync("/quan-tri/co-quan");
        Assert.Contains("/Account/AccessDenied", denied.Headers.Location!.ToString(), StringComparison.Ordinal);
        await leader.Http.GetAsync(denied.Headers.Location);
        var line = await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().AuditTrail
            .Where(e => e.Action == AuditActions.AccessDenied && e.Detail!.Contains("/quan-tri/co-quan")).OrderByDescending(e => e.Id).FirstAsync());
        Assert.StartsWith("403", line.Detail, StringComparison.Ordinal);
        Assert.Contains(Roles.Leader, line.Roles, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_leader_of_one_ward_sees_only_that_wards_lines_and_gets_404_for_another()
    {
        var (idY, _) = await DossierOfAsync("000.20.02.H31");
        var deskY = await SignInAsync("motcua.lechan");
        Assert.Equal(HttpStatusCode.OK, (await deskY.Http.GetAsync($"/can-bo/ho-so/{idY}")).StatusCode);

        var leader = await SignInAsync("lanhdao.hongbang");
        var (agencyX, agencyY) = await fixture.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            return (await db.Agencies.Where(a => a.Code == "000.20.01.H31").Select(a => a.Id).SingleAsync(),
                await db.Agencies.Where(a => a.Code == "000.20.02.H31").Select(a => a.Id).SingleAsync());
        });
        var page = await leader.GetAsync("/quan-tri/nhat-ky?hanh-dong=dossier.view");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Document.QuerySelector("#coquan"));
        Assert.DoesNotContain("Lê Chân", string.Concat(page.Document.QuerySelectorAll("tbody tr").Select(r => r.TextContent)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.Http.GetAsync($"/quan-tri/nhat-ky?coquan={agencyY}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.Http.GetAsync($"/quan-tri/nhat-ky?coquan={agencyX}")).StatusCode);
    }

    [Fact]
    public async Task The_export_is_never_cached_and_carries_the_lines_of_the_search()
    {
        var admin = await SignInAsync("admin");
        var calendar = await admin.GetAsync("/quan-tri/lich?nam=2029");
        var saved = await admin.SubmitAsync(calendar, "form[action='/quan-tri/lich']", new Dictionary<string, string?>
        {
            ["Date"] = "2029-05-02",
            ["Kind"] = "1",
            ["Note"] = "=Nghỉ bù theo quyết định thử nghiệm",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var response = await admin.Http.GetAsync("/quan-tri/nhat-ky/xuat.csv?loai=5&hanh-dong=admin.calendar.save");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(AuditActions.CalendarSave, lines[1], StringComparison.Ordinal);
        Assert.Contains("=Nghỉ bù theo quyết định thử nghiệm", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"before\":null", lines[1].Replace("\"\"", "\"", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
