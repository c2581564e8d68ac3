namespace Portal.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class AdminJourney(BrowserFixture browser)
{
    [Fact]
    public async Task An_administrator_reviews_the_year_and_adds_a_make_up_Saturday()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin@demo.haiphong.vn");
        await page.GotoAsync("/quan-tri/lich?nam=2026");
        Assert.Contains("Làm bù thứ Bảy 22/8/2026", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.FillAsync("#Date", "2026-12-26");
        await page.SelectOptionAsync("#Kind", "2");
        await page.FillAsync("#Note", "Làm bù thứ Bảy 26/12/2026 (thử nghiệm)");
        await page.ClickAsync("form[action='/quan-tri/lich'] button[type=submit]");
        await page.WaitForSelectorAsync("text=Đã lưu điều chỉnh lịch làm việc.");
        Assert.Contains("26/12/2026", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "admin-calendar");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GotoAsync("/quan-tri/thu-gui");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
