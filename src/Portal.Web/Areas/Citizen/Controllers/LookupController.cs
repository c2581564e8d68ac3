using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Security;
using Portal.Core.Text;
using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Citizen.Controllers;

/// <summary>
/// The public lookup by dossier code and PIN (printed on the receipt). Rate-limited per client address; a wrong code
/// and a wrong PIN get the same answer, until five wrong PINs for one code close it for an hour (LookupLockout); it
/// shows status and dates, and of the applicant only the initials.
/// </summary>
[Area("Citizen")]
[AllowAnonymous]
[Route("tra-cuu")]
public sealed class LookupController(PortalDb db, LookupLockout lockout, TimeProvider time) : Controller
{
    [HttpGet("")]
    public IActionResult Index(string? ma) => View(new LookupPage(new LookupInput { Code = VietnameseText.Normalize(ma) }, null));

    [HttpPost("")]
    [EnableRateLimiting(RateLimits.Lookup)]
    public async Task<IActionResult> Find(LookupInput input, CancellationToken ct)
    {
        var code = VietnameseText.Normalize(input.Code).ToUpperInvariant();
        var pin = new string(VietnameseText.Normalize(input.Pin).Where(char.IsAsciiDigit).ToArray());
        ModelState.Clear();
        if (code.Length is < 10 or > 40 || pin.Length is < 4 or > 8)
        {
            ModelState.AddModelError(string.Empty, Bilingual.T("Nhập mã hồ sơ (ví dụ 000.20.01.H31-260115-0001) và mã tra cứu 4–6 chữ số in trên giấy tiếp nhận.",
                "Enter the dossier code (e.g. 000.20.01.H31-260115-0001) and the 4–6 digit lookup PIN printed on the receipt."));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Index", new LookupPage(input, null));
        }

        var found = await FindByCode(db, code);
        var right = found?.Pin is { } expected && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(pin));
        // An unknown code is not counted (nothing to protect, no row to store): it answers as a wrong PIN always did. A
        // right PIN is checked once compared, so that one raced past the closing by a burst of wrong ones is refused too.
        var perCode = found?.Pin is null ? ThrottleState.Clear
            : right ? await lockout.CheckAsync(found.Code, ct)
            : await lockout.WrongPinAsync(found.Id, found.Code, ct);
        if (perCode.IsBlocked)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = perCode.RetryAfterSeconds(time.GetUtcNow().UtcDateTime).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return View("Index", new LookupPage(input with { Pin = null }, null, perCode.BlockedUntil));
        }

        if (found is null || !right)
        {
            ModelState.AddModelError(string.Empty, Bilingual.T("Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này. Vui lòng kiểm tra lại trên giấy tiếp nhận.",
                "No dossier matches this code and PIN. Please check them on the receipt."));
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View("Index", new LookupPage(input, null));
        }

        return View("Index", new LookupPage(input with { Pin = null }, new LookupResult(found.Code, found.Procedure, found.Agency, found.Status,
            new Applicant(ApplicantKind.Person, found.ApplicantName, null, null, null, null).Initials,
            found.SubmittedAt, found.ReceivedAt, found.PromisedAt, found.DueAt, found.FinishedAt, found.ReturnedAt, found.Paused)));
    }

    /// <summary>
    /// One compiled query reading only what the page shows (bench/load: the lookup at 10 M dossiers). Building the
    /// query per request and materialising the whole dossier row was most of the page's database time.
    /// </summary>
    private static readonly Func<PortalDb, string, Task<Found?>> FindByCode = EF.CompileAsyncQuery((PortalDb db, string code) =>
        db.Dossiers.AsNoTracking().Where(d => d.Code == code)
            .Join(db.ProcedureVersions, d => d.ProcedureVersionId, v => v.Id, (d, v) => new { d, v.Name })
            .Join(db.Agencies, x => x.d.AgencyId, a => a.Id, (x, a) => new Found(x.d.Id, x.d.Code!, x.d.LookupPin, x.Name, a.Name, x.d.Status, x.d.Applicant.FullName,
                x.d.SubmittedAt, x.d.ReceivedAt, x.d.PromisedAt, x.d.DueAt, x.d.FinishedAt, x.d.ResultReturnedAt, x.d.PausedSince != null))
            .SingleOrDefault());

    private sealed record Found(long Id, string Code, string? Pin, string Procedure, string Agency, DossierStatus Status, string ApplicantName, DateTime? SubmittedAt,
        DateTime? ReceivedAt, DateTime? PromisedAt, DateTime? DueAt, DateTime? FinishedAt, DateTime? ReturnedAt, bool Paused);
}

public sealed record LookupInput
{
    public string? Code { get; init; }
    public string? Pin { get; init; }
}

public sealed record LookupResult(string Code, string Procedure, string Agency, DossierStatus Status, string Initials, DateTime? SubmittedAt,
    DateTime? ReceivedAt, DateTime? PromisedAt, DateTime? DueAt, DateTime? FinishedAt, DateTime? ReturnedAt, bool Paused);

/// <param name="ClosedUntil">Set while the code's lookup is closed after wrong PINs: the page says so, and shows nothing else.</param>
public sealed record LookupPage(LookupInput Input, LookupResult? Result, DateTime? ClosedUntil = null);
