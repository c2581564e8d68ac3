using Portal.Core.Calendar;
using Portal.Core.Data.Seeding;
using Portal.Core.Dossiers;

namespace Portal.Core.Tests.Dossiers;

/// <summary>Dossiers brought to a given status through the domain methods, at fixed times.</summary>
internal static class DossierScenarios
{
    public static readonly WorkingCalendar WorkCalendar = new(new WorkingTimeOptions(), ReferenceDataSeeder.OfficialDecisions);
    public static readonly Actor Citizen = new(Guid.NewGuid(), "Nguyễn Văn An", Roles.Citizen);
    public static readonly Actor Desk = new(Guid.NewGuid(), "Trần Thị Bình", Roles.Reception);
    public static readonly Actor Handler = new(Guid.NewGuid(), "Lê Văn Cường", Roles.Handler);
    public static readonly Actor Approver = new(Guid.NewGuid(), "Phạm Thị Dung", Roles.Approver);
    public static readonly ProcedureRef Procedure = new(1, 1, 1);
    public static readonly Applicant AnApplicant = new(ApplicantKind.Person, "Nguyễn Văn An", "031090001234", "0912345678", "an@example.vn", "Số 12 Lạch Tray");

    /// <summary>Monday 02/03/2026 09:00 in Hải Phòng.</summary>
    public static readonly DateTime T0 = new(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc);

    public static Dossier Draft() => Dossier.StartDraft(Procedure, 1, AnApplicant, Citizen.UserId!.Value, T0.AddMinutes(-30));

    public static Dossier InStatus(DossierStatus status, bool supplementAtReception = false)
    {
        var d = Draft();
        if (status == DossierStatus.Draft)
        {
            return d;
        }

        d.Submit("000.20.01.H31-260302-0001", "123456", T0, Citizen);
        switch (status)
        {
            case DossierStatus.Submitted:
                return d;
            case DossierStatus.RefusedAtReception:
                d.RefuseAtReception("Không thuộc thẩm quyền.", T0.AddHours(1), Desk);
                return d;
            case DossierStatus.AwaitingSupplement when supplementAtReception:
                d.RequestSupplement("Thiếu giấy chứng sinh.", ["Giấy chứng sinh"], T0.AddHours(1), Desk);
                return d;
        }

        d.Accept(WorkCalendar.PromisedAt(T0.AddHours(1), TimeLimit.WorkingDays(3)), T0.AddHours(1), Desk);
        if (status == DossierStatus.Received)
        {
            return d;
        }

        if (status == DossierStatus.Withdrawn)
        {
            d.Withdraw("Không còn nhu cầu.", WorkCalendar, T0.AddHours(2), Citizen);
            return d;
        }

        d.StartProcessing(T0.AddHours(2), Handler);
        switch (status)
        {
            case DossierStatus.InProcess:
                return d;
            case DossierStatus.AwaitingSupplement:
                d.RequestSupplement("Bản chụp không rõ.", ["Tờ khai"], T0.AddHours(3), Handler);
                return d;
            case DossierStatus.AwaitingPayment:
                d.RequestPayment(50_000, null, T0.AddHours(3), Handler);
                return d;
            case DossierStatus.Stopped:
                d.Stop("Hồ sơ không đủ điều kiện.", WorkCalendar, T0.AddHours(4), Approver);
                return d;
        }

        d.Decide(true, null, WorkCalendar, T0.AddHours(5), Approver);
        if (status == DossierStatus.Decided)
        {
            return d;
        }

        d.ReturnResult(ResultReturnMethod.Online, T0.AddHours(6), Actor.System);
        return d;
    }
}
