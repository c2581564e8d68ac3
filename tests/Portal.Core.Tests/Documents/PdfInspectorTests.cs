using System.Text;
using Portal.Core.Documents;
using Portal.Core.Documents.Pdf;
using Portal.Testing;
using static Portal.Testing.ActiveContentSamples;

namespace Portal.Core.Tests.Documents;

public sealed class PdfInspectorTests
{
    private const long Bound = 1_000_000;

    public static TheoryData<string, byte[], ActiveContent> Hostile => new()
    {
        { "JavaScript in a plain dictionary, run on opening", PdfWithScript(), ActiveContent.Script },
        { "JavaScript behind hex-escaped names (/J#61vaScript, /J#53)", PdfWithEscapedScript(), ActiveContent.Script },
        { "JavaScript inside a FlateDecode object stream", PdfWithObjectStream(), ActiveContent.Script },
        { "JavaScript inside an object stream with no filter", PdfWithObjectStream(filter: "", encode: b => b), ActiveContent.Script },
        { "JavaScript with escaped names inside an object stream", PdfWithObjectStream("<< /S /J#61vaScr#69pt /J#53 (app.alert\\(1\\)) >>"), ActiveContent.Script },
        { "a page's additional action with script", Pdf("", "<< /Type /Page /AA << /O << /S /JavaScript /JS 5 0 R >> >> >>"), ActiveContent.Script },
        { "a document-level script in the name tree", Pdf("/Names << /JavaScript << /Names [(a) 4 0 R] >> >> ", Script), ActiveContent.Script },
        { "a /Launch action", PdfWithLaunch(), ActiveContent.Launch },
        { "an embedded file", PdfWithEmbeddedFile(), ActiveContent.EmbeddedFile },
        { "a file attachment annotation", Pdf("", "<< /Type /Annot /Subtype /FileAttachment /FS 5 0 R >>"), ActiveContent.EmbeddedFile },
        { "Flash (RichMedia)", Pdf("", "<< /Type /Annot /Subtype /RichMedia >>"), ActiveContent.Multimedia },
        { "a rendition action, which may carry a script", Pdf("/OpenAction << /S /Rendition /OP 0 >> "), ActiveContent.Multimedia },
        { "an XFA form", Pdf("/AcroForm << /Fields [] /XFA 4 0 R >> ", "<< /Length 10 >>\nstream\n<xdp:xdp/>\nendstream"), ActiveContent.XfaForm },
        { "a script in what a lying /Length calls stream data", Pdf("", "<< /Length 400 >>\nstream\nq Q\nendobj 9 0 obj << /S /JavaScript /JS (x) >>\nendstream"), ActiveContent.Script },
        { "an object stream in ASCIIHexDecode", PdfWithObjectStream(filter: "/Filter /ASCIIHexDecode", encode: b => Encoding.ASCII.GetBytes(Convert.ToHexString(b) + ">")),
            ActiveContent.Uninspectable },
        { "an object stream deflated twice", PdfWithObjectStream(filter: "/Filter [/FlateDecode /FlateDecode]", encode: b => ZLib(ZLib(b))), ActiveContent.Uninspectable },
        { "an object stream with a predictor", PdfWithObjectStream(filter: "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 5 >>"), ActiveContent.Uninspectable },
        { "an object stream whose filter is given by reference", PdfWithObjectStream(filter: "/Filter 7 0 R"), ActiveContent.Uninspectable },
        { "an object stream that is not deflate data (encrypted, say)", PdfWithObjectStream(encode: b => [.. b.Select(x => (byte)(x ^ 0x5A))]), ActiveContent.Uninspectable },
        { "an object stream that inflates past the bound", PdfWithObjectStreamBomb((int)Bound + 1), ActiveContent.Uninspectable },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_pdf_with_active_content_is_found_out_and_the_finding_names_what_it_is(string what, byte[] pdf, ActiveContent expected)
    {
        Assert.Equal(FileKind.Pdf, FileSignature.Detect(pdf));
        Assert.False(FileSignature.HidesOtherContent(pdf, FileKind.Pdf), $"{what}: the markup check already refuses it, so this case proves nothing");
        Assert.Equal(expected, PdfInspector.Find(pdf, Bound));
    }

    [Fact]
    public void The_object_stream_samples_are_pdfs_a_reader_opens_so_their_page_tree_really_sits_in_the_compressed_stream()
    {
        Assert.Equal(1, PdfCheck.Pages(PdfWithObjectStream()));
        Assert.Equal(1, PdfCheck.Pages(PdfWithObjectStream(action: null)));
        Assert.Equal(-1, PdfWithObjectStream().AsSpan().IndexOf("JavaScript"u8));
    }

    public static TheoryData<string, byte[]> Harmless => new()
    {
        { "a page drawn with PDFsharp", PdfSharpPage() },
        { "a PDFsharp page with an ordinary https link (/URI)", PdfSharpPage("https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html") },
        { "the portal's own receipt: embedded fonts, compressed streams, a QR code", PortalReceipt() },
        { "harmless objects in an object stream", PdfWithObjectStream(action: null) },
        { "the same object stream, not compressed", PdfWithObjectStream(action: null, filter: "", encode: b => b) },
        { "a name that only starts like one looked for (/JSON, /JavaScriptLibrary)", Pdf("/JSON 1 /JavaScriptLibrary 2 /Launched true ") },
        { "'/JS' and '/EF' bytes inside compressed image data", Pdf("", "<< /Subtype /Image /Filter /DCTDecode /Length 12 >>\nstream\n\u00ff\u00d8/JS /EF \u00ff\u00d9\nendstream") },
    };

    [Theory]
    [MemberData(nameof(Harmless))]
    public void A_pdf_without_active_content_is_accepted(string what, byte[] pdf)
    {
        Assert.Equal(FileKind.Pdf, FileSignature.Detect(pdf));
        Assert.True(PdfInspector.Find(pdf, Bound) == ActiveContent.None, what);
    }

    [Fact]
    public void The_same_two_letter_name_outside_stream_data_is_a_script()
    {
        Assert.Equal(ActiveContent.Script, PdfInspector.Find(Pdf("", "<< /JS (app.alert\\(1\\)) >>"), Bound));
        Assert.Equal(ActiveContent.EmbeddedFile, PdfInspector.Find(Pdf("", "<< /Type /Filespec /EF << /F 5 0 R >> >>"), Bound));
    }

    private static byte[] PortalReceipt()
    {
        using var pdf = new PdfBuilder("Mẫu thử");
        pdf.Title("Giấy tiếp nhận hồ sơ", "và hẹn trả kết quả")
            .QrRight("https://dichvucong.example.vn/tra-cuu?ma=000.20.01.H31-260302-0001", 24, "Quét để tra cứu")
            .Paragraph("Nguyễn Thị Ngọc Ánh, phường Lê Chân, Hải Phòng; ấ ế ố ễ ữ ự ỗ");
        return pdf.ToBytes();
    }
}
