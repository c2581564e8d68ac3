namespace Portal.Core.Dossiers;

/// <summary>One line of a dossier's timeline: who, in which role, moved it from where to where, when, and why.</summary>
public sealed class DossierHistoryEntry
{
    private DossierHistoryEntry()
    {
        ActorName = Role = Action = string.Empty;
    }

    internal DossierHistoryEntry(DateTime at, Actor actor, DossierStatus from, DossierStatus to, string action, string? note)
    {
        At = at;
        ActorId = actor.UserId;
        ActorName = actor.Name;
        Role = actor.Role;
        From = from;
        To = to;
        Action = action;
        Note = note;
    }

    public long Id { get; private set; }
    public long DossierId { get; private set; }
    public DateTime At { get; private set; }
    public Guid? ActorId { get; private set; }
    public string ActorName { get; private set; }
    public string Role { get; private set; }
    public DossierStatus From { get; private set; }
    public DossierStatus To { get; private set; }

    /// <summary>The domain method that made the change (Accept, RequestSupplement, …).</summary>
    public string Action { get; private set; }

    public string? Note { get; private set; }
}
