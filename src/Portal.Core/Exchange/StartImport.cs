using System.Security.Cryptography;
using FluentValidation;
using Hangfire;
using Portal.Core.Data;
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

public sealed class StartImportHandler(PortalDb db, ExchangeStorage storage, IBackgroundJobClient jobs, TimeProvider time)
{
    /// <summary>
    /// Stores the file, records the run and queues its job; the page then follows the run's progress. A file that is not
    /// text (an image, a workbook, a PDF) or not UTF-8 is refused here, with what to upload instead, and leaves no run.
    /// </summary>
    public async Task<(Guid? Id, RowProblem? Refusal)> HandleAsync(StartImport command, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        var storedName = $"{id:N}.csv";
        Directory.CreateDirectory(storage.ImportDirectory);
        var path = Path.Combine(storage.ImportDirectory, storedName);
        string sha;
        await using (var file = File.Create(path))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await command.Content.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        RowProblem? refusal;
        await using (var stored = File.OpenRead(path))
        {
            (_, refusal) = await ExchangeCsv.InspectAsync(stored, ct);
        }

        if (refusal is not null)
        {
            File.Delete(path);
            return (null, refusal);
        }

        var name = VietnameseText.Normalize(Path.GetFileName(command.FileName));
        db.ImportRuns.Add(new ImportRun(id, name.Length > 200 ? name[..200] : name, storedName, sha, command.AgencyId, command.UserId, command.UserName,
            time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<ImportDossiersJob>(job => job.RunAsync(id, CancellationToken.None));
        return (id, null);
    }
}
