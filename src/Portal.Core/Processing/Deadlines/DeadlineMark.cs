using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Dossiers;

namespace Portal.Core.Processing.Deadlines;

public enum DeadlineMarkKind : byte
{
    /// <summary>The working deadline is near (by default one working day away): the holder and the approvers were warned.</summary>
    DueSoon = 1,

    /// <summary>The working deadline passed with the dossier still open.</summary>
    Overdue = 2,
}

/// <summary>
/// That the sweep dealt with one deadline of one dossier: one row per (dossier, kind, due time), so a warning is
/// sent once per deadline, and again only when the deadline moves (an apology's new date).
/// </summary>
public sealed class DeadlineMark
{
    private DeadlineMark()
    {
    }

    public DeadlineMark(long dossierId, DeadlineMarkKind kind, DateTime dueAt, DateTime at)
    {
        DossierId = dossierId;
        Kind = kind;
        DueAt = dueAt;
        At = at;
    }

    public long Id { get; private set; }
    public long DossierId { get; private set; }
    public DeadlineMarkKind Kind { get; private set; }
    public DateTime DueAt { get; private set; }

    /// <summary>When the sweep noticed it.</summary>
    public DateTime At { get; private set; }
}

/// <summary>How far a sweep has looked, so the next one starts there (a crash makes it look again, never skip).</summary>
public sealed class SweepCursor
{
    private SweepCursor()
    {
        Name = string.Empty;
    }

    public SweepCursor(string name, DateTime until)
    {
        Name = name;
        Until = until;
    }

    public string Name { get; private set; }
    public DateTime Until { get; private set; }

    public void MoveTo(DateTime until)
    {
        if (until > Until)
        {
            Until = until;
        }
    }
}

public sealed class DeadlineMarkConfiguration : IEntityTypeConfiguration<DeadlineMark>
{
    public void Configure(EntityTypeBuilder<DeadlineMark> builder)
    {
        builder.HasIndex(x => new { x.DossierId, x.Kind, x.DueAt }).IsUnique();
        builder.HasOne<Dossier>().WithMany().HasForeignKey(x => x.DossierId);
    }
}

public sealed class SweepCursorConfiguration : IEntityTypeConfiguration<SweepCursor>
{
    public void Configure(EntityTypeBuilder<SweepCursor> builder)
    {
        builder.HasKey(x => x.Name);
        builder.Property(x => x.Name).HasMaxLength(60);
    }
}
