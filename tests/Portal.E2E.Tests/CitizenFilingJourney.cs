using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Core.Dossiers;
using Portal.Testing;

namespace Portal.E2E.Tests;

/// <summary>
/// A new citizen, in Vietnamese, on a phone and on a desktop: registers, confirms the mail from the pickup folder,
/// finds the procedure in the catalogue, files it step by step, and downloads the receipt once the desk accepts it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CitizenFilingJourney(BrowserFixture browser)
{
    [Theory]
    [InlineData(360)]
    [InlineData(1280)]
    public async Task A_new_citizen_files_a_birth_registration_from_the_catalogue_to_the_receipt(int width)
    {
        var page = await browser.NewPageAsync(width);
        var email = $"e2e{width}.{Guid.NewGuid().ToString("N")[..8]}@example.vn";
        var citizenId = "0310" + (width == 360 ? "91" : "92") + Random.Shared.Next(0, 1_000_000).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
        var dob = width == 360 ? "1991-04-02" : "1992-09-30";

        async Task Check(string name)
        {
            Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"{name} scrolls sideways at {width}px");
            await BrowserFixture.ScreenshotAsync(page, $"citizen-{name}-{width}");
            await BrowserFixture.AssertAccessibleAsync(page);
        }

        await page.GotoAsync("/Account/Register");
        await Check("01-register");
        await page.FillAsync("#FullName", "Phạm Thu Hà");
        await page.FillAsync("#CitizenId", citizenId);
        await page.FillAsync("#DateOfBirth", dob);
        await page.FillAsync("#Phone", "0903 456 789");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", "Matkhau@2026");
        await page.FillAsync("#ConfirmPassword", "Matkhau@2026");
        await page.ClickAsync("form[action='/Account/Register'] button[type=submit]");
        await page.WaitForSelectorAsync("text=Kiểm tra hộp thư của bạn");

        var link = await ConfirmationLinkAsync(email);
        await page.GotoAsync(link);
        await page.WaitForSelectorAsync("text=Đã xác nhận tài khoản");
        await page.ClickAsync("main a[href='/Account/Login']");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", "Matkhau@2026");
        await page.ClickAsync("form[action='/Account/Login'] button[type=submit]");
        await page.WaitForAddressAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));

        // The home page's search, diacritics left out and the words people use ("làm giấy ... cho con"): the birth
        // registration is the first result.
        await page.FillAsync("#q", "lam giay khai sinh cho con");
        await page.ClickAsync("form[role=search] button[type=submit]");
        await page.WaitForAddressAsync(url => url.Contains("/thu-tuc", StringComparison.Ordinal));
        Assert.Equal("Đăng ký khai sinh", (await page.InnerTextAsync(".procedure-list li:first-child h2 a")).Trim());
        await Check("02-catalogue");
        await page.ClickAsync("a:text-is('Đăng ký khai sinh')");
        await page.WaitForSelectorAsync("h1:text-is('Đăng ký khai sinh')");
        await Check("03-procedure");
        await page.SelectOptionAsync("#agencyId", new SelectOptionValue { Label = "Ủy ban nhân dân phường Hồng Bàng" });
        await page.ClickAsync("button:text-is('Nộp hồ sơ trực tuyến')");

        await page.WaitForAddressAsync(new Regex("/nguoi-nop$"));
        Assert.Equal("Phạm Thu Hà", await page.InputValueAsync("#Applicant_FullName"));
        Assert.Equal("0903456789", await page.InputValueAsync("#Applicant_Phone"));
        await page.FillAsync("#Applicant_Address", "Số 20 Điện Biên Phủ, phường Hồng Bàng");
        await Check("04-applicant");
        await page.ClickAsync("button:text-is('Lưu và tiếp tục')");

        await page.WaitForAddressAsync(new Regex("/to-khai$"));
        await page.FillAsync("#f_subject_name", "Phạm Gia Bảo");
        await page.FillAsync("#f_subject_dob", "2026-11-18");
        await page.SelectOptionAsync("#f_subject_gender", "Nam");
        await page.FillAsync("#f_subject_residence", "Số 20 Điện Biên Phủ, phường Hồng Bàng");
        await page.SelectOptionAsync("#f_relation", "Mẹ");
        Assert.True(await page.IsHiddenAsync("#f_relation_other"), "the conditional field stays hidden until \"Khác\" is chosen");
        await Check("05-form");
        await page.ClickAsync("button:text-is('Lưu và tiếp tục')");

        await page.WaitForAddressAsync(new Regex("/giay-to$"));
        await page.SetInputFilesAsync("#slot0", new FilePayload { Name = "to-khai-khai-sinh.pdf", MimeType = "application/pdf", Buffer = BrowserFixture.TinyPdf });
        await page.SetInputFilesAsync("#slot1", new FilePayload { Name = "giay-chung-sinh.pdf", MimeType = "application/pdf", Buffer = BrowserFixture.TinyPdf });
        await Check("06-documents");
        await page.ClickAsync("button:text-is('Tải lên và tiếp tục')");

        await page.WaitForAddressAsync(new Regex("/kiem-tra$"));
        Assert.Contains("Phạm Gia Bảo", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Contains("giay-chung-sinh.pdf", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Check("07-review");
        await page.ClickAsync("button:text-is('Nộp hồ sơ')");

        await page.WaitForSelectorAsync("text=Đã nộp hồ sơ thành công");
        var code = (await page.InnerTextAsync(".dossier-code")).Trim();
        Assert.Matches(@"^000\.20\.01\.H31-\d{6}-\d{4}$", code);
        await Check("08-filed");

        // The one-stop desk accepts it (issue 4's screen; here the official's domain action).
        long id = 0;
        await browser.App.WithDbAsync(async db =>
        {
            var dossier = await db.Dossiers.SingleAsync(d => d.Code == code);
            var now = DateTime.UtcNow;
            dossier.Accept(now.AddDays(2), now, new Actor(null, "Cán bộ một cửa Hồng Bàng", Roles.Reception));
            await db.SaveChangesAsync();
            id = dossier.Id;
        });
        for (var i = 0; i < 120 && !await HasReceiptAsync(id); i++)
        {
            await Task.Delay(500);
        }

        await page.ReloadAsync();
        var receiptLink = page.Locator("a:has-text('Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)')");
        await receiptLink.WaitForAsync();
        Assert.Contains("Được tiếp nhận", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Check("09-received");
        var response = await page.Context.APIRequest.GetAsync(await receiptLink.GetAttributeAsync("href") ?? "");
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        var text = PdfCheck.Text(await response.BodyAsync());
        Assert.Contains(code, text, StringComparison.Ordinal);
        Assert.Contains("Phạm Thu Hà", text, StringComparison.Ordinal);
        Assert.Contains("Mã tra cứu hồ sơ", text, StringComparison.Ordinal);

        await page.GotoAsync("/ho-so-cua-toi");
        Assert.Contains(code, await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Check("10-my-dossiers");
        await page.GotoAsync($"/tra-cuu?ma={Uri.EscapeDataString(code)}");
        await Check("11-lookup");
        await page.Context.CloseAsync();
    }

    private async Task<bool> HasReceiptAsync(long id)
    {
        var found = false;
        await browser.App.WithDbAsync(async db => found = await db.DossierDocuments.AnyAsync(d => d.DossierId == id && d.Kind == DocumentKind.Issued));
        return found;
    }

    private async Task<string> ConfirmationLinkAsync(string email)
    {
        var folder = Path.Combine(browser.App.DataDirectory, "mail");
        for (var i = 0; i < 240; i++)
        {
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [])
            {
                var message = await MimeKit.MimeMessage.LoadAsync(file);
                if (message.To.ToString().Contains(email, StringComparison.OrdinalIgnoreCase))
                {
                    return new Uri(Regex.Match(message.TextBody ?? string.Empty, @"http\S+/Account/ConfirmEmail\S+").Value).PathAndQuery;
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The confirmation mail never reached the pickup folder.");
    }
}
