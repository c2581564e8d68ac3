using System.Globalization;
using Microsoft.Playwright;
using MiniExcelLibs;
using Portal.Testing;

namespace Portal.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class LeaderStatisticsJourney(BrowserFixture browser)
{
    private static async Task<string> DownloadAsync(IPage page, string selector, string name)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(selector));
        var path = Path.Combine(BrowserFixture.ScreenshotDirectory, "..", "downloads", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await download.SaveAsAsync(path);
        return path;
    }

    [Fact]
    public async Task A_leader_reads_the_dashboard_changes_the_period_drills_down_and_downloads_every_export()
    {
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                problems.Add(m.Text);
            }
        };
        page.PageError += (_, e) => problems.Add(e);
        await BrowserFixture.SignInAsync(page, "lanhdao@demo.haiphong.vn");

        await page.GotoAsync("/lanh-dao");
        Assert.Contains("Tỉ lệ nộp trực tuyến: theo kênh và theo Quyết định 766", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        // The trend charts are drawn by the Chart.js served from wwwroot/lib (no CDN, nothing inline).
        Assert.True(await page.EvaluateAsync<bool>("() => !!window.Chart && !!window.Chart.getChart(document.querySelector('canvas[data-chart=received]'))"));
        Assert.True(await page.EvaluateAsync<bool>("() => !!window.Chart.getChart(document.querySelector('canvas[data-chart=ontime]'))"));
        await BrowserFixture.ScreenshotAsync(page, "leader-dashboard");
        await BrowserFixture.AssertAccessibleAsync(page);

        // A month instead of the year: the script hides the fields the choice does not use.
        var month = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, new Portal.Core.Calendar.WorkingTimeOptions().ResolveTimeZone()).Month;
        await page.SelectOptionAsync("#ky", "thang");
        Assert.False(await page.IsVisibleAsync("#tu"));
        await page.SelectOptionAsync("#thang", month.ToString(CultureInfo.InvariantCulture));
        await page.ClickAsync("form.period-form button[type=submit]");
        await page.WaitForAddressAsync(url => url.Contains("ky=thang", StringComparison.Ordinal));
        Assert.Contains($"Tháng {month}/", await page.InnerTextAsync("p.lead"), StringComparison.Ordinal);

        // Drill down: the number of dossiers received in the month opens the list of exactly those dossiers.
        var received = (await page.InnerTextAsync("#received-heading + .row .kpi-value a")).Trim();
        await page.ClickAsync("#received-heading + .row .kpi-value a");
        await page.WaitForAddressAsync(url => url.Contains("/lanh-dao/ho-so", StringComparison.Ordinal));
        Assert.Contains($"{received} hồ sơ", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "leader-drill-down");
        await BrowserFixture.AssertAccessibleAsync(page);
        var listCsv = await DownloadAsync(page, "a[href^='/lanh-dao/ho-so/xuat.csv']", "ho-so.csv");
        var csvLines = File.ReadAllLines(listCsv);
        Assert.Equal(string.Join(',', Portal.Core.Exchange.ExchangeCsv.Columns), csvLines[0]);
        Assert.Equal(long.Parse(received.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture), csvLines.Length - 1);

        await page.GotoAsync("/lanh-dao/bao-cao-ii06a");
        await BrowserFixture.ScreenshotAsync(page, "leader-ii06a");
        await BrowserFixture.AssertAccessibleAsync(page);
        var total = (await page.InnerTextAsync("tr.level-0 td:nth-child(3)")).Trim();

        var csv = await DownloadAsync(page, "a[href^='/lanh-dao/bao-cao-ii06a/csv']", "ii06a.csv");
        Assert.Contains($",Tổng cộng,Tổng cộng,{total.Replace(".", "", StringComparison.Ordinal)},", await File.ReadAllTextAsync(csv), StringComparison.Ordinal);

        var xlsx = await DownloadAsync(page, "a[href^='/lanh-dao/bao-cao-ii06a/xlsx']", "ii06a.xlsx");
        using (var stream = File.OpenRead(xlsx))
        {
            var rows = stream.Query(useHeaderRow: true, sheetName: "II.06a").Cast<IDictionary<string, object>>().ToList();
            Assert.Equal("Tổng cộng", rows[0]["Tên lĩnh vực, thủ tục"]);
            Assert.Equal(total.Replace(".", "", StringComparison.Ordinal), Convert.ToString(rows[0]["(1) Số hồ sơ nhận giải quyết – Tổng số"], CultureInfo.InvariantCulture));
        }

        var pdfPath = await DownloadAsync(page, "a[href^='/lanh-dao/bao-cao-ii06a/pdf']", "ii06a.pdf");
        var pdf = await File.ReadAllBytesAsync(pdfPath);
        Assert.Contains("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", PdfCheck.Text(pdf), StringComparison.Ordinal);
        // Rendered for a person to look at: artifacts/pdf/leader-ii06a-1.png (diacritics such as ấ, ế, ố, ễ).
        Assert.NotEmpty(PdfCheck.RenderPng(pdf, "leader-ii06a"));

        foreach (var (url, shot) in new[]
        {
            ("/lanh-dao/chi-so-766", "leader-766"), ("/lanh-dao/chuyen-kenh", "leader-channel-shift"),
            ("/lanh-dao/muc-tieu", "leader-targets"), ("/lanh-dao/nhap-du-lieu", "leader-import"),
        })
        {
            await page.GotoAsync(url);
            await BrowserFixture.ScreenshotAsync(page, shot);
            await BrowserFixture.AssertAccessibleAsync(page);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.Context.CloseAsync();
    }

    private static readonly (string Url, string Shot)[] LeaderPages =
    [
        ("/lanh-dao", "leader-dashboard"), ("/lanh-dao/bao-cao-ii06a", "leader-ii06a"), ("/lanh-dao/chi-so-766", "leader-766"),
        ("/lanh-dao/chuyen-kenh", "leader-channel-shift"), ("/lanh-dao/muc-tieu", "leader-targets"), ("/lanh-dao/nhap-du-lieu", "leader-import"),
        ("/lanh-dao/ho-so?chi-so=Received", "leader-list"),
    ];

    /// <summary>
    /// Every wide table that scrolls sideways, scrolled to its far end: the row names must still be in view, inside the box and
    /// narrow enough to leave room for numbers; a table whose names scroll away leaves a phone reader with numbers of no line.
    /// </summary>
    private const string RowNamesStayInView = """
        () => {
          const problems = [];
          document.querySelectorAll('.table-responsive').forEach((box, i) => {
            if (box.scrollWidth <= box.clientWidth + 1) { return; }
            box.scrollLeft = box.scrollWidth;
            const frame = box.getBoundingClientRect();
            box.querySelectorAll('tbody th[scope=row]').forEach(th => {
              const r = th.getBoundingClientRect();
              if (r.left < frame.left - 1 || r.right > frame.right + 1) { problems.push('table ' + i + ': "' + th.innerText.slice(0, 30) + '" scrolled out of view'); }
              else if (r.width > frame.width * 0.6) { problems.push('table ' + i + ': "' + th.innerText.slice(0, 30) + '" takes ' + Math.round(r.width) + ' of ' + Math.round(frame.width) + ' px'); }
            });
            box.scrollLeft = 0;
          });
          return problems.slice(0, 10);
        }
        """;

    [Fact]
    public async Task The_statistics_pages_fit_a_phone_keep_their_row_names_in_view_and_pass_axe_there_too()
    {
        var page = await browser.NewPageAsync(360);
        await BrowserFixture.SignInAsync(page, "lanhdao@demo.haiphong.vn");
        var problems = new List<string>();
        foreach (var (url, shot) in LeaderPages)
        {
            await page.GotoAsync(url);
            if (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"))
            {
                problems.Add(url + " scrolls sideways");
            }

            problems.AddRange((await page.EvaluateAsync<string[]>(RowNamesStayInView)).Select(p => url + ": " + p));
            await BrowserFixture.ScreenshotAsync(page, shot + "-360");
            await BrowserFixture.AssertAccessibleAsync(page);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task At_1280_px_report_II06a_is_whole_and_every_statistics_page_passes_axe()
    {
        var page = await browser.NewPageAsync(1280);
        await BrowserFixture.SignInAsync(page, "lanhdao.hongbang@demo.haiphong.vn");
        foreach (var (url, shot) in LeaderPages)
        {
            await page.GotoAsync(url);
            Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), url + " scrolls sideways");
            await BrowserFixture.ScreenshotAsync(page, shot + "-1280-agency");
            await BrowserFixture.AssertAccessibleAsync(page);
        }

        // All twelve columns of II.06a and the paused one, without a scroll bar: the last column's cells are inside the box.
        await page.GotoAsync("/lanh-dao/bao-cao-ii06a");
        var fits = await page.EvaluateAsync<string>("""
            () => {
              const box = document.querySelector('.report-table').closest('.table-responsive');
              const last = document.querySelector('.report-table tr.level-0 td:last-child').getBoundingClientRect();
              return box.scrollWidth + '/' + box.clientWidth + '/' + (last.right <= box.getBoundingClientRect().right + 1);
            }
            """);
        var parts = fits.Split('/');
        Assert.True(int.Parse(parts[0], CultureInfo.InvariantCulture) <= int.Parse(parts[1], CultureInfo.InvariantCulture) + 1 && parts[2] == "true",
            "II.06a scrolls at 1280 px: scrollWidth/clientWidth/last column in view = " + fits);
        Assert.Equal(ReportColumnsShown, await page.Locator(".report-table tr.level-0 td").CountAsync());
        await page.Context.CloseAsync();
    }

    /// <summary>STT and the twelve figures of II.06a (eleven columns and the paused one).</summary>
    private static readonly int ReportColumnsShown = 1 + Portal.Core.Statistics.ReportII06a.AllColumns.Count();
}
