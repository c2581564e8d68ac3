using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Dossiers;
using Portal.Core.Filing;
using Portal.Core.Text;

namespace Portal.Core.Processing;

/// <summary>
/// The desk records a walk-in (channel 1) or postal (channel 3) dossier with its applicant, e-form answers and
/// scanned documents. It is received at once (code, PIN, promised date) and lives in the same lifecycle as online
/// dossiers, so the online-submission rate has an honest denominator.
/// </summary>
public sealed class RegisterAtDesk(PortalDb db, TimeProvider time, CalendarProvider calendars, DossierCodeAllocator codes, StepWorkflow steps,
    IDocumentStore store, IDocumentScanner scanner, IOptions<FilingOptions> filing, AuditTrail audit)
{
    public sealed record ApplicantInput(ApplicantKind Kind, string? FullName, string? IdNumber, string? Phone, string? Email, string? Address);

    /// <param name="Form">Reads the raw answer to an e-form field by its key.</param>
    /// <param name="Received">The procedure's documents the desk ticked as handed in on paper; a scanned one counts as received too.</param>
    /// <param name="Staged">Tokens of the scans kept from an earlier round of this form (<see cref="StageScans"/>), used as if chosen again.</param>
    public sealed record Command(Channel Channel, int ProcedureId, ApplicantInput Applicant, Func<string, string?> Form,
        IReadOnlyList<OfficialFile> Scans, bool StartProcessing, IReadOnlyList<ReceptionChecklist.Checked>? Received = null,
        IReadOnlyList<string>? Staged = null);

    /// <summary>A message about one answer of the e-form (by field key), "Vietnamese / English".</summary>
    public sealed record FieldError(string Field, string Message);

    /// <summary>The new dossier, or what is wrong with the e-form answers.</summary>
    public sealed record Result(long? DossierId, IReadOnlyList<FieldError> Errors);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Channel).Must(c => c is Channel.InPerson or Channel.Postal)
                .WithMessage("Chọn kênh tiếp nhận: trực tiếp hoặc bưu chính công ích. / Choose the channel: in person or public post.");
            RuleFor(c => c.ProcedureId).GreaterThan(0).WithMessage("Chọn thủ tục hành chính. / Choose the procedure.");
            RuleFor(c => c.Applicant.Kind).IsInEnum().WithMessage("Chọn loại người nộp. / Choose the kind of applicant.");
            RuleFor(c => c.Applicant.FullName).Must(n => VietnameseText.Normalize(n).Length is >= 2 and <= 200)
                .OverridePropertyName("FullName")
                .WithMessage("Nhập họ tên người nộp (hoặc tên tổ chức), 2–200 ký tự. / Enter the applicant's full name (or the organisation's), 2–200 characters.");
            RuleFor(c => Identifiers.Digits(c.Applicant.IdNumber)).CitizenId().When(c => c.Applicant.Kind == ApplicantKind.Person)
                .OverridePropertyName("IdNumber");
            RuleFor(c => Identifiers.CleanTaxCode(c.Applicant.IdNumber)).TaxCode().When(c => c.Applicant.Kind == ApplicantKind.Business)
                .OverridePropertyName("IdNumber");
            RuleFor(c => Identifiers.CleanPhone(c.Applicant.Phone)).MobilePhone().When(c => !string.IsNullOrWhiteSpace(c.Applicant.Phone))
                .OverridePropertyName("Phone");
            RuleFor(c => c.Applicant.Email!.Trim()).PortalEmail().When(c => !string.IsNullOrWhiteSpace(c.Applicant.Email))
                .OverridePropertyName("Email");
            RuleFor(c => c.Applicant.Address).Must(a => VietnameseText.Normalize(a).Length is >= 5 and <= 400).When(c => c.Channel == Channel.Postal)
                .OverridePropertyName("Address")
                .WithMessage("Hồ sơ qua bưu chính cần địa chỉ người nộp (5–400 ký tự). / A postal dossier needs the applicant's address (5–400 characters).");
            RuleFor(c => c.Applicant.Address).Must(a => (a ?? string.Empty).Length <= 400)
                .OverridePropertyName("Address").WithMessage("Địa chỉ tối đa 400 ký tự. / The address is at most 400 characters.");
            RuleFor(c => c.Scans).Must(s => s.Count <= 20).WithMessage("Tối đa 20 tệp quét. / At most 20 scanned files.");
            RuleForEach(c => c.Received).Must(r => r.Copies is >= 1 and <= 99)
                .WithMessage("Số bản của mỗi giấy tờ đã nhận từ 1 đến 99. / Each received document counts 1 to 99 copies.");
        }
    }

    /// <summary>What is wrong with the e-form answers, asked beside the applicant's fields so that the desk corrects all at once.</summary>
    public async Task<IReadOnlyList<FieldError>> FormErrorsAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var (_, version, now, calendar) = await VersionAsync(command, who, ct);
        return FormErrors(version, FormAnswers.FromInput(version.Form, command.Form), calendar.LocalDate(now));
    }

    public async Task<Result> HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var (procedure, version, now, calendar) = await VersionAsync(command, who, ct);
        var agencyId = who.AgencyId!.Value;
        var answers = FormAnswers.FromInput(version.Form, command.Form);
        if (FormErrors(version, answers, calendar.LocalDate(now)) is { Count: > 0 } errors)
        {
            return new Result(null, errors);
        }

        var staged = await StagedAsync(command.Staged ?? [], who.UserId, ct);
        var scanned = command.Scans.Select(s => s.RequirementIndex).Concat(staged.Select(s => s.RequirementIndex))
            .OfType<int>().GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
        var received = ReceptionChecklist.Build(version, command.Received ?? [], scanned, scannedAtTheDesk: true);

        var limits = filing.Value;
        var files = command.Scans.Count + staged.Count;
        var bytes = command.Scans.Sum(s => s.Length) + staged.Sum(s => s.Length);
        DomainException.Ensure(files <= limits.MaxFilesPerDossier && bytes <= limits.MaxDossierBytes,
            $"Tối đa {limits.MaxFilesPerDossier} tệp quét, tổng cộng {limits.MaxDossierBytes / (1024 * 1024)} MB cho một hồ sơ. Hãy gộp hoặc nén bớt tệp.",
            $"At most {limits.MaxFilesPerDossier} scans and {limits.MaxDossierBytes / (1024 * 1024)} MB for one dossier. Merge or compress some files.");
        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == agencyId, ct);
        var desk = who.As(Roles.Reception);
        var stored = new List<DossierDocument>();
        var saved = false;
        try
        {
            foreach (var scan in command.Scans)
            {
                stored.Add(await OfficialUploads.StoreAsync(store, scanner, scan, DocumentKind.Submitted, TitleOf(version, scan.RequirementIndex, scan.Title),
                    filing.Value.MaxFileBytes, now, who.UserId, ct));
            }

            var a = command.Applicant;
            var id = a.Kind == ApplicantKind.Business ? Identifiers.CleanTaxCode(a.IdNumber) : Identifiers.Digits(a.IdNumber);
            var applicant = new Applicant(a.Kind, VietnameseText.Normalize(a.FullName), id, Blank(Identifiers.CleanPhone(a.Phone)), Blank(a.Email?.Trim().ToLowerInvariant()),
                Blank(VietnameseText.Normalize(a.Address)));
            var code = await codes.NextAsync(agency.Code, calendar.LocalDate(now), ct);
            var dossier = Dossier.RegisterAtDesk(new ProcedureRef(procedure.Id, version.Id, procedure.SectorId), agencyId, applicant, command.Channel,
                code, DossierCodeAllocator.NewPin(), calendar.PromisedAt(now, version.TimeLimit), now, desk, received);
            dossier.SetFormData(answers.ToJson(), now);
            foreach (var document in stored.Concat(staged.Select(s => s.ToDocument(TitleOf(version, s.RequirementIndex, null), now))))
            {
                dossier.AddDocument(document, now);
            }

            db.Dossiers.Add(dossier);
            // The kept scans' files now belong to the dossier: their rows go in the same transaction, and a second save of
            // the same form (or the cleanup) that took them first makes this one fail instead of sharing the files.
            db.StagedScans.RemoveRange(staged);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (staged.Count > 0)
            {
                throw StagedScan.Gone();
            }

            saved = true;
            audit.Add(who.Audit, "dossier.register", dossier.Id, $"{command.Channel}, {stored.Count} tệp quét");
            if (command.StartProcessing)
            {
                dossier.StartProcessing(now, desk);
                await steps.StartAsync(dossier, desk, calendar, now, ct);
            }

            await db.SaveChangesAsync(ct);
            return new Result(dossier.Id, []);
        }
        catch (Exception) when (!saved && stored.Count > 0)
        {
            // Nothing references the scans: do not leave orphan files behind.
            foreach (var document in stored)
            {
                await store.DeleteAsync(document.StorageKey, CancellationToken.None);
            }

            throw;
        }
    }

    private async Task<(Procedure Procedure, ProcedureVersion Version, DateTime Now, WorkingCalendar Calendar)> VersionAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        who.Require(Roles.Reception, "ghi nhận hồ sơ tại quầy", "record dossiers at the desk");
        var agencyId = who.AgencyId ?? throw new DossierNotFoundException();
        var offered = await db.ProcedureAgencies.AsNoTracking().AnyAsync(pa => pa.ProcedureId == command.ProcedureId && pa.AgencyId == agencyId && pa.Agency!.IsActive, ct);
        var procedure = offered
            ? await db.Procedures.AsNoTracking().Include(p => p.Versions).SingleOrDefaultAsync(p => p.Id == command.ProcedureId && p.IsPublished, ct)
            : null;
        var now = time.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(ct);
        var version = procedure?.VersionInForce(calendar.LocalDate(now))
            ?? throw new DomainException("Thủ tục này không được tiếp nhận tại cơ quan của bạn.", "This procedure is not received at your agency.");
        return (procedure!, version, now, calendar);
    }

    /// <summary>The official's own kept scans by token; any token that finds none (someone else's, expired, made up) is refused.</summary>
    private async Task<List<StagedScan>> StagedAsync(IReadOnlyList<string> tokens, Guid userId, CancellationToken ct)
    {
        var hashes = tokens.Distinct(StringComparer.Ordinal).Select(StagedScan.HashOf).ToList();
        if (hashes.Count == 0)
        {
            return [];
        }

        var rows = await db.StagedScans.Where(s => hashes.Contains(s.TokenHash) && s.OwnerId == userId).ToListAsync(ct);
        return rows.Count == hashes.Count ? rows : throw StagedScan.Gone();
    }

    private static string TitleOf(ProcedureVersion version, int? index, string? title) =>
        index is { } i && i >= 0 && i < version.Documents.Count ? version.Documents[i].Name : title ?? "Giấy tờ khác";

    private static List<FieldError> FormErrors(ProcedureVersion version, FormAnswers answers, DateOnly today) =>
        [.. FormValidator.For(version).Check(answers, today).Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage))];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
