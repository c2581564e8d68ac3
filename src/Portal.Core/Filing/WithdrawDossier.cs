using FluentValidation;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Text;

namespace Portal.Core.Filing;

public sealed class WithdrawInput
{
    public string? Reason { get; set; }
}

public sealed class WithdrawValidator : AbstractValidator<WithdrawInput>
{
    public WithdrawValidator() =>
        RuleFor(x => x.Reason).Must(r => VietnameseText.Normalize(r).Length is >= 5 and <= 1000)
            .WithMessage("Vui lòng nêu lý do rút hồ sơ (5–1000 ký tự). / Please give the reason for withdrawing (5–1000 characters).");
}

/// <summary>The applicant withdraws before a decision, with a reason; the aggregate refuses it once decided.</summary>
public sealed class WithdrawDossierHandler(PortalDb db, TimeProvider time, CalendarProvider calendars)
{
    public static bool CanWithdraw(Dossier d) => d.CanMoveTo(DossierStatus.Withdrawn);

    public async Task HandleAsync(Dossier dossier, WithdrawInput input, Actor applicant, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        dossier.Withdraw(VietnameseText.NormalizeMultiline(input.Reason), await calendars.GetAsync(ct), now, applicant);
        // Nothing is left for the agencies to do: its steps and any request for another agency's opinion end with it.
        await Processing.StepWorkflow.CancelOpenAsync(db, dossier.Id, now, ct);
        await db.SaveChangesAsync(ct);
    }
}
