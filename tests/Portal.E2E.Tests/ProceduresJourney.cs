using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Core.Catalog;

namespace Portal.E2E.Tests;

/// <summary>
/// The administrator writes a new procedure in the portal (a five-field e-form with a condition and a rule, two documents,
/// a fee, three steps), is told on the same page what the file format refuses, previews the form as citizens see it,
/// publishes it and offers it at a ward; a citizen starts a dossier on version 1; the administrator publishes version 2
/// with one more field, and the dossier still shows version 1's form.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProceduresJourney(BrowserFixture browser)
{
    [Fact]
    public async Task An_administrator_creates_previews_publishes_and_revises_a_procedure_and_a_dossier_keeps_its_version()
    {
        var code = "31.E2E." + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin@demo.haiphong.vn");
        await page.GotoAsync("/quan-tri/thu-tuc");
        await page.ClickAsync("a:text-is('Thêm thủ tục')");
        await page.WaitForAddressAsync(new Regex("/quan-tri/thu-tuc/moi$"));

        await ProcedureEditor.FillFactsAsync(page, code, "Xác nhận tình trạng nhà ở thử nghiệm");
        await page.FillAsync("#Fees_0_Name", "Lệ phí xác nhận");
        await page.FillAsync("#Fees_0_AmountVnd", "15.000");
        await ProcedureEditor.FillFiveFieldsAsync(page);
        await ProcedureEditor.FillThreeStepsAsync(page);
        // A mistake the file format refuses: the condition names a field that does not exist.
        await page.FillAsync("#Fields_0_WhenField", "khong_co");
        await page.FillAsync("#Fields_0_WhenValue", "x");
        await page.ClickAsync("button:text-is('Lưu bản nháp')");

        await page.WaitForSelectorAsync("#form-errors");
        var errors = await page.InnerTextAsync("#form-errors");
        Assert.Contains("Trường 1 của tờ khai", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("must", errors, StringComparison.Ordinal);
        Assert.Equal("Họ và tên người đề nghị", await page.InputValueAsync("#Fields_0_Label"));
        Assert.Equal("15.000", await page.InputValueAsync("#Fees_0_AmountVnd"));
        await BrowserFixture.ScreenshotAsync(page, "admin-procedure-01-refused");

        // Corrected: the condition goes.
        await page.FillAsync("#Fields_0_WhenField", string.Empty);
        await page.FillAsync("#Fields_0_WhenValue", string.Empty);
        await page.ClickAsync("button:text-is('Lưu bản nháp')");
        await page.WaitForSelectorAsync("text=Đã lưu bản nháp thủ tục");
        await BrowserFixture.ScreenshotAsync(page, "admin-procedure-02-draft");
        await BrowserFixture.AssertAccessibleAsync(page);
        var id = int.Parse(Regex.Match(page.Url, @"/thu-tuc/(\d+)/").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        // The preview is the citizen's form: the condition hides the fifth field, the rule refuses a birth date in the future.
        var preview = page.FrameLocator("iframe.eform-preview");
        await preview.Locator("#f_ho_ten").FillAsync("Trần Văn Bình");
        Assert.False(await preview.Locator("#f_loai_khac").IsVisibleAsync());
        await preview.Locator("#f_loai_nha").SelectOptionAsync("Khác");
        Assert.True(await preview.Locator("#f_loai_khac").IsVisibleAsync());
        await preview.Locator("#f_ngay_sinh").FillAsync("2099-01-01");
        await preview.Locator("button:text-is('Kiểm tra như khi nộp')").ClickAsync();
        await preview.Locator("#form-errors").WaitForAsync();
        Assert.Equal("Trần Văn Bình", await preview.Locator("#f_ho_ten").InputValueAsync());
        await BrowserFixture.ScreenshotAsync(page, "admin-procedure-03-preview");

        await page.GotoAsync($"/quan-tri/thu-tuc/{id}");
        await page.ClickAsync("button:text-is('Công bố phiên bản 1')");
        await page.WaitForSelectorAsync("text=Đã công bố phiên bản 1");
        await page.CheckAsync("label:has-text('Hồng Bàng') >> xpath=preceding-sibling::input");
        await page.ClickAsync("button:text-is('Lưu nơi thực hiện')");
        await page.WaitForSelectorAsync("text=Đã lưu nơi thực hiện");
        await BrowserFixture.ScreenshotAsync(page, "admin-procedure-04-published");
        await BrowserFixture.AssertAccessibleAsync(page);

        // A citizen starts a dossier on version 1.
        var citizen = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(citizen, "congdan@demo.haiphong.vn");
        await citizen.GotoAsync("/thu-tuc?q=tinh+trang+nha+o+thu+nghiem");
        await citizen.ClickAsync("a:text-is('Xác nhận tình trạng nhà ở thử nghiệm')");
        await citizen.SelectOptionAsync("#agencyId", new SelectOptionValue { Label = "Ủy ban nhân dân phường Hồng Bàng" });
        await citizen.ClickAsync("button:text-is('Nộp hồ sơ trực tuyến')");
        await citizen.WaitForAddressAsync(new Regex("/nguoi-nop$"));
        var dossierUrl = citizen.Url;
        await citizen.FillAsync("#Applicant_Address", "Số 5 Hoàng Văn Thụ, phường Hồng Bàng");
        await citizen.ClickAsync("button:text-is('Lưu và tiếp tục')");
        await citizen.WaitForAddressAsync(new Regex("/to-khai$"));
        Assert.Equal(0, await citizen.Locator("#f_dien_tich").CountAsync());

        // Version 2 adds a field; the dossier begun on version 1 keeps version 1's form.
        await page.GotoAsync($"/quan-tri/thu-tuc/{id}/ban-nhap");
        await ProcedureEditor.FieldAsync(page, 5, "dien_tich", "Diện tích sử dụng (m²)", "Floor area (m²)", "number", required: true);
        await page.ClickAsync("button:text-is('Lưu bản nháp')");
        await page.WaitForSelectorAsync("text=Đã lưu bản nháp.");
        await page.GotoAsync($"/quan-tri/thu-tuc/{id}");
        await page.ClickAsync("button:text-is('Công bố phiên bản 2')");
        await page.WaitForSelectorAsync("text=Đã công bố phiên bản 2");

        await citizen.GotoAsync(dossierUrl.Replace("/nguoi-nop", "/to-khai", StringComparison.Ordinal));
        Assert.Equal(0, await citizen.Locator("#f_dien_tich").CountAsync());
        Assert.Equal(1, await citizen.Locator("#f_ho_ten").CountAsync());

        await browser.App.WithDbAsync(async db =>
        {
            var procedure = await db.Procedures.Include(p => p.Versions).SingleAsync(p => p.Code == code, TestContext.Current.CancellationToken);
            Assert.Equal([1, 2], procedure.Versions.Where(v => v.State == ProcedureVersionState.Published).Select(v => v.Number).Order());
            var dossier = await db.Dossiers.Where(d => d.ProcedureId == procedure.Id).SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(procedure.Versions.Single(v => v.Number == 1).Id, dossier.ProcedureVersionId);
            Assert.Equal(procedure.Versions.Single(v => v.Number == 2).Id, procedure.CurrentVersionId);
        });
        await page.Context.CloseAsync();
        await citizen.Context.CloseAsync();
    }
}
