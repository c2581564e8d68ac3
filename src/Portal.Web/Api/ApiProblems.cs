using Microsoft.AspNetCore.Mvc;
using Portal.Web.Infrastructure;

namespace Portal.Web.Api;

/// <summary>
/// Errors of the API as RFC 9457 problem details (application/problem+json), title and detail in the request's language
/// (<see cref="ApiLanguage"/>). The type is a stable address per kind of error, the same in both languages.
/// </summary>
public static class ApiProblems
{
    public const string ContentType = "application/problem+json";
    /// <summary>A URN, not an address of some host: the portal runs under each province's own domain.</summary>
    private const string TypeBase = "urn:cong-dich-vu-cong:problem:";

    public static ProblemDetails For(int status, string? detail = null)
    {
        var (kind, title, defaultDetail) = status switch
        {
            StatusCodes.Status400BadRequest => ("bad-request", Bilingual.T("Yêu cầu không hợp lệ", "Bad request"),
                Bilingual.T("Kiểm tra lại các tham số của yêu cầu.", "Check the request's parameters.")),
            StatusCodes.Status401Unauthorized => ("unauthorized", Bilingual.T("Chưa xác thực", "Not authenticated"),
                Bilingual.T("Gửi kèm access token hợp lệ (Authorization: Bearer …) lấy từ /connect/token.", "Send a valid access token (Authorization: Bearer …) obtained from /connect/token.")),
            StatusCodes.Status403Forbidden => ("forbidden", Bilingual.T("Không đủ quyền", "Not allowed"),
                Bilingual.T("Token không có phạm vi truy cập cần cho thao tác này.", "The token lacks the scope this operation needs.")),
            StatusCodes.Status404NotFound => ("not-found", Bilingual.T("Không tìm thấy", "Not found"),
                Bilingual.T("Không có tài nguyên này, hoặc nằm ngoài các cơ quan ứng dụng được phép xem.", "There is no such resource, or it is outside the agencies the client may see.")),
            StatusCodes.Status429TooManyRequests => ("too-many-requests", Bilingual.T("Quá nhiều yêu cầu", "Too many requests"),
                Bilingual.T("Ứng dụng đã vượt giới hạn số lần gọi; thử lại sau thời gian trong Retry-After.", "The client went over its call limit; try again after the Retry-After delay.")),
            _ when status >= 500 => ("server-error", Bilingual.T("Lỗi máy chủ", "Server error"),
                Bilingual.T("Đã có lỗi ở cổng; thử lại sau.", "The portal failed; try again later.")),
            _ => ("error", Bilingual.T("Lỗi", "Error"), null),
        };
        return new ProblemDetails { Type = TypeBase + kind, Title = title, Status = status, Detail = detail ?? defaultDetail };
    }

    public static IResult Result(int status, string? detail = null) =>
        TypedResults.Problem(For(status, detail));
}
