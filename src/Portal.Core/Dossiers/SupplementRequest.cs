namespace Portal.Core.Dossiers;

/// <summary>
/// A request to supplement or complete a dossier (Mẫu 02). At reception the legal clock has not started;
/// during processing the clock pauses from <see cref="RequestedAt"/> to <see cref="AnsweredAt"/>.
/// </summary>
public sealed class SupplementRequest
{
    private SupplementRequest()
    {
        Reason = RequestedByName = string.Empty;
        Documents = [];
    }

    internal SupplementRequest(DateTime at, Actor by, string reason, IReadOnlyList<string> documents, bool atReception)
    {
        RequestedAt = at;
        RequestedById = by.UserId;
        RequestedByName = by.Name;
        Reason = reason;
        Documents = [.. documents];
        AtReception = atReception;
    }

    public long Id { get; private set; }
    public long DossierId { get; private set; }
    public DateTime RequestedAt { get; private set; }
    public Guid? RequestedById { get; private set; }
    public string RequestedByName { get; private set; }
    public string Reason { get; private set; }

    /// <summary>Which documents must be supplied or corrected.</summary>
    public List<string> Documents { get; private set; }

    public bool AtReception { get; private set; }
    public DateTime? AnsweredAt { get; private set; }

    internal void Answer(DateTime at) => AnsweredAt = at;
}
