using System.IO.Compression;
using Portal.Core.Documents;
using Portal.Core.Documents.Pdf;

namespace Portal.Core.Tests.Documents;

public sealed class FileSignatureTests
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    [Fact]
    public void A_pdf_the_portal_renders_itself_with_embedded_fonts_and_a_QR_code_hides_nothing()
    {
        using var pdf = new PdfBuilder("Mẫu thử");
        pdf.Title("Giấy tiếp nhận hồ sơ", "và hẹn trả kết quả")
            .QrRight("https://dichvucong.example.vn/tra-cuu?ma=000.20.01.H31-260302-0001", 24, "Quét để tra cứu")
            .Paragraph("Nguyễn Thị Ngọc Ánh, phường Lê Chân, Hải Phòng; ấ ế ố ễ ữ ự ỗ");
        var bytes = pdf.ToBytes();

        Assert.Equal(FileKind.Pdf, FileSignature.Detect(bytes));
        Assert.False(FileSignature.HidesOtherContent(bytes, FileKind.Pdf));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<HTML><BODY onload=x()>")]
    [InlineData("<svg/onload=alert(1)>")]
    [InlineData("<?php echo 1; ?>")]
    [InlineData("/URI (JavaScript:alert(1))")]
    public void Markup_or_script_anywhere_in_a_pdf_or_an_image_is_hidden_content(string payload)
    {
        byte[] pdf = [.. Pdf, .. System.Text.Encoding.ASCII.GetBytes(payload)];
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. System.Text.Encoding.ASCII.GetBytes(payload), 0, 0, 0, 0];

        Assert.True(FileSignature.HidesOtherContent(pdf, FileKind.Pdf));
        Assert.True(FileSignature.HidesOtherContent(png, FileKind.Png));
    }

    [Fact]
    public void An_archive_appended_to_an_image_is_hidden_content_and_a_docx_is_judged_as_a_document_instead()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("META-INF/MANIFEST.MF").Open();
            entry.Write("Manifest-Version: 1.0\n"u8);
        }

        byte[] jar = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, .. new byte[200], 0xFF, 0xD9, .. memory.ToArray()];

        Assert.True(FileSignature.HidesOtherContent(jar, FileKind.Jpeg));
        Assert.False(FileSignature.HidesOtherContent(memory.ToArray(), FileKind.Docx));
        Assert.False(FileSignature.HidesOtherContent([0xFF, 0xD8, 0xFF, 0xE0, .. "PK\x05\x06"u8, 0, 0], FileKind.Jpeg));
    }

    [Theory]
    [InlineData("../../etc/passwd", true)]
    [InlineData("..\\..\\wwwroot\\a.pdf", true)]
    [InlineData("scan/ .. /x.pdf", true)]
    [InlineData("a\0.pdf", true)]
    [InlineData("C:\\Users\\An\\Documents\\to-khai.pdf", false)]
    [InlineData("ban..sao.pdf", false)]
    [InlineData("Giấy khai sinh.pdf", false)]
    public void A_name_that_climbs_out_of_its_folder_is_recognised(string name, bool climbs) =>
        Assert.Equal(climbs, FileNames.ClimbsOut(name));
}
