using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Testing;

namespace Portal.Web.Tests.Documents;

public sealed class DocumentAccessTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private async Task<(long DocumentId, string AgencySlug, string OtherSlug)> ADeskScanAsync() =>
        await fixture.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            var hongBang = await db.Agencies.SingleAsync(a => a.Code == "000.20.01.H31");
            var doc = await db.DossierDocuments.Where(d => db.Dossiers.Any(x => x.Id == d.DossierId && x.AgencyId == hongBang.Id)).FirstAsync();
            return (doc.Id, "hongbang", "lechan");
        });

    [Fact]
    public async Task An_official_of_the_agency_downloads_the_scan_and_officials_of_another_agency_get_404()
    {
        var (id, own, other) = await ADeskScanAsync();
        var mine = FormClient.For(fixture.App);
        await mine.SignInAsync($"chuyenvien.{own}@demo.haiphong.vn", DemoSeeder.Password);
        var ok = await mine.Http.GetAsync($"/tai-lieu/{id}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("application/pdf", ok.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await ok.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);

        var theirs = FormClient.For(fixture.App);
        await theirs.SignInAsync($"chuyenvien.{other}@demo.haiphong.vn", DemoSeeder.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await theirs.Http.GetAsync($"/tai-lieu/{id}")).StatusCode);

        var citizen = FormClient.For(fixture.App);
        await citizen.SignInAsync("congdan@demo.haiphong.vn", DemoSeeder.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.Http.GetAsync($"/tai-lieu/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.Http.GetAsync("/tai-lieu/999999999")).StatusCode);
    }

    [Fact]
    public async Task The_province_leader_and_the_agency_leader_see_it_and_another_agency_leader_does_not()
    {
        var (id, own, other) = await ADeskScanAsync();
        foreach (var (email, expected) in new[]
        {
            ("lanhdao@demo.haiphong.vn", HttpStatusCode.OK),
            ($"lanhdao.{own}@demo.haiphong.vn", HttpStatusCode.OK),
            ($"lanhdao.{other}@demo.haiphong.vn", HttpStatusCode.NotFound),
        })
        {
            var client = FormClient.For(fixture.App);
            await client.SignInAsync(email, DemoSeeder.Password);
            Assert.Equal(expected, (await client.Http.GetAsync($"/tai-lieu/{id}")).StatusCode);
        }
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var (id, _, _) = await ADeskScanAsync();
        var response = await FormClient.For(fixture.App).Http.GetAsync($"/tai-lieu/{id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
