using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Dossiers;

namespace Portal.Core.Processing;

/// <summary>
/// One line of the control sheet (Mẫu 05): a dossier handed from one person to another — desk to handler, step to
/// step, agency to agency, approver back to the desk, desk to the applicant — with when, and how the giver's part
/// ended against its allotted time. Append-only.
/// </summary>
public sealed class DossierHandOff
{
    private DossierHandOff()
    {
        FromName = FromRole = ToRole = Purpose = string.Empty;
    }

    internal DossierHandOff(long dossierId, DateTime at, string fromName, string fromRole, int? fromAgencyId,
        string? toName, string toRole, int? toAgencyId, string purpose, Timeliness? result, string? note)
    {
        DossierId = dossierId;
        At = at;
        FromName = fromName;
        FromRole = fromRole;
        FromAgencyId = fromAgencyId;
        ToName = toName;
        ToRole = toRole;
        ToAgencyId = toAgencyId;
        Purpose = purpose;
        Result = result;
        Note = note;
    }

    /// <summary>The applicant hands papers back (a supplement, online or at the desk): a line of Mẫu 05 as well.</summary>
    public static DossierHandOff FromApplicant(Dossier dossier, string toName, string toRole, int toAgencyId, string purpose, string? note, DateTime at) =>
        new(dossier.Id, at, dossier.Applicant.FullName, Roles.Citizen, null, toName, toRole, toAgencyId, purpose, null, note);

    /// <summary>The dossier handed to the applicant: a supplement asked, the processing stopped, the result returned.</summary>
    public static DossierHandOff ToApplicant(Dossier dossier, Actor by, int agencyId, string purpose, Timeliness? result, string? note, DateTime at) =>
        new(dossier.Id, at, by.Name, by.Role, agencyId, dossier.Applicant.FullName, Roles.Citizen, null, purpose, result, note);

    // The supplement's two lines of Mẫu 05, written by the use cases and by the demo seeder alike. A supplement asked at
    // reception has none: the dossier was never handed to anyone inside the agency.

    /// <summary>A supplement asked during processing: the dossier goes to the applicant, its clock paused.</summary>
    public static DossierHandOff SupplementAsked(Dossier dossier, Actor by, int agencyId, string reason, DateTime at) =>
        ToApplicant(dossier, by, agencyId, "Yêu cầu bổ sung, hoàn thiện hồ sơ (tạm dừng tính thời gian)", null, reason, at);

    /// <summary>The applicant's supplement filed online, back to whoever asked for it.</summary>
    public static DossierHandOff SupplementFiledOnline(Dossier dossier, SupplementRequest answered, DateTime at) =>
        FromApplicant(dossier, answered.RequestedByName, Roles.Handler, dossier.AgencyId, "Nộp hồ sơ bổ sung trực tuyến (tiếp tục tính thời gian)", null, at);

    /// <summary>The applicant's supplementary papers brought to the desk or sent by post, received by the desk official.</summary>
    public static DossierHandOff SupplementAtDesk(Dossier dossier, Actor desk, string received, DateTime at) =>
        FromApplicant(dossier, desk.Name, Roles.Reception, dossier.AgencyId, "Nộp hồ sơ bổ sung tại bộ phận một cửa (tiếp tục tính thời gian)", received, at);

    public long Id { get; private set; }
    public long DossierId { get; private set; }
    public DateTime At { get; private set; }
    public string FromName { get; private set; }
    public string FromRole { get; private set; }
    public int? FromAgencyId { get; private set; }

    /// <summary>Null while the receiving step waits for an assignee.</summary>
    public string? ToName { get; private set; }

    public string ToRole { get; private set; }
    public int? ToAgencyId { get; private set; }

    /// <summary>What is handed over, e.g. the name of the receiving step.</summary>
    public string Purpose { get; private set; }

    /// <summary>How the giver's part ended: early, on time, late (null where no time was allotted).</summary>
    public Timeliness? Result { get; private set; }

    public string? Note { get; private set; }
}

public sealed class DossierHandOffConfiguration : IEntityTypeConfiguration<DossierHandOff>
{
    public void Configure(EntityTypeBuilder<DossierHandOff> builder)
    {
        builder.Property(x => x.FromName).HasMaxLength(200);
        builder.Property(x => x.FromRole).HasMaxLength(40);
        builder.Property(x => x.ToName).HasMaxLength(200);
        builder.Property(x => x.ToRole).HasMaxLength(40);
        builder.Property(x => x.Purpose).HasMaxLength(400);
        builder.Property(x => x.Note).HasMaxLength(2000);
        builder.HasIndex(x => new { x.DossierId, x.At });
        builder.HasOne<Dossier>().WithMany().HasForeignKey(x => x.DossierId);
    }
}
