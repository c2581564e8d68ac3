using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Exchange;
using Portal.Core.Statistics;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Leaders;

/// <summary>
/// These tests wait for Hangfire to run the import job. Hangfire servers of several hosts in one process pick up each
/// other's jobs (static state, HangfireIO/Hangfire#2151), so this class runs alone, never beside another test host.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireJobsCollection
{
    public const string Name = "hangfire-jobs";
}

[Collection(HangfireJobsCollection.Name)]
public sealed class ImportPageTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(10);

    private async Task<FormClient> SignedInAsync(string email = "lanhdao@demo.haiphong.vn")
    {
        var client = FormClient.For(fixture.App);
        await client.SignInAsync(email, DemoSeeder.Password);
        return client;
    }

    /// <summary>Procedure and agency codes the demo catalogue pairs, to write rows that import.</summary>
    private async Task<List<(string Procedure, string Agency)>> PairsAsync() =>
        await fixture.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            return (await db.ProcedureAgencies.Select(pa => new { Procedure = db.Procedures.Single(p => p.Id == pa.ProcedureId).Code, pa.Agency!.Code }).ToListAsync())
                .Select(x => (x.Procedure, x.Code)).OrderBy(x => x.Procedure, StringComparer.Ordinal).ThenBy(x => x.Code, StringComparer.Ordinal).ToList();
        });

    private static async Task<HttpResponseMessage> UploadAsync(FormClient client, string fileName, byte[] content)
    {
        var page = await client.GetAsync("/lanh-dao/nhap-du-lieu");
        var form = page.Document.QuerySelector<IHtmlFormElement>("form[enctype='multipart/form-data']")!;
        var token = form.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "tep", fileName },
        };
        return await client.Http.PostAsync("/lanh-dao/nhap-du-lieu", body);
    }

    private static async Task<JsonElement> WaitUntilDoneAsync(FormClient client, string runUrl)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var json = JsonDocument.Parse(await client.Http.GetStringAsync(runUrl + "/trang-thai")).RootElement;
            if (json.GetProperty("done").GetBoolean())
            {
                return json;
            }

            Assert.True(clock.Elapsed < Wait, "the import did not finish in time: " + json);
            await Task.Delay(500);
        }
    }

    private static string Row(string code, (string Procedure, string Agency) pair, string rest) => $"{code},{pair.Procedure},{pair.Agency},{rest}";

    [Fact]
    public async Task An_upload_runs_as_a_job_shows_its_progress_and_offers_a_per_row_error_report()
    {
        var client = await SignedInAsync();
        var pairs = await PairsAsync();
        var lines = new List<string>
        {
            string.Join(',', ExchangeCsv.Columns),
            Row("CU-000001", pairs[0], "2,9,2025-11-03T09:00:00+07:00,2025-11-05T17:00:00+07:00,2025-11-04T10:00:00+07:00,,0,0,1,1,1,5"),
            Row("CU-000002", pairs[1], "1,10,2025-11-03T14:00:00+07:00,2025-11-10T17:00:00+07:00,2025-11-12T10:00:00+07:00,2025-11-13T10:00:00+07:00,2,12,0,2,1,2"),
            Row("CU-000003", pairs[0], "2,9,hôm qua,2025-11-05T17:00:00+07:00,2025-11-04T10:00:00+07:00,,0,0,1,1,1,5"),
            "CU-000004,0.000000,000.99.99.H31,2,9,2025-11-03T09:00:00+07:00,2025-11-05T17:00:00+07:00,2025-11-04T10:00:00+07:00,,0,0,1,1,1,5",
            Row("CU-000005", pairs[0], "2,2"),
        };
        var response = await UploadAsync(client, "he-thong-cu.csv", Encoding.UTF8.GetBytes(string.Join("\n", lines)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var runUrl = response.Headers.Location!.ToString();
        var done = await WaitUntilDoneAsync(client, runUrl);
        Assert.Equal(2, done.GetProperty("importedRows").GetInt32());
        Assert.Equal(3, done.GetProperty("errorRows").GetInt32());

        var page = await client.GetAsync(runUrl);
        Assert.Contains("Hoàn thành: 5 dòng, 2 nhập mới", page.Text, StringComparison.Ordinal);
        Assert.Equal(["4", "5", "6"], page.Document.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent));
        var report = await client.Http.GetStringAsync(runUrl + "/loi.csv");
        Assert.Contains("4,CU-000003,", report, StringComparison.Ordinal);
        Assert.Contains("0.000000", report, StringComparison.Ordinal);
        Assert.Contains("000.99.99.H31", report, StringComparison.Ordinal);

        var again = await UploadAsync(client, "he-thong-cu.csv", Encoding.UTF8.GetBytes(string.Join("\r\n", lines)));
        var second = await WaitUntilDoneAsync(client, again.Headers.Location!.ToString());
        Assert.Equal(0, second.GetProperty("importedRows").GetInt32());
        Assert.Equal(2, second.GetProperty("unchangedRows").GetInt32());
    }

    [Theory]
    [InlineData("du-lieu.xlsx", "Chỉ nhận tệp .csv")]
    [InlineData("trong.csv", "Tệp trống")]
    public async Task A_file_that_is_not_a_csv_or_is_empty_is_refused_with_a_message(string name, string message)
    {
        var client = await SignedInAsync();
        var response = await UploadAsync(client, name, name.EndsWith(".csv", StringComparison.Ordinal) ? [] : [1, 2, 3]);
        var page = await Page.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Text, StringComparison.Ordinal);
    }

    private Task<int> RunCountAsync() => fixture.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().ImportRuns.CountAsync());

    public static TheoryData<string, byte[]> Binaries => new()
    {
        { "anh.csv", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 1, 0] },
        { "bang-tinh.csv", [(byte)'P', (byte)'K', 3, 4, 20, 0, 6, 0, .. Encoding.ASCII.GetBytes("[Content_Types].xml"), 0, 0, 0xFF] },
        { "van-ban.csv", [.. Encoding.ASCII.GetBytes("%PDF-1.7\n%"), 0xE2, 0xE3, 0xCF, 0xD3, .. Encoding.ASCII.GetBytes("\n1 0 obj <</Type /Catalog>>")] },
    };

    [Theory]
    [MemberData(nameof(Binaries))]
    public async Task A_binary_file_renamed_csv_is_refused_on_the_form_as_not_a_CSV_and_leaves_no_run(string name, byte[] content)
    {
        var client = await SignedInAsync();
        var before = await RunCountAsync();

        var page = await Page.ReadAsync(await UploadAsync(client, name, content));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        var message = page.Document.QuerySelector("#form-errors")!.TextContent;
        Assert.Contains("Tệp không phải tệp CSV", message, StringComparison.Ordinal);
        Assert.Contains("UTF-8, phân cách bằng dấu phẩy hoặc dấu chấm phẩy", message, StringComparison.Ordinal);
        Assert.DoesNotContain("IHDR", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Content_Types", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Catalog", page.Text, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("form[enctype='multipart/form-data'] input[type='file']"));
        Assert.Equal(before, await RunCountAsync());
        Assert.DoesNotContain(page.Document.QuerySelectorAll("a[href^='/lanh-dao/nhap-du-lieu/']"), a => a.TextContent == name);
    }

    [Fact]
    public async Task Refusals_are_in_the_users_language_only()
    {
        var client = await SignedInAsync();
        await client.Http.GetAsync("/Home/Language?culture=en-US&returnUrl=%2F");

        var wrongType = await Page.ReadAsync(await UploadAsync(client, "du-lieu.xlsx", [1, 2, 3]));
        var binary = await Page.ReadAsync(await UploadAsync(client, "anh.csv", Binaries.First().Data.Item2));

        Assert.Contains("Only .csv files in the exchange format are accepted.", wrongType.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Chỉ nhận", wrongType.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(" / ", wrongType.Document.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("The file is not a CSV file (a PNG image)", binary.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tệp không phải", binary.Text, StringComparison.Ordinal);
    }

    /// <summary>A body of zeros that is never held in memory: the portal must answer from its length alone.</summary>
    private sealed class Zeros(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;

        public override long Position { get => _position; set => _position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(false, "Tệp lớn hơn 200 MB; hãy chia nhỏ tệp", "Mã lỗi")]
    [InlineData(true, "The file is larger than 200 MB; split it", "Status code")]
    public async Task A_file_over_the_limit_gets_the_import_page_with_the_portals_size_message(bool english, string message, string genericPage)
    {
        var client = await SignedInAsync();
        if (english)
        {
            await client.Http.GetAsync("/Home/Language?culture=en-US&returnUrl=%2F");
        }

        var before = await RunCountAsync();
        var form = (await client.GetAsync("/lanh-dao/nhap-du-lieu")).Document.QuerySelector<IHtmlFormElement>("form[enctype='multipart/form-data']")!;
        var input = form.QuerySelector<IHtmlInputElement>("input[type='file']")!;
        Assert.Equal(StartImportValidator.MaxBytes.ToString(CultureInfo.InvariantCulture), input.GetAttribute("data-max-bytes"));
        Assert.Contains(message, input.GetAttribute("data-too-large"), StringComparison.Ordinal);
        using var body = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value), "__RequestVerificationToken" },
            { new StreamContent(new Zeros(205L * 1024 * 1024)), "tep", "lon.csv" },
        };

        var page = await Page.ReadAsync(await client.Http.PostAsync("/lanh-dao/nhap-du-lieu", body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.Status);
        Assert.Contains(message, page.Document.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(genericPage, page.Text, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("form[enctype='multipart/form-data'] input[type='file']"));
        Assert.NotNull(page.Document.QuerySelector("script[src^='/js/import.js']"));
        Assert.Equal(before, await RunCountAsync());
    }

    [Fact]
    public async Task The_valid_codes_are_listed_on_the_page_and_downloadable_for_the_leaders_reach_only()
    {
        var pairs = await PairsAsync();
        var province = await SignedInAsync();
        var page = await province.GetAsync("/lanh-dao/nhap-du-lieu");
        var listed = page.Document.QuerySelectorAll("table[data-codes='agencies'] tbody tr td:first-child").Select(c => c.TextContent).ToList();
        Assert.Equal(pairs.Select(p => p.Agency).Distinct().Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        var procedures = page.Document.QuerySelectorAll("table[data-codes='procedures'] tbody tr td:first-child").Select(c => c.TextContent).ToList();
        Assert.Equal(pairs.Select(p => p.Procedure).Distinct().Order(StringComparer.Ordinal), procedures);

        var csv = (await province.Http.GetStringAsync("/lanh-dao/nhap-du-lieu/ma.csv")).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("MaCoQuan,TenCoQuan,MaTTHC,TenThuTuc", lines[0]);
        Assert.Equal(pairs.Count, lines.Length - 1);

        var agency = await SignedInAsync("lanhdao.hongbang@demo.haiphong.vn");
        var own = await fixture.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            var agencyId = await db.Users.Where(u => u.Email == "lanhdao.hongbang@demo.haiphong.vn").Select(u => u.AgencyId).SingleAsync();
            return await db.Agencies.Where(a => a.Id == agencyId).Select(a => a.Code).SingleAsync();
        });
        var ownCsv = (await agency.Http.GetStringAsync("/lanh-dao/nhap-du-lieu/ma.csv")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(pairs.Count(p => p.Agency == own), ownCsv.Count);
        Assert.All(ownCsv, line => Assert.StartsWith(own + ",", line, StringComparison.Ordinal));
        var ownPage = await agency.GetAsync("/lanh-dao/nhap-du-lieu");
        Assert.Equal([own], ownPage.Document.QuerySelectorAll("table[data-codes='agencies'] tbody tr td:first-child").Select(c => c.TextContent));
    }

    [Fact]
    public async Task A_semicolon_file_imports_and_its_summary_names_the_separator_and_warns_about_digitisation_and_overdue()
    {
        var client = await SignedInAsync();
        var pairs = await PairsAsync();
        string R(string code, string rest) => $"{code};{pairs[0].Procedure};{pairs[0].Agency};{rest}";
        var lines = new List<string>
        {
            string.Join(';', ExchangeCsv.Columns),
            R("SC-000001", ";4;2023-03-01T09:00:00+07:00;2023-03-10T17:00:00+07:00;;;0;0;0;0;0;"),
            R("SC-000002", "2;4;2023-06-01T09:00:00+07:00;2023-06-10T17:00:00+07:00;;;0;0;0;0;0;"),
            R("SC-000003", "2;9;2023-09-01T09:00:00+07:00;2023-09-10T17:00:00+07:00;2023-09-05T10:00:00+07:00;;0;0;1;1;1;5"),
            R("SC-000004", "2;9;2023-02-30T09:00:00+07:00;2023-03-10T17:00:00+07:00;2023-03-05T10:00:00+07:00;;0;0;1;1;1;5"),
            R("SC-000005", "2;4;2023-12-20T09:00:00+07:00;2030-01-10T17:00:00+07:00;;;0;0;0;0;0;"),
        };

        var response = await UploadAsync(client, "ban-cham-phay.csv", Encoding.UTF8.GetBytes(string.Join("\r\n", lines)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var runUrl = response.Headers.Location!.ToString();
        var done = await WaitUntilDoneAsync(client, runUrl);
        Assert.Equal(4, done.GetProperty("importedRows").GetInt32());

        var page = await client.GetAsync(runUrl);
        Assert.Contains("phân cách bằng dấu chấm phẩy (;)", page.Document.QuerySelector("[data-read-as]")!.TextContent, StringComparison.Ordinal);
        var warnings = page.Document.QuerySelector("[data-import-warnings]")!.TextContent;
        Assert.Contains("nên 4 hồ sơ đã nhập (tiếp nhận từ 01/03/2023 đến 20/12/2023) được tính là chưa số hóa", warnings, StringComparison.Ordinal);
        Assert.Contains("3 hồ sơ đã nhập chưa kết thúc xử lý (không có NgayKetThucXuLy); 2 trong số đó đã quá hạn", warnings, StringComparison.Ordinal);
        Assert.Contains("3 hồ sơ tiếp nhận trước năm", warnings, StringComparison.Ordinal);

        // Each count opens exactly this import's dossiers it counts (the demo has other not-digitised, in-progress and
        // overdue dossiers in these periods; the lists hold only the import's).
        var counts = page.Document.QuerySelectorAll("[data-import-warnings] li a").Cast<IHtmlAnchorElement>().ToList();
        Assert.Equal(["4", "3", "2", "3", "2"], counts.Select(a => a.TextContent));
        foreach (var link in counts)
        {
            var href = link.GetAttribute("href")!;
            Assert.Contains("lan-nhap=", href, StringComparison.Ordinal);
            Assert.Equal(long.Parse(link.TextContent, CultureInfo.InvariantCulture), await DossierLists.CountAsync(client, href));
            var list = await client.GetAsync(href);
            Assert.Contains("ban-cham-phay.csv", list.Document.QuerySelector("[data-import-filter]")!.TextContent, StringComparison.Ordinal);
            var shown = list.Document.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
            Assert.All(shown, code => Assert.StartsWith("SC-", code, StringComparison.Ordinal));
        }

        // Without the import's filter the same figure lists more than this import's (the link is not just the figure's list).
        var unfiltered = counts[1].GetAttribute("href")!.Split('&').Where(p => !p.StartsWith("lan-nhap=", StringComparison.Ordinal));
        Assert.True(await DossierLists.CountAsync(client, string.Join('&', unfiltered)) > 3);

        // A run that is not this leader's, or not a run, is dropped with a message rather than listing nothing.
        var stray = await client.GetAsync(counts[0].GetAttribute("href")!.Replace("lan-nhap=", "lan-nhap=0", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, stray.Status);
        Assert.Contains("Không tìm thấy lần nhập dữ liệu này", stray.Text, StringComparison.Ordinal);
        Assert.Contains("ngày 30/02/2023 không tồn tại", page.Text, StringComparison.Ordinal);
        foreach (var link in page.Document.QuerySelectorAll("[data-import-warnings] a").Cast<IHtmlAnchorElement>())
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link.GetAttribute("href")!)).Status);
        }

        var stored = await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Dossiers.Where(d => d.Code == "SC-000001").Select(d => d.Channel).SingleAsync());
        Assert.Equal(Portal.Core.Dossiers.Channel.InPerson, stored);

        // The list of recent imports says when, in local time.
        var runId = Guid.Parse(runUrl.Split('/')[^1]);
        var created = await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().ImportRuns.Where(r => r.Id == runId).Select(r => r.CreatedAt).SingleAsync());
        var home = await client.GetAsync("/lanh-dao/nhap-du-lieu");
        var row = home.Document.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector($"a[href='/lanh-dao/nhap-du-lieu/{runId}']") is not null);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(created, DateTimeKind.Utc), new Portal.Core.Calendar.WorkingTimeOptions().ResolveTimeZone());
        Assert.Equal(local.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), row.QuerySelector("time")!.TextContent);
    }

    [Fact]
    public async Task An_agency_leader_cannot_see_a_province_import()
    {
        var province = await SignedInAsync();
        var response = await UploadAsync(province, "rong.csv", Encoding.UTF8.GetBytes(string.Join(',', ExchangeCsv.Columns) + "\n"));
        var runUrl = response.Headers.Location!.ToString();
        await WaitUntilDoneAsync(province, runUrl);
        var agency = await SignedInAsync("lanhdao.hongbang@demo.haiphong.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await agency.Http.GetAsync(runUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agency.Http.GetAsync(runUrl + "/loi.csv")).StatusCode);
    }

    [Fact]
    public async Task A_hundred_thousand_row_file_imports_in_minutes_and_the_report_counts_every_row()
    {
        var client = await SignedInAsync();
        var pairs = await PairsAsync();
        var random = new Random(100_000);
        var zone = TimeSpan.FromHours(7);
        var start = new DateTimeOffset(2024, 1, 2, 8, 0, 0, zone);
        var text = new StringBuilder(string.Join(',', ExchangeCsv.Columns)).Append("\r\n");
        var expectedReceived = 0;
        var expectedFinished = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var received = start.AddMinutes(random.Next(0, 340 * 24 * 60));
            var promised = received.AddDays(random.Next(1, 15));
            var channel = random.Next(1, 4);
            string D(DateTimeOffset d) => d.ToString(ExchangeCsv.DateFormat, CultureInfo.InvariantCulture);
            var status = random.Next(0, 10) switch { < 6 => 10, < 7 => 9, < 8 => 4, 8 => 7, _ => 8 };
            var finished = received.AddHours(random.Next(1, 400));
            expectedFinished += status == 4 ? 0 : 1;
            var rest = status switch
            {
                10 => $"{D(received)},{D(promised)},{D(finished)},{D(finished.AddHours(3))},0,0,1,{random.Next(0, 3)},1,{random.Next(1, 6)}",
                9 => $"{D(received)},{D(promised)},{D(finished)},,0,0,0,0,1,",
                4 => $"{D(received)},{D(promised)},,,1,2.5,0,0,0,",
                _ => $"{D(received)},{D(promised)},{D(finished)},,0,0,0,0,0,",
            };
            text.Append(CultureInfo.InvariantCulture, $"LG100K-{i:000000},{pairs[i % pairs.Count].Procedure},{pairs[i % pairs.Count].Agency},{channel},{status},{rest}\r\n");
            expectedReceived++;
        }

        var clock = Stopwatch.StartNew();
        var response = await UploadAsync(client, "lich-su-2024.csv", Encoding.UTF8.GetBytes(text.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var done = await WaitUntilDoneAsync(client, response.Headers.Location!.ToString());
        clock.Stop();
        Assert.Equal(100_000, done.GetProperty("importedRows").GetInt32());
        Assert.Equal(0, done.GetProperty("errorRows").GetInt32());
        TestContext.Current.SendDiagnosticMessage($"100 000 rows imported in {clock.Elapsed.TotalSeconds:0.0} s");

        // The demo's own dossiers are all later than 2024: the year holds exactly the imported rows.
        var year = await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<StatisticsReader>().ReadAsync(Period.Year(2024), new DateOnly(2026, 1, 1), StatisticsScope.Province));
        Assert.Equal(expectedReceived, year.Total.Received);
        Assert.Equal(expectedFinished, year.Total.Finished);
        Assert.Equal(year.Total[Figure.ReportTotal], year.Total.Finished + year.Total.InProgress);
    }
}
