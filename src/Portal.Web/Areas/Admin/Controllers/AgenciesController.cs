using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Audit;
using Portal.Core.Catalog;
using Portal.Core.Dossiers;
using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Admin.Controllers;

/// <summary>
/// The agencies of the two-tier structure (since 1/7/2025): the tree with its search, creating an agency, renaming
/// it with its history kept, merging it into another, taking it out of service. Each change is one use case.
/// </summary>
[Area("Admin")]
[Authorize(Roles = Roles.Admin)]
[Route("quan-tri/co-quan")]
public sealed class AgenciesController(AgencyDirectory directory) : Controller
{
    private AuditActor Who => AuditTrail.ActorOf(User, HttpContext.Connection.RemoteIpAddress?.ToString());

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, CancellationToken ct) =>
        View(new AgencyTreePage(q, await directory.TreeAsync(q, ct)));

    [HttpGet("them")]
    public async Task<IActionResult> Create(CancellationToken ct) =>
        View(new AgencyCreatePage(new AgencyInput { Level = AgencyLevel.Commune }, await directory.InServiceAsync(ct)));

    [HttpPost("them")]
    public async Task<IActionResult> Create(AgencyInput input, [FromServices] CreateAgency create, [FromServices] IValidator<CreateAgency.Command> validator,
        CancellationToken ct)
    {
        var command = new CreateAgency.Command(input.Code, input.Name, input.Level ?? 0, input.ParentId, input.Address);
        var id = 0;
        if (Check(validator, command) && await TryAsync(async () => id = await create.HandleAsync(command, Who, ct)))
        {
            TempData["Message"] = Bilingual.T($"Đã tạo cơ quan {AgencyCode.Clean(input.Code)}.", $"The agency {AgencyCode.Clean(input.Code)} was created.");
            return Redirect($"/quan-tri/co-quan/{id}");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(new AgencyCreatePage(input, await directory.InServiceAsync(ct)));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken ct) =>
        await PageAsync(id, null, null, ct) is { } page ? View(page) : NotFound();

    [HttpPost("{id:int}/doi-ten")]
    public async Task<IActionResult> Rename(int id, RenameInput input, [FromServices] RenameAgency rename, [FromServices] IValidator<RenameAgency.Command> validator,
        CancellationToken ct)
    {
        var command = new RenameAgency.Command(id, input.Name, input.Address, input.From);
        if (Check(validator, command) && await TryAsync(() => rename.HandleAsync(command, Who, ct)))
        {
            TempData["Message"] = Bilingual.T("Đã lưu tên và địa chỉ mới.", "The new name and address were saved.");
            return Redirect($"/quan-tri/co-quan/{id}");
        }

        return await RedisplayAsync(id, input, null, ct);
    }

    [HttpPost("{id:int}/sap-nhap")]
    public async Task<IActionResult> Merge(int id, MergeInput input, [FromServices] MergeAgencies merge, [FromServices] IValidator<MergeAgencies.Command> validator,
        CancellationToken ct)
    {
        var command = new MergeAgencies.Command(id, input.IntoId, input.At, input.MoveOfficials, input.MoveOfferings);
        MergeAgencies.Result? result = null;
        if (Check(validator, command) && await TryAsync(async () => result = await merge.HandleAsync(command, Who, ct)) && result is not null)
        {
            TempData["Message"] = Bilingual.T($"Đã sáp nhập: {result.OfficialsMoved} cán bộ và {result.OfferingsMoved} thủ tục được chuyển sang cơ quan nhận.",
                $"Merged: {result.OfficialsMoved} officials and {result.OfferingsMoved} procedures moved to the receiving agency.");
            return Redirect($"/quan-tri/co-quan/{id}");
        }

        return await RedisplayAsync(id, null, input, ct);
    }

    [HttpPost("{id:int}/ngung")]
    public async Task<IActionResult> Deactivate(int id, [FromServices] DeactivateAgency deactivate, CancellationToken ct)
    {
        if (await TryAsync(() => deactivate.HandleAsync(new DeactivateAgency.Command(id), Who, ct)))
        {
            TempData["Message"] = Bilingual.T("Cơ quan đã ngừng hoạt động.", "The agency is out of service.");
            return Redirect($"/quan-tri/co-quan/{id}");
        }

        return await RedisplayAsync(id, null, null, ct);
    }

    private async Task<IActionResult> RedisplayAsync(int id, RenameInput? rename, MergeInput? merge, CancellationToken ct)
    {
        if (await PageAsync(id, rename, merge, ct) is not { } page)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Show), page);
    }

    private async Task<AgencyPage?> PageAsync(int id, RenameInput? rename, MergeInput? merge, CancellationToken ct)
    {
        if (await directory.DetailsAsync(id, ct) is not { } details)
        {
            return null;
        }

        var agency = details.Agency;
        var targets = (await directory.InServiceAsync(ct)).Where(a => a.Id != id && a.Level == agency.Level).ToList();
        return new AgencyPage(details, targets,
            rename ?? new RenameInput { Name = agency.Name, Address = agency.Address },
            merge ?? new MergeInput());
    }

    private bool Check<T>(IValidator<T> validator, T command)
    {
        foreach (var error in validator.Validate(command).Errors)
        {
            ModelState.AddModelError(error.PropertyName, Bilingual.Pick(error.ErrorMessage));
        }

        return ModelState.IsValid;
    }

    private Task<bool> TryAsync(Func<Task> action) => ModelState.TryAsync(action);

}

public sealed class AgencyInput
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public AgencyLevel? Level { get; set; }
    public int? ParentId { get; set; }
    public string? Address { get; set; }
}

public sealed class RenameInput
{
    public string? Name { get; set; }
    public string? Address { get; set; }
    public DateOnly? From { get; set; }
}

public sealed class MergeInput
{
    public int? IntoId { get; set; }
    public DateOnly? At { get; set; }
    public bool MoveOfficials { get; set; } = true;
    public bool MoveOfferings { get; set; } = true;
}

public sealed record AgencyTreePage(string? Query, IReadOnlyList<AgencyDirectory.Row> Rows);

public sealed record AgencyCreatePage(AgencyInput Input, IReadOnlyList<AgencyDirectory.Option> Parents);

public sealed record AgencyPage(AgencyDirectory.Details Details, IReadOnlyList<AgencyDirectory.Option> MergeTargets, RenameInput Rename, MergeInput Merge);

public static class AgencyText
{
    public static string Level(AgencyLevel level) => level switch
    {
        AgencyLevel.Province => Bilingual.T("UBND tỉnh, thành phố", "Province"),
        AgencyLevel.Department => Bilingual.T("Sở, ban, ngành", "Department"),
        AgencyLevel.Commune => Bilingual.T("Xã, phường, đặc khu", "Commune, ward, special zone"),
        _ => level.ToString(),
    };
}
