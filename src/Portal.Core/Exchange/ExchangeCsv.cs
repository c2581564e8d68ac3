using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Portal.Core.Exchange;

/// <summary>One record of a CSV file: the line it starts on (the header is line 1) and its fields.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, bool Malformed);

/// <summary>How a file is written: its text encoding (as named to the user) and its field separator.</summary>
public sealed record CsvShape(Encoding Encoding, string EncodingName, char Separator)
{
    public static readonly CsvShape Utf8Comma = new(ExchangeCsv.Utf8, "UTF-8", ',');

    /// <summary>The separator as the summary names it.</summary>
    public (string Vietnamese, string English) SeparatorName => Separator switch
    {
        ';' => ("dấu chấm phẩy (;)", "semicolon (;)"),
        '\t' => ("dấu tab", "tab"),
        _ => ("dấu phẩy (,)", "comma (,)"),
    };
}

/// <summary>The file as a whole cannot be read as the exchange format (not text, not UTF-8): nothing of it is imported.</summary>
public sealed class ExchangeFileException(RowProblem problem) : Exception(problem.English)
{
    public RowProblem Problem { get; } = problem;
}

/// <summary>
/// The national exchange format: UTF-8 CSV (with or without a BOM, CRLF or LF), a header row, comma separated,
/// RFC 4180 quoting; dates ISO 8601 with their offset, empty where unknown. Files saved by spreadsheets in other
/// locales are read too: a semicolon or tab separator is detected from the header row, UTF-16 from its BOM.
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
    /// UTF-8 that reads a byte that is not UTF-8 as U+FFFD: the line holding one is refused with its number (a throwing
    /// decoder would fail a whole buffer ahead, at no line in particular). No exchange field may hold U+FFFD itself.
    /// </summary>
    internal static readonly Encoding Utf8 = new UTF8Encoding(false, false);

    /// <summary>How far a quoted field may run over line breaks before the quote counts as never closed.</summary>
    private const int MaxJoinedLines = 100;

    private const int SampleBytes = 1 << 16;

    private static readonly char[] Separators = [',', ';', '\t'];

    /// <summary>What to tell someone whose file is not usable text: what to upload instead.</summary>
    private static RowProblem NotCsv(string whatVi, string whatEn) => new(
        $"Tệp không phải tệp CSV ({whatVi}). Hãy tải lên tệp CSV xuất từ hệ thống cũ hoặc từ Excel (“CSV UTF-8”), mã UTF-8, phân cách bằng dấu phẩy hoặc dấu chấm phẩy.",
        $"The file is not a CSV file ({whatEn}). Upload a CSV file exported from the legacy system or from Excel (“CSV UTF-8”), encoded in UTF-8, separated by commas or semicolons.");

    private static RowProblem NotUtf8(int line) => new(
        $"Tệp không được lưu ở mã UTF-8 (dòng {line} có ký tự không đọc được; có thể tệp lưu theo mã Windows-1258, TCVN3 hoặc VNI). "
        + "Mở tệp bằng Excel, chọn Lưu thành (Save As) › kiểu “CSV UTF-8 (Comma delimited) (*.csv)”; hoặc bằng LibreOffice: Lưu thành › Văn bản CSV, bộ ký tự Unicode (UTF-8); rồi tải lên lại.",
        $"The file is not saved as UTF-8 (line {line} holds bytes that are not UTF-8; it may be saved as Windows-1258, TCVN3 or VNI). "
        + "Open it in Excel, choose Save As › “CSV UTF-8 (Comma delimited) (*.csv)”, or in LibreOffice: Save As › Text CSV, character set Unicode (UTF-8); then upload it again.");

    /// <summary>
    /// Looks at the start of a file: refuses what is not text (images, workbooks, PDFs, anything with NUL bytes) and text
    /// that is not UTF-8; otherwise says its encoding and the separator of its header row.
    /// </summary>
    public static async Task<(CsvShape? Shape, RowProblem? Problem)> InspectAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[SampleBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), ct)) > 0)
        {
            length += read;
        }

        var bytes = buffer.AsSpan(0, length);
        if (Signature(bytes) is { } kind)
        {
            return (null, NotCsv(kind.Vi, kind.En));
        }

        Encoding encoding;
        string name;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]) || bytes.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            return (null, NotUtf8(1));
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            (encoding, name) = (new UnicodeEncoding(false, false, false), "UTF-16 LE");
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            (encoding, name) = (new UnicodeEncoding(true, false, false), "UTF-16 BE");
        }
        else if (bytes.IndexOf((byte)0) >= 0)
        {
            return (null, NotCsv("có byte NUL: tệp nhị phân", "it holds NUL bytes: a binary file"));
        }
        else
        {
            (encoding, name) = (Utf8, bytes.StartsWith(Encoding.UTF8.Preamble) ? "UTF-8 (BOM)" : "UTF-8");
        }

        // The sample may end inside a character: a decoder without flush keeps that tail instead of replacing it.
        var decoder = encoding.GetDecoder();
        var chars = new char[encoding.GetMaxCharCount(length)];
        var text = new string(chars, 0, decoder.GetChars(buffer, 0, length, chars, 0, flush: length < SampleBytes));
        if (text.IndexOf('\uFFFD') is var bad and >= 0)
        {
            return (null, NotUtf8(1 + text.AsSpan(0, bad).Count('\n')));
        }

        var controls = text.Count(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'));
        if (controls > 0 && controls * 20 > text.Length)
        {
            return (null, NotCsv("phần lớn là ký tự điều khiển, không phải văn bản", "it is mostly control characters, not text"));
        }

        text = text.TrimStart('\uFEFF');
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return (new CsvShape(encoding, name, SeparatorOf(header)), null);
    }

    /// <summary>The separator that makes the most exchange column names of the header; a comma when none does better.</summary>
    public static char SeparatorOf(string header)
    {
        var best = ',';
        var bestCount = -1;
        var fields = new List<string>();
        foreach (var separator in Separators)
        {
            fields.Clear();
            Split(header, separator, fields);
            var count = fields.Count(f => Columns.Contains(f.Trim(), StringComparer.OrdinalIgnoreCase));
            if (count > bestCount)
            {
                (best, bestCount) = (separator, count);
            }
        }

        return best;
    }

    private static (string Vi, string En)? Signature(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']))
        {
            return ("ảnh PNG", "a PNG image");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) || bytes.StartsWith("GIF8"u8))
        {
            return ("ảnh", "an image");
        }

        if (bytes.StartsWith("PK\u0003\u0004"u8) || bytes.StartsWith("PK\u0005\u0006"u8))
        {
            return ("tệp nén ZIP, ví dụ bảng tính Excel .xlsx", "a ZIP archive, such as an Excel .xlsx workbook");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return ("bảng tính Excel .xls cũ", "an old Excel .xls workbook");
        }

        if (bytes.StartsWith("%PDF"u8))
        {
            return ("tài liệu PDF", "a PDF document");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]) || bytes.StartsWith("Rar!"u8) || bytes.StartsWith((ReadOnlySpan<byte>)[(byte)'7', (byte)'z', 0xBC, 0xAF]))
        {
            return ("tệp nén", "a compressed archive");
        }

        return null;
    }

    /// <summary>Reads a UTF-8, comma separated file.</summary>
    public static IAsyncEnumerable<CsvRecord> ReadAsync(Stream stream, CancellationToken ct = default) => ReadAsync(stream, CsvShape.Utf8Comma, ct);

    /// <summary>
    /// Reads records one by one. A quoted field may hold line breaks (RFC 4180) as long as its record then has the header's
    /// number of fields and the next line is not itself a whole record; otherwise the quote counts as never closed: that
    /// line alone comes back <see cref="CsvRecord.Malformed"/> and reading goes on at the next line, so one stray quote
    /// costs its own row and no other. Throws <see cref="ExchangeFileException"/> at a line that is not in the encoding (the whole file is refused).
    /// </summary>
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(Stream stream, CsvShape shape, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var reader = new StreamReader(stream, shape.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        var separator = shape.Separator;
        var pending = new LinkedList<(int Line, string Text)>();
        var lineNumber = 0;
        var expected = -1;
        var fields = new List<string>();

        async ValueTask<(int Line, string Text)?> NextAsync()
        {
            if (pending.First is { } first)
            {
                pending.RemoveFirst();
                return first.Value;
            }

            var text = await reader.ReadLineAsync(ct);
            if (text is null)
            {
                return null;
            }

            lineNumber++;
            if (text.Contains('\uFFFD', StringComparison.Ordinal))
            {
                throw new ExchangeFileException(NotUtf8(lineNumber));
            }
            return (lineNumber, lineNumber == 1 ? text.TrimStart('\uFEFF') : text);
        }

        while (await NextAsync() is { } line)
        {
            if (line.Text.Length == 0)
            {
                continue;
            }

            fields.Clear();
            if (Split(line.Text, separator, fields))
            {
                expected = expected < 0 ? fields.Count : expected;
                yield return new CsvRecord(line.Line, fields.ToArray(), false);
                continue;
            }

            var firstLine = fields.ToArray();
            var joined = new StringBuilder(line.Text);
            var taken = new List<(int Line, string Text)>();
            CsvRecord? record = null;
            var probe = new List<string>();
            while (taken.Count < MaxJoinedLines && await NextAsync() is { } next)
            {
                probe.Clear();
                if (expected > 0 && Split(next.Text, separator, probe) && probe.Count == expected)
                {
                    pending.AddFirst(next);
                    break;
                }

                taken.Add(next);
                joined.Append('\n').Append(next.Text);
                fields.Clear();
                if (Split(joined.ToString(), separator, fields))
                {
                    if (expected < 0 || fields.Count == expected)
                    {
                        record = new CsvRecord(line.Line, fields.ToArray(), false);
                    }

                    break;
                }
            }

            if (record is not null)
            {
                expected = expected < 0 ? record.Fields.Count : expected;
                yield return record;
                continue;
            }

            for (var i = taken.Count - 1; i >= 0; i--)
            {
                pending.AddFirst(taken[i]);
            }

            yield return new CsvRecord(line.Line, firstLine, true);
        }
    }

    /// <summary>Splits one record's text into fields; false when a quote is still open at the end.</summary>
    private static bool Split(string text, char separator, List<string> fields)
    {
        var field = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    // A doubled quote is a literal quote; a single one closes the field.
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0 && !wasQuoted)
            {
                quoted = wasQuoted = true;
            }
            else if (c == separator)
            {
                fields.Add(wasQuoted ? field.ToString() : field.ToString().Trim());
                field.Clear();
                wasQuoted = false;
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(wasQuoted ? field.ToString() : field.ToString().Trim());
        return !quoted;
    }

    public static string Date(DateTime? utc, TimeZoneInfo zone) => utc is { } value
        ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)).ToOffset(zone.GetUtcOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)))
            .ToString(DateFormat, CultureInfo.InvariantCulture)
        : string.Empty;
}
