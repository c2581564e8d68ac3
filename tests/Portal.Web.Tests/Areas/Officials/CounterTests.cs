using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Dossiers;
using Portal.Core.Processing;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Officials;

public sealed class CounterTests(OfficialsFixture f) : IClassFixture<OfficialsFixture>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    /// <summary>Posts the counter form as a browser would (multipart, with the scans), for the "tình trạng hôn nhân" procedure.</summary>
    private static async Task<HttpResponseMessage> RecordAsync(FormClient desk, Dictionary<string, string> fields, params (string Field, string Name, byte[] Bytes)[] files) =>
        await RecordOnAsync(await OfficialsFixture.CounterFormAsync(desk, fields.GetValueOrDefault("Channel", "1")), desk, fields, files);

    /// <summary>Posts this counter page's form (its hidden fields, the kept scans' tokens among them) with these fields and files.</summary>
    private static async Task<HttpResponseMessage> RecordOnAsync(Page page, FormClient desk, Dictionary<string, string> fields, params (string Field, string Name, byte[] Bytes)[] files)
    {
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
        // Nothing of the refused file is stored; the good scan is kept for the corrected form, its one file and nothing more.
        var after = Directory.Exists(Path.Combine(f.App.DataDirectory, "documents"))
            ? Directory.GetFiles(Path.Combine(f.App.DataDirectory, "documents"), "*", SearchOption.AllDirectories).Length : 0;
        Assert.Equal(files + 1, after);
        Assert.Equal(["to-khai.pdf"], again.Document.QuerySelectorAll(".staged-name strong").Select(e => e.TextContent));
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
    public async Task A_scan_chosen_on_a_form_that_comes_back_is_kept_and_attached_when_the_form_is_corrected()
    {
        var desk = await f.SignInAsync("motcua.hongbang");
        var wrong = await RecordAsync(desk, new() { ["IdNumber"] = "123", ["FullName"] = "Trịnh Văn Giữ" }, ("scan_0", "to-khai.pdf", Pdf), ("scan_other", "anh-cccd.pdf", Pdf));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var again = await Page.ReadAsync(wrong);
        Assert.Contains("Số CCCD gồm đúng 12 chữ số", again.Document.QuerySelector("#counter-errors")!.TextContent, StringComparison.Ordinal);
        // Each kept scan is named in its own slot, with its size, a box to drop it and a file input to replace it.
        var slot = again.Document.QuerySelector("#scan-0")!.ParentElement!;
        Assert.Contains($"Đã chọn: to-khai.pdf ({Pdf.Length} B)", Squash(slot.TextContent), StringComparison.Ordinal);
        Assert.NotNull(slot.QuerySelector("input[type=checkbox][name=Unstage]"));
        Assert.Contains("anh-cccd.pdf", again.Document.QuerySelector("#scan-other")!.ParentElement!.TextContent, StringComparison.Ordinal);
        var tokens = again.Document.QuerySelectorAll("input[type=hidden][name=Staged]").OfType<IHtmlInputElement>().Select(i => i.Value).ToList();
        Assert.Equal(2, tokens.Count);
        Assert.All(tokens, t => Assert.True(t.Length >= 40, "an unguessable token"));
        var staged = await StagedCountAsync();

        // Corrected, without choosing the files again: the kept scans are the dossier's, in their slots, byte for byte.
        var saved = await RecordOnAsync(again, desk, new() { ["FullName"] = "Trịnh Văn Giữ" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = long.Parse(saved.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        var submitted = (await f.DossierAsync(id)).Documents.Where(x => x.Kind == DocumentKind.Submitted).OrderBy(x => x.FileName, StringComparer.Ordinal).ToList();
        Assert.Equal(["anh-cccd.pdf", "to-khai.pdf"], submitted.Select(x => x.FileName));
        Assert.Equal(0, submitted[1].RequirementIndex);
        Assert.Null(submitted[0].RequirementIndex);
        Assert.Equal(Pdf, await (await desk.Http.GetAsync($"/tai-lieu/{submitted[1].Id}")).Content.ReadAsByteArrayAsync());
        Assert.Equal(staged - 2, await StagedCountAsync());

        // Used once: the same page posted again cannot share the files with a second dossier.
        var twice = await RecordOnAsync(again, desk, new() { ["FullName"] = "Trịnh Văn Giữ" });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("không còn dùng được", (await Page.ReadAsync(twice)).Document.QuerySelector("#counter-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kept_scan_is_replaced_by_a_new_file_in_its_slot_and_dropped_when_unticked()
    {
        var desk = await f.SignInAsync("motcua.hongbang");
        var first = await Page.ReadAsync(await RecordAsync(desk, new() { ["IdNumber"] = "123" }, ("scan_0", "ban-cu.pdf", Pdf)));
        var before = await StagedCountAsync();
        var replaced = await Page.ReadAsync(await RecordOnAsync(first, desk, new() { ["IdNumber"] = "123" }, ("scan_0", "ban-moi.pdf", Pdf)));
        Assert.Equal(HttpStatusCode.BadRequest, replaced.Status);
        var slot = replaced.Document.QuerySelector("#scan-0")!.ParentElement!.TextContent;
        Assert.Contains("ban-moi.pdf", slot, StringComparison.Ordinal);
        Assert.DoesNotContain("ban-cu.pdf", slot, StringComparison.Ordinal);
        Assert.Equal(before, await StagedCountAsync());

        var token = replaced.Document.QuerySelector<IHtmlInputElement>("input[type=hidden][name=Staged]")!.Value;
        var dropped = await Page.ReadAsync(await RecordOnAsync(replaced, desk, new() { ["IdNumber"] = "123", ["Unstage"] = token }));
        Assert.Empty(dropped.Document.QuerySelectorAll("input[name=Staged]"));
        Assert.Equal(before - 1, await StagedCountAsync());
    }

    [Fact]
    public async Task Another_officials_token_or_a_made_up_one_is_refused_and_names_no_file()
    {
        var owner = await f.SignInAsync("motcua.hongbang");
        var kept = await Page.ReadAsync(await RecordAsync(owner, new() { ["IdNumber"] = "123" }, ("scan_0", "cua-nguoi-khac.pdf", Pdf)));
        var token = kept.Document.QuerySelector<IHtmlInputElement>("input[type=hidden][name=Staged]")!.Value;

        var other = await f.SignInAsync("motcua.lechan");
        var dossiers = await f.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Dossiers));
        foreach (var forged in new[] { token, "khong-phai-ma-that-0000000000000000000000000" })
        {
            var response = await RecordAsync(other, new() { ["Staged"] = forged }, ("scan_1", "giay-to.pdf", Pdf));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = await Page.ReadAsync(response);
            Assert.Contains("Một tệp quét đã giữ lại không còn dùng được", page.Document.QuerySelector("#counter-errors")!.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("cua-nguoi-khac.pdf", page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(forged, page.Html, StringComparison.Ordinal);
        }

        Assert.Equal(dossiers, await f.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Dossiers)));
        // Nor may the other official drop it: the owner still has it.
        await RecordAsync(other, new() { ["Unstage"] = token, ["IdNumber"] = "123" });
        var mine = await RecordOnAsync(kept, owner, new() { ["IdNumber"] = "031090007799" });
        Assert.Equal(HttpStatusCode.Redirect, mine.StatusCode);
        var id = long.Parse(mine.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        Assert.Contains((await f.DossierAsync(id)).Documents, x => x.FileName == "cua-nguoi-khac.pdf");
    }

    [Fact]
    public async Task The_cleanup_deletes_scans_kept_longer_than_a_day_with_their_files_and_nothing_else()
    {
        var (oldKey, freshKey) = await f.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            var store = sp.GetRequiredService<IDocumentStore>();
            var now = DateTime.UtcNow;
            var owner = Guid.NewGuid();
            StagedScan Kept(string key, DateTime at) =>
                StagedScan.Keep(new DossierDocument(DocumentKind.Submitted, 0, "Tờ khai", "to-khai.pdf", "application/pdf", Pdf.Length, "00", key, at, owner), owner, at).Scan;
            var oldKey = await store.SaveAsync(new MemoryStream(Pdf), "pdf", CancellationToken.None);
            var freshKey = await store.SaveAsync(new MemoryStream(Pdf), "pdf", CancellationToken.None);
            db.StagedScans.AddRange(Kept(oldKey, now - StagedScan.KeepFor - TimeSpan.FromMinutes(1)), Kept(freshKey, now - StagedScan.KeepFor + TimeSpan.FromMinutes(5)));
            await db.SaveChangesAsync();
            return (oldKey, freshKey);
        });

        var removed = await f.App.WithScopeAsync(sp => sp.GetRequiredService<CleanStagedScansJob>().RunAsync(CancellationToken.None));
        Assert.True(removed >= 1);
        var keys = await f.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.StagedScans.Select(s => s.StorageKey)));
        Assert.DoesNotContain(oldKey, keys);
        Assert.Contains(freshKey, keys);
        var root = Path.Combine(f.App.DataDirectory, "documents");
        Assert.False(File.Exists(Path.Combine(root, oldKey)));
        Assert.True(File.Exists(Path.Combine(root, freshKey)));
        Assert.Equal(0, await f.App.WithScopeAsync(sp => sp.GetRequiredService<CleanStagedScansJob>().RunAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task A_walk_ins_receipt_prints_in_the_very_next_request_inline_without_waiting_for_a_worker()
    {
        var desk = await f.SignInAsync("motcua.hongbang");
        var id = await OfficialsFixture.WalkInAsync(desk, "Vũ Thị In", "031190005566");
        // No outbox run in between: the counter rendered Mẫu 01 while saving, through the row's own claim.
        var receipt = Assert.Single((await f.DossierAsync(id)).Documents, x => x.Title.Contains("Mẫu 01", StringComparison.Ordinal));
        Assert.True(await f.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AllAsync(
            db.Outbox.Where(m => m.DossierId == id && m.Type == Portal.Core.Documents.Forms.Receipt01.DocumentType), m => m.ProcessedAt != null)));

        var page = await desk.GetAsync($"/can-bo/ho-so/{id}");
        var print = page.Document.QuerySelector<IHtmlAnchorElement>("#print-receipt")!;
        Assert.Equal("In giấy tiếp nhận", print.TextContent.Trim());
        Assert.Equal("_blank", print.Target);
        var pdf = await desk.Http.GetAsync(print.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", pdf.Content.Headers.ContentDisposition!.DispositionType);
        // Chrome's viewer page needs its own styles and plugin; the page policy would leave it blank.
        Assert.Equal(Portal.Web.Infrastructure.SecurityHeaders.InlinePdfPolicy, string.Join(";", pdf.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", string.Join(",", pdf.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(receipt.FileName, pdf.Content.Headers.ContentDisposition.FileNameStar ?? pdf.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        var d = await f.DossierAsync(id);
        Assert.Contains(d.Code!, PdfCheck.Text(await pdf.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        // The button is for the page right after saving; the dossier page keeps a link.
        Assert.Null((await desk.GetAsync($"/can-bo/ho-so/{id}")).Document.QuerySelector("#print-receipt"));

        // The job path stays idempotent: a worker that runs the row again adds nothing.
        await f.DispatchAllAsync();
        Assert.Single((await f.DossierAsync(id)).Documents, x => x.Title.Contains("Mẫu 01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dossier_not_yet_received_has_no_receipt_to_print_and_says_so()
    {
        var id = await f.NewOnlineDossierAsync();
        var desk = await f.SignInAsync("motcua.hongbang");
        var response = await desk.Http.GetAsync($"/can-bo/ho-so/{id}/giay-tiep-nhan");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("chưa có Giấy tiếp nhận", (await Page.ReadAsync(response)).Text, StringComparison.Ordinal);
    }

    private Task<int> StagedCountAsync() => f.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.StagedScans));

    private static string Squash(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    [Fact]
    public async Task Only_the_desk_uses_the_counter()
    {
        var handler = await f.SignInAsync("chuyenvien.hongbang");
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.Http.GetAsync("/can-bo/quay")).StatusCode);
    }
}
