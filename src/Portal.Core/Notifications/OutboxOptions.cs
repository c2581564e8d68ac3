namespace Portal.Core.Notifications;

/// <summary>Section "Outbox".</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long a claimed message stays with its worker; longer than any handler takes.</summary>
    public TimeSpan ClaimFor { get; set; } = TimeSpan.FromMinutes(5);
}
