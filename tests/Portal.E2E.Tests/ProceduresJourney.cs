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

        await page.FillAsync("#Code", code);
        await page.FillAsync("#Name", "Xác nhận tình trạng nhà ở thử nghiệm");
        await page.FillAsync("#SectorCode", "LV01");
        await page.FillAsync("#SectorName", "Hộ tịch");
        await page.FillAsync("#TimeLimitValue", "3");
        await page.FillAsync("#ResultDescription", "Giấy xác nhận tình trạng nhà ở");
        await page.FillAsync("#LegalBasis", "Luật Nhà ở số 27/2023/QH15\nNghị định số 95/2024/NĐ-CP");
        await page.FillAsync("#Documents_0_Name", "Tờ khai đề nghị xác nhận");
        await page.CheckAsync("#Documents_0_Mandatory");
        await page.FillAsync("#Documents_1_Name", "Giấy tờ chứng minh quyền sử dụng đất");
        await page.SelectOptionAsync("#Documents_1_Form", "certified-copy");
        await page.FillAsync("#Fees_0_Name", "Lệ phí xác nhận");
        await page.FillAsync("#Fees_0_AmountVnd", "15.000");
        await Field(page, 0, "ho_ten", "Họ và tên người đề nghị", "Applicant's full name", "text", required: true);
        await Field(page, 1, "ngay_sinh", "Ngày sinh", "Date of birth", "date", required: true);
        await Field(page, 2, "loai_nha", "Loại nhà ở", "Kind of dwelling", "select", required: true);
        await page.FillAsync("#Fields_2_Options", "Nhà riêng lẻ\nCăn hộ chung cư\nKhác");
        // A mistake the file format refuses: the condition names a field that does not exist.
        await page.FillAsync("#Fields_0_WhenField", "khong_co");
        await page.FillAsync("#Fields_0_WhenValue", "x");
        await page.FillAsync("#Rules_0_Field", "ngay_sinh");
        await page.FillAsync("#Steps_0_Name", "Thẩm định hồ sơ");
        await page.FillAsync("#Steps_0_Hours", "8");
        await page.FillAsync("#Steps_1_Name", "Dự thảo giấy xác nhận");
        await page.FillAsync("#Steps_1_Hours", "4");
        await page.ClickAsync("button:text-is('Lưu bản nháp')");

        await page.WaitForSelectorAsync("#form-errors");
        var errors = await page.InnerTextAsync("#form-errors");
        Assert.Contains("Trường 1 của tờ khai", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("must", errors, StringComparison.Ordinal);
        Assert.Equal("Họ và tên người đề nghị", await page.InputValueAsync("#Fields_0_Label"));
        Assert.Equal("15.000", await page.InputValueAsync("#Fees_0_AmountVnd"));
        await BrowserFixture.ScreenshotAsync(page, "admin-procedure-01-refused");

        // Corrected, the fourth and fifth fields (shown only for "Khác", and a checkbox), and the third step.
        await page.FillAsync("#Fields_0_WhenField", string.Empty);
        await page.FillAsync("#Fields_0_WhenValue", string.Empty);
        await Field(page, 3, "loai_khac", "Loại nhà ở khác (ghi rõ)", "Other kind (say which)", "text", required: true);
        await page.FillAsync("#Fields_3_WhenField", "loai_nha");
        await page.FillAsync("#Fields_3_WhenValue", "Khác");
        await Field(page, 4, "nhan_qua_buu_dien", "Nhận kết quả qua bưu chính", "Receive the result by post", "checkbox", required: false);
        await page.FillAsync("#Steps_2_Name", "Phê duyệt, ký giấy xác nhận");
        await page.SelectOptionAsync("#Steps_2_Role", "Approver");
        await page.FillAsync("#Steps_2_Hours", "4");
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
        await Field(page, 5, "dien_tich", "Diện tích sử dụng (m²)", "Floor area (m²)", "number", required: true);
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

    private static async Task Field(IPage page, int n, string key, string label, string labelEn, string type, bool required)
    {
        await page.FillAsync($"#Fields_{n}_Key", key);
        await page.FillAsync($"#Fields_{n}_Label", label);
        await page.FillAsync($"#Fields_{n}_LabelEn", labelEn);
        await page.SelectOptionAsync($"#Fields_{n}_Type", type);
        if (required)
        {
            await page.CheckAsync($"#Fields_{n}_Required");
        }
    }
}
