using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Tests.Dossiers;

namespace Portal.Core.Tests.Statistics;

/// <summary>A small catalogue saved in a test database: agencies, sectors and procedures with and without a written result.</summary>
internal sealed record TestCatalog(List<Agency> Agencies, List<Sector> Sectors, List<(Procedure Procedure, ProcedureVersion Version, Agency[] OfferedAt)> Procedures)
{
    public static async Task<TestCatalog> CreateAsync(PortalDb db, string prefix, CancellationToken ct)
    {
        var agencies = Enumerable.Range(1, 3).Select(i => new Agency($"{prefix}.20.0{i}.H31", $"UBND phường thử nghiệm {i}", AgencyLevel.Commune)).ToList();
        var sectors = new List<Sector> { new($"{prefix}LV1", "Hộ tịch"), new($"{prefix}LV2", "Chứng thực") };
        db.AddRange(agencies);
        db.AddRange(sectors);
        await db.SaveChangesAsync(ct);
        var specs = new (string Name, int Sector, TimeLimit Limit, bool Document, long Fee, int[] Agencies)[]
        {
            ("Đăng ký khai sinh", 0, TimeLimit.WorkingDays(1), true, 0, [0, 1, 2]),
            ("Đăng ký kết hôn", 0, TimeLimit.WorkingDays(5), true, 0, [0, 1]),
            ("Chứng thực bản sao từ bản chính", 1, new TimeLimit(8, TimeLimitUnit.WorkingHours), false, 2_000, [0, 1, 2]),
            ("Chứng thực chữ ký", 1, new TimeLimit(10, TimeLimitUnit.Days), true, 10_000, [2]),
        };
        var procedures = new List<(Procedure, ProcedureVersion, Agency[])>();
        var n = 0;
        foreach (var spec in specs)
        {
            var procedure = new Procedure($"{prefix}.00{++n}", spec.Name, sectors[spec.Sector].Id, AgencyLevel.Commune);
            var version = procedure.AddVersion(new ProcedureVersionFacts(spec.Name, new DateOnly(2025, 1, 1), ServiceType.FullOnline, spec.Limit, null,
                [new Fee("Lệ phí", spec.Fee, null)], [new RequiredDocument("Tờ khai", DocumentForm.Original, 1, true)], spec.Document,
                spec.Document ? "Giấy chứng nhận" : "Bản sao được chứng thực", [], [], [], null, null, null));
            var offered = spec.Agencies.Select(i => agencies[i]).ToArray();
            foreach (var a in offered)
            {
                procedure.OfferAt(a.Id);
            }

            db.Procedures.Add(procedure);
            procedures.Add((procedure, version, offered));
        }

        await db.SaveChangesAsync(ct);
        foreach (var (procedure, version, _) in procedures)
        {
            procedure.MakeCurrent(version);
        }

        await db.SaveChangesAsync(ct);
        return new TestCatalog(agencies, sectors, procedures);
    }
}

/// <summary>One planned change of a dossier at a time.</summary>
internal sealed record Step(DateTime At, Action<Dossier> Apply);

/// <summary>A dossier's whole planned life: how it is created, then its steps in time order.</summary>
internal sealed record History(int Index, DateTime CreatedAt, Func<Dossier> Create, List<Step> Steps);

/// <summary>
/// Random but valid dossier lives, planned by running the domain methods on a shadow dossier: all channels, supplements at
/// reception and during processing (one or two, some across Tết), payments, apologies, withdrawals, stops, refusals,
/// early, on-time and late decisions, electronic results attached later, sync receipts and ratings; anything planned after
/// <c>now</c> is left out, so many dossiers stay unfinished.
/// </summary>
internal sealed class RandomHistories(TestCatalog catalog, WorkingCalendar calendar, int seed)
{
    /// <summary>The last working day before Tết Bính Ngọ (off 14–22/02/2026), 17:00 local.</summary>
    private static readonly DateTime TetEve = new(2026, 2, 13, 10, 0, 0, DateTimeKind.Utc);

    private readonly Random _random = new(seed);
    private int _sequence;

    public List<History> Plan(int count, DateTime windowStart, DateTime windowEnd, DateTime now)
    {
        var histories = new List<History>();
        for (var i = 0; i < count; i++)
        {
            histories.Add(PlanOne(i, windowStart, windowEnd, now));
        }

        return histories;
    }

    private bool Chance(double p) => _random.NextDouble() < p;

    private DateTime After(DateTime t, double maxHours) => t.AddMinutes(1 + (_random.NextDouble() * maxHours * 60));

    private History PlanOne(int index, DateTime windowStart, DateTime windowEnd, DateTime now)
    {
        var (procedure, version, offeredAt) = catalog.Procedures[_random.Next(catalog.Procedures.Count)];
        var agency = offeredAt[_random.Next(offeredAt.Length)];
        var reference = new ProcedureRef(procedure.Id, version.Id, procedure.SectorId);
        var t = windowStart.AddMinutes(_random.NextDouble() * (windowEnd - windowStart).TotalMinutes);
        var roll = _random.NextDouble();
        var channel = roll < 0.5 ? Channel.Online : roll < 0.88 ? Channel.InPerson : Channel.Postal;
        var code = string.Create(CultureInfo.InvariantCulture, $"{agency.Code}-{calendar.LocalDate(t):yyMMdd}-{++_sequence:0000}");
        var limit = version.TimeLimit;
        var steps = new List<Step>();
        var createdAt = channel == Channel.Online ? t.AddMinutes(-30) : t;
        Func<Dossier> create = channel == Channel.Online
            ? () => Dossier.StartDraft(reference, agency.Id, DossierScenarios.AnApplicant, DossierScenarios.Citizen.UserId!.Value, createdAt)
            : () => Dossier.RegisterAtDesk(reference, agency.Id, DossierScenarios.AnApplicant, channel, code, "123456", calendar.PromisedAt(t, limit), t, DossierScenarios.Desk);
        var shadow = create();

        void Do(DateTime at, Action<Dossier> action)
        {
            action(shadow);
            steps.Add(new Step(at, action));
        }

        bool Past(DateTime at) => at >= now;

        // Facts that may arrive at any time, with or without a status change.
        void Sometimes(DateTime at)
        {
            if (Chance(0.15) && shadow.SyncedAt is null && !Past(at))
            {
                var status = shadow.Status;
                Do(at, d => d.MarkSynced(status, at));
            }
        }

        if (channel == Channel.Online)
        {
            if (Chance(0.03))
            {
                return new History(index, createdAt, create, steps);
            }

            Do(t, d => d.Submit(code, "123456", t, DossierScenarios.Citizen));
            if (Chance(0.3))
            {
                var paidAt = t.AddMinutes(3);
                Do(paidAt, d => d.RecordPayment(true, paidAt, DossierScenarios.Citizen));
            }

            var receiveAt = After(t, 60);
            if (Past(receiveAt))
            {
                return new History(index, createdAt, create, steps);
            }

            if (Chance(0.05))
            {
                Do(receiveAt, d => d.RefuseAtReception("Không thuộc thẩm quyền.", receiveAt, DossierScenarios.Desk));
                if (Chance(0.5))
                {
                    var ratedAt = After(receiveAt, 5);
                    var score = (byte)_random.Next(1, 6);
                    if (!Past(ratedAt))
                    {
                        Do(ratedAt, d => d.Rate(score, null, ratedAt));
                    }
                }

                return new History(index, createdAt, create, steps);
            }

            if (Chance(0.04))
            {
                Do(receiveAt, d => d.Withdraw("Không còn nhu cầu.", calendar, receiveAt, DossierScenarios.Citizen));
                return new History(index, createdAt, create, steps);
            }

            if (Chance(0.1))
            {
                Do(receiveAt, d => d.RequestSupplement("Bản chụp không rõ.", ["Tờ khai"], receiveAt, DossierScenarios.Desk));
                var answerAt = After(receiveAt, 120);
                if (Past(answerAt))
                {
                    return new History(index, createdAt, create, steps);
                }

                if (Chance(0.2))
                {
                    Do(answerAt, d => d.RefuseAtReception("Không bổ sung đúng yêu cầu.", answerAt, DossierScenarios.Desk));
                    return new History(index, createdAt, create, steps);
                }

                Do(answerAt, d => d.SubmitSupplement(calendar, answerAt, DossierScenarios.Citizen));
                receiveAt = After(answerAt, 30);
                if (Past(receiveAt))
                {
                    return new History(index, createdAt, create, steps);
                }
            }

            var promised = calendar.PromisedAt(receiveAt, limit);
            Do(receiveAt, d => d.Accept(promised, receiveAt, DossierScenarios.Desk));
            t = receiveAt;
        }
        else
        {
            if (Chance(0.5))
            {
                Do(t, d => d.AddDocument(new DossierDocument(DocumentKind.Submitted, 0, "Tờ khai", "to-khai.pdf", "application/pdf", 1000,
                    new string('a', 64), "test/placeholder", t, null), t));
            }

            if (Chance(0.3))
            {
                var paidAt = t.AddMinutes(5);
                var online = Chance(0.2);
                Do(paidAt, d => d.RecordPayment(online, paidAt, DossierScenarios.Desk));
            }
        }

        Sometimes(After(t, 2));
        var cursor = After(t, 30);
        if (Past(cursor))
        {
            return new History(index, createdAt, create, steps);
        }

        if (Chance(0.03))
        {
            Do(cursor, d => d.Withdraw("Không còn nhu cầu.", calendar, cursor, DossierScenarios.Citizen));
            return new History(index, createdAt, create, steps);
        }

        Do(cursor, d => d.StartProcessing(cursor, DossierScenarios.Handler));
        var supplements = Chance(0.25) ? (Chance(0.25) ? 2 : 1) : 0;
        for (var s = 0; s < supplements; s++)
        {
            var pauseAt = After(cursor, 30);
            if (Past(pauseAt))
            {
                return new History(index, createdAt, create, steps);
            }

            Do(pauseAt, d => d.RequestSupplement("Thiếu giấy tờ.", ["Tờ khai"], pauseAt, DossierScenarios.Handler));
            // Some citizens answer within hours, some after a holiday, some never.
            var resumeAt = After(pauseAt, Chance(0.4) ? 400 : 30);
            if (pauseAt > TetEve.AddDays(-10) && pauseAt < TetEve && Chance(0.7))
            {
                resumeAt = After(TetEve.AddDays(10), 72);
            }

            if (Past(resumeAt))
            {
                return new History(index, createdAt, create, steps);
            }

            if (Chance(0.1))
            {
                Do(resumeAt, d => d.Stop("Không bổ sung hồ sơ.", calendar, resumeAt, DossierScenarios.Handler));
                return Finish(resumeAt);
            }

            if (Chance(0.05))
            {
                Do(resumeAt, d => d.Withdraw("Không còn nhu cầu.", calendar, resumeAt, DossierScenarios.Citizen));
                return new History(index, createdAt, create, steps);
            }

            Do(resumeAt, d => d.SubmitSupplement(calendar, resumeAt, DossierScenarios.Citizen));
            cursor = resumeAt;
        }

        if (shadow.Payment == PaymentState.None && Chance(0.3))
        {
            var askAt = After(cursor, 10);
            if (Past(askAt))
            {
                return new History(index, createdAt, create, steps);
            }

            Do(askAt, d => d.RequestPayment(20_000, null, askAt, DossierScenarios.Handler));
            var paidAt = After(askAt, 50);
            if (Past(paidAt))
            {
                return new History(index, createdAt, create, steps);
            }

            if (Chance(0.1))
            {
                Do(paidAt, d => d.Stop("Không nộp lệ phí.", calendar, paidAt, DossierScenarios.Handler));
                return Finish(paidAt);
            }

            var online = Chance(0.6);
            Do(paidAt, d => d.RecordPayment(online, paidAt, DossierScenarios.Citizen));
            cursor = paidAt;
        }

        if (shadow.DueAt is { } due && Chance(0.1) && due > cursor)
        {
            var apologyAt = cursor.AddMinutes(1);
            if (!Past(apologyAt))
            {
                var newDue = due.AddDays(3);
                Do(apologyAt, d => d.IssueApology(newDue, "Cần xác minh thêm.", calendar, apologyAt, DossierScenarios.Approver));
            }
        }

        // End of processing: before, on or after the promised day (pushed by paused time), or stopped or withdrawn.
        var target = calendar.AddWorkingMinutes(shadow.PromisedAt!.Value, shadow.PausedMinutes);
        var endRoll = _random.NextDouble();
        var endAt = endRoll < 0.35 ? cursor.AddMinutes(Math.Max(1, (target - cursor).TotalMinutes * _random.NextDouble()))
            : endRoll < 0.6 ? target.AddHours(-_random.NextDouble() * 6)
            : endRoll < 0.9 ? target.AddHours(_random.NextDouble() * 200)
            : After(cursor, 100);
        if (endAt <= cursor)
        {
            endAt = cursor.AddMinutes(1);
        }

        if (Past(endAt))
        {
            Sometimes(After(cursor, 3));
            return new History(index, createdAt, create, steps);
        }

        if (Chance(0.04))
        {
            Do(endAt, d => d.Stop("Hồ sơ không đủ điều kiện.", calendar, endAt, DossierScenarios.Approver));
            return Finish(endAt);
        }

        if (Chance(0.03))
        {
            Do(endAt, d => d.Withdraw("Không còn nhu cầu.", calendar, endAt, DossierScenarios.Citizen));
            return new History(index, createdAt, create, steps);
        }

        var electronic = Chance(0.5);
        Do(endAt, d => d.Decide(electronic, null, calendar, endAt, DossierScenarios.Approver));
        var later = After(endAt, 48);
        if (!electronic && Chance(0.3) && !Past(later))
        {
            Do(later, d => d.AttachElectronicResult(later));
        }

        var returnAt = After(later, 48);
        if (!Past(returnAt) && Chance(0.8))
        {
            Do(returnAt, d => d.ReturnResult(ResultReturnMethod.AtDesk, returnAt, DossierScenarios.Desk));
        }

        return Finish(After(returnAt, 24));

        History Finish(DateTime at)
        {
            Sometimes(at);
            var ratedAt = After(at, 24);
            if (Chance(0.4) && !Past(ratedAt) && shadow.Status is DossierStatus.Decided or DossierStatus.ResultReturned or DossierStatus.Stopped)
            {
                var score = (byte)_random.Next(1, 6);
                Do(ratedAt, d => d.Rate(score, null, ratedAt));
            }

            return new History(index, createdAt, create, steps);
        }
    }
}

/// <summary>Plays planned histories into a database in phases: each phase in new contexts, loading the dossiers it changes.</summary>
internal static class HistoryPlayer
{
    /// <summary>A fresh catalogue and <paramref name="count"/> random histories played into the database, in the given phases.</summary>
    public static async Task<TestCatalog> PlayRandomAsync(Func<PortalDb> newContext, string prefix, WorkingCalendar calendar, int seed, int count,
        DateTime from, DateTime to, DateTime now, DateTime[] phaseStarts, CancellationToken ct)
    {
        TestCatalog catalog;
        await using (var db = newContext())
        {
            catalog = await TestCatalog.CreateAsync(db, prefix, ct);
        }

        await PlayAsync(newContext, new RandomHistories(catalog, calendar, seed).Plan(count, from, to, now), phaseStarts, ct);
        return catalog;
    }

    public static async Task PlayAsync(Func<PortalDb> newContext, List<History> histories, DateTime[] phaseStarts, CancellationToken ct)
    {
        var ids = new Dictionary<int, long>();
        for (var p = 0; p < phaseStarts.Length; p++)
        {
            var from = phaseStarts[p];
            var to = p + 1 < phaseStarts.Length ? phaseStarts[p + 1] : DateTime.MaxValue;
            var work = histories.Where(h => (h.CreatedAt >= from && h.CreatedAt < to) || h.Steps.Any(s => s.At >= from && s.At < to)).ToList();
            // Odd phases save each dossier on its own (one small transaction each), even phases save them all at once.
            var single = p % 2 == 1;
            await using var db = newContext();
            var loaded = await db.Dossiers.Include(d => d.SupplementRequests)
                .Where(d => ids.Values.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
            var added = new List<(History History, Dossier Dossier)>();
            foreach (var h in work)
            {
                Dossier dossier;
                if (ids.TryGetValue(h.Index, out var id))
                {
                    dossier = loaded[id];
                }
                else if (h.CreatedAt < to)
                {
                    dossier = h.Create();
                    db.Dossiers.Add(dossier);
                    added.Add((h, dossier));
                }
                else
                {
                    continue;
                }

                foreach (var step in h.Steps.Where(s => s.At >= from && s.At < to).OrderBy(s => s.At))
                {
                    step.Apply(dossier);
                }

                if (single)
                {
                    await db.SaveChangesAsync(ct);
                }
            }

            await db.SaveChangesAsync(ct);
            foreach (var (h, d) in added)
            {
                ids[h.Index] = d.Id;
            }
        }
    }
}
