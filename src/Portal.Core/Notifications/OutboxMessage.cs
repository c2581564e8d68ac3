namespace Portal.Core.Notifications;

public enum OutboxKind : byte
{
    /// <summary>A dossier changed status: the registered reactions turn it into the messages below.</summary>
    DossierStatusChanged = 1,
    Email = 2,
    Sms = 3,
    RenderDocument = 4,
    NationalSync = 5,

    /// <summary>The set-password mail of a new official account (Administration/Accounts/AccountInvitation).</summary>
    AccountInvitation = 6,
}

/// <summary>
/// A side effect promised in the same transaction as the state change that caused it. Hangfire jobs carry only
/// its id, claim it, do nothing when it is already processed, and on failure schedule the next attempt with
/// exponential back-off; after the last attempt it is dead, listed for administrators, who can resend it.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
        Type = Payload = string.Empty;
    }

    public OutboxMessage(OutboxKind kind, string type, string payload, long? dossierId, DateTime createdAt)
    {
        Kind = kind;
        Type = type;
        Payload = payload;
        DossierId = dossierId;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
    }

    public long Id { get; private set; }
    public OutboxKind Kind { get; private set; }

    /// <summary>A finer name of the message (the action, the template or the document kind).</summary>
    public string Type { get; private set; }

    public string Payload { get; private set; }
    public long? DossierId { get; private set; }
    public Dossiers.Dossier? Dossier { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ProcessedAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAt { get; private set; }

    /// <summary>Set by the worker that claimed the message; another worker leaves it alone until then.</summary>
    public DateTime? LockedUntil { get; private set; }

    public string? LastError { get; private set; }
    public DateTime? DeadAt { get; private set; }

    public static OutboxMessage ForDossier(Dossiers.Dossier dossier, OutboxKind kind, string type, string payload, DateTime at) =>
        new(kind, type, payload, null, at) { Dossier = dossier };

    public void MarkProcessed(DateTime at)
    {
        ProcessedAt = at;
        LockedUntil = null;
        LastError = null;
    }

    /// <summary>Records a failure: the next attempt after 30 s, 1 min, 2 min, … (capped at 1 h); dead after the last.</summary>
    public void MarkFailed(string error, DateTime at, int maxAttempts)
    {
        Attempts++;
        LockedUntil = null;
        LastError = error.Length > 2000 ? error[..2000] : error;
        if (Attempts >= maxAttempts)
        {
            DeadAt = at;
            return;
        }

        var delay = TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Attempts - 1)));
        NextAttemptAt = at + delay;
    }

    /// <summary>An administrator sends a dead message again.</summary>
    public void Resend(DateTime at)
    {
        DeadAt = null;
        Attempts = 0;
        NextAttemptAt = at;
        LockedUntil = null;
    }
}
