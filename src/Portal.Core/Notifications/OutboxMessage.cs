namespace Portal.Core.Notifications;

public enum OutboxKind : byte
{
    /// <summary>A dossier changed status: notify the applicant, sync the national portal, update the statistics.</summary>
    DossierStatusChanged = 1,
    Email = 2,
    Sms = 3,
    RenderDocument = 4,
    NationalSync = 5,
}

/// <summary>
/// A side effect promised in the same transaction as the state change that caused it. Hangfire jobs carry only
/// its id, do nothing when it is already processed, and retry with back-off; after the last attempt it is dead
/// and an administrator can resend it.
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
    }

    public long Id { get; private set; }
    public OutboxKind Kind { get; private set; }

    /// <summary>A finer name of the message (e.g. the template or document kind).</summary>
    public string Type { get; private set; }

    public string Payload { get; private set; }
    public long? DossierId { get; private set; }
    public Dossiers.Dossier? Dossier { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ProcessedAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? DeadAt { get; private set; }

    public static OutboxMessage ForDossier(Dossiers.Dossier dossier, OutboxKind kind, string type, string payload, DateTime at)
    {
        var message = new OutboxMessage(kind, type, payload, null, at) { Dossier = dossier };
        return message;
    }

    public void MarkProcessed(DateTime at)
    {
        ProcessedAt = at;
        LastError = null;
    }

    public void MarkFailed(string error, DateTime at, int maxAttempts)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        if (Attempts >= maxAttempts)
        {
            DeadAt = at;
        }
    }

    public void Resurrect()
    {
        DeadAt = null;
        Attempts = 0;
    }
}
