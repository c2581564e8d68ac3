using FluentValidation;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Text;

namespace Portal.Core.Processing;

/// <summary>
/// The apology with a new date (Mẫu 04), by an approver of the agency, once only: the working deadline moves to the
/// end of the new day; the letter is mailed and texted to an online applicant and printed at the desk for others.
/// </summary>
public sealed class IssueApology(PortalDb db, TimeProvider time, CalendarProvider calendars, AuditTrail audit)
{
    public sealed record Command(long DossierId, int Version, string Reason, DateOnly? NewDate);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).Must(r => VietnameseText.Normalize(r).Length >= 5)
                .WithMessage("Nêu rõ lý do chậm trễ (ít nhất 5 ký tự). / State the reason for the delay (at least 5 characters).");
            RuleFor(c => c.Reason).Must(r => (r ?? string.Empty).Length <= 2000).WithMessage("Lý do tối đa 2000 ký tự. / The reason is at most 2000 characters.");
            RuleFor(c => c.NewDate).NotNull().WithMessage("Chọn ngày hẹn trả mới. / Choose the new return date.");
            RuleFor(c => c.NewDate).Must(d => d is not { Year: < 2000 or > 2100 })
                .WithMessage("Ngày hẹn trả mới không hợp lệ. / The new return date is not a valid date.");
        }
    }

    /// <summary>
    /// The one rule the page asks and the handler enforces: an approver of the receiving agency, once, on a dossier
    /// received and not finished (the aggregate guards the same).
    /// </summary>
    public static bool IsAvailable(Dossier dossier, OfficialContext who) =>
        who.ActsFor(dossier.AgencyId) && who.Has(Roles.Approver) && dossier.ApologyIssuedAt is null && dossier.IsReceived && !dossier.Status.IsFinished();

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct);
        DossierGate.RequireOwnAgency(dossier, who);
        who.Require(Roles.Approver, "ký phiếu xin lỗi và hẹn lại ngày trả kết quả", "issue apology letters");
        if (!IsAvailable(dossier, who))
        {
            throw dossier.ApologyIssuedAt is null
                ? new DomainException("Chỉ xin lỗi và hẹn lại với hồ sơ đang giải quyết.", "Only a dossier in progress can get an apology.")
                : new DomainException("Hồ sơ đã có phiếu xin lỗi; ngày hẹn chỉ được lùi một lần.", "An apology was already issued; the date may be moved only once.");
        }

        var calendar = await calendars.GetAsync(ct);
        var date = command.NewDate!.Value;
        DomainException.Ensure(calendar.IsWorkingDay(date),
            $"Ngày {date:dd/MM/yyyy} không phải ngày làm việc.", $"{date:dd/MM/yyyy} is not a working day.");
        var now = time.GetUtcNow().UtcDateTime;
        var reason = VietnameseText.NormalizeMultiline(command.Reason);
        dossier.IssueApology(calendar.ToUtc(date, calendar.Options.AfternoonEnd), reason, calendar, now, who.As(Roles.Approver));
        db.Outbox.Add(IssuedForms.Render(dossier, IssuedForms.Apology, now));
        audit.Add(who.Audit, "dossier.apology", dossier.Id, $"{date:dd/MM/yyyy}: {reason}");
        await db.SaveChangesAsync(ct);
    }
}
