using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Notifications;

namespace Portal.Core.Filing;

/// <summary>What is still missing before a draft can be filed, step by step (empty when complete).</summary>
public sealed record DraftGaps(IReadOnlyList<string> Applicant, IReadOnlyList<string> Form, IReadOnlyList<string> Documents)
{
    public bool Complete => Applicant.Count == 0 && Form.Count == 0 && Documents.Count == 0;

    /// <summary>The first step the applicant still has to do.</summary>
    public string FirstStep => Applicant.Count > 0 ? "nguoi-nop" : Form.Count > 0 ? "to-khai" : Documents.Count > 0 ? "giay-to" : "kiem-tra";

    /// <summary>What is missing; with <paramref name="today"/>, the form's rules about today are checked too (always when filing).</summary>
    public static DraftGaps Of(Dossier dossier, ProcedureVersion version, DateOnly? today = null)
    {
        var applicant = ApplicantValidator.Shared.Validate(ApplicantInput.From(dossier.Applicant)).Errors.Select(e => e.ErrorMessage).ToList();
        var form = dossier.FormData is null
            ? ["Chưa điền tờ khai. / The form is not filled in yet."]
            : (today is { } day
                ? FormValidator.For(version).Check(FormAnswers.Parse(dossier.FormData.Json), day)
                : FormValidator.For(version).Validate(FormAnswers.Parse(dossier.FormData.Json))).Errors.Select(e => e.ErrorMessage).ToList();
        var documents = version.Documents
            .Select((r, i) => (r, i))
            .Where(x => x.r.Mandatory && !dossier.Documents.Any(d => d.Kind == DocumentKind.Submitted && d.RequirementIndex == x.i))
            .Select(x => $"Chưa tải lên: {x.r.Name}. / Not uploaded yet: {x.r.Name}.").ToList();
        return new DraftGaps(applicant, form, documents);
    }
}

/// <summary>The dossier was filed (now or before), or, when <see cref="Incomplete"/> is set, it was not.</summary>
public sealed record SubmitResult(long DossierId, string? Code, bool AlreadySubmitted)
{
    /// <summary>Not filed, because something is still missing: the draft and its procedure version, to show the review page again.</summary>
    public IncompleteDraft? Incomplete { get; init; }
}

public sealed record IncompleteDraft(Dossier Dossier, ProcedureVersion Version);

/// <summary>
/// Files a complete draft: in one transaction the dossier gets its code (agency-yymmdd-NNNN) and PIN, moves to
/// status 1, and its outbox rows (mail, SMS) are written. Idempotent: a double click, a refresh or the back
/// button finds the dossier already filed and returns it; two racing requests cannot both file it (the version
/// check fails the second, whose code number is rolled back with its transaction). It loads the draft and its version
/// once for the whole request (the controller used to load them as well, for the completeness check: bench/load).
/// </summary>
public sealed class SubmitDossierHandler(PortalDb db, DossierCodeAllocator codes, CalendarProvider calendars, IOutboxSignal signal, TimeProvider time)
{
    /// <summary>Null when the user has no such dossier.</summary>
    public async Task<SubmitResult?> HandleAsync(long dossierId, Guid userId, Actor applicant, CancellationToken ct)
    {
        var dossier = await OwnDossiers.FindAsync(db, dossierId, userId, ct);
        if (dossier is null)
        {
            return null;
        }

        if (dossier.Status != DossierStatus.Draft)
        {
            return new SubmitResult(dossier.Id, dossier.Code!, true);
        }

        var version = await db.ProcedureVersions.AsNoTracking().SingleAsync(v => v.Id == dossier.ProcedureVersionId, ct);
        var calendar = await calendars.GetAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var gaps = DraftGaps.Of(dossier, version, calendar.LocalDate(now));
        if (!gaps.Complete)
        {
            return new SubmitResult(dossier.Id, null, false) { Incomplete = new IncompleteDraft(dossier, version) };
        }

        var agency = await db.Agencies.Where(a => a.Id == dossier.AgencyId).Select(a => new { a.Code, a.IsActive }).SingleAsync(ct);
        // A draft started before its agency was merged or closed cannot be filed there any more.
        DomainException.Ensure(agency.IsActive, "Cơ quan bạn chọn đã sáp nhập hoặc ngừng tiếp nhận hồ sơ. Vui lòng chọn lại nơi nộp từ trang thủ tục.",
            "The agency you chose has been merged or no longer takes dossiers. Please choose where to file again from the procedure's page.");
        var agencyCode = agency.Code;
        // The code first, committed on its own (see DossierCodeAllocator): a submission that loses a race below leaves a gap.
        var code = await codes.NextAsync(agencyCode, calendar.LocalDate(now), ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            dossier.Submit(code, DossierCodeAllocator.NewPin(), now, applicant);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var filed = await db.Dossiers.AsNoTracking().Where(d => d.Id == dossierId).Select(d => new { d.Code, d.Status }).SingleAsync(ct);
            if (filed.Status == DossierStatus.Draft || filed.Code is null)
            {
                throw;
            }

            return new SubmitResult(dossierId, filed.Code, true);
        }

        // Committed inside our own transaction, so the context did not signal: tell the dispatcher now.
        var outbox = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.Entity.ProcessedAt == null).Select(e => e.Entity.Id).ToList();
        if (outbox.Count > 0)
        {
            signal.Committed(outbox);
        }

        return new SubmitResult(dossier.Id, dossier.Code!, false);
    }
}
