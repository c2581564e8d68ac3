using System.Text;
using Portal.Core.Exchange;

namespace Portal.Core.Tests.Exchange;

public sealed class ExchangeCsvTests
{
    private static async Task<List<CsvRecord>> ReadAsync(byte[] bytes)
    {
        var records = new List<CsvRecord>();
        await foreach (var r in ExchangeCsv.ReadAsync(new MemoryStream(bytes), TestContext.Current.CancellationToken))
        {
            records.Add(r);
        }

        return records;
    }

    [Theory]
    [InlineData(true, "\r\n")]
    [InlineData(false, "\r\n")]
    [InlineData(true, "\n")]
    [InlineData(false, "\n")]
    public async Task A_file_reads_the_same_with_or_without_a_BOM_and_with_CRLF_or_LF(bool bom, string newline)
    {
        var text = string.Join(newline, "MaHoSo,Ghi chú", "A-1,\"Hồ sơ, có dấu phẩy\"", "A-2,\"Có \"\"ngoặc kép\"\"\"", string.Empty);
        var bytes = (bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var records = await ReadAsync(bytes);
        Assert.Equal(3, records.Count);
        Assert.Equal(["MaHoSo", "Ghi chú"], records[0].Fields);
        Assert.Equal(["A-1", "Hồ sơ, có dấu phẩy"], records[1].Fields);
        Assert.Equal(["A-2", "Có \"ngoặc kép\""], records[2].Fields);
        Assert.Equal([1, 2, 3], records.Select(r => r.Line));
    }

    [Fact]
    public async Task A_quoted_line_break_stays_in_its_field_and_later_rows_keep_their_line_numbers()
    {
        var records = await ReadAsync(Encoding.UTF8.GetBytes("a,b\r\n1,\"hai\r\ndòng\"\r\n\r\n3,x"));
        Assert.Equal(["1", "hai\ndòng"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(5, records[2].Line);
        Assert.Equal(["3", "x"], records[2].Fields);
    }

    [Fact]
    public async Task A_quote_left_open_is_reported_instead_of_eating_the_rest_of_the_file()
    {
        var records = await ReadAsync(Encoding.UTF8.GetBytes("a,b\n1,\"không đóng\n2,y\n"));
        Assert.True(records[1].Malformed);
        Assert.Equal(2, records[1].Line);
        // The rows after it are read again from the next line, not swallowed into the open quote.
        Assert.False(records[^1].Malformed);
        Assert.Equal(3, records[^1].Line);
        Assert.Equal(["2", "y"], records[^1].Fields);
    }

    [Theory]
    [InlineData("a,b\n0,x\n1,\"không đóng\n2,y\n3,z\n")]
    [InlineData("a,b\n0,x\n1,\"không đóng\n2,y\n3,z")]
    [InlineData("\"a\",\"b\"\n\"0\",\"x\"\n\"1\",\"không đóng\n\"2\",\"y\"\n\"3\",\"z\"\n")]
    public async Task A_quote_that_never_closes_costs_its_own_line_and_keeps_the_good_rows_before_and_after(string text)
    {
        var records = await ReadAsync(Encoding.UTF8.GetBytes(text));

        Assert.Equal([1, 2, 3, 4, 5], records.Select(r => r.Line));
        Assert.Equal([false, false, true, false, false], records.Select(r => r.Malformed));
        Assert.Equal(["0", "x"], records[1].Fields);
        Assert.Equal(["2", "y"], records[3].Fields);
        Assert.Equal(["3", "z"], records[4].Fields);
    }

    private static async Task<(CsvShape? Shape, Portal.Core.Exchange.RowProblem? Problem)> InspectAsync(byte[] bytes) =>
        await ExchangeCsv.InspectAsync(new MemoryStream(bytes), TestContext.Current.CancellationToken);

    private static readonly string Header = string.Join(',', ExchangeCsv.Columns);

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData(',')]
    public async Task The_separator_is_detected_from_the_header_row_and_the_rows_are_split_by_it(char separator)
    {
        var text = Header.Replace(',', separator) + "\r\n" + string.Join(separator, "HS-1", "1.001193", "\"a;b,c\"") + "\r\n";
        var bytes = Encoding.UTF8.GetBytes(text);

        var (shape, problem) = await InspectAsync(bytes);

        Assert.Null(problem);
        Assert.Equal(separator, shape!.Separator);
        var records = new List<CsvRecord>();
        await foreach (var r in ExchangeCsv.ReadAsync(new MemoryStream(bytes), shape, TestContext.Current.CancellationToken))
        {
            records.Add(r);
        }

        Assert.Equal(ExchangeCsv.Columns, records[0].Fields);
        Assert.Equal(["HS-1", "1.001193", "a;b,c"], records[1].Fields);
    }

    [Fact]
    public async Task A_header_without_any_exchange_column_keeps_the_comma()
    {
        var (shape, _) = await InspectAsync(Encoding.UTF8.GetBytes("x;y;z\n1;2;3\n"));
        Assert.Equal(',', shape!.Separator);
    }

    [Theory]
    [InlineData("utf-8", false, "UTF-8")]
    [InlineData("utf-8", true, "UTF-8 (BOM)")]
    [InlineData("utf-16", true, "UTF-16 LE")]
    [InlineData("utf-16BE", true, "UTF-16 BE")]
    public async Task UTF_8_with_or_without_a_BOM_and_UTF_16_with_its_BOM_read_the_same(string encodingName, bool bom, string named)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var text = "MaHoSo;Ghi chú\r\nA-1;Hồ sơ đất đai\r\n";
        var bytes = (bom ? encoding.GetPreamble() : []).Concat(encoding.GetBytes(text)).ToArray();

        var (shape, problem) = await InspectAsync(bytes);

        Assert.Null(problem);
        Assert.Equal(named, shape!.EncodingName);
        var records = new List<CsvRecord>();
        await foreach (var r in ExchangeCsv.ReadAsync(new MemoryStream(bytes), shape, TestContext.Current.CancellationToken))
        {
            records.Add(r);
        }

        Assert.Equal(["MaHoSo", "Ghi chú"], records[0].Fields);
        Assert.Equal(["A-1", "Hồ sơ đất đai"], records[1].Fields);
    }

    [Fact]
    public async Task A_file_in_a_legacy_8_bit_encoding_is_refused_naming_UTF_8_and_how_to_save_as_it_never_read_as_garbage()
    {
        // "Hồ sơ" as Windows-1258 writes it: ô is 0xF4, ơ is 0xF5 with the tone as a combining mark (0xD2 = dot below).
        var bytes = Encoding.ASCII.GetBytes(Header + "\r\nHS-1,H").Concat(new byte[] { 0xF4, 0xD2, 0x20, 0x73, 0xF5 }).Concat(Encoding.ASCII.GetBytes(",x\r\n")).ToArray();

        var (shape, problem) = await InspectAsync(bytes);

        Assert.Null(shape);
        Assert.Contains("không được lưu ở mã UTF-8 (dòng 2", problem!.Vietnamese, StringComparison.Ordinal);
        Assert.Contains("CSV UTF-8", problem.Vietnamese, StringComparison.Ordinal);
        Assert.Contains("not saved as UTF-8 (line 2", problem.English, StringComparison.Ordinal);
        Assert.Contains("Save As", problem.English, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_byte_that_is_not_UTF_8_far_down_the_file_stops_the_reading_at_its_line()
    {
        var text = new StringBuilder(Header).Append("\r\n");
        for (var i = 0; i < 2000; i++)
        {
            text.Append("HS-").Append(i).Append(",1.001193,000.20.01.H31,2,9,,,,,0,0,0,0,0,\r\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString()).Concat(new byte[] { (byte)'H', 0xE0, (byte)'\r', (byte)'\n' }).ToArray();
        var (shape, problem) = await InspectAsync(bytes);
        Assert.Null(problem);

        var error = await Assert.ThrowsAsync<ExchangeFileException>(async () =>
        {
            await foreach (var _ in ExchangeCsv.ReadAsync(new MemoryStream(bytes), shape!, TestContext.Current.CancellationToken))
            {
            }
        });
        Assert.Contains("(line 2002", error.Problem.English, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[]> Binaries => new()
    {
        { "PNG image", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R'] },
        { "ZIP archive", [(byte)'P', (byte)'K', 3, 4, 20, 0, 6, 0, (byte)'[', (byte)'C', (byte)'o', (byte)'n', (byte)'t', (byte)'e', (byte)'n', (byte)'t'] },
        { "PDF document", [.. Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\n1 0 obj")] },
        { "NUL bytes", [.. Encoding.ASCII.GetBytes("MaHoSo,MaTTHC\r\n"), 0, 0, 1, 2, 3] },
        { "control characters", [.. Enumerable.Range(0, 400).Select(i => (byte)(1 + (i % 8)))] },
    };

    [Theory]
    [MemberData(nameof(Binaries))]
    public async Task A_binary_file_is_refused_as_not_a_CSV_file_saying_what_to_upload_without_quoting_it(string kind, byte[] bytes)
    {
        var (shape, problem) = await InspectAsync(bytes);

        Assert.True(shape is null, kind);
        Assert.StartsWith("The file is not a CSV file (", problem!.English, StringComparison.Ordinal);
        Assert.Contains("UTF-8, separated by commas or semicolons", problem.English, StringComparison.Ordinal);
        Assert.StartsWith("Tệp không phải tệp CSV (", problem.Vietnamese, StringComparison.Ordinal);
        Assert.DoesNotContain(problem.English, c => char.IsControl(c) || c == '\uFFFD');
        Assert.DoesNotContain("IHDR", problem.English, StringComparison.Ordinal);
        Assert.DoesNotContain("[Content", problem.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Dates_are_written_in_local_time_with_their_offset()
    {
        var zone = new Portal.Core.Calendar.WorkingTimeOptions().ResolveTimeZone();
        Assert.Equal("2026-03-02T09:15:00+07:00", ExchangeCsv.Date(new DateTime(2026, 3, 2, 2, 15, 0, DateTimeKind.Utc), zone));
        Assert.Equal(string.Empty, ExchangeCsv.Date(null, zone));
    }
}
