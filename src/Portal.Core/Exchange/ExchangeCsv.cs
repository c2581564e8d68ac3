using System.Globalization;
using System.Text;

namespace Portal.Core.Exchange;

/// <summary>One record of a CSV file: the line it starts on (the header is line 1) and its fields.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, bool Malformed);

/// <summary>
/// The national exchange format: UTF-8 CSV (with or without a BOM, CRLF or LF), a header row, comma separated,
/// RFC 4180 quoting; dates ISO 8601 with their offset, empty where unknown.
/// </summary>
public static class ExchangeCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "MaHoSo", "MaTTHC", "MaCoQuan", "KenhThucHien", "TrangThaiHoSo", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy",
        "NgayTraKetQua", "SoLanBoSung", "ThoiGianTamDungGio", "CoKetQuaDienTu", "DuocThanhToanTrucTuyen", "DaDongBo", "DanhGiaHaiLong",
    ];

    public const string DateFormat = "yyyy-MM-dd'T'HH:mm:sszzz";

    /// <summary>
    /// Reads records one by one. A quote left open runs to the end of the file: that record comes back
    /// <see cref="CsvRecord.Malformed"/> rather than silently swallowing the rows after it.
    /// </summary>
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(Stream stream, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var startLine = 1;
        var quoted = false;
        var wasQuoted = false;
        var any = false;
        var buffer = new char[1 << 16];
        int read;
        var pendingCr = false;
        while ((read = await reader.ReadAsync(buffer, ct)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (pendingCr)
                {
                    pendingCr = false;
                    if (c == '\n')
                    {
                        continue;
                    }
                }

                if (quoted)
                {
                    if (c == '"')
                    {
                        // A doubled quote is a literal quote; a single one closes the field (peeked on the next char).
                        if (i + 1 < read)
                        {
                            if (buffer[i + 1] == '"')
                            {
                                field.Append('"');
                                i++;
                                continue;
                            }

                            quoted = false;
                            continue;
                        }

                        var next = reader.Peek();
                        if (next == '"')
                        {
                            field.Append('"');
                            reader.Read();
                            continue;
                        }

                        quoted = false;
                        continue;
                    }

                    if (c == '\n' || c == '\r')
                    {
                        line++;
                        pendingCr = c == '\r';
                        field.Append('\n');
                        continue;
                    }

                    field.Append(c);
                    continue;
                }

                switch (c)
                {
                    case '"' when field.Length == 0 && !wasQuoted:
                        quoted = wasQuoted = any = true;
                        break;
                    case ',':
                        fields.Add(wasQuoted ? field.ToString() : field.ToString().Trim());
                        field.Clear();
                        wasQuoted = false;
                        any = true;
                        break;
                    case '\r' or '\n':
                        pendingCr = c == '\r';
                        if (any || field.Length > 0)
                        {
                            fields.Add(wasQuoted ? field.ToString() : field.ToString().Trim());
                            yield return new CsvRecord(startLine, fields.ToArray(), false);
                        }

                        fields.Clear();
                        field.Clear();
                        wasQuoted = any = false;
                        line++;
                        startLine = line;
                        break;
                    default:
                        field.Append(c);
                        any = true;
                        break;
                }
            }
        }

        if (quoted)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(startLine, fields.ToArray(), true);
        }
        else if (any || field.Length > 0)
        {
            fields.Add(wasQuoted ? field.ToString() : field.ToString().Trim());
            yield return new CsvRecord(startLine, fields.ToArray(), false);
        }
    }

    public static string Date(DateTime? utc, TimeZoneInfo zone) => utc is { } value
        ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)).ToOffset(zone.GetUtcOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)))
            .ToString(DateFormat, CultureInfo.InvariantCulture)
        : string.Empty;
}
