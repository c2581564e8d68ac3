using Microsoft.EntityFrameworkCore;
using System.Xml.Linq;
using MiniExcelLibs;
using Portal.Core.Calendar;
using Portal.Core.Data.Seeding;
using Portal.Core.Statistics;
using Portal.Testing;

namespace Portal.Core.Tests.Statistics;

public sealed class ReportExportsTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Zone = new WorkingTimeOptions().ResolveTimeZone();
    private static readonly DateOnly Today = new(2026, 4, 15);
    private TestDatabase _database = null!;
    private ReportII06a _report = null!;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.NewContext([new StatisticsSink(Zone)]);
        var catalog = await TestCatalog.CreateAsync(db, "RX", ct);
        var calendar = new WorkingCalendar(new WorkingTimeOptions(), ReferenceDataSeeder.OfficialDecisions);
        var histories = new RandomHistories(catalog, calendar, 6).Plan(250, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 4, 14, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 4, 15, 9, 0, 0, DateTimeKind.Utc));
        await HistoryPlayer.PlayAsync(() => _database.NewContext([new StatisticsSink(Zone)]), histories, [DateTime.MinValue], ct);
        var snapshot = await new StatisticsReader(db).ReadAsync(Period.Quarter(2026, 1), Today, StatisticsScope.Province, ct: ct);
        _report = ReportII06a.Build(snapshot, await StatisticsCatalog.LoadAsync(db, ct), "Thành phố Hải Phòng", null, new DateTime(2026, 4, 15, 3, 0, 0, DateTimeKind.Utc));
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public void The_report_lists_sectors_then_their_procedures_and_its_totals_add_up()
    {
        Assert.Equal(0, _report.Lines[0].Level);
        Assert.Equal(["Chứng thực", "Hộ tịch"], _report.Lines.Where(l => l.Level == 1).Select(l => l.Name));
        var total = _report.Total.Figures;
        Assert.True(total[Figure.ReportTotal] > 0);
        Assert.Equal(total[Figure.ReportTotal], total[Figure.CarriedOver] + total[Figure.ReceivedOnline] + total[Figure.ReceivedInPersonOrPostal]);
        Assert.Equal(total[Figure.ReportTotal], total[Figure.Finished] + total[Figure.InProgress]);
        Assert.Equal(total[Figure.Finished], total[Figure.FinishedEarly] + total[Figure.FinishedOnTime] + total[Figure.FinishedLate]);
        foreach (var column in ReportII06a.AllColumns)
        {
            Assert.Equal(total[column.Figure], _report.Lines.Where(l => l.Level == 1).Sum(l => l.Figures[column.Figure]));
            Assert.Equal(total[column.Figure], _report.Lines.Where(l => l.Level == 2).Sum(l => l.Figures[column.Figure]));
        }
    }

    [Fact]
    public void The_csv_starts_with_a_bom_and_carries_every_line_and_column()
    {
        var csv = ReportExports.Csv(_report);
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(_report.Lines.Count + 1, lines.Length);
        Assert.Contains("(11) Đang giải quyết – Quá hạn", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($",Tổng cộng,Tổng cộng,{_report.Total.Figures[Figure.ReportTotal]},", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_xlsx_opens_with_the_library_and_holds_the_same_numbers()
    {
        var xlsx = ReportExports.Xlsx(_report);
        using var stream = new MemoryStream(xlsx);
        var rows = stream.Query(useHeaderRow: true, sheetName: "II.06a").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(_report.Lines.Count, rows.Count);
        Assert.Equal("Tổng cộng", rows[0]["Tên lĩnh vực, thủ tục"]);
        Assert.Equal((double)_report.Total.Figures[Figure.FinishedLate], Convert.ToDouble(rows[0]["(8) Đã giải quyết – Quá hạn"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_xlsx_opens_styled_header_wrapped_names_frozen_columns_sized_and_numbers_grouped()
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(ReportExports.Xlsx(_report)));
        XNamespace x = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        XDocument Part(string name)
        {
            using var stream = zip.GetEntry(name)!.Open();
            return XDocument.Load(stream);
        }

        var styles = Part("xl/styles.xml").Root!;
        var normal = Assert.Single(styles.Element(x + "cellStyles")!.Elements(x + "cellStyle"));
        Assert.Equal(("Normal", "0"), ((string)normal.Attribute("name")!, (string)normal.Attribute("builtinId")!));
        var formats = styles.Element(x + "cellXfs")!.Elements(x + "xf").ToList();
        var grouped = styles.Element(x + "numFmts")!.Elements(x + "numFmt").Single(f => (string)f.Attribute("formatCode")! == "#,##0");

        var sheet = Part("xl/worksheets/sheet1.xml").Root!;
        var pane = sheet.Descendants(x + "pane").Single();
        Assert.Equal(("3", "1", "frozen"), ((string)pane.Attribute("xSplit")!, (string)pane.Attribute("ySplit")!, (string)pane.Attribute("state")!));
        var widths = sheet.Element(x + "cols")!.Elements(x + "col").Select(c => double.Parse((string)c.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3 + ReportII06a.AllColumns.Count(), widths.Count);
        Assert.True(widths[2] >= 50, "the names' column is wide enough for a procedure's name");
        Assert.All(widths.Skip(3), w => Assert.InRange(w, 12, 30));

        var rows = sheet.Descendants(x + "row").ToList();
        Assert.All(rows[0].Elements(x + "c"), header =>
            Assert.Equal("1", (string)formats[(int)header.Attribute("s")!].Element(x + "alignment")!.Attribute("wrapText")!));
        var total = rows[1].Elements(x + "c").ElementAt(3);
        Assert.Equal((string)grouped.Attribute("numFmtId")!, (string)formats[(int)total.Attribute("s")!].Attribute("numFmtId")!);
        Assert.Equal(_report.Total.Figures[Figure.ReportTotal].ToString(System.Globalization.CultureInfo.InvariantCulture), total.Value);
    }

    [Fact]
    public void The_pdf_is_landscape_and_reads_back_in_vietnamese()
    {
        var pdf = ReportExports.Pdf(_report, "Ủy ban nhân dân thành phố Hải Phòng", Today);
        var text = PdfCheck.Text(pdf);
        Assert.Contains("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", text, StringComparison.Ordinal);
        Assert.Contains("Đăng ký khai sinh", text, StringComparison.Ordinal);
        Assert.Contains("Người lập biểu".ToUpperInvariant(), text, StringComparison.Ordinal);
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        Assert.True(page.Width > page.Height, "the page is landscape");
        Assert.NotEmpty(PdfCheck.RenderPng(pdf, "bao-cao-II06a-core"));
    }
}
