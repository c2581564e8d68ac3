using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Core.Dossiers;

namespace Portal.E2E.Tests;

/// <summary>
/// The demo citizen on a phone files a fee-bearing procedure, pays through the sandbox gateway, answers a
/// supplement request, and a visitor follows the dossier on the public lookup page; axe checks every screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CitizenPaymentJourney(BrowserFixture browser)
{
    [Fact]
    public async Task The_demo_citizen_pays_online_answers_a_supplement_and_the_dossier_is_looked_up()
    {
        var page = await browser.NewPageAsync(360);
        async Task Check(string name)
        {
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"{name} scrolls sideways");
            await BrowserFixture.ScreenshotAsync(page, $"citizen-pay-{name}-360");
            await BrowserFixture.AssertAccessibleAsync(page);
        }

        await BrowserFixture.SignInAsync(page, "congdan@demo.haiphong.vn");
        await page.GotoAsync("/thu-tuc?q=TRICH+LUC");
        await page.ClickAsync("a:text-is('Cấp bản sao trích lục hộ tịch')");
        await page.ClickAsync("button:text-is('Nộp hồ sơ trực tuyến')");
        await page.WaitForAddressAsync(new Regex("/nguoi-nop$"));
        await page.ClickAsync("button:text-is('Lưu và tiếp tục')");
        await page.WaitForAddressAsync(new Regex("/to-khai$"));
        await page.FillAsync("#f_subject_name", "Nguyễn Văn An");
        await page.FillAsync("#f_subject_dob", "1990-05-12");
        await page.SelectOptionAsync("#f_subject_gender", "Nam");
        await page.FillAsync("#f_subject_residence", "Số 12 Lạch Tray, phường Lê Chân");
        await page.SelectOptionAsync("#f_relation", "Khác");
        Assert.True(await page.IsVisibleAsync("#f_relation_other"), "choosing \"Khác\" shows the field that asks which");
        await page.FillAsync("#f_relation_other", "Cháu nội");
        await page.CheckAsync("#f_by_post");
        await page.FillAsync("#f_post_address", "Số 12 Lạch Tray, phường Lê Chân");
        await page.ClickAsync("button:text-is('Lưu và tiếp tục')");
        await page.WaitForAddressAsync(new Regex("/giay-to$"));
        var slots = await page.Locator("input[type=file]").CountAsync();
        for (var i = 0; i < slots; i++)
        {
            await page.SetInputFilesAsync($"#slot{i}", new FilePayload { Name = $"giay-to-{i}.pdf", MimeType = "application/pdf", Buffer = BrowserFixture.TinyPdf });
        }

        await page.ClickAsync("button:text-is('Tải lên và tiếp tục')");
        await page.WaitForAddressAsync(new Regex("/kiem-tra$"));
        await page.ClickAsync("button:text-is('Nộp hồ sơ')");
        await page.WaitForSelectorAsync("text=Đã nộp hồ sơ thành công");
        var code = (await page.InnerTextAsync(".dossier-code")).Trim();
        await Check("01-filed-with-fee");

        await page.ClickAsync("form[action$='/thanh-toan'] button[type=submit]");
        await page.WaitForAddressAsync(new Regex("/cong-thanh-toan-thu"));
        Assert.Contains("8.000 đồng", (await page.InnerTextAsync("main")).Replace(',', '.'), StringComparison.Ordinal);
        await Check("02-sandbox-gateway");
        await page.ClickAsync("button[value=pay]");
        await page.WaitForSelectorAsync("text=Đã thanh toán trực tuyến");
        await Check("03-paid");

        long id = 0;
        await browser.App.WithDbAsync(async db =>
        {
            var dossier = await db.Dossiers.SingleAsync(d => d.Code == code);
            Assert.Equal(PaymentState.PaidOnline, dossier.Payment);
            var desk = new Actor(null, "Cán bộ một cửa", Roles.Reception);
            dossier.RequestSupplement("Cần bản chụp CCCD của người yêu cầu, rõ hai mặt.", ["Căn cước công dân của người yêu cầu (hai mặt)"], DateTime.UtcNow, desk);
            await db.SaveChangesAsync();
            id = dossier.Id;
        });
        await page.ReloadAsync();
        Assert.Contains("Cần bản chụp CCCD của người yêu cầu", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.ClickAsync("a:text-is('Bổ sung hồ sơ')");
        await page.SetInputFilesAsync("#slot0", new FilePayload { Name = "cccd.pdf", MimeType = "application/pdf", Buffer = BrowserFixture.TinyPdf });
        await Check("04-supplement");
        await page.ClickAsync("button[value=nop]");
        await page.WaitForSelectorAsync("text=Đã nộp bổ sung");
        Assert.Contains("Mới đăng ký", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        string pin = "";
        await browser.App.WithDbAsync(async db => pin = (await db.Dossiers.SingleAsync(d => d.Id == id)).LookupPin!);
        var visitor = await browser.NewPageAsync(360);
        await visitor.GotoAsync($"/tra-cuu?ma={Uri.EscapeDataString(code)}");
        await visitor.FillAsync("#Pin", pin);
        await visitor.ClickAsync("form[action='/tra-cuu'] button[type=submit]");
        await visitor.WaitForSelectorAsync("text=N. V. A.");
        Assert.DoesNotContain("Nguyễn Văn An", await visitor.InnerTextAsync("main"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(visitor, "citizen-pay-05-lookup-360");
        await BrowserFixture.AssertAccessibleAsync(visitor);

        await page.GotoAsync($"/Home/Language?culture=en-US&returnUrl=%2Fho-so-cua-toi%2F{id}");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("Timeline", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Check("06-english");
        await page.Context.CloseAsync();
        await visitor.Context.CloseAsync();
    }
}
