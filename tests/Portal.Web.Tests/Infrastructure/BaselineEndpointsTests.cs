using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Testing;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// The raw baselines of bench/load: absent unless the setting turns them on, refused in Production, and when on they
/// answer what the benchmark measures (a constant, one inserted row, a dossier found by its code).
/// </summary>
public sealed class BaselineEndpointsTests
{
    private static readonly Dictionary<string, string?> On = new() { [Web.Infrastructure.BaselineEndpoints.Setting] = "true" };

    [Fact]
    public async Task The_baselines_do_not_exist_by_default()
    {
        await using var app = await PortalApp.StartAsync();
        var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/_baseline/constant", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/_baseline/lookup?ma=X", ct)).StatusCode);
        var insert = await client.PostAsync("/_baseline/insert", null, ct);
        Assert.NotEqual(HttpStatusCode.OK, insert.StatusCode);
    }

    [Fact]
    public async Task When_turned_on_they_answer_a_constant_insert_a_row_and_find_a_dossier_by_code()
    {
        await using var app = await PortalApp.StartAsync(new Dictionary<string, string?>(On) { ["Portal:SeedDemo"] = "true", ["Portal:DemoDossiers"] = "0" });
        var client = app.CreateClient();
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

    [Fact]
    public async Task The_host_refuses_to_start_with_the_baselines_on_in_Production()
    {
        var database = await TestDatabase.CreateAsync(migrate: false);
        await using var app = new ProductionApp(database, On);
        var refused = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains(Web.Infrastructure.BaselineEndpoints.Setting, refused.ToString(), StringComparison.Ordinal);
    }

    private sealed class ProductionApp(TestDatabase database, IDictionary<string, string?> settings) : PortalApp(database, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
