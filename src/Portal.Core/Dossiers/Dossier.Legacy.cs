using Portal.Core.Calendar;

namespace Portal.Core.Dossiers;

/// <summary>A dossier as a legacy one-stop system exported it (the national exchange format), already validated.</summary>
public sealed record LegacyDossierRecord(
    string Code,
    ProcedureRef Procedure,
    int AgencyId,
    Channel Channel,
    DossierStatus Status,
    DateTime? ReceivedAt,
    DateTime? PromisedAt,
    DateTime? FinishedAt,
    DateTime? ResultReturnedAt,
    int SupplementCount,
    long PausedMinutes,
    bool HasElectronicResult,
    PaymentState Payment,
    bool Synced,
    byte? Rating);

public sealed partial class Dossier
{
    public const string LegacyApplicantName = "Không rõ (nhập từ hệ thống cũ)";

    /// <summary>
    /// Takes over a dossier from a legacy system as it stands: its history before the portal is unknown, so it gets one
    /// history line and raises no event (nobody is notified of the past). A dossier awaiting a supplement during
    /// processing is paused from the moment of the import, the only start the portal can vouch for.
    /// </summary>
    public static Dossier FromLegacy(LegacyDossierRecord r, WorkingCalendar calendar, DateTime importedAt, Actor importer, Guid? importRunId = null)
    {
        var received = r.ReceivedAt is not null;
        DomainException.Ensure(received == (r.PromisedAt is not null),
            "Hồ sơ đã tiếp nhận phải có ngày hẹn trả, và chỉ hồ sơ đã tiếp nhận mới có.", "A received dossier needs a promised date, and only a received one has it.");
        DomainException.Ensure(!received || (r.Status is not (DossierStatus.Draft or DossierStatus.Submitted or DossierStatus.RefusedAtReception)),
            "Hồ sơ ở trạng thái này không thể có ngày tiếp nhận.", "A dossier in this status cannot have a reception date.");
        DomainException.Ensure((received && r.Status.IsFinished()) == (r.FinishedAt is not null),
            "Ngày kết thúc xử lý không khớp với trạng thái hồ sơ.", "The end of processing does not match the dossier's status.");

        var dossier = new Dossier(r.Procedure, r.AgencyId, new Applicant(ApplicantKind.Person, LegacyApplicantName, null, null, null, null),
            r.Channel, null, r.ReceivedAt ?? importedAt)
        {
            Code = r.Code,
            Status = r.Status,
            SubmittedAt = r.ReceivedAt,
            ReceivedAt = r.ReceivedAt,
            PromisedAt = r.PromisedAt,
            DueAt = r.PromisedAt,
            FinishedAt = r.FinishedAt,
            ResultReturnedAt = r.ResultReturnedAt,
            SupplementCount = r.SupplementCount,
            // Legacy systems count the supplements of received dossiers, which are those asked during processing.
            ProcessingSupplementCount = received ? r.SupplementCount : 0,
            // ThoiGianTamDungGio is working time, the clock's own measure.
            PausedMinutes = r.PausedMinutes,
            EffectiveEndAt = r.FinishedAt is { } finished ? calendar.SubtractWorkingMinutes(finished, r.PausedMinutes) : null,
            HasElectronicResult = r.HasElectronicResult,
            Payment = r.Payment,
            SyncedAt = r.Synced ? importedAt : null,
            LastSyncedStatus = r.Synced ? r.Status : null,
            Rating = r.Rating,
            UpdatedAt = importedAt,
            Version = 1,
            ImportRunId = importRunId,
        };
        if (received && r.Status == DossierStatus.AwaitingSupplement)
        {
            dossier.PausedSince = importedAt;
            dossier._supplementRequests.Add(new SupplementRequest(importedAt, importer,
                "Đang chờ bổ sung khi nhập từ hệ thống cũ.", ["Theo yêu cầu của hệ thống cũ"], atReception: false));
        }

        dossier._history.Add(new DossierHistoryEntry(importedAt, importer, DossierStatus.Draft, r.Status, nameof(FromLegacy),
            "Nhập từ hệ thống một cửa cũ (định dạng trao đổi quốc gia)."));
        return dossier;
    }
}
