using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Dossiers;

namespace Portal.Core.Filing;

/// <summary>One uploaded file as the web layer hands it over.</summary>
public sealed record UploadedFile(string FileName, long Length, Func<Stream> Open);

/// <summary>A refused file: the Vietnamese and English messages say what to do; the page shows the reader's language.</summary>
public sealed record UploadProblem(string FileName, string Vietnamese, string English);

/// <summary>
/// Checks and stores the applicant's files: type by magic bytes (PDF, JPEG, PNG, and DOCX where the requirement
/// allows it), no active content (<see cref="PdfInspector"/>, <see cref="DocxInspector"/>), size and count limits, the
/// account's room across its drafts (<see cref="DraftQuota"/>), SHA-256, and the scanning hook (a held file is kept in
/// quarantine). A refused file changes nothing; the accepted ones of the same upload are kept.
/// </summary>
public sealed class UploadDocumentsHandler(PortalDb db, IDocumentStore store, IDocumentScanner scanner, IOptions<FilingOptions> options, TimeProvider time)
{
    public async Task<IReadOnlyList<UploadProblem>> HandleAsync(Dossier dossier, DocumentKind kind, int? requirementIndex, string title, bool allowDocx,
        IReadOnlyList<UploadedFile> files, Guid userId, CancellationToken ct)
    {
        var o = options.Value;
        var problems = new List<UploadProblem>();
        var applicantFiles = dossier.Documents.Where(d => d.Kind is DocumentKind.Submitted or DocumentKind.Supplement).ToList();
        var count = applicantFiles.Count;
        var total = applicantFiles.Sum(d => d.Size);
        // The account's other drafts count against its room; a supplement belongs to a filed dossier and does not.
        var inDraft = dossier.Status == DossierStatus.Draft && dossier.ApplicantUserId is not null;
        var elsewhere = inDraft ? await DraftQuota.StoredBytesAsync(db, dossier.ApplicantUserId!.Value, dossier.Id, ct) : 0;
        foreach (var file in files)
        {
            var name = SafeName(file.FileName);
            if (FileNames.ClimbsOut(file.FileName))
            {
                problems.Add(new(name, "Tên tệp chứa đường dẫn thư mục (\"../\") nên không được nhận. Vui lòng đổi tên tệp rồi tải lại.",
                    "The file name contains a folder path (\"../\") and is not accepted. Rename the file and upload it again."));
                continue;
            }

            if (file.Length <= 0)
            {
                problems.Add(new(name, "Tệp rỗng, vui lòng chọn lại tệp đúng.", "The file is empty; please choose the right file."));
                continue;
            }

            if (file.Length > o.MaxFileBytes)
            {
                problems.Add(new(name, $"Tệp lớn hơn {Mb(o.MaxFileBytes)} MB. Vui lòng quét ở độ phân giải thấp hơn hoặc nén tệp PDF rồi tải lại.",
                    $"The file is larger than {Mb(o.MaxFileBytes)} MB. Scan at a lower resolution or compress the PDF, then upload again."));
                continue;
            }

            if (count + 1 > o.MaxFilesPerDossier)
            {
                problems.Add(new(name, $"Hồ sơ đã có {o.MaxFilesPerDossier} tệp, là số tối đa. Hãy gộp các trang vào một tệp PDF.",
                    $"The dossier already has the maximum of {o.MaxFilesPerDossier} files. Merge pages into one PDF."));
                continue;
            }

            if (total + file.Length > o.MaxDossierBytes)
            {
                problems.Add(new(name, $"Tổng dung lượng hồ sơ sẽ vượt {Mb(o.MaxDossierBytes)} MB. Hãy nén bớt tệp.",
                    $"The dossier would exceed {Mb(o.MaxDossierBytes)} MB in total. Compress some files."));
                continue;
            }

            if (inDraft && elsewhere + total + file.Length > o.MaxDraftBytesPerAccount)
            {
                var (vietnamese, english) = DraftQuota.TooManyBytes(o.MaxDraftBytesPerAccount);
                problems.Add(new(name, vietnamese, english));
                continue;
            }

            using var buffer = new MemoryStream();
            await using (var source = file.Open())
            {
                await CopyAtMostAsync(source, buffer, o.MaxFileBytes + 1, ct);
            }

            if (buffer.Length > o.MaxFileBytes)
            {
                problems.Add(new(name, $"Tệp lớn hơn {Mb(o.MaxFileBytes)} MB.", $"The file is larger than {Mb(o.MaxFileBytes)} MB."));
                continue;
            }

            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            var type = FileSignature.Detect(bytes);
            var active = ActiveContent.None;
            if (type == FileKind.Docx)
            {
                buffer.Position = 0;
                var docx = allowDocx ? DocxInspector.Inspect(buffer, FileSignature.MaxExpandedBytes) : DocxInspection.NotAWordDocument;
                type = docx.IsWordDocument ? type : FileKind.Unknown;
                active = docx.Found;
            }

            if (type == FileKind.Unknown)
            {
                problems.Add(new(name, allowDocx
                        ? "Tệp không phải PDF, ảnh JPEG/PNG hoặc Word (.docx) hợp lệ (nội dung tệp được kiểm tra, không dựa vào tên). Vui lòng tải bản quét PDF hoặc ảnh chụp."
                        : "Tệp không phải PDF hoặc ảnh JPEG/PNG hợp lệ (nội dung tệp được kiểm tra, không dựa vào tên). Vui lòng tải bản quét PDF hoặc ảnh chụp.",
                    allowDocx
                        ? "The file is not a valid PDF, JPEG/PNG image or Word (.docx) document (its content is checked, not its name). Upload a PDF scan or a photo."
                        : "The file is not a valid PDF or JPEG/PNG image (its content is checked, not its name). Upload a PDF scan or a photo."));
                continue;
            }

            if (FileSignature.HidesOtherContent(bytes, type))
            {
                problems.Add(new(name, "Tệp có nội dung khác ẩn bên trong (mã trang web hoặc tệp nén) nên không được nhận. Vui lòng tải bản quét PDF hoặc ảnh chụp gốc.",
                    "The file hides other content (web page code or an archive) and is not accepted. Upload the original PDF scan or photo."));
                continue;
            }

            if (type == FileKind.Pdf)
            {
                active = PdfInspector.Find(bytes, FileSignature.MaxExpandedBytes);
            }

            if (active != ActiveContent.None)
            {
                var (vietnamese, english) = ActiveContentAdvice.For(active);
                problems.Add(new(name, vietnamese, english));
                continue;
            }

            var sha = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
            buffer.Position = 0;
            var clean = await scanner.IsCleanAsync(buffer, type, ct);
            buffer.Position = 0;
            var key = await store.SaveAsync(buffer, FileSignature.Extension(type), ct);
            var now = time.GetUtcNow().UtcDateTime;
            var document = new DossierDocument(kind, requirementIndex, title, Path.ChangeExtension(name, FileSignature.Extension(type)),
                FileSignature.ContentType(type), buffer.Length, sha, key, now, userId);
            if (!clean)
            {
                document.Quarantine();
            }

            dossier.AddDocument(document, now);
            count++;
            total += buffer.Length;
        }

        return problems;
    }

    /// <summary>Removes one of the applicant's own files while the draft (or the supplement) is open.</summary>
    public async Task<bool> RemoveAsync(Dossier dossier, long documentId, CancellationToken ct)
    {
        var removed = dossier.RemoveDocument(documentId, time.GetUtcNow().UtcDateTime);
        if (removed is null)
        {
            return false;
        }

        await db.SaveChangesAsync(ct);
        // Only once the row is gone: a failed save leaves the file where the dossier still points.
        await store.DeleteAsync(removed.StorageKey, ct);
        return true;
    }

    /// <summary>The name the applicant gave, without any path, control characters or odd punctuation.</summary>
    public static string SafeName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/'));
        var clean = new string(Text.VietnameseText.Normalize(name).Where(c => char.IsLetterOrDigit(c) || c is ' ' or '.' or '-' or '_' or '(' or ')').ToArray()).Trim('.', ' ');
        if (clean.Length == 0)
        {
            clean = "tep";
        }

        return clean.Length > 120 ? clean[^120..] : clean;
    }

    private static string Mb(long bytes) => (bytes / (1024d * 1024d)).ToString("0.#", CultureInfo.InvariantCulture);

    private static async Task CopyAtMostAsync(Stream source, Stream target, long limit, CancellationToken ct)
    {
        var chunk = new byte[81920];
        long copied = 0;
        int read;
        while (copied < limit && (read = await source.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - copied)), ct)) > 0)
        {
            await target.WriteAsync(chunk.AsMemory(0, read), ct);
            copied += read;
        }
    }
}
