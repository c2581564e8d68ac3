using System.Text;

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
/// A .docx is a ZIP that <see cref="DocxInspector"/> confirms; a ZIP that is not a Word document, or whose
/// entries would expand far beyond its size (a zip bomb), is not a .docx.
/// </summary>
public static class FileSignature
{
    /// <summary>How far a file's compressed parts (a .docx's entries, a PDF's object streams) may expand while it is checked.</summary>
    public const long MaxExpandedBytes = 50L * 1024 * 1024;

    public static FileKind Detect(ReadOnlySpan<byte> head) => head switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => FileKind.Pdf,                       // %PDF-
        [0xFF, 0xD8, 0xFF, ..] => FileKind.Jpeg,
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => FileKind.Png,
        [0x50, 0x4B, 0x03, 0x04, ..] => FileKind.Docx,                             // a ZIP; confirmed by DocxInspector
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

    private static readonly byte[][] Markup = [.. new[] { "<script", "<html", "<body", "<svg", "<iframe", "<object", "<embed", "<?php", "<!doctype html", "javascript:" }
        .Select(Encoding.ASCII.GetBytes)];

    /// <summary>
    /// True when a file that starts like a PDF or an image also carries another format that a browser or an archive tool
    /// would act on (a polyglot): page markup or script anywhere in it, or a ZIP archive (a JAR, say) at its end. Its
    /// first bytes are right, so only this finds it. A .docx is a ZIP of XML by nature and is checked by <see cref="DocxInspector"/>.
    /// </summary>
    public static bool HidesOtherContent(ReadOnlySpan<byte> content, FileKind kind) =>
        kind is FileKind.Pdf or FileKind.Jpeg or FileKind.Png && (ContainsMarkup(content) || EndsWithZip(content));

    private static bool ContainsMarkup(ReadOnlySpan<byte> content)
    {
        for (var i = content.IndexOfAny((byte)'<', (byte)'j', (byte)'J'); i >= 0;)
        {
            var rest = content[i..];
            foreach (var marker in Markup)
            {
                if (rest.Length >= marker.Length && Ascii.EqualsIgnoreCase(rest[..marker.Length], marker))
                {
                    return true;
                }
            }

            var next = rest[1..].IndexOfAny((byte)'<', (byte)'j', (byte)'J');
            i = next < 0 ? -1 : i + 1 + next;
        }

        return false;
    }

    /// <summary>A ZIP's end-of-central-directory record in the last 64 KiB, after a central directory entry: what unzip tools look for.</summary>
    private static bool EndsWithZip(ReadOnlySpan<byte> content)
    {
        var tail = content[Math.Max(0, content.Length - (65_535 + 22))..];
        var end = tail.LastIndexOf("PK\x05\x06"u8);
        if (end < 0)
        {
            return false;
        }

        return content[..(content.Length - tail.Length + end)].IndexOf("PK\x01\x02"u8) >= 0;
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
