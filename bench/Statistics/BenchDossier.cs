using Portal.Core.Calendar;
using Portal.Core.Dossiers;
using Portal.Core.Statistics;

namespace Portal.Bench.Statistics;

/// <summary>One generated dossier, as the row the dossier table stores and as the facts the buckets count.</summary>
public sealed record BenchDossier(
    string Code,
    BenchCatalog.Pair Pair,
    Channel Channel,
    DossierStatus Status,
    DateTime ReceivedAt,
    DateTime PromisedAt,
    DateTime? FinishedAt,
    DateTime? EffectiveEndAt,
    DateTime? ReturnedAt,
    long PausedMinutes,
    int Supplements,
    DateTime? PauseStart,
    DateTime? PauseEnd,
    bool Electronic,
    bool Digitised,
    PaymentState Payment,
    bool Synced,
    byte? Rating)
{
    public DossierFacts Facts => new(Pair.AgencyId, Pair.SectorId, Pair.ProcedureId, Pair.VersionId, Channel, Status, ReceivedAt, PromisedAt, FinishedAt,
        EffectiveEndAt, Supplements, Electronic, Digitised, Payment, Synced, Rating);

    /// <summary>The same increments the change sink makes as the dossier lives its life.</summary>
    public void BookInto(BucketDeltas deltas, TimeZoneInfo zone)
    {
        Facts.BookInto(deltas, +1, zone, Pair.ResultIsDocument);
        var key = Facts.Key;
        if (PauseStart is { } start)
        {
            deltas.Add(key, DossierFacts.LocalDate(start, zone), Counter.PauseStarts, 1);
        }

        if (PauseEnd is { } end)
        {
            deltas.Add(key, DossierFacts.LocalDate(end, zone), Counter.PauseEnds, 1);
        }
    }

    /// <summary>
    /// Three years of a province: online share growing from 30 % to 60 %, one in twelve processing supplements (some two),
    /// about 15 % late, recent dossiers still in progress, most results synced, a third rated.
    /// </summary>
    public static BenchDossier Generate(long n, Random random, BenchCatalog catalog, WorkingCalendar calendar, DateTime start, DateTime now)
    {
        var commune = random.NextDouble() < 0.8;
        BenchCatalog.Pair pair;
        do
        {
            pair = catalog.Pairs[random.Next(catalog.Pairs.Count)];
        }
        while (pair.Commune != commune);

        var span = (now - start).TotalMinutes;
        var position = random.NextDouble();
        var day = start.AddMinutes(position * span);
        var local = calendar.ToLocal(day);
        // Office hours: 07:30–17:00 local, a few at night (online filings).
        var minutes = random.NextDouble() < 0.95 ? 450 + random.Next(0, 570) : random.Next(0, 1440);
        var received = calendar.ToUtc(DateOnly.FromDateTime(local), new TimeOnly(minutes / 60, minutes % 60));
        if (received >= now)
        {
            received = now.AddHours(-2);
        }

        var roll = random.NextDouble();
        var onlineShare = 0.3 + (0.3 * position);
        var channel = roll < onlineShare ? Channel.Online : roll < onlineShare + 0.04 ? Channel.Postal : Channel.InPerson;
        var promised = calendar.PromisedAt(received, pair.Limit);
        var budget = Math.Max(30, calendar.WorkingMinutesBetween(calendar.StartOfCounting(received), promised));
        var supplements = random.NextDouble() < 0.08 ? (random.NextDouble() < 0.12 ? 2 : 1) : 0;
        var factor = random.NextDouble() < 0.15 ? 1.05 + random.NextDouble() : 0.1 + (random.NextDouble() * 0.85);
        var work = calendar.AddWorkingMinutes(calendar.StartOfCounting(received), (long)(budget * factor));
        var paused = supplements > 0 ? (long)random.Next(60, 6 * 24 * 60) : 0;
        DateTime? pauseStart = supplements > 0 ? received.AddMinutes(random.Next(10, 600)) : null;
        // Paused time is working time (DOMAIN.md): the pause and the end of processing move by it on the calendar.
        var finished = calendar.AddWorkingMinutes(work, paused);
        var status = DossierStatus.Decided;
        var outcome = random.NextDouble();
        DateTime? finishedAt = finished;
        DateTime? pauseEnd = pauseStart is { } ps ? calendar.AddWorkingMinutes(ps, paused) : null;
        if (outcome < 0.02)
        {
            status = DossierStatus.Withdrawn;
        }
        else if (outcome < 0.03)
        {
            status = DossierStatus.Stopped;
        }
        else if (outcome < 0.035 || finished >= now)
        {
            status = supplements > 0 && pauseStart < now && random.NextDouble() < 0.3 ? DossierStatus.AwaitingSupplement : DossierStatus.InProcess;
            finishedAt = null;
            if (status == DossierStatus.AwaitingSupplement)
            {
                pauseEnd = null;
                paused = 0;
            }
            else if (pauseEnd >= now)
            {
                pauseStart = pauseEnd = null;
                paused = 0;
                supplements = 0;
            }
        }

        if (pauseStart >= now)
        {
            pauseStart = pauseEnd = null;
        }

        DateTime? returned = null;
        if (status == DossierStatus.Decided && random.NextDouble() < 0.75 && finished.AddHours(24) < now)
        {
            status = DossierStatus.ResultReturned;
            returned = finished.AddHours(random.Next(1, 24));
        }

        var decided = status is DossierStatus.Decided or DossierStatus.ResultReturned;
        var electronic = decided && pair.ResultIsDocument && random.NextDouble() < (channel == Channel.Online ? 0.9 : 0.5);
        var payment = pair.HasFees && random.NextDouble() < 0.7
            ? (random.NextDouble() < (channel == Channel.Online ? 0.8 : 0.1) ? PaymentState.PaidOnline : PaymentState.PaidOffline)
            : PaymentState.None;
        byte? rating = decided && random.NextDouble() < 0.3 ? (byte)(random.NextDouble() < 0.85 ? random.Next(4, 6) : random.Next(1, 4)) : null;
        DateTime? effectiveEnd = finishedAt is { } end ? calendar.SubtractWorkingMinutes(end, paused) : null;
        return new BenchDossier($"B{n:D10}", pair, channel, status, received, promised, finishedAt, effectiveEnd, returned, paused, supplements, pauseStart, pauseEnd,
            electronic, random.NextDouble() < 0.6, payment, random.NextDouble() < 0.95, rating);
    }
}
