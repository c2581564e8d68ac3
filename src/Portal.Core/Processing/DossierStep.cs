using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Dossiers;

namespace Portal.Core.Processing;

public enum StepState : byte
{
    /// <summary>Not reached yet.</summary>
    Pending = 0,

    /// <summary>The step being worked on: it has an assignee (or waits for one) and a due time.</summary>
    Active = 1,
    Done = 2,

    /// <summary>The dossier ended (stopped, withdrawn) before the step was reached or finished.</summary>
    Cancelled = 3,
}

/// <summary>
/// One processing step of one dossier, copied from its procedure version when processing starts (so a later
/// version of the procedure never changes a dossier in progress): who does it (role, agency, assignee), how much
/// working time it is allotted, when it is due and how it ended. A step at another agency is a liên thông hand-off
/// with that agency's own budget.
/// </summary>
public sealed class DossierStep
{
    private DossierStep()
    {
        Name = Role = string.Empty;
    }

    internal DossierStep(long dossierId, int index, string name, string role, int agencyId, bool atOtherAgency, int allottedMinutes)
    {
        DossierId = dossierId;
        Index = index;
        Name = name;
        Role = role;
        AgencyId = agencyId;
        AtOtherAgency = atOtherAgency;
        AllottedMinutes = allottedMinutes;
    }

    public long Id { get; private set; }
    public long DossierId { get; private set; }

    /// <summary>Order within the dossier, from 1.</summary>
    public int Index { get; private set; }

    public string Name { get; private set; }

    /// <summary>The role that does the step (Handler, Approver).</summary>
    public string Role { get; private set; }

    public int AgencyId { get; private set; }

    /// <summary>True for a liên thông step: another agency than the one that received the dossier.</summary>
    public bool AtOtherAgency { get; private set; }

    /// <summary>Working minutes the procedure allots to this step.</summary>
    public int AllottedMinutes { get; private set; }

    public StepState State { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public string? AssigneeName { get; private set; }
    public DateTime? AssignedAt { get; private set; }
    public DateTime? StartedAt { get; private set; }

    /// <summary>Start plus the allotted working time; a pause for a supplement pushes it when the step completes.</summary>
    public DateTime? DueAt { get; private set; }

    public DateTime? CompletedAt { get; private set; }
    public Guid? CompletedById { get; private set; }
    public string? CompletedByName { get; private set; }
    public string? Note { get; private set; }

    /// <summary>Early, on time or late against the step's own due time, once done.</summary>
    public Timeliness? Result { get; private set; }

    /// <summary>Optimistic concurrency of the step itself (two officials completing it at once).</summary>
    public int Version { get; private set; }

    internal void Activate(DateTime at, DateTime dueAt)
    {
        State = StepState.Active;
        StartedAt = at;
        DueAt = dueAt;
        Version++;
    }

    internal void Assign(Guid userId, string name, DateTime at)
    {
        AssigneeId = userId;
        AssigneeName = name;
        AssignedAt = at;
        Version++;
    }

    internal void Complete(Actor by, string? note, DateTime at, DateTime effectiveDueAt, Timeliness result)
    {
        State = StepState.Done;
        CompletedAt = at;
        CompletedById = by.UserId;
        CompletedByName = by.Name;
        Note = note;
        DueAt = effectiveDueAt;
        Result = result;
        Version++;
    }

    /// <summary>Sent back: the step is worked on again by whoever did it, with its allotted time from now.</summary>
    internal void Reopen(DateTime at, DateTime dueAt)
    {
        State = StepState.Active;
        StartedAt = at;
        DueAt = dueAt;
        CompletedAt = null;
        CompletedById = null;
        CompletedByName = null;
        Result = null;
        Version++;
    }

    /// <summary>The step that sent the dossier back waits again until the step before it is done.</summary>
    internal void Rewind()
    {
        State = StepState.Pending;
        StartedAt = null;
        DueAt = null;
        Version++;
    }

    internal void Cancel()
    {
        if (State is StepState.Pending or StepState.Active)
        {
            State = StepState.Cancelled;
            Version++;
        }
    }
}

public sealed class DossierStepConfiguration : IEntityTypeConfiguration<DossierStep>
{
    public void Configure(EntityTypeBuilder<DossierStep> builder)
    {
        builder.Property(x => x.Name).HasMaxLength(400);
        builder.Property(x => x.Role).HasMaxLength(40);
        builder.Property(x => x.AssigneeName).HasMaxLength(200);
        builder.Property(x => x.CompletedByName).HasMaxLength(200);
        builder.Property(x => x.Note).HasMaxLength(2000);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => new { x.DossierId, x.Index }).IsUnique();

        // "My tasks" and the load of each official when a step is assigned automatically.
        builder.HasIndex(x => new { x.AssigneeId, x.State });

        // Dossiers an agency holds through a liên thông step.
        builder.HasIndex(x => new { x.AgencyId, x.State });
        builder.HasOne<Dossier>().WithMany().HasForeignKey(x => x.DossierId);
        builder.HasOne<Catalog.Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
