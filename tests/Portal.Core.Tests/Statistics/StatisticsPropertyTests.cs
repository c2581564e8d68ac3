using Microsoft.EntityFrameworkCore;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Dossiers;
using Portal.Core.Statistics;
using Portal.Testing;

namespace Portal.Core.Tests.Statistics;

/// <summary>
/// Random dossier histories played through the domain methods into a real database (SQLite, or PostgreSQL under
/// PORTAL_TEST_DB=postgres); every figure read from the buckets, in every scope and period, must equal the plain
/// count over the raw dossiers, and every list of dossiers behind a figure must hold exactly that many.
/// </summary>
public sealed class StatisticsPropertyTests
{
    private static readonly WorkingCalendar Calendar = new(new WorkingTimeOptions(), ReferenceDataSeeder.OfficialDecisions);
    private static readonly TimeZoneInfo Zone = new WorkingTimeOptions().ResolveTimeZone();

    /// <summary>Wednesday 15/04/2026, 16:00 in Hải Phòng: "now" for the histories and "today" for the reports.</summary>
    private static readonly DateTime Now = new(2026, 4, 15, 9, 0, 0, DateTimeKind.Utc);

    private static readonly DateOnly Today = new(2026, 4, 15);

    public static readonly Period[] Periods =
    [
        Period.Month(2025, 12), Period.Month(2026, 1), Period.Month(2026, 2), Period.Month(2026, 3), Period.Month(2026, 4),
        Period.Quarter(2026, 1), Period.Year(2025), Period.Year(2026),
        Period.Custom(new DateOnly(2026, 2, 10), new DateOnly(2026, 2, 25)),  // Tết Bính Ngọ: 14–22/02/2026
        Period.Custom(new DateOnly(2025, 12, 15), new DateOnly(2026, 1, 20)), // across the new year
        Period.Custom(new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 14)),
        Period.Custom(Today, Today),
        Period.Custom(new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31)),   // not begun yet
        Period.Custom(new DateOnly(2024, 1, 1), new DateOnly(2027, 12, 31)),
    ];

    [Theory]
    [InlineData(20260214, 700)]
    [InlineData(31, 500)]
    public async Task Every_figure_in_every_scope_and_period_equals_a_plain_count_over_the_raw_dossiers(int seed, int dossiers)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        PortalDb NewContext() => database.NewContext([new StatisticsSink(Zone)]);
        var catalog = await HistoryPlayer.PlayRandomAsync(NewContext, "T" + seed % 97, Calendar, seed, dossiers,
            new DateTime(2025, 11, 20, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 4, 14, 0, 0, 0, DateTimeKind.Utc), Now,
            [DateTime.MinValue, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 2, 16, 0, 0, 0, DateTimeKind.Utc),
                new DateTime(2026, 3, 20, 0, 0, 0, DateTimeKind.Utc)], ct);

        await using var read = NewContext();
        var raw = await read.Dossiers.AsNoTracking().Include(d => d.SupplementRequests).ToListAsync(ct);
        var resultIsDocument = await read.ProcedureVersions.ToDictionaryAsync(v => v.Id, v => v.ResultIsDocument, ct);
        var reference = new ReferenceStatistics(raw, resultIsDocument, Calendar);
        AssertTheHistoriesCoverTheCases(raw);

        var reader = new StatisticsReader(read);
        var scopes = new List<StatisticsScope> { StatisticsScope.Province };
        scopes.AddRange(catalog.Agencies.Select(a => new StatisticsScope(a.Id)));
        scopes.Add(new StatisticsScope(catalog.Agencies[0].Id, catalog.Sectors[1].Id));
        scopes.Add(new StatisticsScope(null, null, catalog.Procedures[0].Procedure.Id));
        var mismatches = new List<string>();
        foreach (var period in Periods)
        {
            var asOf = period.AsOf(Today);
            foreach (var scope in scopes)
            {
                var snapshot = await reader.ReadAsync(period, Today, scope, ct: ct);
                Assert.Equal(asOf, snapshot.AsOf);
                bool InScope(Dossier d) => (scope.AgencyId is null || d.AgencyId == scope.AgencyId) && (scope.SectorId is null || d.SectorId == scope.SectorId)
                    && (scope.ProcedureId is null || d.ProcedureId == scope.ProcedureId);
                var total = snapshot.Total;
                foreach (var figure in Enum.GetValues<Figure>())
                {
                    var expected = reference.Count(figure, period, asOf, InScope);
                    if (total[figure] != expected)
                    {
                        mismatches.Add($"{period.Vietnamese} {scope} {figure}: buckets {total[figure]}, dossiers {expected}");
                    }
                }

                Assert.Equal(reference.RatingSum(period, InScope), total.RatingSum);

                // II.06a's own identity: everything to handle in the period is either resolved or still in progress.
                Assert.Equal(total[Figure.ReportTotal], total.Finished + total.InProgress);
            }

            // The breakdowns by agency, sector and procedure are sums of the same keys.
            var province = await reader.ReadAsync(period, Today, StatisticsScope.Province, ct: ct);
            foreach (var (sectorId, figures) in province.BySector())
            {
                foreach (var figure in Enum.GetValues<Figure>())
                {
                    Assert.Equal(reference.Count(figure, period, asOf, d => d.SectorId == sectorId), figures[figure]);
                }
            }

            // The agencies come from their own roll-up rows; they must agree with the dossiers too.
            foreach (var (agencyId, figures) in province.ByAgency())
            {
                foreach (var figure in Enum.GetValues<Figure>())
                {
                    Assert.Equal(reference.Count(figure, period, asOf, d => d.AgencyId == agencyId), figures[figure]);
                }
            }

            var detailed = await reader.ReadAsync(period, Today, StatisticsScope.Province, detailed: true, ct: ct);
            Assert.True(detailed.IsDetailed);
            Assert.False(province.IsDetailed);
            foreach (var figure in Enum.GetValues<Figure>())
            {
                Assert.Equal(province.Total[figure], detailed.Total[figure]);
            }

            foreach (var (procedureId, figures) in province.ByProcedure())
            {
                Assert.Equal(reference.Count(Figure.FinishedLate, period, asOf, d => d.ProcedureId == procedureId), figures[Figure.FinishedLate]);
                Assert.Equal(reference.Count(Figure.Overdue, period, asOf, d => d.ProcedureId == procedureId), figures[Figure.Overdue]);
            }
        }

        // The dashboard's months, each read at its end in one query, are the months read one by one: a past year, the
        // current year (a month in progress, months not begun) and a year not begun.
        foreach (var year in new[] { 2025, 2026, 2027 })
        {
            foreach (var scope in scopes)
            {
                bool InScope(Dossier d) => (scope.AgencyId is null || d.AgencyId == scope.AgencyId) && (scope.SectorId is null || d.SectorId == scope.SectorId)
                    && (scope.ProcedureId is null || d.ProcedureId == scope.ProcedureId);
                var monthEnds = await reader.MonthEndsAsync(year, Today, scope, ct);
                Assert.Equal(12, monthEnds.Length);
                for (var m = 1; m <= 12; m++)
                {
                    var month = Period.Month(year, m);
                    if (month.From > Today)
                    {
                        Assert.Null(monthEnds[m - 1]);
                        continue;
                    }

                    var figures = Assert.IsType<Figures>(monthEnds[m - 1]);
                    foreach (var figure in Enum.GetValues<Figure>())
                    {
                        var expected = reference.Count(figure, month, month.AsOf(Today), InScope);
                        if (figures[figure] != expected)
                        {
                            mismatches.Add($"month end {month.Vietnamese} {scope} {figure}: one read {figures[figure]}, dossiers {expected}");
                        }
                    }
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(40)));
    }

    [Fact]
    public async Task The_list_behind_each_figure_holds_exactly_the_dossiers_the_rules_count()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        PortalDb NewContext() => database.NewContext([new StatisticsSink(Zone)]);
        await HistoryPlayer.PlayRandomAsync(NewContext, "L7", Calendar, 766, 400,
            new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 4, 14, 0, 0, 0, DateTimeKind.Utc), Now,
            [DateTime.MinValue, new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc)], ct);

        await using var read = NewContext();
        var raw = await read.Dossiers.AsNoTracking().Include(d => d.SupplementRequests).ToListAsync(ct);
        var resultIsDocument = await read.ProcedureVersions.ToDictionaryAsync(v => v.Id, v => v.ResultIsDocument, ct);
        var reference = new ReferenceStatistics(raw, resultIsDocument, Calendar);
        var sets = new DossierSets(Zone);
        foreach (var period in new[] { Period.Month(2026, 2), Period.Quarter(2026, 1), Period.Month(2026, 4) })
        {
            var asOf = period.AsOf(Today);
            foreach (var figure in Enum.GetValues<Figure>())
            {
                var listed = await sets.Apply(read, new DossierSetFilter(figure, period, asOf, StatisticsScope.Province)).Select(d => d.Id).OrderBy(id => id).ToListAsync(ct);
                var expected = raw.Where(d => reference.Is(figure, d, period, asOf)).Select(d => d.Id).OrderBy(id => id).ToList();
                Assert.True(expected.SequenceEqual(listed), $"{period.Vietnamese} {figure}: listed {listed.Count}, expected {expected.Count}");
                if (figure == Figure.Paused && asOf < Today)
                {
                    // A past period's paused dossiers come from the supplement requests' history: there must be some to hold.
                    Assert.True(expected.Count > 0, $"{period.Vietnamese}: no dossier was paused at the end of the period");
                }
            }
        }
    }

    private static void AssertTheHistoriesCoverTheCases(List<Dossier> raw)
    {
        Assert.Contains(raw, d => d.Channel == Channel.Postal && d.ReceivedAt is not null);
        Assert.Contains(raw, d => d.Status == DossierStatus.RefusedAtReception);
        Assert.Contains(raw, d => d.Status == DossierStatus.Withdrawn && d.ReceivedAt is not null);
        Assert.Contains(raw, d => d.Status == DossierStatus.Withdrawn && d.ReceivedAt is null);
        Assert.Contains(raw, d => d.Status == DossierStatus.Stopped);
        Assert.Contains(raw, d => d.ProcessingSupplementCount > 1);
        Assert.Contains(raw, d => d.Status == DossierStatus.AwaitingSupplement && d.ReceivedAt is not null);
        Assert.Contains(raw, d => d.Status is DossierStatus.InProcess or DossierStatus.AwaitingPayment);
        Assert.Contains(raw, d => d.SupplementRequests.Any(s => !s.AtReception && s.AnsweredAt is { } a
            && s.RequestedAt < new DateTime(2026, 2, 13, 0, 0, 0, DateTimeKind.Utc) && a > new DateTime(2026, 2, 22, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Contains(raw, d => d.Rating is not null && d.ReceivedAt is not null);
        // Desk payments by walk-ins and by dossiers filed online, which a channel shift tells apart.
        Assert.Contains(raw, d => d.ReceivedAt is not null && d.Payment == PaymentState.PaidOffline && d.Channel == Channel.Online);
        Assert.Contains(raw, d => d.ReceivedAt is not null && d.Payment == PaymentState.PaidOffline && d.Channel != Channel.Online);
        Assert.Contains(raw, d => d.SyncedAt is not null && d.ReceivedAt is not null);
        var finished = raw.Where(d => d.FinishedAt is not null && d.ReceivedAt is not null).Select(d => d.Outcome(Calendar.TimeZone)).ToHashSet();
        Assert.Equal(3, finished.Count);
    }
}
