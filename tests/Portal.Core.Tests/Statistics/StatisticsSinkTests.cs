using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Statistics;
using Portal.Core.Tests.Dossiers;
using Portal.Testing;

namespace Portal.Core.Tests.Statistics;

public sealed class StatisticsSinkTests
{
    private static readonly TimeZoneInfo Zone = new WorkingTimeOptions().ResolveTimeZone();

    /// <summary>Monday 13/04/2026, 09:00 in Hải Phòng.</summary>
    private static readonly DateTime Filed = new(2026, 4, 13, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Filing_a_draft_reads_nothing_more_in_its_transaction_and_the_reception_still_counts_by_the_result_kind()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        var commands = new CommandLog();
        PortalDb NewContext() => database.NewContext([new StatisticsSink(Zone)], commands);

        TestCatalog catalog;
        await using (var db = NewContext())
        {
            catalog = await TestCatalog.CreateAsync(db, "S1", ct);
        }

        // The certification procedure's result is the certified copy itself, not a written document: an online dossier
        // counts for Decision 766 without an electronic result, which only the version's result kind tells.
        var (procedure, version, offeredAt) = catalog.Procedures[2];
        long id;
        await using (var db = NewContext())
        {
            var draft = Dossier.StartDraft(new ProcedureRef(procedure.Id, version.Id, procedure.SectorId), offeredAt[0].Id, DossierScenarios.AnApplicant,
                DossierScenarios.Citizen.UserId!.Value, Filed.AddMinutes(-20));
            db.Dossiers.Add(draft);
            await db.SaveChangesAsync(ct);
            id = draft.Id;
        }

        await using (var db = NewContext())
        {
            var draft = await db.Dossiers.SingleAsync(d => d.Id == id, ct);
            commands.Clear();
            draft.Submit($"{offeredAt[0].Code}-260413-0001", "123456", Filed, DossierScenarios.Citizen);
            await db.SaveChangesAsync(ct);
            Assert.DoesNotContain(commands.Texts, c => c.Contains("ProcedureVersions", StringComparison.Ordinal));
        }

        await using (var db = NewContext())
        {
            var dossier = await db.Dossiers.SingleAsync(d => d.Id == id, ct);
            dossier.Accept(Filed.AddDays(1), Filed.AddMinutes(30), DossierScenarios.Desk);
            await db.SaveChangesAsync(ct);
        }

        await using var read = NewContext();
        var snapshot = await new StatisticsReader(read).ReadAsync(Period.Month(2026, 4), new DateOnly(2026, 4, 15), StatisticsScope.Province, ct: ct);
        var figures = Figures.Sum(snapshot.ByKey.Values);
        Assert.Equal(1, figures[Figure.ReceivedOnline]);
        Assert.Equal(1, figures[Figure.Online766]);
    }

    /// <summary>The text of every command the context sent.</summary>
    private sealed class CommandLog : DbCommandInterceptor
    {
        private readonly List<string> _texts = [];

        public IReadOnlyList<string> Texts
        {
            get
            {
                lock (_texts)
                {
                    return [.. _texts];
                }
            }
        }

        public void Clear()
        {
            lock (_texts)
            {
                _texts.Clear();
            }
        }

        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            lock (_texts)
            {
                _texts.Add(result.CommandText);
            }

            return result;
        }
    }
}
