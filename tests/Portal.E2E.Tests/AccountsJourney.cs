using Microsoft.Playwright;

namespace Portal.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class AccountsJourney(BrowserFixture browser)
{
    [Fact]
    public async Task An_administrator_finds_officials_and_creates_an_approver_who_is_invited_by_mail()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin@demo.haiphong.vn");
        await page.GotoAsync("/quan-tri/tai-khoan?q=hongbang");
        Assert.Contains("chuyenvien.hongbang@demo.haiphong.vn", await page.InnerTextAsync("#accounts"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "admin-accounts");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.ClickAsync("#new-account");
        await page.WaitForSelectorAsync("#account-form");
        await page.FillAsync("#FullName", "Vũ Thị Phê Duyệt");
        await page.FillAsync("#Email", "vu.thi.pheduyet@example.vn");
        await page.FillAsync("#Phone", "0912 345 999");
        await page.CheckAsync("#role-Approver");
        await BrowserFixture.ScreenshotAsync(page, "admin-account-new");
        await BrowserFixture.AssertAccessibleAsync(page);
        // An approver without an agency: the form comes back with the message and what was typed.
        await page.ClickAsync("#account-form button[type=submit]");
        await page.WaitForSelectorAsync("#form-errors");
        Assert.Contains("phải thuộc một cơ quan", await page.InnerTextAsync("#form-errors"), StringComparison.Ordinal);
        Assert.Equal("Vũ Thị Phê Duyệt", await page.InputValueAsync("#FullName"));
        Assert.True(await page.IsCheckedAsync("#role-Approver"));
        await page.SelectOptionAsync("#AgencyId", new SelectOptionValue { Index = 1 });
        await page.ClickAsync("#account-form button[type=submit]");
        await page.WaitForSelectorAsync("text=Đã tạo tài khoản và gửi thư mời đặt mật khẩu.");
        var status = await page.InnerTextAsync("#account-status");
        Assert.Contains("chưa đặt mật khẩu", status, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "admin-account-show");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
