namespace Portal.Core.Dossiers;

/// <summary>The national status codes (TrangThaiHoSo 1–10) plus the citizen's draft (0).</summary>
public enum DossierStatus : byte
{
    Draft = 0,
    Submitted = 1,
    Received = 2,
    RefusedAtReception = 3,
    InProcess = 4,
    AwaitingSupplement = 5,
    AwaitingPayment = 6,
    Withdrawn = 7,
    Stopped = 8,
    Decided = 9,
    ResultReturned = 10,
}

/// <summary>KenhThucHien: how the dossier reached the agency.</summary>
public enum Channel : byte
{
    InPerson = 1,
    Online = 2,
    Postal = 3,
}

public static class DossierStatusText
{
    public static string Vietnamese(this DossierStatus status) => status switch
    {
        DossierStatus.Draft => "Bản nháp",
        DossierStatus.Submitted => "Mới đăng ký",
        DossierStatus.Received => "Được tiếp nhận",
        DossierStatus.RefusedAtReception => "Không được tiếp nhận",
        DossierStatus.InProcess => "Đang xử lý",
        DossierStatus.AwaitingSupplement => "Yêu cầu bổ sung",
        DossierStatus.AwaitingPayment => "Yêu cầu thực hiện nghĩa vụ tài chính",
        DossierStatus.Withdrawn => "Công dân yêu cầu rút hồ sơ",
        DossierStatus.Stopped => "Dừng xử lý",
        DossierStatus.Decided => "Đã xử lý xong",
        DossierStatus.ResultReturned => "Đã trả kết quả",
        _ => status.ToString(),
    };

    public static string English(this DossierStatus status) => status switch
    {
        DossierStatus.Draft => "Draft",
        DossierStatus.Submitted => "Filed, awaiting reception",
        DossierStatus.Received => "Received",
        DossierStatus.RefusedAtReception => "Refused at reception",
        DossierStatus.InProcess => "In process",
        DossierStatus.AwaitingSupplement => "Supplement requested",
        DossierStatus.AwaitingPayment => "Payment requested",
        DossierStatus.Withdrawn => "Withdrawn by the applicant",
        DossierStatus.Stopped => "Processing stopped",
        DossierStatus.Decided => "Decided",
        DossierStatus.ResultReturned => "Result returned",
        _ => status.ToString(),
    };

    public static string Vietnamese(this Channel channel) => channel switch
    {
        Channel.InPerson => "Trực tiếp",
        Channel.Online => "Trực tuyến",
        Channel.Postal => "Bưu chính công ích",
        _ => channel.ToString(),
    };

    public static string English(this Channel channel) => channel switch
    {
        Channel.InPerson => "In person",
        Channel.Online => "Online",
        Channel.Postal => "Public postal service",
        _ => channel.ToString(),
    };

    /// <summary>Finished: the end of processing is known (withdrawn, stopped, decided or returned).</summary>
    public static bool IsFinished(this DossierStatus status) =>
        status is DossierStatus.Withdrawn or DossierStatus.Stopped or DossierStatus.Decided or DossierStatus.ResultReturned;
}
