using Portal.Core.Documents;
using static Portal.Testing.ActiveContentSamples;

namespace Portal.Core.Tests.Documents;

public sealed class DocxInspectorTests
{
    private const string Hyperlink = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
    private const string Image = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";

    public static TheoryData<string, byte[], ActiveContent> Hostile => new()
    {
        { "a remote attachedTemplate (template injection)", DocxWithRemoteTemplate(), ActiveContent.ExternalLink },
        { "an attachedTemplate on a UNC share", DocxWithRemoteTemplate("\\\\203.0.113.7\\mau\\don.dotm"), ActiveContent.ExternalLink },
        { "a macro-enabled document (.docm) with vbaProject.bin", Docm(), ActiveContent.Macro },
        { "an embedded OLE object", DocxWithOleObject(), ActiveContent.EmbeddedObject },
        { "a DDEAUTO field split over two runs", DocxWithDdeField(), ActiveContent.ActiveField },
        { "a simple INCLUDETEXT field", Docx(("word/document.xml", Document("<w:p><w:fldSimple w:instr=\" INCLUDETEXT &quot;\\\\\\\\203.0.113.7\\\\x.docx&quot; \"/></w:p>"))),
            ActiveContent.ActiveField },
        { "a hyperlink to file://", DocxWithHyperlink("file://203.0.113.7/share/x.exe"), ActiveContent.ExternalLink },
        { "a hyperlink to a UNC path", DocxWithHyperlink("\\\\203.0.113.7\\share\\x.exe"), ActiveContent.ExternalLink },
        { "a linked (not embedded) picture on a remote host", Docx(("word/_rels/document.xml.rels", Rels(("rId9", Image, "https://203.0.113.7/pixel.png", "External")))),
            ActiveContent.ExternalLink },
        { "an ActiveX control", Docx(("word/activeX/activeX1.xml", "<ax:ocx xmlns:ax=\"http://schemas.microsoft.com/office/2006/activeX\"/>")), ActiveContent.Macro },
        { "an altChunk (imported RTF or HTML)", Docx(("word/_rels/document.xml.rels",
            Rels(("rId3", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk", "afchunk.rtf", null)))), ActiveContent.EmbeddedObject },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_word_file_with_active_content_is_a_word_document_whose_finding_names_what_it_is(string what, byte[] docx, ActiveContent expected)
    {
        var inspection = DocxInspector.Inspect(new MemoryStream(docx), FileSignature.MaxExpandedBytes);
        Assert.True(inspection.IsWordDocument, what);
        Assert.Equal(expected, inspection.Found);
    }

    public static TheoryData<string, byte[]> Harmless => new()
    {
        { "a plain document", Docx() },
        { "a document with an https hyperlink", DocxWithHyperlink() },
        { "a document with a mailto link", DocxWithHyperlink("mailto:motcua@hongbang.haiphong.gov.vn") },
        { "an ordinary PAGE field", Docx(("word/document.xml", Document("<w:p><w:fldSimple w:instr=\" PAGE \\* MERGEFORMAT \"/></w:p>"))) },
        { "an embedded picture", Docx(("word/_rels/document.xml.rels", Rels(("rId9", Image, "media/image1.png", null))), ("word/media/image1.png", "PNG")) },
    };

    [Theory]
    [MemberData(nameof(Harmless))]
    public void A_word_file_without_active_content_is_accepted(string what, byte[] docx)
    {
        Assert.True(DocxInspector.Inspect(new MemoryStream(docx), FileSignature.MaxExpandedBytes) == new DocxInspection(true, ActiveContent.None), what);
    }

    [Fact]
    public void A_package_with_more_entries_than_the_bound_is_not_a_word_document()
    {
        var many = Enumerable.Range(0, DocxInspector.MaxEntries).Select(i => ($"word/media/p{i}.png", "x")).ToArray();
        Assert.True(DocxInspector.Inspect(new MemoryStream(Docx(many[..(DocxInspector.MaxEntries - 10)])), FileSignature.MaxExpandedBytes).IsWordDocument);
        Assert.Equal(DocxInspection.NotAWordDocument, DocxInspector.Inspect(new MemoryStream(Docx(many)), FileSignature.MaxExpandedBytes));
    }

    [Fact]
    public void A_package_larger_than_the_bound_once_expanded_is_not_a_word_document()
    {
        var text = string.Concat(Enumerable.Range(0, 4000).Select(i => (i * 7919 % 10007).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var docx = Docx(("word/media/big.txt", text));
        Assert.True(DocxInspector.Inspect(new MemoryStream(docx), 1_000_000).IsWordDocument);
        Assert.Equal(DocxInspection.NotAWordDocument, DocxInspector.Inspect(new MemoryStream(docx), 10_000));
    }

    [Fact]
    public void Relationships_with_a_document_type_declaration_are_not_read_so_no_outside_entity_is_fetched()
    {
        var rels = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"http://203.0.113.7/x\">]><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + $"<Relationship Id=\"rId1\" Type=\"{Hyperlink}\" Target=\"&x;\" TargetMode=\"External\"/></Relationships>";
        Assert.Equal(DocxInspection.NotAWordDocument, DocxInspector.Inspect(new MemoryStream(Docx(("word/_rels/document.xml.rels", rels))), FileSignature.MaxExpandedBytes));
    }

    private static string Document(string body) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
        + $"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>{body}</w:body></w:document>";
}
