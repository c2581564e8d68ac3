using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using PdfSharp;
using Portal.Core.Documents.Pdf;
using Portal.Core.Text;

namespace Portal.Core.Statistics;

/// <summary>
/// Report II.06a as CSV (UTF-8 with a BOM, so spreadsheet programs read the Vietnamese), XLSX and a landscape PDF. The
/// names in it (procedures, sectors, the agency) are typed by administrators: both spreadsheets go through <see cref="SpreadsheetText"/>.
/// </summary>
public static class ReportExports
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static string FileName(ReportII06a report, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"bao-cao-II06a-{report.Period.From:yyyyMMdd}-{report.Period.To:yyyyMMdd}.{extension}");

    private static string Header(ReportColumn c) => $"{c.Number} {c.Group} – {c.Name}";

    private static string Level(ReportLine line) => line.Level switch
    {
        0 => "Tổng cộng",
        1 => "Lĩnh vực",
        _ => "Thủ tục",
    };

    public static byte[] Csv(ReportII06a report)
    {
        var text = new StringBuilder();
        text.Append(SpreadsheetText.CsvLine(["STT", "Cấp", "Tên lĩnh vực, thủ tục", .. ReportII06a.AllColumns.Select(Header)])).Append("\r\n");
        foreach (var line in report.Lines)
        {
            text.Append(SpreadsheetText.CsvLine([line.Number, Level(line), line.Name, .. ReportII06a.AllColumns.Select(c => line.Figures[c.Figure])])).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(ReportII06a report)
    {
        var rows = report.Lines.Select(line =>
        {
            var row = new Dictionary<string, object?> { ["STT"] = line.Number, ["Cấp"] = Level(line), ["Tên lĩnh vực, thủ tục"] = line.Name };
            foreach (var c in ReportII06a.AllColumns)
            {
                row[Header(c)] = line.Figures[c.Figure];
            }

            return row;
        }).ToList();
        var about = new List<Dictionary<string, object?>>
        {
            new() { ["Mục"] = "Báo cáo", ["Nội dung"] = "Mẫu II.06a – Tình hình, kết quả giải quyết thủ tục hành chính" },
            new() { ["Mục"] = "Đơn vị", ["Nội dung"] = report.ScopeName },
            new() { ["Mục"] = "Kỳ báo cáo", ["Nội dung"] = $"{report.Period.From:dd/MM/yyyy} – {report.Period.To:dd/MM/yyyy}" },
            new() { ["Mục"] = "Số đang giải quyết tính đến hết ngày", ["Nội dung"] = report.AsOf.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) },
            new() { ["Mục"] = "Lập lúc (UTC)", ["Nội dung"] = report.GeneratedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) },
        };
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { ["II.06a"] = SpreadsheetText.Rows(rows), ["Thông tin"] = SpreadsheetText.Rows(about) },
            configuration: XlsxStyle());
        WithNormalStyle(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// How the workbook looks when it is opened: the header row wraps and stays in view with the names beside it, the columns
    /// are wide enough for their headers and names, and the numbers are grouped in thousands.
    /// </summary>
    private static MiniExcelLibs.OpenXml.OpenXmlConfiguration XlsxStyle() => new()
    {
        AutoFilter = false,
        FreezeRowCount = 1,
        FreezeColumnCount = 3,
        StyleOptions = new MiniExcelLibs.OpenXml.OpenXmlStyleOptions
        {
            WrapCellContents = true,
            HeaderStyle = new MiniExcelLibs.OpenXml.OpenXmlHeaderStyle { WrapText = true },
        },
        DynamicColumns =
        [
            new DynamicExcelColumn("STT") { Width = 6 },
            new DynamicExcelColumn("Cấp") { Width = 10 },
            new DynamicExcelColumn("Tên lĩnh vực, thủ tục") { Width = 60 },
            .. ReportII06a.AllColumns.Select(c => new DynamicExcelColumn(Header(c)) { Width = 16, Format = "#,##0" }),
            new DynamicExcelColumn("Mục") { Width = 36 },
            new DynamicExcelColumn("Nội dung") { Width = 80 },
        ],
    };

    /// <summary>
    /// MiniExcel writes cell formats without the workbook's named default style ("Normal", which every spreadsheet program
    /// writes); spreadsheet programs then open the file with no default style to base new cells and the style list on.
    /// The style is added after the cell formats, where the schema places it.
    /// </summary>
    private static void WithNormalStyle(MemoryStream xlsx)
    {
        using var zip = new ZipArchive(xlsx, ZipArchiveMode.Update, leaveOpen: true);
        var entry = zip.GetEntry("xl/styles.xml") ?? throw new InvalidOperationException("The workbook has no styles part.");
        XDocument styles;
        using (var read = entry.Open())
        {
            styles = XDocument.Load(read);
        }

        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var root = styles.Root!;
        if (root.Element(main + "cellStyles") is not null)
        {
            return;
        }

        var cellXfs = root.Element(main + "cellXfs") ?? throw new InvalidOperationException("The workbook has no cell formats.");
        cellXfs.AddAfterSelf(new XElement(main + "cellStyles", new XAttribute("count", 1),
            new XElement(main + "cellStyle", new XAttribute("name", "Normal"), new XAttribute("xfId", 0), new XAttribute("builtinId", 0))));
        entry.Delete();
        using var write = zip.CreateEntry("xl/styles.xml", CompressionLevel.Optimal).Open();
        styles.Save(write, SaveOptions.DisableFormatting);
    }

    public static byte[] Pdf(ReportII06a report, string issuer, DateOnly today)
    {
        using var pdf = new PdfBuilder("Báo cáo II.06a", PdfFonts.Sans, 10, PageOrientation.Landscape);
        pdf.Paragraph("Mẫu số II.06a", italic: true, align: TextAlign.Right, size: 9)
            .Paragraph(issuer.ToUpperInvariant(), bold: true, size: 10)
            .Title("Tình hình, kết quả giải quyết thủ tục hành chính",
                $"{report.ScopeName} – kỳ báo cáo từ {report.Period.From:dd/MM/yyyy} đến {report.Period.To:dd/MM/yyyy} (số đang giải quyết tính đến hết ngày {report.AsOf:dd/MM/yyyy})");
        var columns = new List<PdfColumn> { new("STT", 0.5, TextAlign.Center), new("Lĩnh vực, thủ tục", 4.2) };
        columns.AddRange(ReportII06a.AllColumns.Select(c => new PdfColumn($"{c.Group}: {c.Name} {c.Number}", 1, TextAlign.Right)));
        var rows = report.Lines.Skip(1).Select(line => (IReadOnlyList<string>)[line.Number, line.Level == 2 ? "– " + line.Name : line.Name.ToUpper(Vi),
            .. ReportII06a.AllColumns.Select(c => line.Figures[c.Figure].ToString("N0", Vi))]).ToList();
        rows.Add([string.Empty, "TỔNG CỘNG", .. ReportII06a.AllColumns.Select(c => report.Total.Figures[c.Figure].ToString("N0", Vi))]);
        pdf.Table(columns, rows, 7.5, boldLastRow: true)
            .Paragraph("Ghi chú: (1) = (2) + (3) + (4) = (5) + (9); (5) = (6) + (7) + (8); (9) = (10) + (11). Hồ sơ quá hạn là hồ sơ có ngày kết thúc xử lý (đã trừ thời gian tạm dừng) sau ngày hẹn trả, hoặc bị yêu cầu bổ sung quá một lần trong quá trình giải quyết. Cột (12) là số hồ sơ đang giải quyết mà tạm dừng chờ bổ sung, đã tính trong cột (9).", italic: true, size: 8)
            .Paragraph($"Lập ngày {today:dd/MM/yyyy} từ Cổng Dịch vụ công.", size: 8)
            .Signatures(("Người lập biểu", null), ("Thủ trưởng cơ quan, đơn vị", null));
        return pdf.ToBytes();
    }
}
