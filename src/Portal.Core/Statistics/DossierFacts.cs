using Microsoft.EntityFrameworkCore.ChangeTracking;
using Portal.Core.Dossiers;

namespace Portal.Core.Statistics;

/// <summary>
/// What the statistics know of one dossier. The buckets hold the sum of <see cref="BookInto"/> over every dossier, so a
/// change is booked as the contribution of the new facts minus that of the old ones.
/// </summary>
public readonly record struct DossierFacts(
    int AgencyId,
    int SectorId,
    int ProcedureId,
    int VersionId,
    Channel Channel,
    DossierStatus Status,
    DateTime? ReceivedAt,
    DateTime? PromisedAt,
    DateTime? FinishedAt,
    DateTime? EffectiveEndAt,
    int ProcessingSupplements,
    bool HasElectronicResult,
    bool IsDigitised,
    PaymentState Payment,
    bool Synced,
    byte? Rating)
{
    /// <summary>Ratings of 4 and 5 count as satisfied, as on the national portal's five-point scale.</summary>
    public const byte SatisfiedFrom = 4;

    public static DossierFacts Of(Dossier d) => new(d.AgencyId, d.SectorId, d.ProcedureId, d.ProcedureVersionId, d.Channel, d.Status,
        d.ReceivedAt, d.PromisedAt, d.FinishedAt, d.EffectiveEndAt, d.ProcessingSupplementCount, d.HasElectronicResult, d.IsDigitised,
        d.Payment, d.SyncedAt is not null, d.Rating);

    /// <summary>The facts as loaded from the database (the change tracker's original values).</summary>
    public static DossierFacts Of(PropertyValues v) => new(
        v.GetValue<int>(nameof(Dossier.AgencyId)),
        v.GetValue<int>(nameof(Dossier.SectorId)),
        v.GetValue<int>(nameof(Dossier.ProcedureId)),
        v.GetValue<int>(nameof(Dossier.ProcedureVersionId)),
        v.GetValue<Channel>(nameof(Dossier.Channel)),
        v.GetValue<DossierStatus>(nameof(Dossier.Status)),
        v.GetValue<DateTime?>(nameof(Dossier.ReceivedAt)),
        v.GetValue<DateTime?>(nameof(Dossier.PromisedAt)),
        v.GetValue<DateTime?>(nameof(Dossier.FinishedAt)),
        v.GetValue<DateTime?>(nameof(Dossier.EffectiveEndAt)),
        v.GetValue<int>(nameof(Dossier.ProcessingSupplementCount)),
        v.GetValue<bool>(nameof(Dossier.HasElectronicResult)),
        v.GetValue<bool>(nameof(Dossier.IsDigitised)),
        v.GetValue<PaymentState>(nameof(Dossier.Payment)),
        v.GetValue<DateTime?>(nameof(Dossier.SyncedAt)) is not null,
        v.GetValue<byte?>(nameof(Dossier.Rating)));

    public BucketKey Key => new(AgencyId, SectorId, ProcedureId);

    /// <summary>
    /// Adds this dossier's counts, times <paramref name="sign"/>, to <paramref name="deltas"/>. A dossier never received
    /// (awaiting reception, refused at reception, withdrawn before reception) counts in no column.
    /// </summary>
    public void BookInto(BucketDeltas deltas, int sign, TimeZoneInfo zone, bool resultIsDocument)
    {
        if (ReceivedAt is not { } received)
        {
            return;
        }

        var key = Key;
        var r = LocalDate(received, zone);
        deltas.Add(key, r, Channel switch
        {
            Channel.Online => Counter.ReceivedOnline,
            Channel.Postal => Counter.ReceivedPostal,
            _ => Counter.ReceivedInPerson,
        }, sign);
        if (Channel == Channel.Online && (!resultIsDocument || HasElectronicResult))
        {
            deltas.Add(key, r, Counter.Online766, sign);
        }

        if (Synced)
        {
            deltas.Add(key, r, Counter.Synced, sign);
        }

        if (Status is DossierStatus.Decided or DossierStatus.ResultReturned)
        {
            deltas.Add(key, r, Counter.Decided, sign);
        }

        if (HasElectronicResult)
        {
            deltas.Add(key, r, Counter.ElectronicResult, sign);
        }

        if (IsDigitised)
        {
            deltas.Add(key, r, Counter.Digitised, sign);
        }

        if (Payment != PaymentState.None)
        {
            deltas.Add(key, r, Payment == PaymentState.PaidOnline ? Counter.PaidOnline : Counter.PaidOffline, sign);
            if (Payment == PaymentState.PaidOffline && Channel != Channel.Online)
            {
                deltas.Add(key, r, Counter.PaidOfflineInPersonOrPostal, sign);
            }
        }

        if (Rating is { } rating)
        {
            deltas.Add(key, r, Counter.Rated, sign);
            deltas.Add(key, r, Counter.RatingSum, sign * rating);
            if (rating >= SatisfiedFrom)
            {
                deltas.Add(key, r, Counter.Satisfied, sign);
            }
        }

        // Through the domain a received dossier always has a promised date; without one it is promised on the day it came.
        var promisedAt = PromisedAt ?? received;
        var d = LocalDate(promisedAt, zone);
        deltas.Add(key, d, Counter.Promised, sign);
        if (FinishedAt is { } finished)
        {
            var f = LocalDate(finished, zone);
            // The aggregate fixes the effective end whenever it finishes a dossier (Dossier.EffectiveEndAt).
            var timeliness = DeadlineRules.Classify(d, EffectiveEndAt ?? throw new InvalidOperationException("A finished dossier has no effective end."),
                ProcessingSupplements, zone);
            deltas.Add(key, f, timeliness switch
            {
                Timeliness.Early => Counter.FinishedEarly,
                Timeliness.OnTime => Counter.FinishedOnTime,
                _ => Counter.FinishedLate,
            }, sign);
            if (f <= d)
            {
                deltas.Add(key, f, Counter.KeptByFinish, sign);
                deltas.Add(key, d, Counter.KeptByPromise, sign);
            }
        }
    }

    public static DateOnly LocalDate(DateTime utc, TimeZoneInfo zone) => DeadlineRules.LocalDate(utc, zone);
}

/// <summary>The dimensions of a bucket row besides its period; 0 stands for "all" in a roll-up row (no id is 0).</summary>
public readonly record struct BucketKey(int AgencyId, int SectorId, int ProcedureId)
{
    /// <summary>The same sector and procedure over every agency.</summary>
    public BucketKey ProvinceRollup => new(0, SectorId, ProcedureId);

    /// <summary>The same agency over every sector and procedure.</summary>
    public BucketKey AgencyRollup => new(AgencyId, 0, 0);

    public const byte DetailLevel = 0;
    public const byte ProvinceLevel = 1;
    public const byte AgencyLevel = 2;

    public byte Level => AgencyId == 0 ? ProvinceLevel : SectorId == 0 ? AgencyLevel : DetailLevel;
}

/// <summary>The levels of bucket rows (see <see cref="BucketKey.Level"/>).</summary>
public static class DossierFactsLevels
{
    public const byte Detail = BucketKey.DetailLevel;
    public const byte Province = BucketKey.ProvinceLevel;
    public const byte Agency = BucketKey.AgencyLevel;
}
