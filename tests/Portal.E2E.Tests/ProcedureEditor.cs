using Microsoft.Playwright;

namespace Portal.E2E.Tests;

/// <summary>What an administrator types into the procedure editor (<c>/quan-tri/thu-tuc/{id}/ban-nhap</c>), shared by the journeys.</summary>
internal static class ProcedureEditor
{
    /// <summary>The facts of a housing-status confirmation: code, name, sector, time limit, result, legal basis, two documents.</summary>
    public static async Task FillFactsAsync(IPage page, string code, string name)
    {
        await page.FillAsync("#Code", code);
        await page.FillAsync("#Name", name);
        await page.FillAsync("#SectorCode", "LV01");
        await page.FillAsync("#SectorName", "Hộ tịch");
        await page.FillAsync("#TimeLimitValue", "3");
        await page.FillAsync("#ResultDescription", "Giấy xác nhận tình trạng nhà ở");
        await page.FillAsync("#LegalBasis", "Luật Nhà ở số 27/2023/QH15\nNghị định số 95/2024/NĐ-CP");
        await page.FillAsync("#Documents_0_Name", "Tờ khai đề nghị xác nhận");
        await page.CheckAsync("#Documents_0_Mandatory");
        await page.FillAsync("#Documents_1_Name", "Giấy tờ chứng minh quyền sử dụng đất");
        await page.SelectOptionAsync("#Documents_1_Form", "certified-copy");
    }

    /// <summary>The five fields: a name, a birth date (with a rule), a choice, a text shown only for "Khác", a checkbox.</summary>
    public static async Task FillFiveFieldsAsync(IPage page)
    {
        await FieldAsync(page, 0, "ho_ten", "Họ và tên người đề nghị", "Applicant's full name", "text", required: true);
        await FieldAsync(page, 1, "ngay_sinh", "Ngày sinh", "Date of birth", "date", required: true);
        await FieldAsync(page, 2, "loai_nha", "Loại nhà ở", "Kind of dwelling", "select", required: true);
        await page.FillAsync("#Fields_2_Options", "Nhà riêng lẻ\nCăn hộ chung cư\nKhác");
        await page.FillAsync("#Rules_0_Field", "ngay_sinh");
        await MoreRowsAsync(page, "fields", "#Fields_3_Key");
        await FieldAsync(page, 3, "loai_khac", "Loại nhà ở khác (ghi rõ)", "Other kind (say which)", "text", required: true);
        await page.FillAsync("#Fields_3_WhenField", "loai_nha");
        await page.FillAsync("#Fields_3_WhenValue", "Khác");
        await FieldAsync(page, 4, "nhan_qua_buu_dien", "Nhận kết quả qua bưu chính", "Receive the result by post", "checkbox", required: false);
    }

    /// <summary>Three steps of the receiving agency: two for a handler (8 and 4 working hours), the approver's signature (4).</summary>
    public static async Task FillThreeStepsAsync(IPage page)
    {
        await page.FillAsync("#Steps_0_Name", "Thẩm định hồ sơ");
        await page.FillAsync("#Steps_0_Hours", "8");
        await page.FillAsync("#Steps_1_Name", "Dự thảo giấy xác nhận");
        await page.FillAsync("#Steps_1_Hours", "4");
        await MoreRowsAsync(page, "steps", "#Steps_2_Name");
        await page.FillAsync("#Steps_2_Name", "Phê duyệt, ký giấy xác nhận");
        await page.SelectOptionAsync("#Steps_2_Role", "Approver");
        await page.FillAsync("#Steps_2_Hours", "4");
    }

    /// <summary>Presses the section's "more rows" button when the row is not there yet (the page comes back with what was typed).</summary>
    public static async Task MoreRowsAsync(IPage page, string section, string row)
    {
        if (await page.Locator(row).CountAsync() == 0)
        {
            await page.ClickAsync($"button[name=more][value={section}]");
            await page.Locator(row).WaitForAsync();
            Assert.True(await page.Locator(row).EvaluateAsync<bool>("e => e === document.activeElement"), $"{row} has the focus");
        }
    }

    public static async Task FieldAsync(IPage page, int n, string key, string label, string labelEn, string type, bool required)
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
