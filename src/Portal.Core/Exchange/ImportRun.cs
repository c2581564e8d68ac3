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

    /// <summary>The file's key in the document store, until the run is done or rejected.</summary>
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

    /// <summary>The text encoding the file was read in (UTF-8, UTF-8 (BOM), UTF-16 LE…), once the job has looked at it.</summary>
    public string? Encoding { get; private set; }

    /// <summary>The field separator detected from the header row (, ; or a tab).</summary>
    public string? Separator { get; private set; }

    /// <summary>What the imported rows do to the figures, for the warnings of the summary.</summary>
    public ImportTally Tally { get; private set; } = new();

    public bool IsDone => Status is ImportStatus.Completed or ImportStatus.Rejected;

    public double Progress => TotalRows == 0 ? (IsDone ? 1 : 0) : (double)ProcessedRows / TotalRows;

    public void Start(int totalRows, CsvShape shape, DateTime at)
    {
        Encoding = shape.EncodingName;
        Separator = shape.Separator.ToString();
        Status = ImportStatus.Running;
        StartedAt ??= at;
        TotalRows = totalRows;
    }

    public void Advance(int processed, int imported, int unchanged, int errors, ImportTally tally)
    {
        Tally = Tally.Add(tally);
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
        Message = ImportText.Clip(vietnamese, 2000);
        MessageEn = ImportText.Clip(english, 2000);
        FinishedAt = at;
    }
}

/// <summary>
/// What the dossiers an import added do to the figures, counted as they are imported: received ones, which all count as
/// not digitised (the exchange format has no column saying otherwise), and the unfinished ones, which carry over into
/// the year of the import and may already be overdue. Counted on <see cref="CountedOn"/>, the day of the import.
/// </summary>
public sealed record ImportTally
{
    public int Received { get; init; }
    public DateOnly? FirstReceivedOn { get; init; }
    public DateOnly? LastReceivedOn { get; init; }

    /// <summary>Received, not finished (no NgayKetThucXuLy).</summary>
    public int Unfinished { get; init; }

    /// <summary>Unfinished with a promised date before <see cref="CountedOn"/>: overdue from the import on.</summary>
    public int UnfinishedOverdue { get; init; }

    /// <summary>Unfinished and received before 1 January of <see cref="CountedOn"/>'s year: carried over into that year.</summary>
    public int CarriedOver { get; init; }

    public int CarriedOverOverdue { get; init; }

    public DateOnly? CountedOn { get; init; }

    public ImportTally Add(ImportTally other) => new()
    {
        Received = Received + other.Received,
        FirstReceivedOn = Min(FirstReceivedOn, other.FirstReceivedOn),
        LastReceivedOn = Max(LastReceivedOn, other.LastReceivedOn),
        Unfinished = Unfinished + other.Unfinished,
        UnfinishedOverdue = UnfinishedOverdue + other.UnfinishedOverdue,
        CarriedOver = CarriedOver + other.CarriedOver,
        CarriedOverOverdue = CarriedOverOverdue + other.CarriedOverOverdue,
        CountedOn = Max(CountedOn, other.CountedOn),
    };

    /// <summary>One imported dossier, its dates already in local days.</summary>
    public static ImportTally Of(DateOnly? receivedOn, DateOnly? promisedOn, bool finished, DateOnly today)
    {
        if (receivedOn is not { } received)
        {
            return new() { CountedOn = today };
        }

        var unfinished = !finished;
        var overdue = unfinished && promisedOn < today;
        var carried = unfinished && received < new DateOnly(today.Year, 1, 1);
        return new()
        {
            Received = 1,
            FirstReceivedOn = received,
            LastReceivedOn = received,
            Unfinished = unfinished ? 1 : 0,
            UnfinishedOverdue = overdue ? 1 : 0,
            CarriedOver = carried ? 1 : 0,
            CarriedOverOverdue = carried && overdue ? 1 : 0,
            CountedOn = today,
        };
    }

    private static DateOnly? Min(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateOnly? Max(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

/// <summary>Text of a legacy file as an import stores and quotes it.</summary>
public static class ImportText
{
    /// <summary>Cut to the column's length (a file may hold anything, of any length), ending with "…" when cut, never inside a surrogate pair.</summary>
    public static string Clip(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var end = max - 1;
        if (char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return text[..end] + "…";
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
        Code = code is null ? null : ImportText.Clip(code, 100);
        Message = ImportText.Clip(message, 1000);
        MessageEn = ImportText.Clip(messageEn, 1000);
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
        builder.Property(x => x.Encoding).HasMaxLength(32);
        builder.Property(x => x.Separator).HasMaxLength(1);
        builder.ComplexProperty(x => x.Tally);
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
