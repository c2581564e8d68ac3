using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Core.Catalog;

/// <summary>
/// Agency A is merged into agency B from a date, as communes were in 2025. A stays, marked merged into B: it takes no
/// new dossiers, its officials and its procedure offerings move to B (each on request), and its dossiers stay A's,
/// so the figures of every period keep them under A and a province-wide figure does not move.
/// </summary>
public sealed class MergeAgencies(PortalDb db, AuditTrail audit, TimeProvider time, IOptions<WorkingTimeOptions> workingTime)
{
    public sealed record Command(int AgencyId, int? IntoId, DateOnly? At, bool MoveOfficials = true, bool MoveOfferings = true);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.IntoId).NotNull()
                .WithMessage("Chọn cơ quan nhận sáp nhập. / Choose the agency it is merged into.");
            RuleFor(c => c.IntoId).Must((c, into) => into != c.AgencyId).When(c => c.IntoId is not null)
                .WithMessage("Không thể sáp nhập một cơ quan vào chính nó. / An agency cannot be merged into itself.");
            RuleFor(c => c.At).Must(d => d is { Year: >= 2000 and <= 2100 })
                .WithMessage("Nhập ngày sáp nhập có hiệu lực (từ năm 2000 đến 2100). / Enter the date the merger takes effect (years 2000 to 2100).");
        }
    }

    public record Result(int OfficialsMoved, int OfferingsMoved);

    public async Task<Result> HandleAsync(Command command, AuditActor who, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, workingTime.Value.ResolveTimeZone()));
        // The officials move now, so the merger is recorded once it has taken effect, not in advance.
        DomainException.Ensure(command.At <= today, "Ngày sáp nhập không được sau hôm nay: ghi nhận khi việc sáp nhập đã có hiệu lực.",
            "The merger date cannot be after today: record it once it has taken effect.");
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == command.AgencyId, ct)
            ?? throw new DomainException("Không tìm thấy cơ quan.", "The agency was not found.");
        var into = await db.Agencies.SingleOrDefaultAsync(a => a.Id == command.IntoId, ct)
            ?? throw new DomainException("Không tìm thấy cơ quan nhận sáp nhập.", "The agency it is merged into was not found.");
        var before = AgencyAudit.Facts(agency);
        agency.MergeInto(into, command.At!.Value);

        var officials = 0;
        if (command.MoveOfficials)
        {
            var users = await db.Users.Where(u => u.AgencyId == agency.Id).ToListAsync(ct);
            foreach (var user in users)
            {
                user.AgencyId = into.Id;
                // The agency is a claim of the sign-in cookie: a new stamp makes the next check sign them in again.
                user.SecurityStamp = Guid.NewGuid().ToString("N");
            }

            officials = users.Count;
        }

        var offerings = 0;
        if (command.MoveOfferings)
        {
            var rows = await db.ProcedureAgencies.Where(pa => pa.AgencyId == agency.Id).ToListAsync(ct);
            var already = (await db.ProcedureAgencies.Where(pa => pa.AgencyId == into.Id).Select(pa => pa.ProcedureId).ToListAsync(ct)).ToHashSet();
            foreach (var row in rows)
            {
                db.ProcedureAgencies.Remove(row);
                if (already.Add(row.ProcedureId))
                {
                    db.ProcedureAgencies.Add(new ProcedureAgency(row.ProcedureId, into.Id));
                }
            }

            offerings = rows.Count;
        }

        var open = await db.Dossiers.CountAsync(d => d.AgencyId == agency.Id && OpenStatuses.Contains(d.Status), ct);
        audit.Add(who, AuditActions.AgencyMerge, null, AuditDetail.Change(before,
            new { agency = AgencyAudit.Facts(agency), intoCode = into.Code, officialsMoved = officials, offeringsMoved = offerings, openDossiersKept = open }));
        await db.SaveChangesAsync(ct);
        return new Result(officials, offerings);
    }

    /// <summary>Dossiers an agency still has to act on: received or awaiting reception, and not finished.</summary>
    public static readonly DossierStatus[] OpenStatuses =
        [DossierStatus.Submitted, DossierStatus.Received, DossierStatus.InProcess, DossierStatus.AwaitingSupplement, DossierStatus.AwaitingPayment];
}
