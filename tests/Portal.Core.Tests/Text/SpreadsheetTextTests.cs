using System.Text;
using Portal.Core.Exchange;
using Portal.Core.Text;

namespace Portal.Core.Tests.Text;

public sealed class SpreadsheetTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1+2", "'\t=1+2")]
    [InlineData("\r=1+2", "'\r=1+2")]
    [InlineData("\0=1+2", "'\0=1+2")]
    [InlineData("Nguyễn Văn An", "Nguyễn Văn An")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void A_text_a_spreadsheet_would_evaluate_gets_a_leading_apostrophe(string text, string expected) =>
        Assert.Equal(expected, SpreadsheetText.Text(text));

    [Fact]
    public void Numbers_stay_numbers_and_a_number_typed_as_text_stays_text()
    {
        Assert.Equal("-5,'-5,0", SpreadsheetText.CsvLine([-5, "-5", 0]));
        Assert.Equal(-5L, SpreadsheetText.Value(-5L));
        Assert.Equal(new DateOnly(2026, 3, 2), SpreadsheetText.Value(new DateOnly(2026, 3, 2)));
        Assert.Equal("'=1+2", SpreadsheetText.Value("=1+2"));
    }

    [Fact]
    public void Fields_with_commas_semicolons_tabs_quotes_line_breaks_or_outer_spaces_are_quoted()
    {
        Assert.Equal("a,\"b,c\",\"d\"\"e\",,f", SpreadsheetText.CsvLine(["a", "b,c", "d\"e", null, "f"]));
        Assert.Equal("\"a;b\",\"a\tb\",\" c\",\"d\ne\"", SpreadsheetText.CsvLine(["a;b", "a\tb", " c", "d\ne"]));
    }

    [Theory]
    [InlineData("x;=1+2", "\"x;'=1+2\"")]
    [InlineData("An; -2+3+cmd|' /C calc'!A0", "\"An;' -2+3+cmd|' /C calc'!A0\"")]
    [InlineData("=1;@SUM(1)", "\"'=1;'@SUM(1)\"")]
    [InlineData("Ghi chú; xem lại", "\"Ghi chú; xem lại\"")]
    public void A_formula_after_a_semicolon_is_neutralised_too_for_Excel_that_cuts_lines_there(string text, string field) =>
        Assert.Equal(field, SpreadsheetText.CsvLine([text]));

    [Fact]
    public async Task A_neutralised_line_reads_back_with_its_apostrophes()
    {
        var line = SpreadsheetText.CsvLine(["=HYPERLINK(\"http://x\",\"y\")", "@SUM(1+1)", "Lê Chân, Hải Phòng", 12]);
        var fields = new List<string>();
        await foreach (var record in ExchangeCsv.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(line + "\r\n")), TestContext.Current.CancellationToken))
        {
            fields.AddRange(record.Fields);
        }

        Assert.Equal(["'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(1+1)", "Lê Chân, Hải Phòng", "12"], fields);
    }
}
