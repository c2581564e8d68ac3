using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Statistics;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Leaders;

/// <summary>The 766 scorecard (/lanh-dao/chi-so-766) and the target tracker (/lanh-dao/muc-tieu): every number opens its dossiers.</summary>
public sealed partial class ScorecardAndTargetsTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private const string Province = "lanhdao@demo.haiphong.vn";
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    private async Task<FormClient> SignedInAsync(string email)
    {
        var client = FormClient.For(fixture.App);
        await client.SignInAsync(email, DemoSeeder.Password);
        return client;
    }

    private async Task<DateOnly> TodayAsync() => (await fixture.App.Service<CalendarProvider>().GetAsync()).LocalDate(DateTime.UtcNow);

    private Task<StatisticsSnapshot> ReadAsync(Period period, DateOnly today) =>
        fixture.App.WithScopeAsync(sp => sp.GetRequiredService<StatisticsReader>().ReadAsync(period, today, StatisticsScope.Province));

    /// <summary>The count a link shows: the digits after its label ("Đã đồng bộ …: 1.234") or the whole text ("1.234 hồ sơ").</summary>
    private static long Count(IElement link)
    {
        var text = link.TextContent;
        var digits = LeadingCount().Match(text.Contains(':', StringComparison.Ordinal) ? text[(text.LastIndexOf(':') + 1)..] : text);
        Assert.True(digits.Success, text);
        return long.Parse(digits.Groups[1].Value.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }

    private static double Percent(string text) =>
        double.Parse(text.Replace("%", "", StringComparison.Ordinal).Trim(), NumberStyles.Number, Vietnamese) / 100;

    /// <summary>A rate shown as a percentage with one decimal is the computed one, rounded.</summary>
    private static void AssertShown(double shown, double computed) => Assert.InRange(computed, shown - 0.00051, shown + 0.00051);

    private static double Number(string text) => double.Parse(text.Trim(), NumberStyles.Number, Vietnamese);

    private static Figure FigureOf(string href) => Enum.Parse<Figure>(Regex.Match(href, "chi-so=([A-Za-z0-9]+)").Groups[1].Value);

    [Fact]
    public async Task Each_766_value_opens_its_numerator_and_denominator_the_points_their_costly_dossiers_and_the_ranking_its_received_dossiers()
    {
        var client = await SignedInAsync(Province);
        var today = await TodayAsync();
        var page = await client.GetAsync($"/lanh-dao/chi-so-766?ky=nam&nam={today.Year}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var expected = await ReadAsync(Period.Year(today.Year), today);
        Assert.True(expected.Total.Received > 0);

        var ratios = 0;
        foreach (var row in page.Document.QuerySelectorAll("tr[data-item]"))
        {
            foreach (var link in row.QuerySelectorAll("a[data-part]"))
            {
                var href = link.GetAttribute("href")!;
                Assert.StartsWith($"/lanh-dao/ho-so?ky=nam&nam={today.Year}&chi-so=", href, StringComparison.Ordinal);
                Assert.Equal(expected.Total[FigureOf(href)], Count(link));
                Assert.Equal(Count(link), await DossierLists.CountAsync(client, href));
            }

            // The value is the product of its fractions, each a sum of linked lists over a sum of linked lists.
            var parts = row.QuerySelectorAll(".value-ratio");
            if (parts.Length > 0 && row.QuerySelector(".item-value")!.TextContent.Trim() != "—")
            {
                var value = parts.Aggregate(1.0, (product, part) =>
                    product * part.QuerySelectorAll("a[data-part='numerator']").Sum(Count) / part.QuerySelectorAll("a[data-part='denominator']").Sum(Count));
                AssertShown(Percent(row.QuerySelector(".item-value")!.TextContent), value);
                ratios++;
            }

            // A catalogue item lists the procedures it measures, marking those it counts.
            if (row.QuerySelector("details.catalogue-value") is { } catalogue)
            {
                var measured = catalogue.QuerySelectorAll("li").Length;
                var counted = catalogue.QuerySelectorAll("li[data-counted='1']").Length;
                Assert.Equal($"{counted} / {measured}", catalogue.QuerySelector("summary span")!.TextContent.Trim());
                AssertShown(Percent(row.QuerySelector(".item-value")!.TextContent), (double)counted / measured);
                if (row.QuerySelector("details.costly-procedures") is { } costly)
                {
                    Assert.Equal(measured - counted, costly.QuerySelectorAll("li").Length);
                }
            }
        }

        Assert.True(ratios >= 5, $"{ratios} dossier items computed");
        Assert.Contains(page.Document.QuerySelectorAll("tr[data-item='3.3'] a[data-part='numerator']"), a => a.GetAttribute("href")!.EndsWith("chi-so=Online766", StringComparison.Ordinal));

        var byAgency = expected.ByAgency();
        var rows = page.Document.QuerySelectorAll("#ranking-heading + div tbody tr");
        Assert.Equal(11, rows.Length);
        foreach (var row in rows)
        {
            var agency = int.Parse(row.GetAttribute("data-agency")!, CultureInfo.InvariantCulture);
            var received = row.QuerySelector("a[href*='chi-so=Received']")!;
            Assert.Equal($"/lanh-dao/ho-so?ky=nam&nam={today.Year}&coquan={agency}&chi-so=Received", received.GetAttribute("href"));
            Assert.Equal(byAgency.GetValueOrDefault(agency)?.Received ?? 0, Count(received));
            Assert.Equal(Count(received), await DossierLists.CountAsync(client, received.GetAttribute("href")!));
        }
    }

    [Fact]
    public async Task Agencies_without_dossiers_are_ranked_apart_without_a_rank_and_groups_with_nothing_to_measure_show_a_dash()
    {
        var client = await SignedInAsync(Province);
        var today = await TodayAsync();
        var calendar = await fixture.App.Service<CalendarProvider>().GetAsync();
        // The first day anything was received: only the agencies that received on it had dossiers (nothing was carried over).
        var first = await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Dossiers.Where(d => d.ReceivedAt != null).MinAsync(d => d.ReceivedAt));
        var day = calendar.LocalDate(first!.Value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var expected = (await ReadAsync(Period.Custom(calendar.LocalDate(first.Value), calendar.LocalDate(first.Value)), today)).ByAgency();

        var page = await client.GetAsync($"/lanh-dao/chi-so-766?ky=khoang&tu={day}&den={day}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = page.Document.QuerySelectorAll("#ranking-heading + div tbody tr").ToList();
        Assert.Equal(11, rows.Count);
        var ranked = rows.TakeWhile(r => r.GetAttribute("data-ranked") == "1").ToList();
        var apart = rows.Skip(ranked.Count).ToList();
        Assert.NotEmpty(ranked);
        Assert.NotEmpty(apart);
        Assert.All(apart, r => Assert.Equal("0", r.GetAttribute("data-ranked")));
        foreach (var row in ranked)
        {
            var agency = int.Parse(row.GetAttribute("data-agency")!, CultureInfo.InvariantCulture);
            Assert.True(expected[agency].HasDossiers);
            Assert.Matches(@"^\d+$", row.QuerySelector("td")!.TextContent.Trim());
        }

        foreach (var row in apart)
        {
            var agency = int.Parse(row.GetAttribute("data-agency")!, CultureInfo.InvariantCulture);
            Assert.False(expected.GetValueOrDefault(agency)?.HasDossiers ?? false);
            Assert.DoesNotMatch(@"\d", row.QuerySelector("td")!.TextContent);
            var cells = row.QuerySelectorAll("td");
            Assert.Equal("Chưa có hồ sơ", cells[1].TextContent.Trim());
            Assert.Equal("—", cells[3].TextContent.Trim()); // group 2, timeliness: nothing finished or in progress
            Assert.DoesNotContain("100,00", row.TextContent, StringComparison.Ordinal);
        }

        Assert.Contains("không tiếp nhận hồ sơ nào và không có hồ sơ kỳ trước chuyển qua", page.Text, StringComparison.Ordinal);

        // The agency's own scorecard says so, and its groups with nothing to measure show "—", not 0,00.
        var idle = apart[0].GetAttribute("data-agency");
        var own = await client.GetAsync($"/lanh-dao/chi-so-766?ky=khoang&tu={day}&den={day}&coquan={idle}");
        Assert.NotNull(own.Document.QuerySelector("#no-dossiers"));
        var timeliness = own.Document.QuerySelector("tr[data-group='2']")!;
        Assert.Contains("— / 20", timeliness.TextContent, StringComparison.Ordinal);
        Assert.Contains("nhóm không tính vào điểm", timeliness.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("0,00", timeliness.TextContent, StringComparison.Ordinal);
        Assert.Contains("không có gì để đo trong kỳ", own.Document.QuerySelector("tr[data-item='2.1']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("không tính vào điểm", own.Document.QuerySelector("tr[data-item='2.1']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_number_of_the_target_tracker_opens_the_dossiers_it_counts_and_an_impossible_target_is_called_so()
    {
        var client = await SignedInAsync(Province);
        var today = await TodayAsync();
        var page = await client.GetAsync($"/lanh-dao/muc-tieu?nam={today.Year}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Hồ sơ trực tuyến/tháng được tính theo 766 (có kết quả điện tử nếu kết quả là giấy tờ)", page.Text, StringComparison.Ordinal);
        Assert.Contains("Hồ sơ nộp trực tuyến/tháng (theo kênh)", page.Text, StringComparison.Ordinal);
        var soFar = (await ReadAsync(Period.Custom(new DateOnly(today.Year, 1, 1), today), today));
        var byAgency = soFar.ByAgency();
        var from = new DateOnly(today.Year, 1, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var rows = page.Document.QuerySelectorAll("tbody tr[data-outlook]");
        Assert.Equal(12, rows.Length);
        var recentLinks = 0;
        foreach (var row in rows)
        {
            var agency = row.GetAttribute("data-agency") is { Length: > 0 } id ? int.Parse(id, CultureInfo.InvariantCulture) : (int?)null;
            var figures = agency is { } a ? byAgency.GetValueOrDefault(a) ?? Figures.Empty : soFar.Total;
            var scope = agency is null ? "" : $"&coquan={agency}";
            var cells = row.QuerySelectorAll("td");

            var received = cells[0].QuerySelector("a")!;
            Assert.Equal($"/lanh-dao/ho-so?ky=khoang&tu={from}&den={to}{scope}&chi-so=Received", received.GetAttribute("href"));
            Assert.Equal(figures.Received, Count(received));
            Assert.Equal(figures.Received, await DossierLists.CountAsync(client, received.GetAttribute("href")!));

            // The rate so far: online counted by 766 ÷ received × synced ÷ received, each a list.
            var parts = cells[1].QuerySelectorAll(".rate-parts a").ToDictionary(l => l.GetAttribute("data-figure")!, l => l);
            Assert.Equal(["Online766", "Received", "Synced"], parts.Keys.Order(StringComparer.Ordinal));
            foreach (var (name, link) in parts)
            {
                Assert.Equal(figures[Enum.Parse<Figure>(name)], Count(link));
                Assert.Equal(Count(link), await DossierLists.CountAsync(client, link.GetAttribute("href")!));
            }

            if (figures.Received > 0)
            {
                AssertShown(Percent(cells[1].QuerySelector("span")!.TextContent),
                    (double)Count(parts["Online766"]) / Count(parts["Received"]) * Count(parts["Synced"]) / Count(parts["Received"]));
            }

            // A monthly average opens the dossiers of the months behind it, and says it divides them.
            foreach (var cell in cells.Skip(5).Take(3))
            {
                if (cell.QuerySelector("a[data-months]") is not { } link)
                {
                    Assert.Equal("—", cell.TextContent.Trim());
                    continue;
                }

                var months = int.Parse(link.GetAttribute("data-months")!, CultureInfo.InvariantCulture);
                Assert.Contains($"÷ {months}", cell.TextContent, StringComparison.Ordinal);
                Assert.Contains("ky=khoang", link.GetAttribute("href")!, StringComparison.Ordinal);
                var sum = Count(link);
                Assert.Equal(sum, await DossierLists.CountAsync(client, link.GetAttribute("href")!));
                var shown = cell.QuerySelector("span")!.TextContent.Trim();
                var decimals = shown.Contains(',', StringComparison.Ordinal) ? 1 : 0;
                Assert.Equal(Math.Round((double)sum / months, decimals, MidpointRounding.AwayFromZero), Number(shown));
                recentLinks++;
            }

            Assert.Empty(cells[2].QuerySelectorAll("a"));
            Assert.Empty(cells[8].QuerySelectorAll("a"));
            if (!figures.HasDossiers)
            {
                Assert.Equal("NoDossiers", row.GetAttribute("data-outlook"));
                Assert.DoesNotContain("Đạt", cells[9].TextContent, StringComparison.Ordinal);
            }
        }

        Assert.True(today.Month == 1 || recentLinks >= 3 * 12, $"{recentLinks} monthly links");

        // A target of 100 %: more online dossiers a month than all the dossiers received a month, said in plain words.
        var saved = await client.SubmitAsync(page, "form[method='post'][action='/lanh-dao/muc-tieu']", new Dictionary<string, string?> { ["OnlineRate766"] = "100" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await client.FollowAsync(saved);
        var province = after.Document.QuerySelector("tbody tr[data-outlook]")!;
        if (today.Month == 1)
        {
            Assert.Equal("CannotProject", province.GetAttribute("data-outlook"));
            Assert.Contains("chưa có tháng nào trọn vẹn", province.TextContent, StringComparison.Ordinal);
            return;
        }

        Assert.Equal("Unachievable", province.GetAttribute("data-outlook"));
        var cellsAfter = province.QuerySelectorAll("td");
        var volume = cellsAfter[5].QuerySelector("span")!.TextContent.Trim();
        var needed = cellsAfter[8].TextContent.Trim();
        Assert.True(Number(needed) > Number(volume), $"{needed} needed, {volume} a month");
        Assert.Contains($"Không thể đạt: cần {needed} hồ sơ trực tuyến/tháng, cả tháng chỉ tiếp nhận {volume}", cellsAfter[9].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_year_not_begun_is_not_projected_and_no_agency_is_marked_achieved()
    {
        var client = await SignedInAsync(Province);
        var today = await TodayAsync();
        var page = await client.GetAsync($"/lanh-dao/muc-tieu?nam={today.Year + 1}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = page.Document.QuerySelectorAll("tbody tr[data-outlook]");
        Assert.Equal(12, rows.Length);
        Assert.All(rows, r => Assert.Equal("CannotProject", r.GetAttribute("data-outlook")));
        Assert.All(rows, r => Assert.Contains("Không dự báo được: năm chưa bắt đầu", r.TextContent, StringComparison.Ordinal));
        Assert.Empty(page.Document.QuerySelectorAll("tbody .badge"));
        Assert.DoesNotContain("✓", page.Document.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s*([\d.]+)")]
    private static partial Regex LeadingCount();
}
