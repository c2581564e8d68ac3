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
        Assert.True(records[^1].Malformed);
        Assert.Equal(2, records[^1].Line);
    }

    [Fact]
    public void Dates_are_written_in_local_time_with_their_offset()
    {
        var zone = new Portal.Core.Calendar.WorkingTimeOptions().ResolveTimeZone();
        Assert.Equal("2026-03-02T09:15:00+07:00", ExchangeCsv.Date(new DateTime(2026, 3, 2, 2, 15, 0, DateTimeKind.Utc), zone));
        Assert.Equal(string.Empty, ExchangeCsv.Date(null, zone));
    }
}
