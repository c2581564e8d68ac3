using System.Security.Cryptography;
using Portal.Core.Documents;
using Portal.Core.Dossiers;

namespace Portal.Core.Processing;

/// <summary>A file an official uploads (a scan at the counter, an electronic result), before it is checked.</summary>
public sealed record OfficialFile(string FileName, long Length, Func<Stream> Open, int? RequirementIndex = null, string? Title = null);

/// <summary>
/// Checks an official's upload by its bytes (PDF, JPEG or PNG; size limit; a PDF without active content, see
/// <see cref="PdfInspector"/>), runs the scanning hook (a held file is kept in quarantine) and stores it under a
/// generated name. A refused file throws a <see cref="DomainException"/> that names it; nothing is stored for it.
/// </summary>
public static class OfficialUploads
{
    public static async Task<DossierDocument> StoreAsync(IDocumentStore store, IDocumentScanner scanner, OfficialFile file, DocumentKind kind, string title,
        long maxBytes, DateTime at, Guid? by, CancellationToken ct, bool pdfOnly = false)
    {
        var name = SafeName(file.FileName);
        DomainException.Ensure(!FileNames.ClimbsOut(file.FileName),
            $"Tên tệp \"{name}\" chứa đường dẫn thư mục (\"../\") nên không được nhận. Hãy đổi tên tệp rồi tải lại.",
            $"The file name \"{name}\" contains a folder path (\"../\") and is not accepted. Rename the file and upload it again.");
        DomainException.Ensure(file.Length > 0, $"Tệp \"{name}\" rỗng.", $"The file \"{name}\" is empty.");
        DomainException.Ensure(file.Length <= maxBytes,
            $"Tệp \"{name}\" lớn hơn {maxBytes / (1024 * 1024)} MB.", $"The file \"{name}\" is larger than {maxBytes / (1024 * 1024)} MB.");
        await using var source = file.Open();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length <= maxBytes && (read = await source.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        DomainException.Ensure(buffer.Length <= maxBytes,
            $"Tệp \"{name}\" lớn hơn {maxBytes / (1024 * 1024)} MB.", $"The file \"{name}\" is larger than {maxBytes / (1024 * 1024)} MB.");
        var bytes = buffer.ToArray();
        var kindOfFile = FileSignature.Detect(bytes);
        var allowed = pdfOnly ? kindOfFile == FileKind.Pdf : kindOfFile is FileKind.Pdf or FileKind.Jpeg or FileKind.Png;
        DomainException.Ensure(allowed,
            pdfOnly ? $"Tệp \"{name}\" không phải PDF." : $"Tệp \"{name}\" không phải PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp, không theo tên).",
            pdfOnly ? $"The file \"{name}\" is not a PDF." : $"The file \"{name}\" is not a PDF, JPEG or PNG (checked by its content, not its name).");
        DomainException.Ensure(!FileSignature.HidesOtherContent(bytes, kindOfFile),
            $"Tệp \"{name}\" có nội dung khác ẩn bên trong (mã trang web hoặc tệp nén) nên không được nhận. Hãy quét lại bản gốc.",
            $"The file \"{name}\" hides other content (web page code or an archive) and is not accepted. Scan the original again.");
        var active = kindOfFile == FileKind.Pdf ? PdfInspector.Find(bytes, FileSignature.MaxExpandedBytes) : ActiveContent.None;
        if (active != ActiveContent.None)
        {
            var (vietnamese, english) = ActiveContentAdvice.For(active);
            throw new DomainException($"\"{name}\": {vietnamese}", $"\"{name}\": {english}");
        }

        var sha = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
        buffer.Position = 0;
        var clean = await scanner.IsCleanAsync(buffer, kindOfFile, ct);
        buffer.Position = 0;
        var key = await store.SaveAsync(buffer, FileSignature.Extension(kindOfFile), ct);
        var fileName = Path.ChangeExtension(name, FileSignature.Extension(kindOfFile));
        var document = new DossierDocument(kind, file.RequirementIndex, title, fileName, FileSignature.ContentType(kindOfFile), bytes.Length, sha, key, at, by);
        if (!clean)
        {
            document.Quarantine();
        }

        return document;
    }

    /// <summary>The name shown and offered on download: no path, no control characters, at most 120 characters.</summary>
    public static string SafeName(string? fileName)
    {
        var bare = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/'));
        var clean = new string([.. bare.Where(c => !char.IsControl(c) && c is not ('"' or '/' or ':' or '*' or '?' or '<' or '>' or '|'))]).Trim();
        if (clean.Length == 0)
        {
            clean = "tep";
        }

        return Text.VietnameseText.Normalize(clean.Length > 120 ? clean[^120..] : clean);
    }
}
