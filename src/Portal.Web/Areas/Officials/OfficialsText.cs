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
        "CompleteStep" => Bilingual.T("Hoàn thành bước", "Step completed"),
        nameof(Dossier.RequestPayment) => Bilingual.T("Yêu cầu nộp phí", "Payment requested"),
        nameof(Dossier.RecordPayment) => Bilingual.T("Đã nộp phí", "Paid"),
        nameof(Dossier.Stop) => Bilingual.T("Dừng xử lý", "Stopped"),
        nameof(Dossier.Decide) => Bilingual.T("Có kết quả", "Decided"),
        nameof(Dossier.ReturnResult) => Bilingual.T("Trả kết quả", "Result returned"),
        nameof(Dossier.Withdraw) => Bilingual.T("Rút hồ sơ", "Withdrawn"),
        nameof(Dossier.IssueApology) => Bilingual.T("Xin lỗi, hẹn lại", "Apology, new date"),
        _ => action,
    };
}
