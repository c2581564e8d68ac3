using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Payments;
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

/// <summary>
/// The applicant withdraws before a decision, with a reason; the aggregate refuses it once decided. A fee paid online
/// that the withdrawal rule refunds (<see cref="Dossier.FeeOnWithdrawal"/>) is recorded as due for refund on its
/// transaction, in the same save: the collecting agency pays it back, the portal moves no money itself.
/// </summary>
public sealed class WithdrawDossierHandler(PortalDb db, TimeProvider time, CalendarProvider calendars, IOptions<PaymentsOptions> payments)
{
    public static bool CanWithdraw(Dossier d) => d.CanMoveTo(DossierStatus.Withdrawn);

    /// <summary>What the withdrawal does with a fee already paid, for the pages to say before and after.</summary>
    public WithdrawalFee FeeRule(Dossier dossier) => dossier.FeeOnWithdrawal(payments.Value.RefundAfterReception);

    public async Task HandleAsync(Dossier dossier, WithdrawInput input, Actor applicant, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        dossier.Withdraw(VietnameseText.NormalizeMultiline(input.Reason), await calendars.GetAsync(ct), now, applicant);
        if (FeeRule(dossier) == WithdrawalFee.Refunded)
        {
            foreach (var payment in await db.Payments.Where(p => p.DossierId == dossier.Id && p.Status == PaymentStatus.Paid).ToListAsync(ct))
            {
                payment.RefundDue(dossier.IsReceived ? "Công dân rút hồ sơ trước khi có kết quả: hoàn trả phí đã nộp."
                    : "Công dân rút hồ sơ khi chưa được tiếp nhận: hoàn trả phí đã nộp.", now);
            }
        }

        // Nothing is left for the agencies to do: its steps and any request for another agency's opinion end with it.
        await Processing.StepWorkflow.CancelOpenAsync(db, dossier.Id, now, ct);
        await db.SaveChangesAsync(ct);
    }
}
