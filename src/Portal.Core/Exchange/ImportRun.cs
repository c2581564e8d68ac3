using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Exchange;

public enum ImportStatus : byte
{
    Queued = 1,
    Running = 2,
    Completed = 3,

    /// <summary>The file itself is unusable (no header, wrong columns): no row was imported.</summary>
    Rejected = 4,
}

/// <summary>One upload of a legacy exchange file and how far its import job has come (the page polls it).</summary>
public sealed class ImportRun
{
    private ImportRun()
    {
        FileName = StoredName = CreatedByName = string.Empty;
    }

    public ImportRun(Guid id, string fileName, string storedName, string? sha256, int? agencyId, Guid? createdById, string createdByName, DateTime at)
    {
        Id = id;
        FileName = fileName;
        StoredName = storedName;
        Sha256 = sha256;
        AgencyId = agencyId;
        CreatedById = createdById;
        CreatedByName = createdByName;
        CreatedAt = at;
        Status = ImportStatus.Queued;
    }

    public Guid Id { get; private set; }

    /// <summary>The name the user's file had.</summary>
    public string FileName { get; private set; }

    /// <summary>The file as stored in the data directory (imports/…).</summary>
    public string StoredName { get; private set; }

    public string? Sha256 { get; private set; }

    /// <summary>Rows of other agencies are refused when the uploader is an agency's leader.</summary>
    public int? AgencyId { get; private set; }

    public Guid? CreatedById { get; private set; }
    public string CreatedByName { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public ImportStatus Status { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }

    /// <summary>Data rows in the file (known once the job has read it).</summary>
    public int TotalRows { get; private set; }

    /// <summary>Data rows handled so far; the job resumes after them when it is run again.</summary>
    public int ProcessedRows { get; private set; }

    public int ImportedRows { get; private set; }

    /// <summary>Rows whose dossier was already there with the same data (a re-import changes nothing).</summary>
    public int UnchangedRows { get; private set; }

    public int ErrorRows { get; private set; }

    /// <summary>Why the whole file was rejected (Vietnamese / English).</summary>
    public string? Message { get; private set; }

    public string? MessageEn { get; private set; }

    public bool IsDone => Status is ImportStatus.Completed or ImportStatus.Rejected;

    public double Progress => TotalRows == 0 ? (IsDone ? 1 : 0) : (double)ProcessedRows / TotalRows;

    public void Start(int totalRows, DateTime at)
    {
        Status = ImportStatus.Running;
        StartedAt ??= at;
        TotalRows = totalRows;
    }

    public void Advance(int processed, int imported, int unchanged, int errors)
    {
        ProcessedRows += processed;
        ImportedRows += imported;
        UnchangedRows += unchanged;
        ErrorRows += errors;
    }

    public void Complete(DateTime at)
    {
        Status = ImportStatus.Completed;
        FinishedAt = at;
    }

    public void Reject(string vietnamese, string english, DateTime at)
    {
        Status = ImportStatus.Rejected;
        Message = vietnamese;
        MessageEn = english;
        FinishedAt = at;
    }
}

/// <summary>Why one row of an import was not taken (the downloadable error report).</summary>
public sealed class ImportRowError
{
    private ImportRowError()
    {
        Message = MessageEn = string.Empty;
    }

    public ImportRowError(Guid importRunId, int rowNumber, string? code, string message, string messageEn)
    {
        ImportRunId = importRunId;
        RowNumber = rowNumber;
        Code = code;
        Message = message;
        MessageEn = messageEn;
    }

    public long Id { get; private set; }
    public Guid ImportRunId { get; private set; }

    /// <summary>The line of the file (the header is line 1).</summary>
    public int RowNumber { get; private set; }

    public string? Code { get; private set; }
    public string Message { get; private set; }
    public string MessageEn { get; private set; }
}

public sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> builder)
    {
        builder.Property(x => x.FileName).HasMaxLength(260);
        builder.Property(x => x.StoredName).HasMaxLength(260);
        builder.Property(x => x.Sha256).HasMaxLength(64);
        builder.Property(x => x.CreatedByName).HasMaxLength(256);
        builder.Property(x => x.Message).HasMaxLength(2000);
        builder.Property(x => x.MessageEn).HasMaxLength(2000);
        builder.HasIndex(x => x.CreatedAt);
        builder.Ignore(x => x.IsDone);
        builder.Ignore(x => x.Progress);
    }
}

public sealed class ImportRowErrorConfiguration : IEntityTypeConfiguration<ImportRowError>
{
    public void Configure(EntityTypeBuilder<ImportRowError> builder)
    {
        builder.Property(x => x.Code).HasMaxLength(100);
        builder.Property(x => x.Message).HasMaxLength(1000);
        builder.Property(x => x.MessageEn).HasMaxLength(1000);
        builder.HasIndex(x => new { x.ImportRunId, x.RowNumber });
        builder.HasOne<ImportRun>().WithMany().HasForeignKey(x => x.ImportRunId).OnDelete(DeleteBehavior.Cascade);
    }
}
