using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Testing;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// The raw baselines of bench/load: they exist only in the environment named Benchmark, where they answer what the
/// benchmark measures (a constant, one inserted row, a dossier found by its code); nowhere else, Production included.
/// </summary>
public sealed class BaselineEndpointsTests
{
    [Fact]
    public async Task The_baselines_do_not_exist_in_the_test_host()
    {
        await using var app = await PortalApp.StartAsync(new Dictionary<string, string?> { ["Benchmarks:BaselineEndpoints"] = "true" });
        await AssertAbsentAsync(app.CreateClient());
    }

    [Fact]
    public async Task The_baselines_do_not_exist_in_Production()
    {
        await using var app = new PortalApp(await TestDatabase.CreateAsync(migrate: false), new Dictionary<string, string?> { ["Benchmarks:BaselineEndpoints"] = "true" }, "Production");
        await AssertAbsentAsync(Https(app));
    }

    private static async Task AssertAbsentAsync(HttpClient client)
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/_baseline/constant", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/_baseline/lookup?ma=X", ct)).StatusCode);
        var insert = await client.PostAsync("/_baseline/insert", null, ct);
        Assert.NotEqual(HttpStatusCode.OK, insert.StatusCode);
    }

    [Fact]
    public async Task In_the_Benchmark_environment_they_answer_a_constant_insert_a_row_and_find_a_dossier_by_code()
    {
        await using var app = new PortalApp(await TestDatabase.CreateAsync(migrate: false),
            new Dictionary<string, string?> { ["Portal:SeedDemo"] = "true", ["Portal:DemoDossiers"] = "0" }, Web.Infrastructure.PortalEnvironments.Benchmark);
        var client = Https(app);
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal("ok", await client.GetStringAsync("/_baseline/constant", ct));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/_baseline/insert", null, ct)).StatusCode);
        }

        var rows = await app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Database
            .SqlQueryRaw<int>("""SELECT CAST(COUNT(*) AS integer) AS "Value" FROM "BaselineRows" """).SingleAsync(ct));
        Assert.Equal(3, rows);

        var code = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            var agency = await db.Agencies.OrderBy(a => a.Id).FirstAsync(ct);
            var procedure = await db.Procedures.OrderBy(p => p.Id).FirstAsync(p => p.CurrentVersionId != null, ct);
            var dossier = Dossier.RegisterAtDesk(new ProcedureRef(procedure.Id, procedure.CurrentVersionId!.Value, procedure.SectorId), agency.Id,
                new Applicant(ApplicantKind.Person, "Lê Văn Bình", "031090004321", null, null, null), Channel.InPerson, agency.Code + "-260105-0001", "246810",
                DateTime.UtcNow.AddDays(3), DateTime.UtcNow, new Actor(null, "Cán bộ một cửa", Roles.Reception));
            db.Dossiers.Add(dossier);
            await db.SaveChangesAsync(ct);
            return dossier.Code!;
        });
        Assert.Equal(((int)DossierStatus.Received).ToString(System.Globalization.CultureInfo.InvariantCulture),
            await client.GetStringAsync("/_baseline/lookup?ma=" + Uri.EscapeDataString(code), ct));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/_baseline/lookup?ma=KHONG-CO", ct)).StatusCode);
    }

    /// <summary>Outside Development and the test host plain HTTP is refused: the client speaks HTTPS to the public host.</summary>
    private static HttpClient Https(PortalApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(PortalApp.LiveBaseUrl + "/") });
}
