using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Core.Processing;

public sealed record OpinionRow(long RequestId, long DossierId, string Code, string Procedure, string FromAgency, string ToAgency, string AskedByName,
    DateTime AskedAt, DateTime DueAt, OpinionState State, DateTime? AnsweredAt, Timeliness? Result, string Question);

/// <param name="Asked">Requests to the official's agencies: the open ones by due time, then the latest answered (a withdrawn or cancelled one is no longer theirs to see).</param>
/// <param name="Sent">Requests the official's agencies sent that still wait for an answer, by due time.</param>
public sealed record OpinionLists(IReadOnlyList<OpinionRow> Asked, IReadOnlyList<OpinionRow> Sent, int OpenAsked, int OverdueAsked);

/// <summary>
/// The requests for opinions an agency must answer and those it waits for (the "Xin ý kiến" tab): what the
/// deadline sweep does not cover, because an opinion's budget is the asked agency's own, inside the dossier's time.
/// </summary>
public sealed class OpinionInbox(PortalDb db)
{
    public const int Recent = 50;

    public async Task<OpinionLists> GetAsync(OfficialContext who, DateTime now, CancellationToken ct)
    {
        var agencies = who.Agencies.ToList();
        var open = (await Rows(db.OpinionRequests.Where(r => agencies.Contains(r.ToAgencyId) && r.State == OpinionState.Open).OrderBy(r => r.DueAt).Take(500))
            .ToListAsync(ct)).OrderBy(x => x.DueAt);
        var closed = (await Rows(db.OpinionRequests.Where(r => agencies.Contains(r.ToAgencyId) && r.State == OpinionState.Answered).OrderByDescending(r => r.Id).Take(Recent))
            .ToListAsync(ct)).OrderByDescending(x => x.RequestId);
        var sent = (await Rows(db.OpinionRequests.Where(r => agencies.Contains(r.FromAgencyId) && r.State == OpinionState.Open).OrderBy(r => r.DueAt).Take(500))
            .ToListAsync(ct)).OrderBy(x => x.DueAt).ToList();
        var openCount = await db.OpinionRequests.CountAsync(r => agencies.Contains(r.ToAgencyId) && r.State == OpinionState.Open, ct);
        var overdue = await db.OpinionRequests.CountAsync(r => agencies.Contains(r.ToAgencyId) && r.State == OpinionState.Open && r.DueAt < now, ct);
        return new OpinionLists([.. open, .. closed], sent, openCount, overdue);
    }

    /// <summary>The chosen requests (already ordered and limited: the order of the rows is restored in memory) with their dossier and agencies.</summary>
    private IQueryable<OpinionRow> Rows(IQueryable<OpinionRequest> chosen) =>
        from r in chosen
        join d in db.Dossiers on r.DossierId equals d.Id
        join v in db.ProcedureVersions on d.ProcedureVersionId equals v.Id
        join f in db.Agencies on r.FromAgencyId equals f.Id
        join t in db.Agencies on r.ToAgencyId equals t.Id
        select new OpinionRow(r.Id, d.Id, d.Code ?? string.Empty, v.Name, f.Name, t.Name, r.AskedByName, r.AskedAt, r.DueAt, r.State, r.AnsweredAt, r.Result,
            r.Question);
}
