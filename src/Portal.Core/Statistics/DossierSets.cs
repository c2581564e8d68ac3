using System.Linq.Expressions;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Core.Statistics;

/// <summary>A list of dossiers behind a figure: which figure, in which scope and period, read at which day.</summary>
/// <param name="ImportRunId">Only the dossiers this import brought in (the lists behind an import's summary).</param>
/// <param name="ReceivedBefore">Only the dossiers received before this local day (an import's dossiers carried into a year).</param>
public sealed record DossierSetFilter(Figure Figure, Period Period, DateOnly AsOf, StatisticsScope Scope, Guid? ImportRunId = null, DateOnly? ReceivedBefore = null);

/// <summary>
/// The dossiers behind each <see cref="Figure"/>, as database queries written from the counting rules of DOMAIN.md
/// (not from the buckets), so that a list explains its number and a test can hold the two against each other.
/// </summary>
public sealed class DossierSets
{
    private readonly TimeZoneInfo _zone;
    private readonly double _offsetMinutes;

    public DossierSets(TimeZoneInfo zone)
    {
        _zone = zone;
        _offsetMinutes = FixedOffset(zone).TotalMinutes;
    }

    /// <summary>
    /// The local date of an instant is the date of instant + offset only where the offset never changes; Viet Nam has kept
    /// UTC+7 since 1975. A zone with daylight saving after 1990 is refused at start-up rather than counted wrong.
    /// </summary>
    public static TimeSpan FixedOffset(TimeZoneInfo zone)
    {
        var offset = zone.GetUtcOffset(new DateTime(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        for (var year = 1990; year <= 2100; year++)
        {
            foreach (var month in new[] { 1, 4, 7, 10 })
            {
                if (zone.GetUtcOffset(new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc)) != offset)
                {
                    throw new InvalidOperationException(
                        $"Thống kê cần múi giờ có độ lệch cố định (Việt Nam: UTC+7); \"{zone.Id}\" thay đổi độ lệch. / Statistics need a fixed-offset time zone (Viet Nam: UTC+7); \"{zone.Id}\" changes its offset.");
                }
            }
        }

        return offset;
    }

    /// <summary>The local time's offset from UTC (fixed, see <see cref="FixedOffset"/>).</summary>
    public TimeSpan Offset => TimeSpan.FromMinutes(_offsetMinutes);

    public DateTime StartOf(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), _zone);

    public IQueryable<Dossier> Apply(PortalDb db, DossierSetFilter filter)
    {
        var dossiers = db.Dossiers.AsQueryable();
        var scope = filter.Scope;
        if (scope.AgencyId is { } agency)
        {
            dossiers = dossiers.Where(d => d.AgencyId == agency);
        }

        if (scope.SectorId is { } sector)
        {
            dossiers = dossiers.Where(d => d.SectorId == sector);
        }

        if (scope.ProcedureId is { } procedure)
        {
            dossiers = dossiers.Where(d => d.ProcedureId == procedure);
        }

        if (filter.ImportRunId is { } run)
        {
            dossiers = dossiers.Where(d => d.ImportRunId == run);
        }

        if (filter.ReceivedBefore is { } day)
        {
            var before = StartOf(day);
            dossiers = dossiers.Where(d => d.ReceivedAt < before);
        }

        return dossiers.Where(Predicate(filter, db.ProcedureVersions));
    }

    private Expression<Func<Dossier, bool>> Predicate(DossierSetFilter filter, IQueryable<ProcedureVersion> versions)
    {
        var from = StartOf(filter.Period.From);
        var end = StartOf(filter.Period.To.AddDays(1));
        var asOfStart = StartOf(filter.AsOf);
        var asOfEnd = StartOf(filter.AsOf.AddDays(1));
        var offset = _offsetMinutes;

        Expression<Func<Dossier, bool>> received = d => d.ReceivedAt >= from && d.ReceivedAt < end;
        Expression<Func<Dossier, bool>> finished = d => d.ReceivedAt != null && d.FinishedAt >= from && d.FinishedAt < end;
        Expression<Func<Dossier, bool>> inProgress = d => d.ReceivedAt < asOfEnd && (d.FinishedAt == null || d.FinishedAt >= asOfEnd);
        Expression<Func<Dossier, bool>> earlyOrOnTime = d => d.ProcessingSupplementCount <= 1
            && d.EffectiveEndAt!.Value.AddMinutes(offset).Date <= d.PromisedAt!.Value.AddMinutes(offset).Date;

        return filter.Figure switch
        {
            Figure.Received => received,
            Figure.ReceivedOnline => And(received, d => d.Channel == Channel.Online),
            Figure.ReceivedInPerson => And(received, d => d.Channel != Channel.Online && d.Channel != Channel.Postal),
            Figure.ReceivedPostal => And(received, d => d.Channel == Channel.Postal),
            Figure.ReceivedInPersonOrPostal => And(received, d => d.Channel != Channel.Online),
            Figure.CarriedOver => d => d.ReceivedAt < from && (d.FinishedAt == null || d.FinishedAt >= from),
            Figure.ReportTotal => d => d.ReceivedAt < end && (d.FinishedAt == null || d.FinishedAt >= from),
            Figure.Finished => finished,
            Figure.FinishedEarly => And(finished, d => d.ProcessingSupplementCount <= 1
                && d.EffectiveEndAt!.Value.AddMinutes(offset).Date < d.PromisedAt!.Value.AddMinutes(offset).Date),
            Figure.FinishedOnTime => And(finished, d => d.ProcessingSupplementCount <= 1
                && d.EffectiveEndAt!.Value.AddMinutes(offset).Date == d.PromisedAt!.Value.AddMinutes(offset).Date),
            Figure.FinishedLate => And(finished, d => d.ProcessingSupplementCount > 1
                || d.EffectiveEndAt!.Value.AddMinutes(offset).Date > d.PromisedAt!.Value.AddMinutes(offset).Date),
            Figure.InProgress => inProgress,
            Figure.WithinDeadline => And(inProgress, d => d.PromisedAt >= asOfStart),
            Figure.Overdue => And(inProgress, d => d.PromisedAt < asOfStart),
            Figure.Paused => d => d.ReceivedAt != null && d.SupplementRequests.Any(r => !r.AtReception && r.RequestedAt < asOfEnd
                && (r.AnsweredAt == null ? d.FinishedAt == null || d.FinishedAt >= asOfEnd : r.AnsweredAt >= asOfEnd)),
            Figure.Online766 => And(received, d => d.Channel == Channel.Online && (d.HasElectronicResult
                || !versions.Any(v => v.Id == d.ProcedureVersionId && v.ResultIsDocument))),
            Figure.OnlineWithoutResult => And(received, d => d.Channel == Channel.Online && !d.HasElectronicResult
                && versions.Any(v => v.Id == d.ProcedureVersionId && v.ResultIsDocument)),
            Figure.Synced => And(received, d => d.SyncedAt != null),
            Figure.Unsynced => And(received, d => d.SyncedAt == null),
            Figure.Decided => And(received, d => d.Status == DossierStatus.Decided || d.Status == DossierStatus.ResultReturned),
            Figure.ElectronicResult => And(received, d => d.HasElectronicResult),
            Figure.DecidedWithoutElectronicResult => And(received, d => (d.Status == DossierStatus.Decided || d.Status == DossierStatus.ResultReturned) && !d.HasElectronicResult),
            Figure.Digitised => And(received, d => d.IsDigitised),
            Figure.NotDigitised => And(received, d => !d.IsDigitised),
            Figure.PaidOnline => And(received, d => d.Payment == PaymentState.PaidOnline),
            Figure.PaidOffline => And(received, d => d.Payment == PaymentState.PaidOffline),
            Figure.Rated => And(received, d => d.Rating != null),
            Figure.Satisfied => And(received, d => d.Rating >= DossierFacts.SatisfiedFrom),
            Figure.Unsatisfied => And(received, d => d.Rating < DossierFacts.SatisfiedFrom),
            Figure.PaidOfflineInPersonOrPostal => And(received, d => d.Payment == PaymentState.PaidOffline && d.Channel != Channel.Online),
            Figure.OnTimeOrWithinDeadline => Or(And(finished, earlyOrOnTime), And(inProgress, d => d.PromisedAt >= asOfStart)),
            _ => throw new ArgumentOutOfRangeException(nameof(filter)),
        };
    }

    private static Expression<Func<Dossier, bool>> And(Expression<Func<Dossier, bool>> left, Expression<Func<Dossier, bool>> right)
    {
        var body = new ParameterSwap(right.Parameters[0], left.Parameters[0]).Visit(right.Body);
        return Expression.Lambda<Func<Dossier, bool>>(Expression.AndAlso(left.Body, body), left.Parameters);
    }

    private static Expression<Func<Dossier, bool>> Or(Expression<Func<Dossier, bool>> left, Expression<Func<Dossier, bool>> right)
    {
        var body = new ParameterSwap(right.Parameters[0], left.Parameters[0]).Visit(right.Body);
        return Expression.Lambda<Func<Dossier, bool>>(Expression.OrElse(left.Body, body), left.Parameters);
    }

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
