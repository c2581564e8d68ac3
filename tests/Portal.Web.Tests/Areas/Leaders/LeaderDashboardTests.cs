using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Exchange;
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

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The period, scope and figure of a /lanh-dao/ho-so link.</summary>
    private static (Period Period, StatisticsScope Scope, Figure Figure) Parse(string href)
    {
        var q = href[(href.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&').Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        int? Int(string key) => q.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : null;
        var year = Int("nam")!.Value;
        var period = q["ky"] switch
        {
            "thang" => Period.Month(year, Int("thang")!.Value),
            "quy" => Period.Quarter(year, Int("quy")!.Value),
            _ => Period.Year(year),
        };
        return (period, new StatisticsScope(Int("coquan"), Int("linhvuc"), Int("thutuc")), Enum.Parse<Figure>(q["chi-so"]));
    }

    /// <summary>The rate whose numerator a figure is, given that numerator's count.</summary>
    private static double? RateOf(Figure numerator, long count, Figures f) => numerator switch
    {
        Figure.ReceivedOnline or Figure.Digitised => Figures.Ratio(count, f.Received),
        Figure.Online766 => f.Received == 0 ? null : (double)count / f.Received * f.SyncRate!.Value,
        Figure.Synced => Figures.Ratio(count, f.Received),
        Figure.OnTimeOrWithinDeadline => Figures.Ratio(count, f.Finished + f.InProgress),
        Figure.PaidOnline => Figures.Ratio(count, f[Figure.PaidOnline] + f[Figure.PaidOffline]),
        Figure.ElectronicResult => Figures.Ratio(count, f[Figure.Decided]),
        Figure.Satisfied => Figures.Ratio(count, f[Figure.Rated]),
        _ => throw new InvalidOperationException($"{numerator} is not the numerator of a rate on the page"),
    };

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("N1", Vietnamese) + " %" : "—";

    [Fact]
    public async Task Every_number_on_the_dashboard_opens_the_dossiers_it_counts_and_every_rate_those_of_its_numerator()
    {
        var client = await SignedInAsync(Province);
        var (_, _, today) = await ContextAsync();
        var page = await client.GetAsync($"/lanh-dao?ky=nam&nam={today.Year}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Tỉ lệ đúng hạn 766 (cuối tháng)", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Trước, đúng hạn", page.Text, StringComparison.Ordinal);

        // Every breakdown row links the same way: three rows of each table are enough.
        var links = page.Document.QuerySelectorAll("a[href^='/lanh-dao/ho-so?']")
            .Where(a => a.Closest("table.breakdown tbody tr") is not { } row || row.ParentElement!.Children.ToList().IndexOf(row) < 3)
            .Select(a => (Href: a.GetAttribute("href")!, Text: a.TextContent.Trim())).Distinct().ToList();
        Assert.True(links.Count > 100, $"{links.Count} links");
        var rates = 0;
        foreach (var (href, text) in links)
        {
            var (period, scope, figure) = Parse(href);
            var listed = await DossierLists.CountAsync(client, href);
            if (text.EndsWith('%'))
            {
                rates++;
                var figures = (await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<StatisticsReader>().ReadAsync(period, today, scope))).Total;
                Assert.True(Percent(RateOf(figure, listed, figures)) == text, $"{href}: shows {text}, its list makes {Percent(RateOf(figure, listed, figures))}");
            }
            else if (text.Contains("/ 5", StringComparison.Ordinal))
            {
                Assert.Equal(Figure.Rated, figure);
            }
            else
            {
                Assert.True(Number(text) == listed, $"{href}: shows {text}, lists {listed}");
            }
        }

        Assert.True(rates > 40, $"{rates} rates");
        foreach (var figure in new[] { Figure.OnTimeOrWithinDeadline, Figure.ElectronicResult })
        {
            Assert.NotNull(page.Document.QuerySelector($"table.breakdown tbody a[href$='chi-so={figure}']"));
        }

        Assert.Null(page.Document.QuerySelector("table.breakdown tbody a[href$='chi-so=FinishedLate']"));
        Assert.Null(page.Document.QuerySelector("table.breakdown tbody a[href$='chi-so=DecidedWithoutElectronicResult']"));
    }

    [Fact]
    public async Task The_channel_shift_gain_is_on_the_headline_s_scale_and_its_desk_figure_lists_the_procedure_s_walk_ins_at_that_desk()
    {
        var client = await SignedInAsync(Province);
        var (_, _, today) = await ContextAsync();
        var page = await client.GetAsync($"/lanh-dao/chuyen-kenh?ky=nam&nam={today.Year}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var assumptions = page.Document.QuerySelector("#channel-shift-assumptions")!.TextContent;
        Assert.Contains("Toàn trình: 100 %", assumptions, StringComparison.Ordinal);
        Assert.Contains("hồ sơ đã nộp trực tuyến mà thanh toán tại quầy giữ nguyên", assumptions, StringComparison.Ordinal);
        Assert.Contains("thang 100", assumptions, StringComparison.Ordinal);

        var scoredMax = await fixture.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            var catalog = await StatisticsCatalog.LoadAsync(db, default, withOffers: true);
            var snapshot = await sp.GetRequiredService<StatisticsReader>().ReadAsync(Period.Year(today.Year), today, StatisticsScope.Province);
            var version = sp.GetRequiredService<StatisticsConfiguration>().VersionAt(new DateOnly(today.Year, 12, 31));
            return Scorecard.Compute(version, snapshot.Total, catalog.OfferedBy(null)).ScoredMax;
        });
        var rows = page.Document.QuerySelectorAll("tbody tr");
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var cells = row.QuerySelectorAll("td");
            double Points(int i) => double.Parse(cells[i].TextContent.Trim().Trim('+').Replace(",", ".", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var scaled = Points(8);
            var raw = Points(9);
            Assert.True(Math.Abs(scaled - (raw * 100 / scoredMax)) < 0.011, $"scaled {scaled}, raw {raw}, over {scoredMax}");
            Assert.True(cells[8].ClassList.Contains("fw-bold"));

            foreach (var link in row.QuerySelectorAll("a[href^='/lanh-dao/ho-so?']"))
            {
                var href = link.GetAttribute("href")!;
                Assert.Equal(Number(link.TextContent), await DossierLists.CountAsync(client, href));
                var (_, scope, figure) = Parse(href);
                Assert.NotNull(scope.ProcedureId);
                Assert.Contains(figure, new[] { Figure.ReceivedInPersonOrPostal, Figure.PaidOfflineInPersonOrPostal });
            }

            if (row.QuerySelector("a.desk-walk-ins") is { } desk)
            {
                var (_, scope, _) = Parse(desk.GetAttribute("href")!);
                Assert.NotNull(scope.AgencyId);
                Assert.NotNull(scope.ProcedureId);
                Assert.True(Number(desk.TextContent) <= Number(cells[3].TextContent));
            }
        }
    }

    [Fact]
    public async Task A_past_month_s_report_II06a_counts_the_dossiers_paused_at_its_end_from_the_history_and_every_cell_lists_its_dossiers()
    {
        var client = await SignedInAsync(Province);
        var (_, _, today) = await ContextAsync();
        (Period Period, StatisticsSnapshot Snapshot)? reader = null;
        for (var back = 1; back <= 12 && reader is null; back++)
        {
            var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-back);
            var period = Period.Month(month.Year, month.Month);
            var snapshot = await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<StatisticsReader>().ReadAsync(period, today, StatisticsScope.Province));
            if (snapshot.Total[Figure.Paused] > 0)
            {
                reader = (period, snapshot);
            }
        }

        Assert.True(reader is not null, "the demo has no dossier paused at the end of any of the last twelve months");
        var (past, expected) = reader.Value;
        var page = await client.GetAsync($"/lanh-dao/bao-cao-ii06a?ky=thang&nam={past.From.Year}&thang={past.From.Month}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var paused = page.Document.QuerySelector("tr.level-0 td:last-child a")!;
        Assert.Equal(expected.Total[Figure.Paused], Number(paused.TextContent));
        Assert.EndsWith("chi-so=Paused", paused.GetAttribute("href")!, StringComparison.Ordinal);

        foreach (var row in new[] { "tr.level-0", "tr.level-1", "tr.level-2" })
        {
            foreach (var cell in page.Document.QuerySelector(row)!.QuerySelectorAll("td a"))
            {
                var href = cell.GetAttribute("href")!;
                Assert.True(Number(cell.TextContent) == await DossierLists.CountAsync(client, href), href);
            }
        }
    }

    [Fact]
    public async Task After_a_legacy_import_a_period_read_before_it_says_that_the_imported_dossiers_bring_no_pause_history()
    {
        var client = await SignedInAsync(Province);
        var (_, _, today) = await ContextAsync();
        await fixture.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            var now = DateTime.UtcNow;
            var run = new ImportRun(Guid.NewGuid(), "he-thong-cu.csv", "imports/he-thong-cu.csv", null, null, null, "Lãnh đạo", now);
            run.Start(3, CsvShape.Utf8Comma, now);
            run.Advance(3, 3, 0, 0, new ImportTally());
            run.Complete(now);
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync();
            return 0;
        });

        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var report = await client.GetAsync($"/lanh-dao/bao-cao-ii06a?ky=thang&nam={lastMonth.Year}&thang={lastMonth.Month}");
        var hint = report.Document.QuerySelector(".legacy-pauses")!.TextContent;
        Assert.Contains("không mang lịch sử tạm dừng", hint, StringComparison.Ordinal);
        Assert.Contains(today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), hint, StringComparison.Ordinal);
        var dashboard = await client.GetAsync($"/lanh-dao?ky=thang&nam={lastMonth.Year}&thang={lastMonth.Month}");
        Assert.NotNull(dashboard.Document.QuerySelector(".legacy-pauses"));

        // Read today, the import is in the past: legacy dossiers awaiting a supplement count as paused since it.
        var current = await client.GetAsync($"/lanh-dao/bao-cao-ii06a?ky=nam&nam={today.Year}");
        Assert.Null(current.Document.QuerySelector(".legacy-pauses"));
    }
}
