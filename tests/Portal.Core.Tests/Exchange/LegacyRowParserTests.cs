using Portal.Core.Dossiers;
using Portal.Core.Exchange;

namespace Portal.Core.Tests.Exchange;

public sealed class LegacyRowParserTests
{
    private static readonly DateTime Now = new(2026, 4, 15, 9, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    private static readonly ImportCatalog Catalog = new(
        new Dictionary<string, ImportCatalog.ProcedureEntry>(StringComparer.OrdinalIgnoreCase)
        {
            ["1.001193"] = new(10, 3, 101, [(new DateOnly(2020, 1, 1), 100), (new DateOnly(2026, 3, 1), 101)]),
            ["2.000001"] = new(11, 4, 111, [(new DateOnly(2020, 1, 1), 111)]),
        },
        new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["000.20.01.H31"] = 5, ["000.00.03.H31"] = 6 },
        new HashSet<(int, int)> { (10, 5), (11, 6) });

    private static readonly string[] Header = [.. ExchangeCsv.Columns];

    private static (LegacyDossierRecord? Record, List<RowProblem> Problems) Parse(string line, int? scope = null)
    {
        var fields = line.Split(',');
        var parser = new LegacyRowParser(Header, Catalog, Now, scope, Offset);
        var (record, _, problems) = parser.Parse(new CsvRecord(2, fields, false));
        return (record, problems);
    }

    private const string Decided = "HS-1,1.001193,000.20.01.H31,2,9,2026-03-02T09:00:00+07:00,2026-03-04T17:00:00+07:00,2026-03-04T10:00:00+07:00,,1,2.5,1,1,1,5";

    [Fact]
    public void A_good_row_becomes_a_record_in_utc_bound_to_the_version_in_force_at_reception()
    {
        var (record, problems) = Parse(Decided);
        Assert.Empty(problems);
        Assert.NotNull(record);
        Assert.Equal(new DateTime(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc), record.ReceivedAt);
        Assert.Equal(101, record.Procedure.VersionId);
        Assert.Equal(150, record.PausedMinutes);
        Assert.Equal(PaymentState.PaidOnline, record.Payment);
        Assert.True(record.Synced);
        Assert.Equal((byte)5, record.Rating);
        var (older, _) = Parse(Decided.Replace("2026-03-02T09:00:00+07:00", "2026-02-27T09:00:00+07:00", StringComparison.Ordinal));
        Assert.Equal(100, older!.Procedure.VersionId);
    }

    [Theory]
    [InlineData("2026-03-02", "ISO 8601")]
    [InlineData("2026-03-02T09:00:00", "ISO 8601")]
    [InlineData("02/03/2026 09:00", "ISO 8601")]
    [InlineData("2026-13-02T09:00:00+07:00", "ISO 8601")]
    [InlineData("1989-12-31T09:00:00+07:00", "out of range")]
    [InlineData("2027-01-01T09:00:00+07:00", "out of range")]
    public void A_bad_reception_date_is_refused_with_the_column_name(string date, string expected)
    {
        var (record, problems) = Parse(Decided.Replace("2026-03-02T09:00:00+07:00", date, StringComparison.Ordinal));
        Assert.Null(record);
        Assert.Contains(problems, p => p.English.Contains("NgayTiepNhan", StringComparison.Ordinal) && p.English.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_channel_is_in_person_as_the_exchange_format_says()
    {
        var (record, problems) = Parse(Decided.Replace("000.20.01.H31,2,9", "000.20.01.H31,,9", StringComparison.Ordinal));

        Assert.Empty(problems);
        Assert.Equal(Channel.InPerson, record!.Channel);
    }

    [Theory]
    [InlineData("2022-02-30T09:00:00+07:00", "ngày 30/02/2022 không tồn tại", "30 February 2022 does not exist")]
    [InlineData("2022-02-30", "ngày 30/02/2022 không tồn tại", "30 February 2022 does not exist")]
    [InlineData("2023-04-31T08:00:00+07:00", "ngày 31/04/2023 không tồn tại", "31 April 2023 does not exist")]
    [InlineData("2025-02-29T08:00:00+07:00", "ngày 29/02/2025 không tồn tại", "29 February 2025 does not exist")]
    public void An_impossible_day_is_named_as_such_not_as_a_format_error(string date, string vietnamese, string english)
    {
        var (record, problems) = Parse(Decided.Replace("2026-03-02T09:00:00+07:00", date, StringComparison.Ordinal));

        Assert.Null(record);
        var problem = Assert.Single(problems, p => p.English.Contains("NgayTiepNhan", StringComparison.Ordinal));
        Assert.Contains(vietnamese, problem.Vietnamese, StringComparison.Ordinal);
        Assert.Contains(english, problem.English, StringComparison.Ordinal);
        Assert.DoesNotContain("ISO 8601", problem.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_leap_day_of_a_leap_year_is_a_day()
    {
        var (record, problems) = Parse(Decided.Replace("2026-03-02T09:00:00+07:00", "2024-02-29T09:00:00+07:00", StringComparison.Ordinal)
            .Replace("2026-03-04T", "2024-03-04T", StringComparison.Ordinal));

        Assert.Empty(problems);
        Assert.Equal(new DateTime(2024, 2, 29, 2, 0, 0, DateTimeKind.Utc), record!.ReceivedAt);
    }

    [Fact]
    public void An_unclosed_quote_names_its_line_and_says_reading_goes_on_at_the_next()
    {
        var parser = new LegacyRowParser(Header, Catalog, Now, null, Offset);
        var (record, _, problems) = parser.Parse(new CsvRecord(7, ["HS-1", "1.001193"], true));

        Assert.Null(record);
        Assert.Equal("A quote opened on line 7 never closes: line 7 is not imported; the lines after it are still read, from line 8.", Assert.Single(problems).English);
    }

    [Theory]
    [InlineData("9.999999", "1.001193", "Procedure code \"9.999999\" is not in the catalogue")]
    [InlineData("1.001193", "000.99.99.H31", "Agency code \"000.99.99.H31\" is not in the catalogue")]
    [InlineData("2.000001", "000.20.01.H31", "does not handle procedure")]
    public void Unknown_or_mismatched_codes_are_refused(string procedure, string agency, string expected)
    {
        var (record, problems) = Parse(Decided.Replace("1.001193,000.20.01.H31", $"{procedure},{agency}", StringComparison.Ordinal));
        Assert.Null(record);
        Assert.Contains(problems, p => p.English.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("HS-2,1.001193,000.20.01.H31,2,4,,,,,0,0,0,0,0,", "Status 4 (In process) needs NgayTiepNhan")]
    [InlineData("HS-2,1.001193,000.20.01.H31,2,4,2026-03-02T09:00:00+07:00,,,,0,0,0,0,0,", "needs NgayHenTra")]
    [InlineData("HS-2,1.001193,000.20.01.H31,2,9,2026-03-02T09:00:00+07:00,2026-03-04T17:00:00+07:00,,,0,0,0,0,0,", "needs NgayKetThucXuLy")]
    [InlineData("HS-2,1.001193,000.20.01.H31,2,4,2026-03-02T09:00:00+07:00,2026-03-04T17:00:00+07:00,2026-03-03T09:00:00+07:00,,0,0,0,0,0,", "cannot have NgayKetThucXuLy")]
    [InlineData("HS-2,1.001193,000.20.01.H31,2,9,2026-03-02T09:00:00+07:00,2026-03-04T17:00:00+07:00,2026-03-01T09:00:00+07:00,,0,0,0,0,0,", "NgayKetThucXuLy is before NgayTiepNhan")]
    [InlineData("HS-2,1.001193,000.20.01.H31,2,9,2026-03-02T09:00:00+07:00,2026-03-01T17:00:00+07:00,2026-03-03T09:00:00+07:00,,0,0,0,0,0,", "NgayHenTra is before NgayTiepNhan")]
    [InlineData("HS-2,1.001193,000.20.01.H31,1,1,,,,,0,0,0,0,0,", "only for online dossiers")]
    [InlineData("HS-2,1.001193,000.20.01.H31,2,3,2026-03-02T09:00:00+07:00,2026-03-04T17:00:00+07:00,,,0,0,0,0,0,", "never received, yet NgayTiepNhan")]
    [InlineData("HS-2,1.001193,000.20.01.H31,2,10,2026-03-02T09:00:00+07:00,2026-03-04T17:00:00+07:00,2026-03-03T09:00:00+07:00,,0,0,0,0,0,", "needs NgayTraKetQua")]
    [InlineData("HS-2,1.001193,000.20.01.H31,2,4,2026-03-02T09:00:00+07:00,2026-03-04T17:00:00+07:00,,,0,0,1,0,0,", "CoKetQuaDienTu = 1 but the dossier is not decided")]
    [InlineData("HS-2,1.001193,000.20.01.H31,2,4,2026-03-02T09:00:00+07:00,2026-03-04T17:00:00+07:00,,,0,0,0,0,0,4", "DanhGiaHaiLong exists only")]
    [InlineData("HS-2,1.001193,000.20.01.H31,2,9,2026-03-02T09:00:00+07:00,2026-03-04T17:00:00+07:00,2026-03-02T10:00:00+07:00,,1,5,0,0,0,", "ThoiGianTamDungGio is longer")]
    [InlineData("HS-2,1.001193,000.20.01.H31,4,9,2026-03-02T09:00:00+07:00,2026-03-04T17:00:00+07:00,2026-03-03T09:00:00+07:00,,0,0,0,0,0,", "KenhThucHien = \"4\" is invalid")]
    [InlineData("HS-2,1.001193,000.20.01.H31,2,11,2026-03-02T09:00:00+07:00,2026-03-04T17:00:00+07:00,2026-03-03T09:00:00+07:00,,0,0,0,0,0,", "TrangThaiHoSo = \"11\" is invalid")]
    [InlineData("HS-2,1.001193,000.20.01.H31,2,9,2026-03-02T09:00:00+07:00,2026-03-04T17:00:00+07:00,2026-03-03T09:00:00+07:00,,0,\"1,5\",0,0,0,", "columns")]
    [InlineData(",1.001193,000.20.01.H31,2,4,2026-03-02T09:00:00+07:00,2026-03-04T17:00:00+07:00,,,0,0,0,0,0,", "MaHoSo (the dossier code) is missing")]
    public void Statuses_that_contradict_the_dates_and_malformed_values_are_refused(string line, string expected)
    {
        var (record, problems) = Parse(line);
        Assert.Null(record);
        Assert.Contains(problems, p => p.English.Contains(expected, StringComparison.Ordinal));
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Vietnamese)));
    }

    [Fact]
    public void An_agency_leader_cannot_import_another_agencys_dossiers()
    {
        var (record, problems) = Parse(Decided, scope: 6);
        Assert.Null(record);
        Assert.Contains(problems, p => p.English.Contains("only import your own agency", StringComparison.Ordinal));
    }

    [Fact]
    public void The_header_may_come_in_any_order_but_must_name_exactly_the_exchange_columns()
    {
        Assert.Null(LegacyRowParser.CheckHeader([.. ExchangeCsv.Columns.Reverse()]));
        var problem = LegacyRowParser.CheckHeader([.. ExchangeCsv.Columns.Take(14), "GhiChu"]);
        Assert.NotNull(problem);
        Assert.Contains("DanhGiaHaiLong", problem.English, StringComparison.Ordinal);
        Assert.Contains("GhiChu", problem.Vietnamese, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("HS\u00011")]
    [InlineData("HS\u200B1")]
    [InlineData("Đ\u0323\u0303")]
    [InlineData("=HYPERLINK(\"x\")")]
    public void A_code_that_is_not_made_of_code_characters_is_refused(string code)
    {
        var (record, problems) = Parse(Decided.Replace("HS-1", code, StringComparison.Ordinal));

        Assert.Null(record);
        Assert.Contains(problems, p => p.English.StartsWith("MaHoSo is invalid", StringComparison.Ordinal));
    }

    [Fact]
    public void Values_are_quoted_back_in_NFC_without_control_characters_and_cut_short()
    {
        var procedure = "Thủ tục".Normalize(System.Text.NormalizationForm.FormD) + "\u0007" + new string('x', 5000);

        var (record, problems) = Parse(Decided.Replace("1.001193", procedure, StringComparison.Ordinal));

        Assert.Null(record);
        var problem = Assert.Single(problems);
        Assert.Contains("\"Thủ tụcxxx", problem.Vietnamese, StringComparison.Ordinal);
        Assert.True(problem.Vietnamese.Length < 200, problem.Vietnamese);
        Assert.DoesNotContain(problem.Vietnamese, char.IsControl);
    }
}
