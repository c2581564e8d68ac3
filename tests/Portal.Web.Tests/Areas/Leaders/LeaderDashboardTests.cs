using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Statistics;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Leaders;

public sealed class LeaderDashboardTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private const string Province = "lanhdao@demo.haiphong.vn";
    private const string HongBang = "lanhdao.hongbang@demo.haiphong.vn";

    private async Task<FormClient> SignedInAsync(string email)
    {
        var client = FormClient.For(fixture.App);
        await client.SignInAsync(email, DemoSeeder.Password);
        return client;
    }

    private async Task<(int HongBang, int LeChan, DateOnly Today)> ContextAsync()
    {
        var ids = await fixture.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            return (await db.Agencies.SingleAsync(a => a.Code == "000.20.01.H31"), await db.Agencies.SingleAsync(a => a.Code == "000.20.02.H31"));
        });
        var calendar = await fixture.App.Service<CalendarProvider>().GetAsync();
        return (ids.Item1.Id, ids.Item2.Id, calendar.LocalDate(DateTime.UtcNow));
    }

    private static long Number(string text) => long.Parse(text.Trim().Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_dashboard_shows_the_figures_of_the_buckets_and_each_number_lists_exactly_its_dossiers()
    {
        var client = await SignedInAsync(Province);
        var page = await client.GetAsync("/lanh-dao");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Tỉ lệ nộp trực tuyến: theo kênh và theo Quyết định 766", page.Text, StringComparison.Ordinal);

        var (_, _, today) = await ContextAsync();
        var expected = await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<StatisticsReader>().ReadAsync(Period.Year(today.Year), today, StatisticsScope.Province));
        foreach (var figure in new[] { Figure.Received, Figure.ReceivedOnline, Figure.Finished, Figure.FinishedLate, Figure.Overdue, Figure.Paused, Figure.Unsynced })
        {
            var link = page.Document.QuerySelector($"a[href='/lanh-dao/ho-so?ky=nam&nam={today.Year}&chi-so={figure}']");
            Assert.NotNull(link);
            Assert.Equal(expected.Total[figure], Number(link.TextContent));

            var list = await client.GetAsync(link.GetAttribute("href")!);
            Assert.Equal(HttpStatusCode.OK, list.Status);
            Assert.Contains($"{expected.Total[figure].ToString("N0", CultureInfo.GetCultureInfo("vi-VN"))} hồ sơ", list.Text, StringComparison.Ordinal);
        }

        Assert.True(expected.Total.Received > 0);
        Assert.NotNull(page.Document.QuerySelector("canvas[data-chart='received'][data-online]"));
        Assert.Contains("chart.umd.min.js", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agency_leader_sees_their_agency_only_and_anything_else_is_not_found()
    {
        var (hongBang, leChan, today) = await ContextAsync();
        var client = await SignedInAsync(HongBang);
        var page = await client.GetAsync("/lanh-dao");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Ủy ban nhân dân phường Hồng Bàng", page.Document.QuerySelector("p.lead")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("select#coquan"));
        Assert.Null(page.Document.QuerySelector("#by-agency"));

        var own = await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<StatisticsReader>().ReadAsync(Period.Year(today.Year), today, new StatisticsScope(hongBang)));
        var received = page.Document.QuerySelector($"a[href='/lanh-dao/ho-so?ky=nam&nam={today.Year}&coquan={hongBang}&chi-so=Received']");
        Assert.Equal(own.Total.Received, Number(received!.TextContent));

        foreach (var url in new[]
        {
            $"/lanh-dao?coquan={leChan}", $"/lanh-dao/ho-so?coquan={leChan}&chi-so=Received", $"/lanh-dao/bao-cao-ii06a?coquan={leChan}",
            $"/lanh-dao/bao-cao-ii06a/pdf?coquan={leChan}", $"/lanh-dao/ho-so/xuat.csv?coquan={leChan}", $"/lanh-dao/chi-so-766?coquan={leChan}",
        })
        {
            var response = await client.Http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, url);
        }

        var ranking = await client.GetAsync("/lanh-dao/chi-so-766");
        Assert.Single(ranking.Document.QuerySelectorAll("#ranking-heading + div tbody tr"));
    }

    [Fact]
    public async Task Other_roles_cannot_open_the_leaders_pages()
    {
        var citizen = await SignedInAsync("congdan@demo.haiphong.vn");
        var response = await citizen.Http.GetAsync("/lanh-dao");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location?.ToString() ?? string.Empty, StringComparison.Ordinal);
        var anonymous = await FormClient.For(fixture.App).Http.GetAsync("/lanh-dao/bao-cao-ii06a");
        Assert.Contains("/Account/Login", anonymous.Headers.Location?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/lanh-dao?ky=thang&nam=2026&thang=13", "Chọn tháng từ 1 đến 12.")]
    [InlineData("/lanh-dao?ky=nam&nam=abc", "không hợp lệ")]
    [InlineData("/lanh-dao?ky=nam&nam=1800", "Năm phải từ 2000 đến 2100.")]
    [InlineData("/lanh-dao?ky=khoang&tu=2026-05-01&den=2026-01-01", "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.")]
    [InlineData("/lanh-dao?ky=khoang&tu=2026-05-01", "cần cả ngày bắt đầu và ngày kết thúc")]
    [InlineData("/lanh-dao?ky=tuan", "Loại kỳ báo cáo không hợp lệ.")]
    [InlineData("/lanh-dao/bao-cao-ii06a?ky=quy&nam=2026&quy=5", "Chọn quý từ 1 đến 4.")]
    [InlineData("/lanh-dao/ho-so?chi-so=Bogus", "Chỉ số không hợp lệ")]
    [InlineData("/lanh-dao/muc-tieu?nam=99999", "Năm phải từ 2000 đến 2100.")]
    public async Task Bad_input_gets_a_clear_message_never_a_500(string url, string message)
    {
        var client = await SignedInAsync(Province);
        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_II06a_exports_to_csv_xlsx_and_pdf_with_the_page_s_numbers()
    {
        var client = await SignedInAsync(Province);
        var (_, _, today) = await ContextAsync();
        var page = await client.GetAsync($"/lanh-dao/bao-cao-ii06a?ky=nam&nam={today.Year}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var totalCell = page.Document.QuerySelector("tr.level-0 td:nth-child(3) a")!;
        var total = Number(totalCell.TextContent);
        Assert.True(total > 0);

        var csv = await client.Http.GetAsync($"/lanh-dao/bao-cao-ii06a/csv?ky=nam&nam={today.Year}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var csvText = await csv.Content.ReadAsStringAsync();
        Assert.Contains($",Tổng cộng,Tổng cộng,{total},", csvText, StringComparison.Ordinal);

        var xlsx = await client.Http.GetByteArrayAsync($"/lanh-dao/bao-cao-ii06a/xlsx?ky=nam&nam={today.Year}");
        using var stream = new MemoryStream(xlsx);
        var first = stream.Query(useHeaderRow: true, sheetName: "II.06a").Cast<IDictionary<string, object>>().First();
        Assert.Equal(total, Convert.ToInt64(first["(1) Số hồ sơ nhận giải quyết – Tổng số"], CultureInfo.InvariantCulture));

        var pdf = await client.Http.GetAsync($"/lanh-dao/bao-cao-ii06a/pdf?ky=nam&nam={today.Year}");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var text = PdfCheck.Text(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", text, StringComparison.Ordinal);
        Assert.Contains(total.ToString("N0", CultureInfo.GetCultureInfo("vi-VN")), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scorecard_ranks_every_serving_agency_and_the_channel_shift_finder_ranks_procedures()
    {
        var client = await SignedInAsync(Province);
        var scorecard = await client.GetAsync("/lanh-dao/chi-so-766");
        Assert.Equal(HttpStatusCode.OK, scorecard.Status);
        var rows = scorecard.Document.QuerySelectorAll("#ranking-heading + div tbody tr");
        Assert.Equal(11, rows.Length);
        var scores = rows.Where(r => r.GetAttribute("data-ranked") == "1").Select(r => double.Parse(r.QuerySelectorAll("td")[1].TextContent.Replace(",", ".", StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.Contains("Chưa tính được từ dữ liệu cổng", scorecard.Text, StringComparison.Ordinal);

        var shift = await client.GetAsync("/lanh-dao/chuyen-kenh");
        Assert.Equal(HttpStatusCode.OK, shift.Status);
        var gains = shift.Document.QuerySelectorAll("tbody tr td.fw-bold").Select(c => double.Parse(c.TextContent.Trim('+').Replace(",", ".", StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(gains);
        Assert.Equal(gains.OrderByDescending(g => g), gains);
    }

    [Fact]
    public async Task A_province_leader_sets_the_year_s_targets_and_the_dashboard_measures_against_them()
    {
        var client = await SignedInAsync(Province);
        var form = await client.GetAsync("/lanh-dao/muc-tieu?nam=2031");
        var bad = await client.SubmitAsync(form, "form[method='post'][action='/lanh-dao/muc-tieu']", new Dictionary<string, string?> { ["OnlineRate766"] = "150" });
        var badPage = await Page.ReadAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, badPage.Status);
        Assert.Contains("phải là phần trăm từ 0 đến 100", badPage.Text, StringComparison.Ordinal);

        var saved = await client.SubmitAsync(form, "form[method='post'][action='/lanh-dao/muc-tieu']", new Dictionary<string, string?> { ["OnlineRate766"] = "62,5" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await client.FollowAsync(saved);
        Assert.Contains("Đã lưu mục tiêu năm 2031", after.Text, StringComparison.Ordinal);
        Assert.Equal("62.5", after.Document.QuerySelector("input#OnlineRate766")!.GetAttribute("value"));
        var dashboard = await client.GetAsync("/lanh-dao?ky=nam&nam=2031");
        Assert.Contains("62,5 %", dashboard.Document.QuerySelector("#targets-heading + div tbody tr:nth-child(2)")!.TextContent, StringComparison.Ordinal);

        var agencyLeader = await SignedInAsync(HongBang);
        var own = await agencyLeader.GetAsync("/lanh-dao/muc-tieu?nam=2031");
        Assert.Null(own.Document.QuerySelector("form[method='post'][action='/lanh-dao/muc-tieu']"));
    }
}
