using System.Text.Json;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Dossiers;
using Portal.Core.Identity;
using Portal.Core.Notifications;

namespace Portal.Core.Data;

/// <summary>Reacts to dossier state changes inside the transaction that saves them (outbox, statistics).</summary>
public interface IDossierChangeSink
{
    /// <summary>
    /// Before the rows are written, while the change tracker still holds the values loaded from the database; runs on
    /// every save that adds, changes or deletes a dossier, with or without a status change (a rating, a sync receipt).
    /// </summary>
    Task OnSavingAsync(PortalDb db, CancellationToken ct) => Task.CompletedTask;

    Task OnSavedAsync(PortalDb db, IReadOnlyList<DossierEvent> events, CancellationToken ct);
}

/// <summary>
/// The one EF Core model of the portal, with Identity in the same database. It is abstract over the provider:
/// <see cref="SqlitePortalDb"/> and <see cref="PostgresPortalDb"/> each carry their own migrations.
/// A feature folder adds its sets in its own part of this partial class and its mapping as
/// <see cref="IEntityTypeConfiguration{TEntity}"/> classes, which are applied from this assembly.
/// </summary>
public abstract partial class PortalDb : IdentityDbContext<PortalUser, PortalRole, Guid>
{
    private readonly IDossierChangeSink[] _sinks;
    private readonly IOutboxSignal? _outboxSignal;

    protected PortalDb(DbContextOptions options, IEnumerable<IDossierChangeSink>? sinks, IOutboxSignal? outboxSignal)
        : base(options)
    {
        _sinks = sinks?.ToArray() ?? [];
        _outboxSignal = outboxSignal;
    }

    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<Sector> Sectors => Set<Sector>();
    public DbSet<Procedure> Procedures => Set<Procedure>();
    public DbSet<ProcedureVersion> ProcedureVersions => Set<ProcedureVersion>();
    public DbSet<ProcedureAgency> ProcedureAgencies => Set<ProcedureAgency>();
    public DbSet<Dossier> Dossiers => Set<Dossier>();
    public DbSet<DossierHistoryEntry> DossierHistory => Set<DossierHistoryEntry>();
    public DbSet<DossierFormData> DossierForms => Set<DossierFormData>();
    public DbSet<DossierDocument> DossierDocuments => Set<DossierDocument>();
    public DbSet<SupplementRequest> SupplementRequests => Set<SupplementRequest>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<CalendarAdjustment> CalendarAdjustments => Set<CalendarAdjustment>();
    public DbSet<DossierCodeCounter> DossierCodeCounters => Set<DossierCodeCounter>();

    /// <summary>True on PostgreSQL; the few provider-specific statements ask this.</summary>
    public abstract bool IsPostgres { get; }

    /// <summary>Off while bulk-loading history (the demo, an import): those rows are not work for the dispatcher.</summary>
    public bool SignalOutbox { get; set; } = true;

    /// <summary>
    /// Hands outbox rows to the dispatcher that were committed inside a caller's own transaction (SaveChanges does not
    /// signal there, the rows not being committed yet); call it after the commit.
    /// </summary>
    public void SignalCommitted(IReadOnlyCollection<long> ids)
    {
        if (ids.Count > 0 && SignalOutbox && _outboxSignal is not null)
        {
            _outboxSignal.Committed(ids);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Saves, and for every dossier state change adds its outbox row in the same transaction; the change sinks
    /// (statistics) run inside that transaction too. Once committed, Hangfire is told about the new outbox rows.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var dossiers = ChangeTracker.Entries<Dossier>().Select(e => e.Entity).Where(d => d.PendingEvents.Count > 0).ToList();
        // A dossier can change what the statistics count without a status change (a rating, a sync receipt).
        var touched = _sinks.Length > 0 && ChangeTracker.Entries<Dossier>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
        var events = dossiers.SelectMany(d => d.PendingEvents).ToList();
        foreach (var e in events)
        {
            Outbox.Add(OutboxMessage.ForDossier(e.Dossier, OutboxKind.DossierStatusChanged, e.Action,
                new StatusChangedPayload((byte)e.From, (byte)e.To, e.At, e.Action, e.Actor.Role).Serialize(), e.At));
        }

        var runSinks = events.Count > 0 || touched;
        if (runSinks)
        {
            foreach (var sink in _sinks)
            {
                await sink.OnSavingAsync(this, cancellationToken);
            }
        }

        var newMessages = ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var ownTransaction = Database.CurrentTransaction is null && runSinks && _sinks.Length > 0;
        int written;
        await using (var transaction = ownTransaction ? await Database.BeginTransactionAsync(cancellationToken) : null)
        {
            written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (runSinks)
            {
                foreach (var sink in _sinks)
                {
                    await sink.OnSavedAsync(this, events, cancellationToken);
                }
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        foreach (var dossier in dossiers)
        {
            dossier.ClearEvents();
        }

        // Inside a caller's transaction the rows are not committed yet; the outbox sweep will find them.
        if (newMessages.Count > 0 && SignalOutbox && _outboxSignal is not null && Database.CurrentTransaction is null)
        {
            _outboxSignal.Committed([.. newMessages.Select(m => m.Id)]);
        }

        return written;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(400);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<PortalUser>(u =>
        {
            u.Property(x => x.FullName).HaveMaxLengthFor(200);
            u.HasIndex(x => x.CitizenId);
            u.HasIndex(x => x.TaxCode);
            u.HasIndex(x => x.AgencyId);
        });

        builder.Entity<Agency>(a =>
        {
            a.HasIndex(x => x.Code).IsUnique();
            a.Property(x => x.Code).HasMaxLength(40);
            a.HasIndex(x => x.ParentId);
            a.HasOne<Agency>().WithMany().HasForeignKey(x => x.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
            a.HasMany(x => x.FormerNames).WithOne().HasForeignKey(x => x.AgencyId);
            a.Navigation(x => x.FormerNames).HasField("_formerNames");
        });
        builder.Entity<AgencyNameHistory>(h =>
        {
            h.ToTable("AgencyNameHistory");
            h.HasIndex(x => new { x.AgencyId, x.Until });
        });
        builder.Entity<Sector>(s => s.HasIndex(x => x.Code).IsUnique());

        builder.Entity<Procedure>(p =>
        {
            p.HasIndex(x => x.Code).IsUnique();
            p.HasIndex(x => x.NameKey);
            p.HasOne(x => x.Sector).WithMany().HasForeignKey(x => x.SectorId);
            p.HasMany(x => x.Versions).WithOne(v => v.Procedure).HasForeignKey(v => v.ProcedureId);
            p.HasOne(x => x.CurrentVersion).WithMany().HasForeignKey(x => x.CurrentVersionId).OnDelete(DeleteBehavior.Restrict);
            p.HasMany(x => x.Agencies).WithOne().HasForeignKey(x => x.ProcedureId);
        });
        builder.Entity<ProcedureAgency>(pa =>
        {
            pa.HasKey(x => new { x.ProcedureId, x.AgencyId });
            pa.HasOne(x => x.Agency).WithMany().HasForeignKey(x => x.AgencyId);
            pa.HasIndex(x => x.AgencyId);
        });
        builder.Entity<ProcedureVersion>(v =>
        {
            v.HasIndex(x => new { x.ProcedureId, x.Number }).IsUnique();
            v.ComplexProperty(x => x.TimeLimit);
            v.Property(x => x.Name).HaveMaxLengthFor(1000);
            v.Property(x => x.ResultDescription).HaveMaxLengthFor(4000);
            v.Property(x => x.TimeLimitNote).HaveMaxLengthFor(4000);
            v.Property(x => x.Caveat).HaveMaxLengthFor(4000);
            v.Property(x => x.Source).HaveMaxLengthFor(2000);
            v.Property(x => x.ApplicantTypes).HaveMaxLengthFor(1000);
            v.Property(x => x.Fees).AsJson();
            v.Property(x => x.Documents).AsJson();
            v.Property(x => x.LegalBasis).AsJson();
            v.Property(x => x.Form).AsJson();
            v.Property(x => x.Steps).AsJson();
            // Versions made before form rules existed have none ("[]", not an empty string, for the JSON reader).
            v.Property(x => x.FormRules).AsJson().HasDefaultValue(new List<FormRule>());
            v.Property(x => x.AgencyDescription).HaveMaxLengthFor(1000);
            v.Property(x => x.DefinitionHash).HasMaxLength(64);
            // Versions made before drafts existed were all in force.
            v.Property(x => x.State).HasDefaultValue(ProcedureVersionState.Published);
        });

        builder.Entity<Dossier>(d =>
        {
            d.Ignore(x => x.PendingEvents);
            d.Property(x => x.Version).IsConcurrencyToken();
            d.Property(x => x.Code).HasMaxLength(40);
            d.Property(x => x.LookupPin).HasMaxLength(8);
            d.Property(x => x.ApplicantNameKey).HasMaxLength(200);
            if (IsPostgres)
            {
                // The key is ASCII: byte order is the order a name search pages in and merges its branches in, whatever the
                // server's locale (a linguistic collation would skip the spaces between words).
                d.Property(x => x.ApplicantNameKey).UseCollation("C");
            }

            d.Property(x => x.StatusNote).HaveMaxLengthFor(2000);
            d.Property(x => x.RatingComment).HaveMaxLengthFor(2000);
            d.ComplexProperty(x => x.Applicant, a =>
            {
                a.Property(x => x.FullName).HasMaxLength(200);
                a.Property(x => x.IdNumber).HasMaxLength(20);
                a.Property(x => x.Phone).HasMaxLength(20);
                a.Property(x => x.Email).HasMaxLength(256);
                a.Property(x => x.Address).HasMaxLength(400);
            });
            d.HasIndex(x => x.Code).IsUnique();
            // Worklists and the deadline sweep: open dossiers of an agency by due time.
            d.HasIndex(x => new { x.AgencyId, x.Status, x.DueAt });
            d.HasIndex(x => new { x.Status, x.DueAt });
            d.HasIndex(x => new { x.ApplicantUserId, x.Status });
            d.HasIndex(x => new { x.AgencyId, x.ApplicantNameKey });
            d.HasIndex(x => x.ReceivedAt);
            d.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
            d.HasOne<Procedure>().WithMany().HasForeignKey(x => x.ProcedureId).OnDelete(DeleteBehavior.Restrict);
            d.HasOne<ProcedureVersion>().WithMany().HasForeignKey(x => x.ProcedureVersionId).OnDelete(DeleteBehavior.Restrict);
            d.HasOne<Sector>().WithMany().HasForeignKey(x => x.SectorId).OnDelete(DeleteBehavior.Restrict);
            d.HasOne(x => x.FormData).WithOne().HasForeignKey<DossierFormData>(f => f.DossierId);
            // The aggregate's collections are read-only outside it: EF reads and writes their backing fields.
            d.HasMany(x => x.Documents).WithOne().HasForeignKey(x => x.DossierId);
            d.HasMany(x => x.History).WithOne().HasForeignKey(x => x.DossierId);
            d.HasMany(x => x.SupplementRequests).WithOne().HasForeignKey(x => x.DossierId);
            d.Navigation(x => x.Documents).HasField("_documents").UsePropertyAccessMode(PropertyAccessMode.Field);
            d.Navigation(x => x.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
            d.Navigation(x => x.SupplementRequests).HasField("_supplementRequests").UsePropertyAccessMode(PropertyAccessMode.Field);
            d.Ignore(x => x.ReceivedDocuments);
            d.Property<List<ReceivedDocument>>("_receivedDocuments").HasColumnName(nameof(Dossier.ReceivedDocuments)).AsJson();
        });
        builder.Entity<DossierFormData>(f =>
        {
            f.HasKey(x => x.DossierId);
            f.Property(x => x.Json).HaveMaxLengthFor(200_000);
        });
        builder.Entity<DossierHistoryEntry>(h =>
        {
            h.HasIndex(x => new { x.DossierId, x.At });
            h.Property(x => x.Note).HaveMaxLengthFor(2000);
        });
        builder.Entity<DossierDocument>(doc =>
        {
            doc.HasIndex(x => x.DossierId);
            doc.Property(x => x.Sha256).HasMaxLength(64);
        });
        builder.Entity<SupplementRequest>(s =>
        {
            s.HasIndex(x => x.DossierId);
            s.Property(x => x.Reason).HaveMaxLengthFor(2000);
            s.Property(x => x.Documents).AsJson();
        });
        builder.Entity<OutboxMessage>(o =>
        {
            o.Property(x => x.Type).HasMaxLength(100);
            o.Property(x => x.Payload).HaveMaxLengthFor(100_000);
            o.Property(x => x.LastError).HaveMaxLengthFor(2000);
            o.HasOne(x => x.Dossier).WithMany().HasForeignKey(x => x.DossierId);
            o.HasIndex(x => new { x.ProcessedAt, x.DeadAt, x.NextAttemptAt });
            o.HasIndex(x => x.DossierId);
        });
        builder.Entity<CalendarAdjustment>(c =>
        {
            c.HasIndex(x => x.Date).IsUnique();
        });
        builder.Entity<DossierCodeCounter>(c =>
        {
            c.HasKey(x => new { x.AgencyCode, x.Day });
            c.Property(x => x.AgencyCode).HasMaxLength(40);
            c.Property(x => x.Day).HasMaxLength(6);
        });

        builder.ApplyConfigurationsFromAssembly(typeof(PortalDb).Assembly);

        // OpenIddict's applications, authorizations, scopes and tokens (the API's clients, Api/ApiClient) in this database;
        // its JSON columns are longer than the 400 characters every other string gets by convention.
        builder.UseOpenIddict();
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace?.StartsWith("OpenIddict", StringComparison.Ordinal) == true))
        {
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string) && p.GetMaxLength() == 400 && !p.IsKey() && !p.IsForeignKey()))
            {
                property.SetColumnType("text");
                property.SetMaxLength(null);
            }
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.Value.Kind == DateTimeKind.Local ? v.Value.ToUniversalTime() : v.Value, DateTimeKind.Utc),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}

/// <summary>The per-agency, per-day counter behind dossier codes.</summary>
public sealed class DossierCodeCounter
{
    public string AgencyCode { get; set; } = string.Empty;

    /// <summary>yymmdd of reception, local time.</summary>
    public string Day { get; set; } = string.Empty;

    public int Last { get; set; }
}

internal static class ModelBuilderExtensions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Long text: unbounded on both providers ("text" is a type name SQLite and PostgreSQL share).</summary>
    public static PropertyBuilder<T> HaveMaxLengthFor<T>(this PropertyBuilder<T> property, int max) =>
        max > 4000 ? property.HasColumnType("text") : property.HasMaxLength(max);

    /// <summary>A list of records stored as one JSON text column, the same on SQLite and PostgreSQL.</summary>
    public static PropertyBuilder<List<T>> AsJson<T>(this PropertyBuilder<List<T>> property)
    {
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<T>>(v, Json) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                v => JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(v, Json), Json) ?? new List<T>()));
        property.HasColumnType("text");
        return property;
    }
}
