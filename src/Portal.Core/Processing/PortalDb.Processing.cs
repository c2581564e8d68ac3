using Microsoft.EntityFrameworkCore;
using Portal.Core.Processing;
using Portal.Core.Processing.Deadlines;

namespace Portal.Core.Data;

public abstract partial class PortalDb
{
    public DbSet<DossierStep> DossierSteps => Set<DossierStep>();
    public DbSet<DossierHandOff> DossierHandOffs => Set<DossierHandOff>();
    public DbSet<DeadlineMark> DeadlineMarks => Set<DeadlineMark>();
    public DbSet<SweepCursor> SweepCursors => Set<SweepCursor>();
    public DbSet<OpinionRequest> OpinionRequests => Set<OpinionRequest>();
    public DbSet<StagedScan> StagedScans => Set<StagedScan>();
}
