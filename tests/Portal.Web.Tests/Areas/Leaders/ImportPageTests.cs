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
