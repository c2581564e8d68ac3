using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Notifications;

namespace Portal.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed partial class ProfileJourney(BrowserFixture browser)
{
    [Fact]
    public async Task A_business_changes_its_phone_with_its_password_and_the_code_texted_to_the_new_number()
    {
        var page = await browser.NewPageAsync(width: 360);
        await BrowserFixture.SignInAsync(page, "doanhnghiep@demo.haiphong.vn");
        await page.GotoAsync("/Account/Profile");
        await page.FillAsync("#Phone", "0987 650 123");
        await page.FillAsync("#Address", "Số 8 Đà Nẵng, phường Ngô Quyền");
        await page.ClickAsync("form[action='/Account/Profile'] button[type=submit]");

        // Without the password: refused on the page, what was typed kept.
        await page.WaitForSelectorAsync("#CurrentPassword_err");
        Assert.StartsWith("Để đổi số điện thoại", await page.InnerTextAsync("#CurrentPassword_err"), StringComparison.Ordinal);
        Assert.Equal("0987650123", await page.InputValueAsync("#Phone"));
        Assert.Equal("Số 8 Đà Nẵng, phường Ngô Quyền", await page.InputValueAsync("#Address"));
        await BrowserFixture.ScreenshotAsync(page, "profile-password-asked");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.FillAsync("#CurrentPassword", Portal.Core.Data.Seeding.DemoSeeder.Password);
        await page.ClickAsync("form[action='/Account/Profile'] button[type=submit]");
        await page.WaitForSelectorAsync("#confirm-phone");
        Assert.Contains("0987650123", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "profile-confirm-phone");
        await BrowserFixture.AssertAccessibleAsync(page);

        var text = await browser.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Outbox
            .Where(m => m.Kind == OutboxKind.Sms && m.Type == "account-phone-code").OrderByDescending(m => m.Id).Select(m => m.Payload).FirstAsync());
        var code = SixDigits().Match(SmsPayload.Parse(text).Text).Value;
        await page.FillAsync("#Code", code);
        await page.ClickAsync("#confirm-phone button[type=submit]");
        await page.WaitForSelectorAsync("text=Đã xác nhận số điện thoại 0987650123.");
        Assert.Equal("0987650123", await page.InputValueAsync("#Phone"));
        await BrowserFixture.ScreenshotAsync(page, "profile-phone-confirmed");
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
