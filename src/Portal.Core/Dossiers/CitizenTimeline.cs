namespace Portal.Core.Dossiers;

/// <summary>
/// What the applicant's timeline shows of a dossier's history: each entry named in words (never the domain
/// method's name), and a note only where it was written for the applicant: a reason they must act on or know,
/// their own words, the decision. The officials' working notes (assignments, hand-offs between steps, opinions
/// asked of other agencies) stay on the officials' side.
/// </summary>
public static class CitizenTimeline
{
    public sealed record Line(DateTime At, string Vietnamese, string English, DossierStatus Status, string ActorName, string Role, string? Note);

    /// <summary>The actions whose note is addressed to the applicant (or is the applicant's own).</summary>
    private static readonly HashSet<string> PublicNotes =
    [
        nameof(Dossier.RefuseAtReception), nameof(Dossier.RequestSupplement), nameof(Dossier.SubmitSupplement),
        nameof(Dossier.ReceiveSupplementAtDesk), nameof(Dossier.RequestPayment), nameof(Dossier.Stop), nameof(Dossier.Decide),
        nameof(Dossier.Withdraw), nameof(Dossier.IssueApology),
    ];

    public static IReadOnlyList<Line> Of(IEnumerable<DossierHistoryEntry> history) =>
        history.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h =>
        {
            var (vi, en) = Name(h);
            var note = PublicNotes.Contains(h.Action) && !string.IsNullOrWhiteSpace(h.Note) ? h.Note : null;
            return new Line(h.At, vi, en, h.To, h.ActorName, h.Role, note);
        }).ToList();

    /// <summary>The entry in words, for the applicant. An action this list does not know yet reads as a plain update.</summary>
    public static (string Vietnamese, string English) Name(DossierHistoryEntry h) => h.Action switch
    {
        nameof(Dossier.Submit) => ("Nộp hồ sơ trực tuyến", "Filed online"),
        nameof(Dossier.Accept) => ("Tiếp nhận hồ sơ", "Received"),
        nameof(Dossier.RegisterAtDesk) => ("Tiếp nhận tại quầy", "Received at the desk"),
        nameof(Dossier.RefuseAtReception) => ("Từ chối tiếp nhận", "Refused at reception"),
        nameof(Dossier.RequestSupplement) => ("Yêu cầu bổ sung", "Supplement requested"),
        nameof(Dossier.SubmitSupplement) => ("Nộp bổ sung", "Supplement filed"),
        nameof(Dossier.ReceiveSupplementAtDesk) => ("Nộp bổ sung tại quầy", "Supplement handed in at the desk"),
        nameof(Dossier.StartProcessing) => ("Chuyển bộ phận chuyên môn giải quyết", "Handed to the officers who decide it"),
        "AssignStep" => ("Phân công cán bộ giải quyết", "An officer was assigned"),
        "CompleteStep" => ("Hoàn thành một bước, chuyển bước tiếp theo", "One step done, the next one started"),
        "SendBack" => ("Chuyển lại bước trước để xem xét lại", "Returned to the previous step for another look"),
        nameof(Processing.RequestOpinion) => ("Xin ý kiến cơ quan liên quan", "Another agency was asked for its opinion"),
        nameof(Processing.AnswerOpinion) => ("Cơ quan liên quan đã cho ý kiến", "The other agency gave its opinion"),
        nameof(Processing.WithdrawOpinion) => ("Không cần ý kiến cơ quan liên quan nữa", "The other agency's opinion is no longer needed"),
        nameof(Dossier.RequestPayment) => ("Yêu cầu nộp phí, lệ phí", "Fee requested"),
        nameof(Dossier.RecordPayment) => h.Note == "Thanh toán trực tuyến" ? ("Đã thanh toán trực tuyến", "Paid online") : ("Đã nộp phí, lệ phí", "Fee paid"),
        nameof(Dossier.Stop) => ("Dừng xử lý", "Processing stopped"),
        nameof(Dossier.Decide) => ("Có kết quả giải quyết", "Decided"),
        nameof(Dossier.ReturnResult) => ("Trả kết quả", "Result returned"),
        nameof(Dossier.Withdraw) => ("Rút hồ sơ", "Withdrawn"),
        nameof(Dossier.IssueApology) => ("Xin lỗi và hẹn lại ngày trả", "Apology and a new date"),
        nameof(Dossier.FromLegacy) => ("Chuyển từ hệ thống một cửa cũ", "Carried over from the previous one-stop system"),
        _ => ("Cập nhật hồ sơ", "Dossier updated"),
    };
}
