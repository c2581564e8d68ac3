using System.Globalization;
using System.Text;
using Portal.Core.Exchange;

namespace Portal.Core.Audit;

/// <summary>
/// The audit search as CSV (UTF-8 with a BOM, local times with their offset). A cell that a spreadsheet would run as
/// a formula (it starts with =, +, -, @, a tab or a carriage return: people type these into searches and reasons)
/// gets a leading apostrophe, so that opening the export never runs what someone typed.
/// </summary>
public static class AuditCsv
{
    public static readonly IReadOnlyList<string> Header =
        ["Id", "ThoiGian", "NguoiThucHien", "Email", "VaiTro", "CoQuan", "DiaChiIP", "HanhDong", "MaHoSo", "ChiTiet"];

    public static async Task WriteAsync(IAsyncEnumerable<AuditSearch.Line> lines, Stream output, TimeZoneInfo zone, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(Line(Header) + "\r\n");
        await foreach (var l in lines.WithCancellation(ct))
        {
            await writer.WriteAsync(Line([l.Id.ToString(CultureInfo.InvariantCulture), ExchangeCsv.Date(l.At, zone), l.UserName, l.Email, l.Roles,
                l.AgencyName, l.IpAddress, l.Action, l.DossierCode, l.Detail]) + "\r\n");
        }

        await writer.FlushAsync(ct);
    }

    public static string Line(IEnumerable<string?> values) => string.Join(',', values.Select(v => ExchangeCsv.Quote(Defuse(v))));

    /// <summary>The cell as text a spreadsheet shows and does not evaluate.</summary>
    public static string? Defuse(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
