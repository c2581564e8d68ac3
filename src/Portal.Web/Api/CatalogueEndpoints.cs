using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Core.Api;

namespace Portal.Web.Api;

/// <summary>GET /api/v1/agencies, /procedures, /procedures/{code}: the catalogue, scope catalogue:read.</summary>
public static class CatalogueEndpoints
{
    public static RouteGroupBuilder MapCatalogue(this RouteGroupBuilder api)
    {
        var catalogue = api.MapGroup("").RequireAuthorization(ApiAuthorization.PolicyOf(ApiScopes.CatalogueRead)).WithTags("Catalogue");

        catalogue.MapGet("/agencies", async (ApiCatalogue read, CancellationToken ct) => TypedResults.Ok(await read.AgenciesAsync(ct)))
            .WithName("ListAgencies")
            .WithSummary("Danh sách cơ quan. / The agencies.")
            .WithDescription("Mọi cơ quan của tỉnh, cả cơ quan đã sáp nhập (với mã cơ quan nhận). / Every agency of the province, merged ones too (with the agency they went into).");

        catalogue.MapGet("/procedures", async (string? agency, ApiCatalogue read, CancellationToken ct) => TypedResults.Ok(await read.ProceduresAsync(agency, ct)))
            .WithName("ListProcedures")
            .WithSummary("Danh sách thủ tục đang công bố. / The published procedures.")
            .WithDescription("Theo mã; agency (mã cơ quan) giữ lại các thủ tục cơ quan đó cung cấp. / By code; agency (an agency code) keeps those that agency offers.");

        catalogue.MapGet("/procedures/{code}", async Task<Results<Ok<ApiProcedure>, ProblemHttpResult>> (string code, ApiCatalogue read, CancellationToken ct) =>
                await read.ProcedureAsync(code, ct) is { } procedure ? TypedResults.Ok(procedure) : NotFound())
            .WithName("GetProcedure")
            .WithSummary("Một thủ tục với các phiên bản, thành phần hồ sơ, phí và tờ khai. / One procedure with its versions, documents, fees and e-form.")
            .WithDescription("Mọi phiên bản đã công bố; bản nháp không bao giờ hiện ra. / Every published version; drafts never appear.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static ProblemHttpResult NotFound() => TypedResults.Problem(ApiProblems.For(StatusCodes.Status404NotFound));
}
