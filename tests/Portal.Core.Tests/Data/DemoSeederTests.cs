using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Dossiers;
using Portal.Testing;

namespace Portal.Core.Tests.Data;

public sealed class DemoSeederTests
{
    [Fact]
    public async Task The_demo_has_every_status_a_growing_online_share_and_codes_the_allocator_continues()
    {
        await using var app = await PortalApp.StartAsync(new Dictionary<string, string?> { ["Portal:SeedDemo"] = "true", ["Portal:DemoDossiers"] = "4000" });
        var ct = TestContext.Current.CancellationToken;
        await app.WithDbAsync(async db =>
        {
            Assert.InRange(await db.Dossiers.CountAsync(ct), 4000, 4020);
            Assert.True(await db.Agencies.CountAsync(ct) >= 6);
            Assert.True(await db.Procedures.CountAsync(ct) >= 25);
            var statuses = await db.Dossiers.Select(d => d.Status).Distinct().ToListAsync(ct);
            Assert.Equal(Enum.GetValues<DossierStatus>().Order(), statuses.Order());
            Assert.Equal(await db.Dossiers.CountAsync(d => d.Code != null, ct), await db.Dossiers.Where(d => d.Code != null).Select(d => d.Code).Distinct().CountAsync(ct));
            // The demo's past is history, not work; only the minute deadline sweep, if it ran since, may have warned of
            // demo dossiers due now (new work, created after the seed).
            Assert.Empty(await db.Outbox.Where(o => o.ProcessedAt == null && o.Type != "deadline-due-soon" && o.Type != "deadline-overdue").Select(o => o.Type).ToListAsync(ct));

            var received = await db.Dossiers.Where(d => d.ReceivedAt != null).Select(d => new { d.ReceivedAt, d.Channel }).ToListAsync(ct);
            var byMonth = received.GroupBy(d => new { d.ReceivedAt!.Value.Year, d.ReceivedAt.Value.Month }).OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Month)
                .Select(g => g.Count(x => x.Channel == Channel.Online) / (double)g.Count()).ToList();
            Assert.InRange(byMonth.Take(3).Average(), 0.12, 0.35);
            Assert.InRange(byMonth.TakeLast(3).Average(), 0.38, 0.65);

            // The allocator goes on after the seeded sequence of a busy day.
            var last = await db.Dossiers.Where(d => d.Code != null).OrderByDescending(d => d.Id).Select(d => new { d.Code, d.AgencyId }).FirstAsync(ct);
            var agency = await db.Agencies.SingleAsync(a => a.Id == last.AgencyId, ct);
            var parts = last.Code!.Split('-');
            var day = DateOnly.ParseExact(parts[1], "yyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            var next = await new DossierCodeAllocator(db).NextAsync(agency.Code, day, ct);
            Assert.False(await db.Dossiers.AnyAsync(d => d.Code == next, ct));
        });

        var users = app.Service<IServiceScopeFactory>().CreateScope().ServiceProvider.GetRequiredService<UserManager<Identity.PortalUser>>();
        foreach (var account in DemoSeeder.Accounts)
        {
            var user = await users.FindByEmailAsync(account.Email);
            Assert.NotNull(user);
            Assert.True(await users.CheckPasswordAsync(user, DemoSeeder.Password), account.Email);
            Assert.True(await users.IsInRoleAsync(user, account.Role), account.Email);
        }
    }

    [Fact]
    public async Task The_demo_offers_the_synced_catalogue_at_the_communes_and_at_the_departments_of_each_sector()
    {
        await using var app = await PortalApp.StartAsync(new Dictionary<string, string?> { ["Portal:SeedDemo"] = "true", ["Portal:DemoDossiers"] = "0" });
        var ct = TestContext.Current.CancellationToken;
        await app.WithDbAsync(async db =>
        {
            var offers = await (from pa in db.ProcedureAgencies
                                join p in db.Procedures on pa.ProcedureId equals p.Id
                                join a in db.Agencies on pa.AgencyId equals a.Id
                                select new { p.Code, Agency = a.Code }).ToListAsync(ct);
            var procedures = await db.Procedures.Select(p => new { p.Code, Sector = p.Sector!.Name, p.Level }).ToListAsync(ct);
            Assert.Equal(30, procedures.Count);
            foreach (var procedure in procedures)
            {
                // The rule the demo seeder applied in code before the catalogue became files.
                var expected = procedure.Level == Portal.Core.Catalog.AgencyLevel.Commune
                    ? DemoCatalog.Communes.Select(c => c.Code)
                    : DemoCatalog.Departments.Where(d => d.Sectors.Contains(procedure.Sector)).Select(d => d.Code);
                Assert.Equal(expected.Order(), offers.Where(o => o.Code == procedure.Code).Select(o => o.Agency).Order());
            }
        });
    }
}
