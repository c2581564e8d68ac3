namespace Portal.Core.Notifications;

/// <summary>Section "Outbox".</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long a claimed message stays with its worker; longer than any handler takes.</summary>
    public TimeSpan ClaimFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a processed message is kept before <see cref="PurgeOutboxJob"/> deletes it (for looking into a complaint).</summary>
    public TimeSpan KeepProcessedFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Messages deleted per statement by <see cref="PurgeOutboxJob"/>.</summary>
    public int PurgeBatch { get; set; } = 5000;
}
