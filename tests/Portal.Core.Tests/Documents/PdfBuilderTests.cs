using Portal.Core.Documents.Pdf;
using Portal.Testing;

namespace Portal.Core.Tests.Documents;

public sealed class PdfBuilderTests
{
    private const string Stacked = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả: Nguyễn Thị Ngọc Ánh, phường Lê Chân, Hải Phòng; ấ ế ố ễ ữ ự ỗ ặ ẵ ẫ ậ ệ ộ ợ ụ ỹ";

    private static byte[] Sample()
    {
        using var pdf = new PdfBuilder("Mẫu thử");
        pdf.NationalHeader("Ủy ban nhân dân thành phố Hải Phòng", "Ủy ban nhân dân phường Hồng Bàng", "Số: 12/TN", "Hải Phòng, ngày 02 tháng 3 năm 2026")
            .Title("Giấy tiếp nhận hồ sơ", "và hẹn trả kết quả")
            .QrRight("https://dichvucong.example.vn/tra-cuu?ma=000.20.01.H31-260302-0001", 24, "Quét để tra cứu")
            .Field("Mã hồ sơ", "000.20.01.H31-260302-0001")
            .Paragraph(Stacked)
            .Table([new PdfColumn("STT", 1, TextAlign.Center), new PdfColumn("Tên giấy tờ", 6), new PdfColumn("Số lượng", 2, TextAlign.Center)],
                Enumerable.Range(1, 60).Select(i => (IReadOnlyList<string>)[i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Tờ khai đăng ký khai sinh bản chính số {i} – giấy chứng sinh của bệnh viện Việt Tiệp", "01"]))
            .Signatures(("Người nộp hồ sơ", "Nguyễn Thị Ngọc Ánh"), ("Người tiếp nhận", "Trần Văn Đức"));
        return pdf.ToBytes();
    }

    [Fact]
    public void Vietnamese_text_survives_in_the_pdf_and_a_long_table_continues_on_new_pages()
    {
        var bytes = Sample();
        var text = PdfCheck.Text(bytes);
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Thị Ngọc Ánh", text, StringComparison.Ordinal);
        Assert.Contains("ấ ế ố ễ ữ ự ỗ", text, StringComparison.Ordinal);
        Assert.Contains("Tờ khai đăng ký khai sinh bản chính số 60", text.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(PdfCheck.Pages(bytes) >= 3);
    }

    [Fact]
    public void Decomposed_input_is_drawn_composed()
    {
        using var pdf = new PdfBuilder("NFD");
        pdf.Paragraph("Nguyễn Văn Đạt".Normalize(System.Text.NormalizationForm.FormD));
        Assert.Contains("Nguyễn Văn Đạt", PdfCheck.Text(pdf.ToBytes()), StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_renders_to_png_for_a_person_to_look_at()
    {
        var pages = PdfCheck.RenderPng(Sample(), "pdfbuilder-sample");
        Assert.True(pages.Count >= 3);
        Assert.All(pages, p => Assert.True(new FileInfo(p).Length > 10_000));
    }

    [Fact]
    public void A_heading_too_long_for_its_column_breaks_before_the_place_never_inside_a_name()
    {
        using var pdf = new PdfBuilder("Tên dài");
        pdf.NationalHeader("Sở Văn hóa, Thể thao và Du lịch thành phố Hải Phòng", "Ủy ban nhân dân phường Hồng Bàng", "Số: 1/TN", "Hải Phòng, ngày 02 tháng 3 năm 2026")
            .Signatures(("TM. Ủy ban nhân dân phường Hồng Bàng", "Trần Văn Đức"), ("Người nộp hồ sơ", "Nguyễn Thị Ngọc Ánh"), ("Người tiếp nhận", "Lê Văn Tâm"));
        var bytes = pdf.ToBytes();
        var lines = PdfCheck.Text(bytes).Split('\n').Select(l => l.Trim()).ToList();

        // Greedy wrapping gave "… DU LỊCH THÀNH PHỐ HẢI" / "PHÒNG" and "TM. ỦY BAN NHÂN DÂN PHƯỜNG HỒNG" / "BÀNG".
        Assert.Contains(lines, l => l.EndsWith("THÀNH PHỐ HẢI PHÒNG", StringComparison.Ordinal));
        Assert.Contains("PHƯỜNG HỒNG BÀNG", lines);
        string[] firstHalves = ["HẢI", "HỒNG", "DU", "VĂN", "THỂ", "ỦY"];
        string[] secondHalves = ["PHÒNG", "BÀNG", "LỊCH", "HÓA,", "THAO", "BAN"];
        Assert.DoesNotContain(lines, l => firstHalves.Any(w => l.EndsWith(" " + w, StringComparison.Ordinal) || l == w) || secondHalves.Any(w => l.StartsWith(w + " ", StringComparison.Ordinal) || l == w));
        PdfCheck.RenderPng(bytes, "pdfbuilder-long-headings");
    }
}
