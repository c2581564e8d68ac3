using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Admin;

public sealed class ProceduresAdminTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private const string Admin = "admin@demo.haiphong.vn";
    private const string BirthRegistration = "1.001193";

    private Task<int> ProcedureIdAsync(string code) =>
        fixture.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Procedures.Where(p => p.Code == code).Select(p => p.Id).SingleAsync());

    private static async Task<FormClient> AdminAsync(PortalApp app, bool english = false)
    {
        var admin = FormClient.For(app);
        await admin.SignInAsync(Admin, DemoSeeder.Password);
        if (english)
        {
            await admin.Http.GetAsync("/Home/Language?culture=en-US&returnUrl=%2F");
        }

        return admin;
    }

    private static async Task<HttpResponseMessage> ImportAsync(FormClient client, string fileName, byte[] content)
    {
        var page = await client.GetAsync("/quan-tri/thu-tuc/nhap");
        var token = page.Document.QuerySelector<IHtmlInputElement>("form[enctype='multipart/form-data'] input[name='__RequestVerificationToken']")!.Value;
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "file", fileName },
        };
        return await client.Http.PostAsync("/quan-tri/thu-tuc/nhap", body);
    }

    [Fact]
    public async Task A_version_exported_and_imported_again_is_a_draft_that_cannot_be_published_as_a_copy_and_is_discarded()
    {
        var admin = await AdminAsync(fixture.App);
        var id = await ProcedureIdAsync(BirthRegistration);
        var export = await admin.Http.GetAsync($"/quan-tri/thu-tuc/{id}/phien-ban/1/tai-ve");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("no-store", export.Headers.CacheControl?.ToString());
        Assert.Equal("1.001193.v1.json", export.Content.Headers.ContentDisposition?.FileNameStar ?? export.Content.Headers.ContentDisposition?.FileName);
        var file = await export.Content.ReadAsByteArrayAsync();
        var parsed = CatalogueFile.Parse("export", Encoding.UTF8.GetString(file));
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(BirthRegistration, parsed.Definition!.Code);

        var imported = await ImportAsync(admin, "1.001193.v1.json", file);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal($"/quan-tri/thu-tuc/{id}", imported.Headers.Location?.OriginalString);
        var show = await admin.GetAsync($"/quan-tri/thu-tuc/{id}");
        Assert.Contains("Đã nhập phiên bản mới", show.Text, StringComparison.Ordinal);

        var publish = await admin.SubmitAsync(show, $"form[action='/quan-tri/thu-tuc/{id}/ban-nhap/cong-bo']", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.BadRequest, publish.StatusCode);
        var refused = await Page.ReadAsync(publish);
        Assert.Contains("giống hệt phiên bản 1", refused.Text, StringComparison.Ordinal);

        var discard = await admin.SubmitAsync(refused, $"form[action='/quan-tri/thu-tuc/{id}/ban-nhap/huy']", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, discard.StatusCode);
        await fixture.App.WithDbAsync(async db =>
        {
            var procedure = await db.Procedures.Include(p => p.Versions).SingleAsync(p => p.Id == id);
            Assert.Null(procedure.Draft);
            Assert.Equal(procedure.VersionInForce(DateOnly.FromDateTime(DateTime.UtcNow))!.Id, procedure.CurrentVersionId);
        });
    }

    [Theory]
    [InlineData(false, "bắt buộc phải có", "is required")]
    [InlineData(true, "is required", "bắt buộc phải có")]
    public async Task A_broken_file_is_refused_with_every_error_in_the_page_language_and_nothing_is_stored(bool english, string expected, string other)
    {
        var admin = await AdminAsync(fixture.App, english);
        var definition = CatalogueSync.LoadDefinitions(null).Single(d => d.Code == BirthRegistration);
        var json = JsonNode.Parse(CatalogueFile.Export(definition))!.AsObject();
        json["code"] = "31.TEST.BROKEN";
        json.Remove("name");
        json["form"]!["fields"]![0]!["type"] = "txt";
        var response = await ImportAsync(admin, "hong.json", Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Page.ReadAsync(response);
        var errors = page.Document.QuerySelector("#form-errors")!.TextContent;
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.DoesNotContain(other, errors, StringComparison.Ordinal);
        Assert.Contains("form.fields[0].type", errors, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Procedures.CountAsync(p => p.Code == "31.TEST.BROKEN")));
    }

    [Fact]
    public async Task A_new_procedure_imported_is_unseen_until_published_and_cannot_take_effect_in_the_past()
    {
        var admin = await AdminAsync(fixture.App);
        var definition = CatalogueSync.LoadDefinitions(null).Single(d => d.Code == BirthRegistration);
        var json = JsonNode.Parse(CatalogueFile.Export(definition))!.AsObject();
        json["code"] = "31.TEST.NEW";
        json["name"] = "Thủ tục nhập thử nghiệm";
        var imported = await ImportAsync(admin, "moi.json", Encoding.UTF8.GetBytes(json.ToJsonString()));
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var id = await ProcedureIdAsync("31.TEST.NEW");

        var anonymous = FormClient.For(fixture.App);
        Assert.DoesNotContain("Thủ tục nhập thử nghiệm", (await anonymous.GetAsync("/thu-tuc?q=nhap+thu+nghiem")).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/quan-tri/thu-tuc/{id}/ban-nhap/xem-truoc")).Status);

        var show = await admin.GetAsync($"/quan-tri/thu-tuc/{id}");
        var yesterday = DateTime.UtcNow.AddHours(7).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var past = await admin.SubmitAsync(show, $"form[action='/quan-tri/thu-tuc/{id}/ban-nhap/cong-bo']", new Dictionary<string, string?> { ["effectiveFrom"] = yesterday });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        var refused = await Page.ReadAsync(past);
        Assert.Contains("không được trước hôm nay", refused.Text, StringComparison.Ordinal);
        Assert.Equal(yesterday, refused.Document.QuerySelector("#effectiveFrom")!.GetAttribute("value"));

        var today = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var published = await admin.SubmitAsync(refused, $"form[action='/quan-tri/thu-tuc/{id}/ban-nhap/cong-bo']", new Dictionary<string, string?> { ["effectiveFrom"] = today });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("Thủ tục nhập thử nghiệm", (await anonymous.GetAsync("/thu-tuc?q=nhap+thu+nghiem")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_editor_refuses_what_the_file_format_refuses_on_the_same_page_with_what_was_typed()
    {
        var admin = await AdminAsync(fixture.App);
        var form = await admin.GetAsync("/quan-tri/thu-tuc/moi");
        var response = await admin.SubmitAsync(form, "form[action='/quan-tri/thu-tuc/moi']", new Dictionary<string, string?>
        {
            ["Code"] = "31.TEST.EDITOR",
            ["Name"] = "Thủ tục soạn thử",
            ["SectorCode"] = "LV01",
            ["SectorName"] = "Hộ tịch",
            ["TimeLimitValue"] = "ba",
            ["ResultDescription"] = "Giấy xác nhận",
            ["Fields[0].Key"] = "Ho Ten",
            ["Fields[0].Label"] = "Họ và tên",
            ["Fields[0].LabelEn"] = "Full name",
            ["Steps[0].Name"] = "Thẩm định",
            ["Steps[0].Hours"] = "8",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Page.ReadAsync(response);
        var errors = page.Document.QuerySelector("#form-errors")!.TextContent;
        Assert.Contains("Thời hạn giải quyết", errors, StringComparison.Ordinal);
        Assert.Contains("Trường 1 của tờ khai (key)", errors, StringComparison.Ordinal);
        Assert.Equal("ba", page.Document.QuerySelector("#TimeLimitValue")!.GetAttribute("value"));
        Assert.Equal("Ho Ten", page.Document.QuerySelector("#Fields_0_Key")!.GetAttribute("value"));
        Assert.Equal("Thẩm định", page.Document.QuerySelector("#Steps_0_Name")!.GetAttribute("value"));
        Assert.Equal(0, await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Procedures.CountAsync(p => p.Code == "31.TEST.EDITOR")));
    }

    [Fact]
    public async Task More_rows_keeps_what_was_typed_adds_three_blank_fields_and_stores_nothing()
    {
        var admin = await AdminAsync(fixture.App);
        var form = await admin.GetAsync("/quan-tri/thu-tuc/moi");
        Assert.Equal(3, form.Document.QuerySelectorAll("input[id^='Fields_'][id$='_Key']").Length);
        var response = await admin.SubmitAsync(form, "form[action='/quan-tri/thu-tuc/moi']", new Dictionary<string, string?>
        {
            ["Code"] = "31.TEST.MORE",
            ["Name"] = "Thủ tục nhiều trường",
            ["Fields[0].Key"] = "ho_ten",
            ["Fields[0].Label"] = "Họ và tên",
            ["Fields[2].Key"] = "ngay_sinh",
            ["Fields[2].Label"] = "Ngày sinh",
        }, "button[name='more'][value='fields']");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Page.ReadAsync(response);
        Assert.Null(page.Document.QuerySelector("#form-errors"));
        Assert.Equal("Thủ tục nhiều trường", page.Document.QuerySelector("#Name")!.GetAttribute("value"));
        // The two typed fields close up, then the usual three blank rows and three more; the first new one has the focus.
        Assert.Equal(["ho_ten", "ngay_sinh", "", "", "", "", "", ""],
            page.Document.QuerySelectorAll("input[id^='Fields_'][id$='_Key']").Select(i => i.GetAttribute("value") ?? string.Empty));
        Assert.Equal("Fields_2_Key", page.Document.QuerySelector("[autofocus]")!.Id);
        // The other sections keep their own blank rows.
        Assert.Equal(2, page.Document.QuerySelectorAll("input[id^='Steps_'][id$='_Name']").Length);
        Assert.Equal(0, await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Procedures.CountAsync(p => p.Code == "31.TEST.MORE")));

        // Enter in a field submits the form's first button: it saves, it does not add rows.
        var first = page.Document.QuerySelector("form.procedure-editor button[type=submit]")!;
        Assert.True(first.HasAttribute("hidden"));
        Assert.Null(first.GetAttribute("name"));
    }
}
