using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Core.Processing;

/// <summary>
/// The one door to a dossier for officials: it exists for them only if it belongs to an agency they act for (their
/// own, or one merged into it) or such an agency holds one of its steps (liên thông); a page rendered before someone
/// else acted is stale and refused.
/// </summary>
public static class DossierGate
{
    /// <summary>A command without a dossier (a page posted without its hidden id).</summary>
    public const string MissingDossier = "Không xác định được hồ sơ; hãy mở lại hồ sơ từ danh sách rồi thao tác lại. / The dossier is not known; open it again from the list and act again.";

    /// <summary>Loads the dossier (tracked) an official acts on, or throws (404, or the conflict of a stale page).</summary>
    public static async Task<Dossier> ForActionAsync(PortalDb db, long dossierId, int pageVersion, OfficialContext who, CancellationToken ct,
        bool withSupplements = false, bool withDocuments = false)
    {
        IQueryable<Dossier> query = withSupplements ? db.Dossiers.Include(d => d.SupplementRequests) : db.Dossiers;
        query = withDocuments ? query.Include(d => d.Documents) : query;
        var dossier = await query.SingleOrDefaultAsync(d => d.Id == dossierId && d.Status != DossierStatus.Draft, ct);
        if (dossier is null || !who.IsOfficial || who.AgencyId is null
            || (!who.ActsFor(dossier.AgencyId) && !await HoldsStepAsync(db, dossierId, [.. who.Agencies], ct)))
        {
            throw new DossierNotFoundException();
        }

        if (dossier.Version != pageVersion)
        {
            throw Stale();
        }

        return dossier;
    }

    /// <summary>Refuses (404) an official of a liên thông agency trying what only the receiving agency may do.</summary>
    public static void RequireOwnAgency(Dossier dossier, OfficialContext who)
    {
        if (!who.ActsFor(dossier.AgencyId))
        {
            throw new DossierNotFoundException();
        }
    }

    /// <summary>
    /// Agencies other than the receiving one that hold or held a step of the dossier, or were asked for their opinion on
    /// it and have not had the request withdrawn before answering (they may see it).
    /// </summary>
    public static async Task<List<int>> HandOffAgenciesAsync(PortalDb db, long dossierId, CancellationToken ct) =>
        [.. (await db.Set<DossierStep>().AsNoTracking()
            .Where(s => s.DossierId == dossierId && s.AtOtherAgency && (s.State == StepState.Active || s.State == StepState.Done))
            .Select(s => s.AgencyId).Distinct().ToListAsync(ct))
            .Union(await db.OpinionRequests.AsNoTracking()
                .Where(r => r.DossierId == dossierId && (r.State == OpinionState.Open || r.State == OpinionState.Answered))
                .Select(r => r.ToAgencyId).Distinct().ToListAsync(ct))];

    /// <summary>The conflict a stale page gets (mapped to its message by the web layer).</summary>
    public static DbUpdateConcurrencyException Stale() =>
        new("The dossier changed since the page was rendered.");

    private static Task<bool> HoldsStepAsync(PortalDb db, long dossierId, int[] agencies, CancellationToken ct) =>
        db.Set<DossierStep>().AnyAsync(s => s.DossierId == dossierId && agencies.Contains(s.AgencyId) && s.AtOtherAgency
            && (s.State == StepState.Active || s.State == StepState.Done), ct);
}
