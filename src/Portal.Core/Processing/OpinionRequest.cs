using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Dossiers;

namespace Portal.Core.Processing;

public enum OpinionState : byte
{
    /// <summary>Asked; the other agency has not answered yet.</summary>
    Open = 1,
    Answered = 2,

    /// <summary>Taken back by the step's holder before an answer came (the question no longer matters).</summary>
    Withdrawn = 3,

    /// <summary>The dossier ended (stopped, withdrawn by the applicant) before the answer came.</summary>
    Cancelled = 4,
}

/// <summary>
/// A request for another agency's opinion (xin ý kiến) made by the holder of a step: the question, the agency asked,
/// its own budget in working time and its due time, and the answer with how it ended against that budget. The
/// dossier's own clock keeps running: the opinion is part of the step's work, not a pause. The asked agency sees the
/// dossier while the request exists, and answers on its page; the hand-offs there and back are lines of Mẫu 05.
/// </summary>
public sealed class OpinionRequest
{
    private OpinionRequest()
    {
        Question = AskedByName = string.Empty;
    }

    internal OpinionRequest(long dossierId, long stepId, int fromAgencyId, int toAgencyId, string question, Actor askedBy, DateTime askedAt,
        int budgetMinutes, DateTime dueAt)
    {
        DossierId = dossierId;
        StepId = stepId;
        FromAgencyId = fromAgencyId;
        ToAgencyId = toAgencyId;
        Question = question;
        AskedById = askedBy.UserId;
        AskedByName = askedBy.Name;
        AskedAt = askedAt;
        BudgetMinutes = budgetMinutes;
        DueAt = dueAt;
        State = OpinionState.Open;
    }

    public long Id { get; private set; }
    public long DossierId { get; private set; }

    /// <summary>The step whose holder asked; it cannot be completed while the request is open.</summary>
    public long StepId { get; private set; }

    public int FromAgencyId { get; private set; }
    public int ToAgencyId { get; private set; }
    public string Question { get; private set; }
    public Guid? AskedById { get; private set; }
    public string AskedByName { get; private set; }
    public DateTime AskedAt { get; private set; }

    /// <summary>Working minutes the asked agency has to answer (its own budget, inside the dossier's time).</summary>
    public int BudgetMinutes { get; private set; }

    /// <summary>The start of counting after the request plus the budget in working time.</summary>
    public DateTime DueAt { get; private set; }

    public OpinionState State { get; private set; }
    public DateTime? AnsweredAt { get; private set; }
    public Guid? AnsweredById { get; private set; }
    public string? AnsweredByName { get; private set; }
    public string? Answer { get; private set; }

    /// <summary>Early, on time or late against <see cref="DueAt"/>, once answered.</summary>
    public Timeliness? Result { get; private set; }

    /// <summary>Set when withdrawn or cancelled.</summary>
    public DateTime? ClosedAt { get; private set; }

    /// <summary>Two officials of the asked agency answering at once: one wins, the other sees the conflict.</summary>
    public int Version { get; private set; }

    public bool IsOpen => State == OpinionState.Open;

    /// <summary>Open and past its due time: the asked agency is late with its answer.</summary>
    public bool IsOverdueAt(DateTime now) => IsOpen && now > DueAt;

    internal void Give(Actor by, string answer, DateTime at, Timeliness result)
    {
        EnsureOpen();
        State = OpinionState.Answered;
        AnsweredAt = at;
        AnsweredById = by.UserId;
        AnsweredByName = by.Name;
        Answer = answer;
        Result = result;
        Version++;
    }

    internal void Withdraw(DateTime at)
    {
        EnsureOpen();
        State = OpinionState.Withdrawn;
        ClosedAt = at;
        Version++;
    }

    internal void Cancel(DateTime at)
    {
        if (IsOpen)
        {
            State = OpinionState.Cancelled;
            ClosedAt = at;
            Version++;
        }
    }

    private void EnsureOpen() => DomainException.Ensure(IsOpen,
        State == OpinionState.Answered ? "Yêu cầu xin ý kiến này đã được trả lời." : "Yêu cầu xin ý kiến này đã được rút hoặc hủy.",
        State == OpinionState.Answered ? "This request for an opinion has already been answered." : "This request for an opinion was withdrawn or cancelled.");
}

public sealed class OpinionRequestConfiguration : IEntityTypeConfiguration<OpinionRequest>
{
    public void Configure(EntityTypeBuilder<OpinionRequest> builder)
    {
        builder.Property(x => x.Question).HasMaxLength(2000);
        builder.Property(x => x.AskedByName).HasMaxLength(200);
        builder.Property(x => x.AnsweredByName).HasMaxLength(200);
        builder.Property(x => x.Answer).HasMaxLength(4000);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => x.DossierId);

        // The asked agency's inbox: its open requests by due time.
        builder.HasIndex(x => new { x.ToAgencyId, x.State, x.DueAt });
        builder.HasOne<Dossier>().WithMany().HasForeignKey(x => x.DossierId);
        builder.HasOne<DossierStep>().WithMany().HasForeignKey(x => x.StepId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Catalog.Agency>().WithMany().HasForeignKey(x => x.FromAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Catalog.Agency>().WithMany().HasForeignKey(x => x.ToAgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
