using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Documents.Forms;
using Portal.Core.Dossiers;
using Portal.Core.Filing;
using Portal.Core.Identity;
using Portal.Core.Processing;
using Portal.Core.Text;

namespace Portal.Web.Areas.Officials.Controllers;

/// <summary>
/// The counter form: the desk records a walk-in or postal dossier (applicant, procedure, e-form, scanned documents),
/// received at once, so it counts in the same statistics as online filings.
/// </summary>
[Route("can-bo/quay")]
public sealed class CounterController(PortalDb db, CalendarProvider calendars, TimeProvider time) : OfficialsControllerBase
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? thuTuc, Channel? kenh, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Reception))
        {
            throw DeskOnly();
        }

        var input = new CounterInput { ProcedureId = thuTuc ?? 0, Channel = kenh is Channel.Postal ? Channel.Postal : Channel.InPerson, StartNow = true };
        return View(await BuildAsync(input, ct));
    }

    [HttpPost("")]
    [RequestSizeLimit(220 * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = 220 * 1024 * 1024)]
    public async Task<IActionResult> Register(CounterInput input, [FromServices] RegisterAtDesk handler, [FromServices] IValidator<RegisterAtDesk.Command> validator,
        [FromServices] StageScans staging, [FromServices] RenderNow render, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Reception))
        {
            throw DeskOnly();
        }

        var model = await BuildAsync(input, ct);
        if (model.Version is null)
        {
            ModelState.AddModelError(nameof(input.ProcedureId), Localize("Chọn thủ tục hành chính. / Choose the procedure."));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Index", model);
        }

        var raw = model.Version.Form.ToDictionary(f => f.Key, f => (string?)Request.Form[CounterModel.FieldName(f.Key)].ToString());
        var form = FormAnswers.FromInput(model.Version.Form, key => raw[key]).Values;

        // A slot left empty sends no name; a chosen file of zero bytes has one and is refused, not silently dropped.
        var scans = Request.Form.Files
            .Where(f => (f.Length > 0 || !string.IsNullOrEmpty(f.FileName)) && f.Name.StartsWith("scan_", StringComparison.Ordinal))
            .Select(f => new OfficialFile(f.FileName, f.Length, f.OpenReadStream,
                int.TryParse(f.Name.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : null,
                "Giấy tờ khác"))
            .ToList();
        // Scans kept from an earlier round: the unticked ones go; a new file chosen in a document's slot replaces the kept one.
        var unstaged = Tokens(input.Unstage);
        await staging.DropAsync(unstaged.Take(MaxTokens), Who, ct);
        var tokens = Tokens(input.Staged).Except(unstaged, StringComparer.Ordinal).ToList();
        // More tokens than a form can carry are not looked up: they count as unusable.
        var kept = await staging.FindAsync(tokens.Take(MaxTokens), Who, ct);
        if (kept.Count < tokens.Count)
        {
            var gone = StagedScan.Gone();
            ModelState.AddModelError(nameof(input.Staged), Localize($"{gone.Vietnamese} / {gone.English}"));
        }

        var replaced = scans.Select(s => s.RequirementIndex).OfType<int>().ToHashSet();
        var superseded = kept.Where(k => k.RequirementIndex is { } i && replaced.Contains(i)).ToList();
        var carried = kept.Except(superseded).ToList();
        var received = ReceptionChecklist.FromForm(input.Received, input.Copies);
        var command = new RegisterAtDesk.Command(input.Channel, input.ProcedureId,
            new RegisterAtDesk.ApplicantInput(input.Kind, input.FullName, input.IdNumber?.Trim(), input.Phone, input.Email, input.Address), key => raw[key], scans, input.StartNow,
            received, [.. carried.Select(k => k.Token)]);
        try
        {
            // The applicant's fields and the e-form are checked together: one round of corrections, not two. The handler checks
            // the e-form itself; only when it is not reached are the e-form's errors asked for apart.
            var applicantValid = ModelState.IsValid & Check(validator, command);
            var result = applicantValid ? await handler.HandleAsync(command, Who, ct) : new RegisterAtDesk.Result(null, await handler.FormErrorsAsync(command, Who, ct));
            if (result.DossierId is { } id)
            {
                await staging.DropAsync(superseded.Select(k => k.Token), Who, CancellationToken.None);
                // The applicant is standing at the desk: the receipt is rendered now, through the outbox row's own claim, so
                // the success page can print it; should a worker hold the claim, the print page waits for it.
                await render.TryAsync(id, Receipt01.DocumentType, ct);
                TempData["Message"] = Localize("Đã ghi nhận hồ sơ tại quầy; mã hồ sơ đã được cấp. / The desk dossier was recorded and given its code.");
                TempData["Receipt"] = true;
                return Redirect($"/can-bo/ho-so/{id}");
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(CounterModel.FieldName(error.Field), Localize(error.Message));
            }
        }
        catch (Portal.Core.DomainException refused)
        {
            // A refused scan, a missing mandatory document: on the same form, in the page's language, with what was typed.
            ModelState.AddModelError("Received", Localize($"{refused.Vietnamese} / {refused.English}"));
        }

        // The browser cannot refill a file input: every scan that passes the checks is kept for the next round.
        var (fresh, rejected) = await staging.KeepAsync(scans, Who, ct);
        foreach (var reason in rejected)
        {
            ModelState.AddModelError("Scans", Localize(reason));
        }

        var nowKept = fresh.Select(k => k.RequirementIndex).OfType<int>().ToHashSet();
        var replacedNow = superseded.Where(k => nowKept.Contains(k.RequirementIndex!.Value)).ToList();
        await staging.DropAsync(replacedNow.Select(k => k.Token), Who, ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Index", model with
        {
            FilesRefused = rejected.Count > 0,
            Staged = [.. carried.Concat(superseded.Except(replacedNow)).Concat(fresh)],
            Form = raw.ToDictionary(x => x.Key, x => form.GetValueOrDefault(x.Key) ?? x.Value),
        });
    }

    /// <summary>A form carries one token per kept scan; a dossier takes at most a few dozen files.</summary>
    private const int MaxTokens = 50;

    private static List<string> Tokens(List<string>? posted) =>
        [.. (posted ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.Ordinal)];

    private static ActionNotPermittedException DeskOnly() =>
        new("Chỉ cán bộ một cửa được tiếp nhận hồ sơ tại quầy.", "Only the desk records dossiers at the counter.");

    private async Task<CounterModel> BuildAsync(CounterInput input, CancellationToken ct)
    {
        var agencyId = User.AgencyId() ?? 0;
        var procedures = await (from pa in db.ProcedureAgencies
                                join p in db.Procedures on pa.ProcedureId equals p.Id
                                where pa.AgencyId == agencyId && p.IsPublished && pa.Agency!.IsActive
                                select new ProcedureOption(p.Id, p.Name)).AsNoTracking().ToListAsync(ct);
        procedures = [.. procedures.OrderBy(p => p.Name, VietnameseText.Collation)];
        ProcedureVersion? version = null;
        if (procedures.Any(p => p.Id == input.ProcedureId))
        {
            // The version RegisterAtDesk will file under.
            var procedure = await db.Procedures.AsNoTracking().Include(p => p.Versions).SingleAsync(p => p.Id == input.ProcedureId, ct);
            version = procedure.VersionInForce((await calendars.GetAsync(ct)).LocalDate(time.GetUtcNow().UtcDateTime));
        }

        return new CounterModel(input, procedures, version, new Dictionary<string, string?>(), false, []);
    }
}

public sealed class CounterInput
{
    public Channel Channel { get; set; } = Channel.InPerson;
    public int ProcedureId { get; set; }
    public ApplicantKind Kind { get; set; } = ApplicantKind.Person;
    public string? FullName { get; set; }
    public string? IdNumber { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
    public bool StartNow { get; set; }

    /// <summary>The procedure's documents ticked as handed in on paper (indexes).</summary>
    public List<int>? Received { get; set; }

    /// <summary>Copies received, by document index.</summary>
    public Dictionary<int, int>? Copies { get; set; }

    /// <summary>Tokens of the scans kept from the last round (<see cref="StageScans"/>).</summary>
    public List<string>? Staged { get; set; }

    /// <summary>Kept scans the desk unticked.</summary>
    public List<string>? Unstage { get; set; }
}

/// <param name="FilesRefused">A chosen scan was refused and is not kept: it must be chosen again (another file).</param>
/// <param name="Staged">The scans kept for this form, shown by slot with a box to drop each.</param>
public sealed record CounterModel(CounterInput Input, IReadOnlyList<ProcedureOption> Procedures, ProcedureVersion? Version,
    IReadOnlyDictionary<string, string?> Form, bool FilesRefused, IReadOnlyList<StageScans.Kept> Staged)
{
    /// <summary>The form field that carries an e-form answer (kept apart from the applicant's fields).</summary>
    public static string FieldName(string key) => "f_" + key;
}
