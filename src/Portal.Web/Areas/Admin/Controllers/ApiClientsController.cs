using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Api;
using Portal.Core.Audit;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Admin.Controllers;

/// <summary>
/// The systems that call the API (issue 16): register one with its scopes and agencies (its secret shown once),
/// change what it may do, give it a new secret, revoke it. Each change is one use case, audited <c>admin.apiclient.*</c>.
/// </summary>
[Area("Admin")]
[Authorize(Roles = Roles.Admin)]
[Route("quan-tri/ung-dung-api")]
public sealed class ApiClientsController(PortalDb db, AgencyDirectory directory) : Controller
{
    private const string SecretKey = "ApiClientSecret";

    private AuditActor Who => AuditTrail.ActorOf(User, HttpContext.Connection.RemoteIpAddress?.ToString());

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(new ApiClientList(await db.ApiClients.AsNoTracking().OrderBy(c => c.RevokedAt != null).ThenBy(c => c.Name).ToListAsync(ct), await AgencyNamesAsync(ct)));

    [HttpGet("them")]
    public async Task<IActionResult> New(CancellationToken ct) =>
        View(new ApiClientForm(new ApiClientInput { Scopes = [ApiScopes.CatalogueRead] }, await directory.InServiceAsync(ct)));

    [HttpPost("them")]
    public async Task<IActionResult> New(ApiClientInput input, [FromServices] CreateApiClient create, [FromServices] IValidator<CreateApiClient.Command> validator, CancellationToken ct)
    {
        var command = new CreateApiClient.Command(input.Name, input.Scopes ?? [], input.Agencies);
        CreateApiClient.Result? result = null;
        if (Check(validator, command) && await ModelState.TryAsync(async () => result = await create.HandleAsync(command, Who, ct)) && result is not null)
        {
            TempData[SecretKey] = result.Secret;
            TempData["Message"] = Bilingual.T($"Đã tạo ứng dụng {result.ClientId}.", $"The client {result.ClientId} was created.");
            return Redirect($"/quan-tri/ung-dung-api/{result.Id}");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(new ApiClientForm(input, await directory.InServiceAsync(ct)));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken ct)
    {
        // The secret was put here by the creation or the rotation and is read once: a reload no longer shows it.
        var secret = TempData[SecretKey] as string;
        return await PageAsync(id, null, secret, ct) is { } page ? View(page) : NotFound();
    }

    [HttpPost("{id:int}/quyen")]
    public async Task<IActionResult> Access(int id, ApiClientInput input, [FromServices] ChangeApiClientAccess change, CancellationToken ct)
    {
        if (!await db.ApiClients.AnyAsync(c => c.Id == id, ct))
        {
            return NotFound();
        }

        if (await ModelState.TryAsync(() => change.HandleAsync(new ChangeApiClientAccess.Command(id, input.Scopes ?? [], input.Agencies), Who, ct)))
        {
            TempData["Message"] = Bilingual.T("Đã lưu phạm vi và cơ quan của ứng dụng.", "The client's scopes and agencies were saved.");
            return Redirect($"/quan-tri/ung-dung-api/{id}");
        }

        return await RedisplayAsync(id, input, ct);
    }

    [HttpPost("{id:int}/doi-khoa")]
    public async Task<IActionResult> Rotate(int id, [FromServices] RotateApiClientSecret rotate, CancellationToken ct)
    {
        if (!await db.ApiClients.AnyAsync(c => c.Id == id, ct))
        {
            return NotFound();
        }

        string? secret = null;
        if (await ModelState.TryAsync(async () => secret = await rotate.HandleAsync(id, Who, ct)))
        {
            TempData[SecretKey] = secret;
            TempData["Message"] = Bilingual.T("Đã cấp khóa bí mật mới; khóa cũ và các token cấp bằng khóa cũ không dùng được nữa.",
                "A new secret was issued; the old one and the tokens issued with it no longer work.");
            return Redirect($"/quan-tri/ung-dung-api/{id}");
        }

        return await RedisplayAsync(id, null, ct);
    }

    [HttpPost("{id:int}/thu-hoi")]
    public async Task<IActionResult> Revoke(int id, [FromServices] RevokeApiClient revoke, CancellationToken ct)
    {
        if (!await db.ApiClients.AnyAsync(c => c.Id == id, ct))
        {
            return NotFound();
        }

        if (await ModelState.TryAsync(() => revoke.HandleAsync(id, Who, ct)))
        {
            TempData["Message"] = Bilingual.T("Đã thu hồi ứng dụng: không cấp token mới, token đang có bị từ chối.", "The client was revoked: no new token, and its tokens are refused.");
            return Redirect($"/quan-tri/ung-dung-api/{id}");
        }

        return await RedisplayAsync(id, null, ct);
    }

    private async Task<IActionResult> RedisplayAsync(int id, ApiClientInput? input, CancellationToken ct)
    {
        if (await PageAsync(id, input, null, ct) is not { } page)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Show), page);
    }

    private async Task<ApiClientPage?> PageAsync(int id, ApiClientInput? input, string? secret, CancellationToken ct)
    {
        var client = await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        return client is null ? null : new ApiClientPage(client, secret,
            new ApiClientForm(input ?? new ApiClientInput { Name = client.Name, Scopes = [.. client.Scopes], AgencyIds = [.. client.AgencyIds.Select(a => a.ToString(System.Globalization.CultureInfo.InvariantCulture))] }, await directory.InServiceAsync(ct)),
            await AgencyNamesAsync(ct));
    }

    private async Task<IReadOnlyDictionary<int, string>> AgencyNamesAsync(CancellationToken ct) =>
        await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);

    private bool Check<T>(IValidator<T> validator, T command)
    {
        foreach (var error in validator.Validate(command).Errors)
        {
            ModelState.AddModelError(error.PropertyName, Bilingual.Pick(error.ErrorMessage));
        }

        return ModelState.IsValid;
    }
}

public sealed class ApiClientInput
{
    public string? Name { get; set; }
    public List<string>? Scopes { get; set; }
    /// <summary>Texts, not numbers: an empty or odd value is left out here instead of becoming a binding error in both languages.</summary>
    public List<string>? AgencyIds { get; set; }

    public IReadOnlyList<int> Agencies =>
        [.. (AgencyIds ?? []).Select(a => int.TryParse(a, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0)];
}

public sealed record ApiClientList(IReadOnlyList<ApiClient> Clients, IReadOnlyDictionary<int, string> AgencyNames);

public sealed record ApiClientForm(ApiClientInput Input, IReadOnlyList<AgencyDirectory.Option> Agencies);

public sealed record ApiClientPage(ApiClient Client, string? Secret, ApiClientForm Form, IReadOnlyDictionary<int, string> AgencyNames);
