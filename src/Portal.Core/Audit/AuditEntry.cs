using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Text;

namespace Portal.Core.Audit;

/// <summary>
/// One line of the append-only audit trail: who (account, name, roles, agency), from where (IP), when, did what —
/// every action on a dossier and every view of its personal data, downloads included. Rows are only ever inserted;
/// the database refuses updates and deletes (see <see cref="AuditSql"/>).
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        UserName = Roles = Action = string.Empty;
    }

    public AuditEntry(DateTime at, AuditActor who, string action, long? dossierId, long? documentId, string? detail)
    {
        At = at;
        UserId = who.UserId;
        UserName = Clip(who.Name, 200)!;
        Roles = Clip(who.Roles, 200)!;
        AgencyId = who.AgencyId;
        IpAddress = Clip(who.IpAddress, 64);
        Action = Clip(action, 60)!;
        DossierId = dossierId;
        DocumentId = documentId;
        // What people typed (a search, a reason) in NFC without control characters, like every stored text.
        Detail = detail is null ? null : Clip(VietnameseText.NormalizeMultiline(detail), 1000);
    }

    public long Id { get; private set; }
    public DateTime At { get; private set; }
    public Guid? UserId { get; private set; }
    public string UserName { get; private set; }

    /// <summary>The roles the person held when acting, comma-separated.</summary>
    public string Roles { get; private set; }

    public int? AgencyId { get; private set; }
    public string? IpAddress { get; private set; }

    /// <summary>A stable name (<see cref="AuditActions"/>), e.g. <c>dossier.view</c>, <c>dossier.accept</c>.</summary>
    public string Action { get; private set; }

    public long? DossierId { get; private set; }
    public long? DocumentId { get; private set; }
    public string? Detail { get; private set; }

    private static string? Clip(string? value, int max) =>
        value is null ? null : value.Length <= max ? value : value[..max];
}

/// <summary>Who acts or looks, as the trail records it.</summary>
public sealed record AuditActor(Guid? UserId, string Name, string Roles, int? AgencyId, string? IpAddress)
{
    public static readonly AuditActor System = new(null, "Hệ thống", Dossiers.Roles.System, null, null);
}

public static class AuditActions
{
    public const string ViewDossier = "dossier.view";
    public const string ViewAudit = "dossier.audit.view";
    public const string DownloadDocument = "document.download";
    public const string DownloadControlSheet = "dossier.controlsheet.download";
    public const string Search = "worklist.search";
    public const string DeadlineDueSoon = "deadline.duesoon";
    public const string DeadlineOverdue = "deadline.overdue";

    /// <summary>A person was refused: a dossier of another agency (404), a role without the right (403), the access-denied page.</summary>
    public const string AccessDenied = "access.denied";

    /// <summary>The audit search page itself was read or exported.</summary>
    public const string SearchAudit = "audit.search";
    public const string ExportAudit = "audit.export";

    public const string AgencyCreate = "admin.agency.create";
    public const string AgencyRename = "admin.agency.rename";
    public const string AgencyMerge = "admin.agency.merge";
    public const string AgencyDeactivate = "admin.agency.deactivate";
    public const string ProcedureCreate = "admin.procedure.create";
    public const string ProcedureDraft = "admin.procedure.draft";
    public const string ProcedurePublish = "admin.procedure.publish";
    public const string ProcedureDiscard = "admin.procedure.discard";
    public const string ProcedureOffers = "admin.procedure.offers";
    public const string CalendarSave = "admin.calendar.save";
    public const string CalendarDelete = "admin.calendar.delete";
    public const string ApiClientCreate = "admin.apiclient.create";
    public const string ApiClientAccess = "admin.apiclient.access";
    public const string ApiClientRotate = "admin.apiclient.rotate";
    public const string ApiClientRevoke = "admin.apiclient.revoke";

    /// <summary>One call of the API by a client: route and status in the detail, the client's id as the name.</summary>
    public const string ApiCall = "api.call";
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable(AuditSql.Table);
        builder.Property(x => x.UserName).HasMaxLength(200);
        builder.Property(x => x.Roles).HasMaxLength(200);
        builder.Property(x => x.IpAddress).HasMaxLength(64);
        builder.Property(x => x.Action).HasMaxLength(60);
        builder.Property(x => x.Detail).HasMaxLength(1000);
        builder.HasIndex(x => new { x.DossierId, x.Id });
        builder.HasIndex(x => new { x.UserId, x.At });
        // The audit search (AuditSearch) reads newest first by (At, Id), narrowed by one of these when it is given.
        builder.HasIndex(x => new { x.At, x.Id });
        builder.HasIndex(x => new { x.Action, x.At, x.Id });
        builder.HasIndex(x => new { x.AgencyId, x.At, x.Id });
        builder.HasIndex(x => new { x.IpAddress, x.At, x.Id });
    }
}

/// <summary>The statements that make the audit table append-only (the same trigger idea on both providers).</summary>
public static class AuditSql
{
    public const string Table = "AuditTrail";

    public const string SqliteUp = """
        CREATE TRIGGER "AuditTrail_no_update" BEFORE UPDATE ON "AuditTrail" BEGIN SELECT RAISE(ABORT, 'AuditTrail is append-only'); END;
        CREATE TRIGGER "AuditTrail_no_delete" BEFORE DELETE ON "AuditTrail" BEGIN SELECT RAISE(ABORT, 'AuditTrail is append-only'); END;
        """;

    public const string SqliteDown = """
        DROP TRIGGER IF EXISTS "AuditTrail_no_update";
        DROP TRIGGER IF EXISTS "AuditTrail_no_delete";
        """;

    public const string PostgresUp = """
        CREATE FUNCTION audit_trail_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'AuditTrail is append-only'; END; $$;
        CREATE TRIGGER "AuditTrail_append_only" BEFORE UPDATE OR DELETE ON "AuditTrail"
            FOR EACH ROW EXECUTE FUNCTION audit_trail_append_only();
        CREATE TRIGGER "AuditTrail_no_truncate" BEFORE TRUNCATE ON "AuditTrail"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_append_only();
        """;

    public const string PostgresDown = """
        DROP TRIGGER IF EXISTS "AuditTrail_no_truncate" ON "AuditTrail";
        DROP TRIGGER IF EXISTS "AuditTrail_append_only" ON "AuditTrail";
        DROP FUNCTION IF EXISTS audit_trail_append_only();
        """;
}
