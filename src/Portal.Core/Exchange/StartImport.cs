using System.Security.Cryptography;
using FluentValidation;
using Hangfire;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Text;

namespace Portal.Core.Exchange;

/// <summary>A leader uploads a legacy exchange file; agency leaders may import only their agency's dossiers.</summary>
public sealed record StartImport(Stream Content, string FileName, long Length, int? AgencyId, Guid? UserId, string UserName);

public sealed class StartImportValidator : AbstractValidator<StartImport>
{
    public const long MaxBytes = 200L * 1024 * 1024;

    /// <summary>The body may carry the form's other fields beside the file.</summary>
    public const long MaxRequestBytes = MaxBytes + (1024 * 1024);

    public const string TooLarge = "Tệp lớn hơn 200 MB; hãy chia nhỏ tệp (ví dụ theo năm) rồi nhập từng phần. / The file is larger than 200 MB; split it (by year, for example) and import each part.";

    public StartImportValidator()
    {
        RuleFor(x => x.FileName).Must(n => n.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            .WithMessage("Chỉ nhận tệp .csv theo định dạng trao đổi. / Only .csv files in the exchange format are accepted.");
        RuleFor(x => x.Length).GreaterThan(0).WithMessage("Tệp trống. / The file is empty.")
            .LessThanOrEqualTo(MaxBytes).WithMessage(TooLarge);
    }
}

public sealed class StartImportHandler(PortalDb db, IDocumentStore store, IBackgroundJobClient jobs, TimeProvider time, ILogger<StartImportHandler> log)
{
    /// <summary>
    /// Stores the file, records the run and queues its job; the page then follows the run's progress. A file that is not
    /// text (an image, a workbook, a PDF) or not UTF-8 is refused here, with what to upload instead, and leaves no run.
    /// The file goes to the document store, not to this node's disk: the job that reads it may run on another node.
    /// </summary>
    public async Task<(Guid? Id, RowProblem? Refusal)> HandleAsync(StartImport command, CancellationToken ct)
    {
        string key;
        string sha;
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            await using var hashing = new HashingStream(command.Content, hash);
            key = await store.SaveAsync(hashing, ".csv", ct);
            sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        RowProblem? refusal;
        await using (var stored = await store.OpenAsync(key, ct))
        {
            (_, refusal) = await ExchangeCsv.InspectAsync(stored, ct);
        }

        if (refusal is not null)
        {
            await store.DeleteUnreferencedAsync([key], log, "a refused import", ct);
            return (null, refusal);
        }

        var id = Guid.NewGuid();
        var name = VietnameseText.Normalize(Path.GetFileName(command.FileName));
        db.ImportRuns.Add(new ImportRun(id, name.Length > 200 ? name[..200] : name, key, sha, command.AgencyId, command.UserId, command.UserName,
            time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<ImportDossiersJob>(job => job.RunAsync(id, CancellationToken.None));
        return (id, null);
    }

    /// <summary>Hashes the upload as the store copies it, so that a 200 MB file is read once and never held in memory.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            hash.AppendData(buffer[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            hash.AppendData(buffer.Span[..read]);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
