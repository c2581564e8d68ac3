using System.IO.Compression;

namespace Portal.Core.Documents;

public enum FileKind
{
    Unknown,
    Pdf,
    Jpeg,
    Png,
    Docx,
}

/// <summary>
/// Decides what a file is from its first bytes (magic numbers), never from its name or declared type.
/// A .docx is a ZIP whose entries include word/document.xml; a ZIP that is not a Word document, or whose
/// entries would expand far beyond its size (a zip bomb), is not a .docx.
/// </summary>
public static class FileSignature
{
    public static FileKind Detect(ReadOnlySpan<byte> head) => head switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => FileKind.Pdf,                       // %PDF-
        [0xFF, 0xD8, 0xFF, ..] => FileKind.Jpeg,
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => FileKind.Png,
        [0x50, 0x4B, 0x03, 0x04, ..] => FileKind.Docx,                             // a ZIP; confirmed by InspectDocx
        _ => FileKind.Unknown,
    };

    public static string ContentType(FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Jpeg => "image/jpeg",
        FileKind.Png => "image/png",
        FileKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    };

    public static string Extension(FileKind kind) => kind switch
    {
        FileKind.Pdf => ".pdf",
        FileKind.Jpeg => ".jpg",
        FileKind.Png => ".png",
        FileKind.Docx => ".docx",
        _ => ".bin",
    };

    /// <summary>True when the ZIP in <paramref name="content"/> is a plausible Word document of sane expanded size.</summary>
    public static bool IsSafeDocx(Stream content, long maxExpandedBytes)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            long expanded = 0;
            var hasDocument = false;
            foreach (var entry in zip.Entries)
            {
                expanded += entry.Length;
                if (expanded > maxExpandedBytes || (entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > 200))
                {
                    return false;
                }

                hasDocument |= entry.FullName == "word/document.xml";
            }

            return hasDocument && zip.Entries.Any(e => e.FullName == "[Content_Types].xml");
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}

/// <summary>The antivirus hook: a real scanner can hold a file in quarantine. The default trusts the type check.</summary>
public interface IDocumentScanner
{
    /// <summary>True when the file may be served; false puts it in quarantine.</summary>
    Task<bool> IsCleanAsync(Stream content, FileKind kind, CancellationToken ct);
}

public sealed class NoScanner : IDocumentScanner
{
    public Task<bool> IsCleanAsync(Stream content, FileKind kind, CancellationToken ct) => Task.FromResult(true);
}
