using Portal.Core.Dossiers;
using Portal.Core.Processing;
using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Officials;

/// <summary>Labels the officials' pages share (Vietnamese first, English when the page is in English).</summary>
public static class OfficialsText
{
    /// <summary>A "Vietnamese / English" message (validation, model binding) in the page's language.</summary>
    public static string Message(string message)
    {
        var parts = message.Split(" / ", 2);
        return parts.Length == 2 ? Bilingual.T(parts[0], parts[1]) : message;
    }

    public static string Opinion(OpinionState s) => s switch
    {
        OpinionState.Open => Bilingual.T("Chờ trả lời", "Awaiting the answer"),
        OpinionState.Answered => Bilingual.T("Đã trả lời", "Answered"),
        OpinionState.Withdrawn => Bilingual.T("Đã rút", "Withdrawn"),
        _ => Bilingual.T("Đã hủy (hồ sơ kết thúc)", "Cancelled (the dossier ended)"),
    };

    public static string Status(DossierStatus s) => Bilingual.T(s.Vietnamese(), s.English());

    public static string Channel(Channel c) => Bilingual.T(c.Vietnamese(), c.English());

    public static string Role(string role) => Bilingual.T(Roles.Vietnamese(role), role);

    public static string Result(Timeliness? t) => Bilingual.T(t.Vietnamese(), t.English());

    /// <summary>A badge colour with enough contrast on white (WCAG AA) for each status.</summary>
    public static string StatusClass(DossierStatus s) => s switch
    {
        DossierStatus.Submitted => "text-bg-primary",
        DossierStatus.Received or DossierStatus.InProcess => "text-bg-info",
        DossierStatus.AwaitingSupplement or DossierStatus.AwaitingPayment => "text-bg-warning",
        DossierStatus.Decided => "text-bg-success",
        DossierStatus.ResultReturned => "text-bg-secondary",
        _ => "text-bg-dark",
    };

    /// <summary>The roles of an audit line ("Handler,Leader") in words.</summary>
    public static string RoleList(string roles) =>
        string.Join(", ", roles.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Role));

    public static string AuditAction(string action) => action switch
    {
        "dossier.view" => Bilingual.T("Xem hồ sơ", "Viewed the dossier"),
        "dossier.audit.view" => Bilingual.T("Xem nhật ký", "Viewed the trail"),
        "document.download" => Bilingual.T("Tải tài liệu", "Downloaded a document"),
        "dossier.controlsheet.download" => Bilingual.T("Tải phiếu kiểm soát", "Downloaded the control sheet"),
        "worklist.search" => Bilingual.T("Tìm kiếm", "Searched"),
        "deadline.duesoon" => Bilingual.T("Nhắc sắp đến hạn", "Due-soon warning"),
        "deadline.overdue" => Bilingual.T("Ghi nhận quá hạn", "Marked overdue"),
        "dossier.accept" => Bilingual.T("Tiếp nhận", "Received"),
        "dossier.start" => Bilingual.T("Chuyển xử lý", "Handed to processing"),
        "dossier.supplement" => Bilingual.T("Yêu cầu bổ sung", "Asked for a supplement"),
        "dossier.refuse" => Bilingual.T("Từ chối tiếp nhận", "Refused"),
        "dossier.register" => Bilingual.T("Tiếp nhận tại quầy", "Recorded at the desk"),
        "dossier.step.complete" => Bilingual.T("Hoàn thành bước", "Completed a step"),
        "dossier.step.assign" => Bilingual.T("Phân công", "Assigned"),
        "dossier.payment.request" => Bilingual.T("Yêu cầu nộp phí", "Asked for payment"),
        "dossier.payment.record" => Bilingual.T("Thu phí", "Recorded a payment"),
        "dossier.stop" => Bilingual.T("Dừng xử lý", "Stopped"),
        "dossier.decide" => Bilingual.T("Ghi nhận kết quả", "Decided"),
        "dossier.result.attach" => Bilingual.T("Đính kèm kết quả", "Attached the result"),
        "dossier.return" => Bilingual.T("Trả kết quả", "Returned the result"),
        "dossier.apology" => Bilingual.T("Phiếu xin lỗi", "Apology"),
        "dossier.step.sendback" => Bilingual.T("Trả lại bước trước", "Sent back a step"),
        "dossier.supplement.desk" => Bilingual.T("Nhận bổ sung tại quầy", "Supplement received at the desk"),
        "dossier.opinion.request" => Bilingual.T("Xin ý kiến cơ quan khác", "Asked another agency's opinion"),
        "dossier.opinion.answer" => Bilingual.T("Trả lời xin ý kiến", "Answered a request for an opinion"),
        "dossier.opinion.withdraw" => Bilingual.T("Rút đề nghị cho ý kiến", "Withdrew a request for an opinion"),
        _ => action,
    };

    public static string Action(string action) => action switch
    {
        nameof(Dossier.Submit) => Bilingual.T("Nộp trực tuyến", "Filed online"),
        nameof(Dossier.RegisterAtDesk) => Bilingual.T("Tiếp nhận tại quầy", "Recorded at the desk"),
        nameof(Dossier.Accept) => Bilingual.T("Tiếp nhận", "Received"),
        nameof(Dossier.RefuseAtReception) => Bilingual.T("Từ chối tiếp nhận", "Refused at reception"),
        nameof(Dossier.RequestSupplement) => Bilingual.T("Yêu cầu bổ sung", "Supplement requested"),
        nameof(Dossier.SubmitSupplement) => Bilingual.T("Công dân bổ sung", "Supplement submitted"),
        nameof(Dossier.StartProcessing) => Bilingual.T("Chuyển xử lý", "Handed to processing"),
        "AssignStep" => Bilingual.T("Phân công", "Assigned"),
        "SendBack" => Bilingual.T("Trả lại bước trước", "Sent back a step"),
        nameof(RequestOpinion) => Bilingual.T("Xin ý kiến cơ quan khác", "Opinion requested"),
        nameof(AnswerOpinion) => Bilingual.T("Cơ quan khác cho ý kiến", "Opinion given"),
        nameof(WithdrawOpinion) => Bilingual.T("Rút đề nghị cho ý kiến", "Opinion request withdrawn"),
        nameof(Dossier.ReceiveSupplementAtDesk) => Bilingual.T("Nhận bổ sung tại quầy", "Supplement received at the desk"),
        "CompleteStep" => Bilingual.T("Hoàn thành bước", "Step completed"),
        nameof(Dossier.RequestPayment) => Bilingual.T("Yêu cầu nộp phí", "Payment requested"),
        nameof(Dossier.RecordPayment) => Bilingual.T("Đã nộp phí", "Paid"),
        nameof(Dossier.Stop) => Bilingual.T("Dừng xử lý", "Stopped"),
        nameof(Dossier.Decide) => Bilingual.T("Có kết quả", "Decided"),
        nameof(Dossier.ReturnResult) => Bilingual.T("Trả kết quả", "Result returned"),
        nameof(Dossier.Withdraw) => Bilingual.T("Rút hồ sơ", "Withdrawn"),
        nameof(Dossier.IssueApology) => Bilingual.T("Xin lỗi, hẹn lại", "Apology, new date"),
        nameof(Dossier.FromLegacy) => Bilingual.T("Chuyển từ hệ thống cũ", "Carried over from the old system"),
        _ => action,
    };
}
