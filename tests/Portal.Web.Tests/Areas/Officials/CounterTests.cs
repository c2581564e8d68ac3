using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portal.Core.Dossiers;
using Portal.Core.Processing;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Officials;

public sealed class CounterTests(OfficialsFixture f) : IClassFixture<OfficialsFixture>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    /// <summary>Posts the counter form as a browser would (multipart, with the scans), for the "tình trạng hôn nhân" procedure.</summary>
    private static async Task<HttpResponseMessage> RecordAsync(FormClient desk, Dictionary<string, string> fields, params (string Field, string Name, byte[] Bytes)[] files)
    {
        var page = await OfficialsFixture.CounterFormAsync(desk, fields.GetValueOrDefault("Channel", "1"));
        var form = (IHtmlFormElement)page.Document.QuerySelector("form#counter-form")!;
        using var content = new MultipartFormDataContent();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name)))
        {
            content.Add(new StringContent(input.Value), input.Name!);
        }

        // The desk ticks the mandatory papers the applicant handed in.
        foreach (var box in form.QuerySelectorAll("#counter-checklist input.mandatory-paper").OfType<IHtmlInputElement>())
        {
            content.Add(new StringContent(box.Value), "Received");
        }

        var values = new Dictionary<string, string>
        {
            ["Kind"] = "1",
            ["FullName"] = "Lê Văn Dũng",
            ["IdNumber"] = "031090007788",
            ["Phone"] = "0988123456",
            ["Address"] = "Số 9 Trần Phú, phường Hồng Bàng",
            ["StartNow"] = "true",
            ["f_subject_name"] = "Lê Văn Dũng",
            ["f_subject_dob"] = "1990-01-15",
            ["f_subject_gender"] = "Nam",
            ["f_subject_residence"] = "Số 9 Trần Phú, phường Hồng Bàng",
            ["f_relation"] = "Bản thân",
        };
        foreach (var (k, v) in fields)
        {
            values[k] = v;
        }

        foreach (var (k, v) in values.Where(v => v.Key != "Channel" && v.Value is not null))
        {
            content.Add(new StringContent(v), k);
        }

        foreach (var (field, name, bytes) in files)
        {
            content.Add(new ByteArrayContent(bytes), field, name);
        }

        return await desk.Http.PostAsync("/can-bo/quay", content);
    }

    [Fact]
    public async Task The_desk_records_a_walk_in_dossier_with_its_scans_and_it_is_received_at_once()
    {
        var desk = await f.SignInAsync("motcua.hongbang");
        var response = await RecordAsync(desk, [], ("scan_0", "to-khai.pdf", Pdf), ("scan_other", "anh-cccd.pdf", Pdf));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        var d = await f.DossierAsync(id);
        Assert.Equal(Channel.InPerson, d.Channel);
        Assert.Equal(DossierStatus.InProcess, d.Status);
        Assert.NotNull(d.ReceivedAt);
        Assert.NotNull(d.PromisedAt);
        Assert.StartsWith(OfficialsFixture.AgencyCode("hongbang") + "-", d.Code, StringComparison.Ordinal);
        Assert.Equal("031090007788", d.Applicant.IdNumber);
        Assert.Equal(2, d.Documents.Count(x => x.Kind == DocumentKind.Submitted));
        Assert.True(d.IsDigitised);
        Assert.Equal(StepState.Active, (await f.StepsAsync(id))[0].State);
        var page = await desk.GetAsync($"/can-bo/ho-so/{id}");
        Assert.Contains("Lê Văn Dũng", page.Text, StringComparison.Ordinal);
        Assert.Contains("Bản thân", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_postal_dossier_needs_an_address_and_a_wrong_CCCD_is_explained_keeping_what_was_typed()
    {
        var desk = await f.SignInAsync("motcua.hongbang");
        var response = await RecordAsync(desk, new() { ["Channel"] = "3", ["Address"] = "", ["IdNumber"] = "12345", ["FullName"] = "Phạm Thị Lan" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Page.ReadAsync(response);
        Assert.Contains("Số CCCD gồm đúng 12 chữ số", page.Text, StringComparison.Ordinal);
        Assert.Contains("Hồ sơ qua bưu chính cần địa chỉ người nộp", page.Text, StringComparison.Ordinal);
        Assert.Equal("Phạm Thị Lan", page.Document.QuerySelector<IHtmlInputElement>("#FullName")!.Value);
        Assert.Equal("Bản thân", page.Document.QuerySelector<IHtmlSelectElement>("#fld-relation")!.Value);
    }

    [Fact]
    public async Task A_missing_required_answer_of_the_e_form_is_named()
    {
        var desk = await f.SignInAsync("motcua.hongbang");
        var response = await RecordAsync(desk, new() { ["f_subject_gender"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Vui lòng nhập \"Giới tính\"", (await Page.ReadAsync(response)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_counter_names_every_mistake_at_once_and_a_mandatory_paper_must_be_ticked_or_scanned()
    {
        var desk = await f.SignInAsync("motcua.hongbang");
        var page = await OfficialsFixture.CounterFormAsync(desk);

        // A wrong CCCD and a missing e-form answer come back together, in one round.
        var both = await desk.SubmitAsync(page, "form#counter-form", new Dictionary<string, string?>
        {
            ["FullName"] = "Đỗ Thị Hạnh",
            ["IdNumber"] = "123",
            ["f_subject_name"] = "Đỗ Thị Hạnh",
        });
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        var errors = (await Page.ReadAsync(both)).Document.QuerySelector("#counter-errors")!.TextContent;
        Assert.Contains("Số CCCD gồm đúng 12 chữ số", errors, StringComparison.Ordinal);
        Assert.Contains("Ngày, tháng, năm sinh", errors, StringComparison.Ordinal);

        // Everything right but a mandatory paper neither ticked nor scanned: refused on the form, the ticks kept.
        var form = await OfficialsFixture.CounterFormAsync(desk);
        var mandatory = form.Document.QuerySelectorAll("#counter-checklist input.mandatory-paper").OfType<IHtmlInputElement>().ToList();
        Assert.True(mandatory.Count >= 2);
        Assert.True(form.Document.QuerySelectorAll("#counter-checklist input[type=checkbox]").Length > mandatory.Count, "only the mandatory papers are marked so");
        mandatory[0].IsChecked = true;
        var values = new Dictionary<string, string?>
        {
            ["FullName"] = "Đỗ Thị Hạnh",
            ["IdNumber"] = "031195004321",
            ["f_subject_name"] = "Đỗ Thị Hạnh",
            ["f_subject_dob"] = "1995-04-12",
            ["f_subject_gender"] = "Nữ",
            ["f_subject_residence"] = "Số 4 Lê Lợi, phường Hồng Bàng",
            ["f_relation"] = "Bản thân",
        };
        var missing = await desk.SubmitAsync(form, "form#counter-form", values);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var shown = await Page.ReadAsync(missing);
        Assert.Contains("Chưa nhận đủ giấy tờ bắt buộc", shown.Document.QuerySelector("#counter-errors")!.TextContent, StringComparison.Ordinal);
        Assert.True(((IHtmlInputElement)shown.Document.QuerySelector($"#{mandatory[0].Id}")!).IsChecked);
        Assert.False(((IHtmlInputElement)shown.Document.QuerySelector($"#{mandatory[1].Id}")!).IsChecked);

        // Ticked, two copies of the first: recorded, and Mẫu 01 lists the papers as received.
        OfficialsFixture.TickMandatoryPapers(shown);
        var saved = await desk.SubmitAsync(shown, "form#counter-form", new Dictionary<string, string?>(values) { [$"Copies[{mandatory[0].Value}]"] = "2" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = long.Parse(saved.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        var d = await f.DossierAsync(id);
        Assert.Equal(mandatory.Count, d.ReceivedDocuments.Count);
        Assert.Equal(2, d.ReceivedDocuments[0].Count);
        Assert.All(d.ReceivedDocuments, r => Assert.Equal(0, r.Files));
        await f.DispatchAllAsync();
        var receipt = Assert.Single((await f.DossierAsync(id)).Documents, x => x.Title.Contains("Mẫu 01", StringComparison.Ordinal));
        var text = PdfCheck.Text(await (await desk.Http.GetAsync($"/tai-lieu/{receipt.Id}")).Content.ReadAsByteArrayAsync()).ReplaceLineEndings(" ");
        Assert.Contains(d.ReceivedDocuments[1].Name[..20], text, StringComparison.Ordinal);
        Assert.DoesNotContain("(bản điện tử)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_renamed_executable_is_refused_by_its_bytes_and_nothing_is_stored()
    {
        var desk = await f.SignInAsync("motcua.hongbang");
        var before = await f.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Dossiers));
        var files = Directory.Exists(Path.Combine(f.App.DataDirectory, "documents"))
            ? Directory.GetFiles(Path.Combine(f.App.DataDirectory, "documents"), "*", SearchOption.AllDirectories).Length : 0;
        var response = await RecordAsync(desk, new() { ["FullName"] = "Hoàng Văn Tú" }, ("scan_0", "to-khai.pdf", Pdf), ("scan_1", "giay-to.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03]));
        // On the counter form again, with what was typed, in the page's language only.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var again = await Page.ReadAsync(response);
        Assert.Contains("không phải PDF, JPEG hoặc PNG", again.Document.QuerySelector("#counter-errors")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("is not a PDF", again.Text, StringComparison.Ordinal);
        Assert.Equal("Hoàng Văn Tú", ((IHtmlInputElement)again.Document.QuerySelector("#FullName")!).Value);
        Assert.Equal(before, await f.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Dossiers)));
        var after = Directory.Exists(Path.Combine(f.App.DataDirectory, "documents"))
            ? Directory.GetFiles(Path.Combine(f.App.DataDirectory, "documents"), "*", SearchOption.AllDirectories).Length : 0;
        Assert.Equal(files, after);
    }

    [Fact]
    public async Task The_counter_lists_procedures_in_Vietnamese_order_greets_by_name_and_reads_its_hints_in_words()
    {
        var desk = await f.SignInAsync("motcua.hongbang");
        var chooser = await desk.GetAsync("/can-bo/quay");
        var names = chooser.Document.QuerySelectorAll("#thuTuc option").Select(o => o.TextContent.Trim()).Where(n => n.Length > 0).ToList();
        Assert.True(names.Count > 3);
        Assert.Equal(names.OrderBy(n => n, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), true)), names);
        // "Đăng ký …" comes before "Thay đổi …", not after "Z" as the database's ordinal order puts it.
        Assert.Contains(names, n => n.StartsWith('Đ'));
        Assert.True(names.FindIndex(n => n.StartsWith('Đ')) < names.FindLastIndex(n => n[0] is >= 'E' and <= 'Z'));
        var desk2 = await f.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.Email == "motcua.hongbang" + OfficialsFixture.Domain));
        Assert.Contains(desk2.FullName, chooser.Document.QuerySelector("header")!.TextContent, StringComparison.Ordinal);

        var form = await OfficialsFixture.CounterFormAsync(desk);
        var text = form.Document.QuerySelector("form#counter-form")!.TextContent;
        Assert.DoesNotContain("\"true\"", text, StringComparison.Ordinal);
        Assert.Contains("(chỉ khi chọn", text, StringComparison.Ordinal);
        Assert.DoesNotContain("(nếu có) (nếu có)", System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_desk_uses_the_counter()
    {
        var handler = await f.SignInAsync("chuyenvien.hongbang");
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.Http.GetAsync("/can-bo/quay")).StatusCode);
    }
}
