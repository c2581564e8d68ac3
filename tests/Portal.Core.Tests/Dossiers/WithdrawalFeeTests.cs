using Portal.Core.Dossiers;

namespace Portal.Core.Tests.Dossiers;

public sealed class WithdrawalFeeTests
{
    private static Dossier Paid(DossierStatus status)
    {
        var d = DossierScenarios.InStatus(status);
        d.RecordPayment(true, DossierScenarios.T0.AddMinutes(30), DossierScenarios.Citizen);
        return d;
    }

    [Fact]
    public void Nothing_paid_has_nothing_to_refund()
    {
        Assert.Equal(WithdrawalFee.NothingPaid, DossierScenarios.InStatus(DossierStatus.Submitted).FeeOnWithdrawal(refundAfterReception: true));
    }

    [Fact]
    public void A_fee_paid_for_a_dossier_never_received_is_refunded_before_and_after_the_withdrawal()
    {
        var d = Paid(DossierStatus.Submitted);
        Assert.Equal(WithdrawalFee.Refunded, d.FeeOnWithdrawal(refundAfterReception: false));
        d.Withdraw("Tôi nộp nhầm thủ tục.", DossierScenarios.WorkCalendar, DossierScenarios.T0.AddHours(1), DossierScenarios.Citizen);
        Assert.Equal(WithdrawalFee.Refunded, d.FeeOnWithdrawal(refundAfterReception: false));
    }

    [Fact]
    public void A_fee_paid_for_a_received_dossier_is_kept_unless_the_province_refunds_those_too()
    {
        var d = Paid(DossierStatus.InProcess);
        Assert.Equal(WithdrawalFee.Kept, d.FeeOnWithdrawal(refundAfterReception: false));
        Assert.Equal(WithdrawalFee.Refunded, d.FeeOnWithdrawal(refundAfterReception: true));
    }
}
