using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Dossiers;

namespace Portal.E2E.Tests;

/// <summary>
/// The demo citizen on a phone has the "check your answers" page open in one tab and, in another, blanks a required field
/// of the same draft; filing from the stale tab is refused on the review page itself, which says what is missing, and
/// nothing is filed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StaleReviewJourney(BrowserFixture browser)
{
    [Fact]
    public async Task Filing_from_a_stale_review_page_after_the_form_lost_a_required_answer_says_what_is_missing()
    {
        var page = await browser.NewPageAsync(360);
        await BrowserFixture.SignInAsync(page, "congdan@demo.haiphong.vn");
        await page.GotoAsync("/thu-tuc?q=khai+sinh");
        await page.ClickAsync("a:text-is('Đăng ký khai sinh')");
        await page.SelectOptionAsync("#agencyId", new SelectOptionValue { Label = "Ủy ban nhân dân phường Hồng Bàng" });
        await page.ClickAsync("button:text-is('Nộp hồ sơ trực tuyến')");
        await page.WaitForAddressAsync(new Regex("/nguoi-nop$"));
        await page.ClickAsync("button:text-is('Lưu và tiếp tục')");
        await page.WaitForAddressAsync(new Regex("/to-khai$"));
        await page.FillAsync("#f_subject_name", "Trần Minh Khang");
        await page.FillAsync("#f_subject_dob", "2026-11-20");
        await page.SelectOptionAsync("#f_subject_gender", "Nam");
        await page.FillAsync("#f_subject_residence", "Số 5 Hoàng Văn Thụ, phường Hồng Bàng");
        await page.SelectOptionAsync("#f_relation", "Mẹ");
        await page.ClickAsync("button:text-is('Lưu và tiếp tục')");
        await page.WaitForAddressAsync(new Regex("/giay-to$"));
        await page.SetInputFilesAsync("#slot0", new FilePayload { Name = "to-khai.pdf", MimeType = "application/pdf", Buffer = BrowserFixture.TinyPdf });
        await page.SetInputFilesAsync("#slot1", new FilePayload { Name = "giay-chung-sinh.pdf", MimeType = "application/pdf", Buffer = BrowserFixture.TinyPdf });
        await page.ClickAsync("button:text-is('Tải lên và tiếp tục')");
        await page.WaitForAddressAsync(new Regex("/kiem-tra$"));
        var id = long.Parse(Regex.Match(page.Url, @"/nop-ho-so/(\d+)/kiem-tra$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        // The other tab blanks the child's name and saves what it has.
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync($"/nop-ho-so/{id}/to-khai");
        await other.FillAsync("#f_subject_name", string.Empty);
        await other.ClickAsync("button:text-is('Lưu và tiếp tục')");
        await other.WaitForSelectorAsync("text=Vui lòng nhập");
        await other.CloseAsync();

        // The stale tab still shows an enabled button; filing is refused with the gap named, on the review page.
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button:text-is('Nộp hồ sơ')"),
            r => r.Url.EndsWith($"/nop-ho-so/{id}/nop", StringComparison.Ordinal));
        Assert.Equal(400, response.Status);
        var main = await page.InnerTextAsync("main");
        Assert.Contains("Hồ sơ chưa đủ thông tin", main, StringComparison.Ordinal);
        Assert.Contains("Vui lòng nhập \"Họ, chữ đệm, tên của người được đăng ký\"", main, StringComparison.Ordinal);
        Assert.True(await page.IsDisabledAsync("button:text-is('Nộp hồ sơ')"), "the refreshed review page offers no filing until the gap is closed");
        Assert.Equal("2. Tờ khai (còn thiếu)", (await page.InnerTextAsync(".wizard-steps li.missing")).Trim());
        Assert.Equal(2, await page.Locator(".wizard-steps li.done").CountAsync());
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the refused review page scrolls sideways");
        await BrowserFixture.ScreenshotAsync(page, "citizen-stale-review-refused-360");
        await BrowserFixture.AssertAccessibleAsync(page);

        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Portal.Core.Data.PortalDb>();
        var dossier = await db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == id);
        Assert.Equal(DossierStatus.Draft, dossier.Status);
        Assert.Null(dossier.Code);
    }
}
