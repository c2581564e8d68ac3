using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Portal.Core.Api;
using Portal.Web.Infrastructure;

namespace Portal.Web.Api;

/// <summary>GET /api/v1/dossiers and /dossiers/{code}: scope dossiers:read, within the client's agencies.</summary>
public static class DossierEndpoints
{
    public static RouteGroupBuilder MapDossiers(this RouteGroupBuilder api)
    {
        var dossiers = api.MapGroup("").RequireAuthorization(ApiAuthorization.PolicyOf(ApiScopes.DossiersRead)).WithTags("Dossiers");

        dossiers.MapGet("/dossiers", async Task<Results<Ok<ApiDossierPage>, ProblemHttpResult>> (HttpContext http, ApiDossiers read, CancellationToken ct,
                string? agency, string? procedure, int? status, DateOnly? receivedFrom, DateOnly? receivedTo, string? after, int? limit) =>
            {
                if (status is not null and (< 1 or > 10) || limit is < 1 or > ApiDossiers.MaxLimit || (receivedFrom > receivedTo)
                    || (after is not null && !long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                {
                    return TypedResults.Problem(ApiProblems.For(StatusCodes.Status400BadRequest, Bilingual.T(
                        $"status từ 1 đến 10, limit từ 1 đến {ApiDossiers.MaxLimit}, receivedFrom không sau receivedTo, after là giá trị next của trang trước.",
                        $"status is 1 to 10, limit 1 to {ApiDossiers.MaxLimit}, receivedFrom not after receivedTo, after the next value of the previous page.")));
                }

                return TypedResults.Ok(await read.ListAsync(http.Caller().Reach, new ApiDossierFilter(agency, procedure, status, receivedFrom, receivedTo, after, limit), ct));
            })
            .WithName("ListDossiers")
            .WithSummary("Danh sách hồ sơ, lọc và phân trang theo khóa. / Dossiers, filtered, paged by key.")
            .WithDescription("Theo thứ tự tạo; trang sau lấy bằng after = next. Chỉ hồ sơ của các cơ quan ứng dụng được phép. receivedFrom/receivedTo là ngày giờ Việt Nam. / "
                + "In the order they were created; the next page with after = next. Only the dossiers of the agencies the client may see. receivedFrom/receivedTo are Viet Nam dates.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        dossiers.MapGet("/dossiers/{code}", async Task<Results<Ok<ApiDossier>, StatusCodeHttpResult, ProblemHttpResult>> (string code, HttpContext http, ApiDossiers read, CancellationToken ct) =>
            {
                if (await read.FindAsync(http.Caller().Reach, code, ct) is not { } dossier)
                {
                    return CatalogueEndpoints.NotFound();
                }

                var etag = new EntityTagHeaderValue("\"" + dossier.Version.ToString(CultureInfo.InvariantCulture) + "\"");
                http.Response.Headers.ETag = etag.ToString();
                var asked = http.Request.GetTypedHeaders().IfNoneMatch;
                if (asked.Any(t => t.Compare(etag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any)))
                {
                    return TypedResults.StatusCode(StatusCodes.Status304NotModified);
                }

                return TypedResults.Ok(dossier);
            })
            .WithName("GetDossier")
            .WithSummary("Một hồ sơ với lịch sử và thông tin giấy tờ. / One dossier with its history and documents' metadata.")
            .WithDescription("ETag là phiên bản của hồ sơ; If-None-Match với ETag đó trả 304. Hồ sơ ngoài các cơ quan được phép trả 404 như hồ sơ không có. / "
                + "The ETag is the dossier's version; If-None-Match with it answers 304. A dossier outside the allowed agencies answers 404 like one that does not exist.")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
