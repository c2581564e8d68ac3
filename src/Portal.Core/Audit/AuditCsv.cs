using System.Text;
using Portal.Core.Exchange;
using Portal.Core.Text;

namespace Portal.Core.Audit;

/// <summary>
/// The audit search as CSV (UTF-8 with a BOM, local times with their offset). People type formulas into searches and
/// reasons: every cell goes through <see cref="SpreadsheetText"/>.
/// </summary>
public static class AuditCsv
{
    public static readonly IReadOnlyList<string> Header =
        ["Id", "ThoiGian", "NguoiThucHien", "Email", "VaiTro", "CoQuan", "DiaChiIP", "HanhDong", "MaHoSo", "ChiTiet"];

    public static async Task WriteAsync(IAsyncEnumerable<AuditSearch.Line> lines, Stream output, TimeZoneInfo zone, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(SpreadsheetText.CsvLine([.. Header]) + "\r\n");
        await foreach (var l in lines.WithCancellation(ct))
        {
            await writer.WriteAsync(SpreadsheetText.CsvLine([l.Id, ExchangeCsv.Date(l.At, zone), l.UserName, l.Email, l.Roles,
                l.AgencyName, l.IpAddress, l.Action, l.DossierCode, l.Detail]) + "\r\n");
        }

        await writer.FlushAsync(ct);
    }
}
