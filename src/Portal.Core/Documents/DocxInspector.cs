using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Portal.Core.Documents;

/// <summary>A ZIP judged as a Word document: whether it is one (of sane size), and what in it would act on its own.</summary>
public sealed record DocxInspection(bool IsWordDocument, ActiveContent Found)
{
    public static readonly DocxInspection NotAWordDocument = new(false, ActiveContent.None);
}

/// <summary>
/// Looks into an OOXML package (DOCX; the rules hold for XLSX and PPTX too) within bounds on its entries and their
/// expanded size: macros and ActiveX (vbaProject.bin, a macro-enabled content type), embedded objects (…/embeddings/,
/// OLE and package relationships), fields that run or fetch (DDE, INCLUDETEXT…), and relationships that leave the
/// file. Of those only a plain hyperlink (relationship type …/hyperlink) to http, https or mailto is allowed: it does
/// nothing until clicked. Every other external target (an attached template, a linked image or OLE object, a file://
/// or UNC link) is fetched or offered by Word on opening, and is refused.
/// </summary>
public static class DocxInspector
{
    public const int MaxEntries = 1000;

    private const int MaxExpansionRatio = 200;

    private static readonly string[] MacroContentTypes = ["macroEnabled", "vbaProject", "activeX"];
    private static readonly string[] MacroTypes = ["vbaProject", "wordVbaData", "keyMapCustomizations", "control", "activeXControl", "activeXControlBinary"];
    private static readonly string[] EmbeddingTypes = ["oleObject", "package", "aFChunk"];
    private static readonly string[] TemplateTypes = ["attachedTemplate", "subDocument"];
    private static readonly string[] ActiveFields = ["DDE", "DDEAUTO", "INCLUDETEXT", "INCLUDEPICTURE", "LINK", "IMPORT"];
    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    public static DocxInspection Inspect(Stream content, long maxExpandedBytes)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxEntries)
            {
                return DocxInspection.NotAWordDocument;
            }

            long expanded = 0;
            foreach (var entry in zip.Entries)
            {
                expanded += entry.Length;
                if (expanded > maxExpandedBytes || (entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > MaxExpansionRatio))
                {
                    return DocxInspection.NotAWordDocument;
                }
            }

            var types = zip.Entries.FirstOrDefault(e => e.FullName == "[Content_Types].xml");
            if (types is null || !zip.Entries.Any(e => e.FullName == "word/document.xml"))
            {
                return DocxInspection.NotAWordDocument;
            }

            return new DocxInspection(true, Find(zip, types));
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or XmlException or NotSupportedException)
        {
            return DocxInspection.NotAWordDocument;
        }
    }

    private static ActiveContent Find(ZipArchive zip, ZipArchiveEntry types)
    {
        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            if (name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase) || name.EndsWith("vbaData.xml", StringComparison.OrdinalIgnoreCase)
                || name.Contains("/activeX/", StringComparison.OrdinalIgnoreCase))
            {
                return ActiveContent.Macro;
            }

            if (name.Contains("/embeddings/", StringComparison.OrdinalIgnoreCase))
            {
                return ActiveContent.EmbeddedObject;
            }
        }

        var contentTypes = Encoding.UTF8.GetString(Read(types));
        if (MacroContentTypes.Any(t => contentTypes.Contains(t, StringComparison.OrdinalIgnoreCase)))
        {
            return ActiveContent.Macro;
        }

        if (contentTypes.Contains("oleObject", StringComparison.OrdinalIgnoreCase))
        {
            return ActiveContent.EmbeddedObject;
        }

        foreach (var rels in zip.Entries.Where(e => e.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)))
        {
            if (Relationships(rels) is var found and not ActiveContent.None)
            {
                return found;
            }
        }

        foreach (var part in zip.Entries.Where(e => e.FullName.StartsWith("word/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
        {
            if (HasActiveField(part))
            {
                return ActiveContent.ActiveField;
            }
        }

        return ActiveContent.None;
    }

    private static ActiveContent Relationships(ZipArchiveEntry rels)
    {
        using var reader = Xml(rels);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Relationship")
            {
                continue;
            }

            var type = reader.GetAttribute("Type") ?? string.Empty;
            var kind = type[(type.LastIndexOf('/') + 1)..];
            if (MacroTypes.Contains(kind, StringComparer.OrdinalIgnoreCase))
            {
                return ActiveContent.Macro;
            }

            if (EmbeddingTypes.Contains(kind, StringComparer.OrdinalIgnoreCase))
            {
                return ActiveContent.EmbeddedObject;
            }

            // A template or master document is another file Word opens with this one, wherever the target says it is.
            if (TemplateTypes.Contains(kind, StringComparer.OrdinalIgnoreCase)
                || (string.Equals(reader.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase)
                    && !(kind.Equals("hyperlink", StringComparison.OrdinalIgnoreCase) && IsWebLink(reader.GetAttribute("Target")))))
            {
                return ActiveContent.ExternalLink;
            }
        }

        return ActiveContent.None;
    }

    private static bool IsWebLink(string? target) =>
        Uri.TryCreate(target?.Trim(), UriKind.Absolute, out var uri) && SafeSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase) && !uri.IsUnc;

    /// <summary>
    /// A field's code is the text of its instrText runs between the "begin" and "separate" (or "end") marks, which Word
    /// may split over several runs ("DD" "EAUTO"), or the instr of a fldSimple; its first word says what it does. Names
    /// are matched without their namespace, so a Strict OOXML document is read the same.
    /// </summary>
    private static bool HasActiveField(ZipArchiveEntry part)
    {
        using var reader = Xml(part);
        var open = new Stack<StringBuilder>();
        var loose = new StringBuilder();
        var inCode = false;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when reader.LocalName == "fldSimple":
                    if (IsActive(Attribute(reader, "instr")))
                    {
                        return true;
                    }

                    break;
                case XmlNodeType.Element when reader.LocalName == "fldChar":
                    var mark = Attribute(reader, "fldCharType");
                    if (mark == "begin")
                    {
                        open.Push(new StringBuilder());
                    }
                    else if (mark is "separate" or "end" && open.Count > 0 && IsActive((mark == "end" ? open.Pop() : open.Peek()).ToString()))
                    {
                        return true;
                    }

                    break;
                case XmlNodeType.Element when reader.LocalName == "instrText":
                    inCode = !reader.IsEmptyElement;
                    break;
                case XmlNodeType.EndElement when reader.LocalName == "instrText":
                    inCode = false;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when inCode:
                    (open.Count > 0 ? open.Peek() : loose).Append(reader.Value);
                    break;
            }
        }

        return IsActive(loose.ToString()) || open.Any(code => IsActive(code.ToString()));
    }

    private static string? Attribute(XmlReader reader, string localName)
    {
        for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
        {
            if (reader.LocalName == localName)
            {
                var value = reader.Value;
                reader.MoveToElement();
                return value;
            }
        }

        reader.MoveToElement();
        return null;
    }

    private static bool IsActive(string? code)
    {
        var words = (code ?? string.Empty).Split([' ', '\t', '\r', '\n', '\u00a0'], 2, StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && ActiveFields.Contains(words[0], StringComparer.OrdinalIgnoreCase);
    }

    private static XmlReader Xml(ZipArchiveEntry entry) => XmlReader.Create(new MemoryStream(Read(entry), writable: false), new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    });

    /// <summary>The entry's bytes, never more than it declares: the declared sizes are what the bounds were checked on.</summary>
    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var bytes = new byte[entry.Length];
        stream.ReadExactly(bytes);
        if (stream.ReadByte() >= 0)
        {
            throw new InvalidDataException($"{entry.FullName} expands beyond its declared size.");
        }

        return bytes;
    }
}
