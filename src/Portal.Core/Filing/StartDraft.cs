using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Core.Filing;

public sealed record StartDraftCommand(int ProcedureId, int AgencyId, Guid UserId);

/// <summary>
/// Opens a draft of a procedure at one of its agencies, the applicant prefilled from the account's profile.
/// A double click reuses the empty draft the first click opened instead of leaving two behind. An account keeps at
/// most <see cref="FilingOptions.MaxOpenDrafts"/> drafts (see <see cref="DraftQuota"/>).
/// </summary>
public sealed class StartDraftHandler(PortalDb db, CalendarProvider calendars, TimeProvider time, IOptions<FilingOptions> options)
{
    /// <summary>The procedure page offers to file when this holds; the handler enforces it.</summary>
    public static bool IsAvailable(int openDrafts, FilingOptions options) => openDrafts < options.MaxOpenDrafts;

    /// <summary>
    /// The ward or commune among <paramref name="agencies"/> that the applicant's own address names ("…, phường Lê
    /// Chân, …"), to choose in advance; none when the address names none or several. Never a guess: the page asks.
    /// </summary>
    public static int? AgencyNamedIn(string? address, IEnumerable<Agency> agencies)
    {
        var key = $" {Words(address)} ";
        var named = agencies.Where(a => a.Level == AgencyLevel.Commune)
            .Where(a => Place(a.Name) is { Length: > 0 } place && key.Contains($" {place} ", StringComparison.Ordinal))
            .Select(a => a.Id).Distinct().ToList();
        return named.Count == 1 ? named[0] : null;

        // "Ủy ban nhân dân phường Lê Chân" → "phuong le chan": the words an address uses for the place.
        static string Place(string name)
        {
            var folded = Words(name);
            var at = folded.IndexOf("phuong ", StringComparison.Ordinal) is var p and >= 0 ? p : folded.IndexOf("xa ", StringComparison.Ordinal);
            return at >= 0 ? folded[at..] : string.Empty;
        }

        static string Words(string? text) =>
            System.Text.RegularExpressions.Regex.Replace(Text.VietnameseText.SearchKey(text), "[^a-z0-9]+", " ").Trim();
    }

    public async Task<long> HandleAsync(StartDraftCommand command, CancellationToken ct)
    {
        var procedure = await db.Procedures.AsNoTracking().Include(p => p.Versions)
            .SingleOrDefaultAsync(p => p.Id == command.ProcedureId && p.IsPublished, ct);
        var today = (await calendars.GetAsync(ct)).LocalDate(time.GetUtcNow().UtcDateTime);
        if (procedure?.VersionInForce(today) is not { } version)
        {
            throw new DomainException("Không tìm thấy thủ tục.", "The procedure was not found.");
        }

        DomainException.Ensure(version.ServiceType != ServiceType.InformationOnly,
            "Thủ tục này chỉ cung cấp thông tin, không nộp hồ sơ trực tuyến được. Vui lòng nộp trực tiếp tại bộ phận một cửa.",
            "This procedure is information only; it cannot be filed online. Please file it at the one-stop desk.");
        DomainException.Ensure(await db.ProcedureAgencies.AnyAsync(a => a.ProcedureId == procedure.Id && a.AgencyId == command.AgencyId && a.Agency!.IsActive, ct),
            "Vui lòng chọn nơi nộp hồ sơ trong danh sách cơ quan giải quyết thủ tục này.",
            "Please choose where to file from the agencies that handle this procedure.");

        var empty = await db.Dossiers
            .Where(d => d.ApplicantUserId == command.UserId && d.Status == DossierStatus.Draft && d.ProcedureVersionId == version.Id
                && d.AgencyId == command.AgencyId && d.FormData == null && !d.Documents.Any())
            .Select(d => (long?)d.Id).FirstOrDefaultAsync(ct);
        if (empty is { } id)
        {
            return id;
        }

        var (vietnamese, english) = DraftQuota.TooManyDrafts(options.Value.MaxOpenDrafts);
        DomainException.Ensure(IsAvailable(await DraftQuota.OpenDraftsAsync(db, command.UserId, ct), options.Value), vietnamese, english);

        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == command.UserId, ct);
        var draft = Dossier.StartDraft(new ProcedureRef(procedure.Id, version.Id, procedure.SectorId), command.AgencyId,
            user.ToApplicant(), user.Id, time.GetUtcNow().UtcDateTime);
        db.Dossiers.Add(draft);
        await db.SaveChangesAsync(ct);
        return draft.Id;
    }
}

public static class OwnDossiers
{
    /// <summary>The user's own dossier, tracked, or null: someone else's dossier does not exist for them.</summary>
    public static Task<Dossier?> FindAsync(PortalDb db, long id, Guid userId, CancellationToken ct) =>
        db.Dossiers.Include(d => d.FormData).Include(d => d.Documents).Include(d => d.SupplementRequests)
            .AsSplitQuery()
            .SingleOrDefaultAsync(d => d.Id == id && d.ApplicantUserId == userId, ct);
}
