using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Notifications;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Citizen;

[Collection(CitizenCollection.Name)]
public sealed class FilingTests(CitizenFixture fixture)
{
    private static readonly Portal.Core.Calendar.WorkingCalendar FilingCalendar =
        new(new Portal.Core.Calendar.WorkingTimeOptions(), Portal.Core.Data.Seeding.ReferenceDataSeeder.OfficialDecisions);

    private CitizenApp App => fixture.App;

    [Fact]
    public async Task A_new_citizen_files_a_dossier_step_by_step_and_sees_its_code_at_once_then_gets_an_email()
    {
        var client = await Citizen.RegisterAsync(fixture);
        var id = await Citizen.CompleteDraftAsync(client, App);

        var review = await client.GetAsync($"/nop-ho-so/{id}/kiem-tra");
        Assert.Contains("Trần Minh Khang", review.Text, StringComparison.Ordinal);
        Assert.Contains("20/11/2026", review.Text, StringComparison.Ordinal);
        Assert.Contains("0912345678", review.Text, StringComparison.Ordinal);

        var response = await Citizen.SubmitAsync(client, id);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.FollowAsync(response);
        var dossier = await Citizen.DossierAsync(App, id);
        Assert.Equal(DossierStatus.Submitted, dossier.Status);
        Assert.Matches(@"^000\.20\.0\d\.H31-\d{6}-\d{4}$", dossier.Code!);
        Assert.Matches(@"^\d{6}$", dossier.LookupPin!);
        Assert.Contains($"Mã hồ sơ của bạn là {dossier.Code}", page.Text, StringComparison.Ordinal);
        Assert.Contains("Mới đăng ký", page.Text, StringComparison.Ordinal);

        // The PIN is issued with the code: the page shows it, and the mail that links to the lookup gives it.
        Assert.Equal(dossier.LookupPin, page.Document.QuerySelector("#lookup-pin")?.TextContent);
        var mail = await Citizen.WaitForMailAsync(fixture, m => (m.Subject ?? string.Empty).Contains(dossier.Code!, StringComparison.Ordinal));
        Assert.Contains("đã được nộp trực tuyến", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Mã tra cứu: {dossier.LookupPin}.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/tra-cuu?ma=" + Uri.EscapeDataString(dossier.Code!), mail.TextBody, StringComparison.Ordinal);

        var list = await client.GetAsync("/ho-so-cua-toi");
        Assert.Contains(dossier.Code!, list.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_fields_and_a_wrong_CCCD_are_refused_with_Vietnamese_messages_and_what_was_typed_is_kept()
    {
        var client = await Citizen.RegisterAsync(fixture);
        var id = await Citizen.StartAsync(client, await Citizen.ProcedureIdAsync(App, Citizen.BirthRegistration));

        var applicant = await Citizen.PostStepAsync(client, $"/nop-ho-so/{id}/nguoi-nop",
            new Dictionary<string, string?> { ["IdNumber"] = "12345", ["Phone"] = "0123", ["FullName"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, applicant.StatusCode);
        var text = (await Page.ReadAsync(applicant)).Text;
        Assert.Contains("Số CCCD gồm đúng 12 chữ số", text, StringComparison.Ordinal);
        Assert.Contains("Số điện thoại di động gồm 10 chữ số", text, StringComparison.Ordinal);
        Assert.Contains("Vui lòng nhập họ và tên", text, StringComparison.Ordinal);
        Assert.Equal("Trần Thị Bích Ngọc", (await Citizen.DossierAsync(App, id)).Applicant.FullName);

        // Decomposed (NFD) input, as some keyboards send it, is stored composed (NFC).
        var form = await Citizen.PostStepAsync(client, $"/nop-ho-so/{id}/to-khai", new Dictionary<string, string?>
        {
            ["f.subject_name"] = "Nguyễn Văn Đức".Normalize(System.Text.NormalizationForm.FormD),
            ["f.subject_dob"] = "2026-02-30",
            ["f.relation"] = "Khác",
        });
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        var formText = (await Page.ReadAsync(form)).Text;
        Assert.Contains("\"Ngày, tháng, năm sinh\" phải là ngày hợp lệ", formText, StringComparison.Ordinal);
        Assert.Contains("Vui lòng nhập \"Giới tính\"", formText, StringComparison.Ordinal);
        Assert.Contains("Vui lòng nhập \"Ghi rõ quan hệ\"", formText, StringComparison.Ordinal);
        var saved = await Citizen.DossierAsync(App, id);
        var json = await App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().DossierForms.Where(f => f.DossierId == id).Select(f => f.Json).SingleAsync());
        Assert.Contains("Nguyễn Văn Đức", Portal.Core.Filing.FormAnswers.Parse(json).Get("subject_name"), StringComparison.Ordinal);
        Assert.Equal(DossierStatus.Draft, saved.Status);

        // Submitting an incomplete draft is refused and files nothing.
        var submit = await Citizen.SubmitAsync(client, id);
        Assert.Equal(HttpStatusCode.BadRequest, submit.StatusCode);
        var review = (await Page.ReadAsync(submit)).Text;
        Assert.Contains("Hồ sơ chưa đủ thông tin", review, StringComparison.Ordinal);
        Assert.Contains("Vui lòng nhập \"Ghi rõ quan hệ\"", review, StringComparison.Ordinal);
        Assert.Null((await Citizen.DossierAsync(App, id)).Code);
        Assert.Equal(DossierStatus.Draft, (await Citizen.DossierAsync(App, id)).Status);
    }

    [Fact]
    public async Task A_renamed_exe_an_oversized_file_and_a_docx_where_only_scans_are_allowed_are_refused_and_the_good_file_is_kept()
    {
        var client = await Citizen.RegisterAsync(fixture);
        var id = await Citizen.StartAsync(client, await Citizen.ProcedureIdAsync(App, Citizen.BirthRegistration));
        var exe = new byte[4096];
        "MZ"u8.CopyTo(exe);
        var oversized = new byte[250_000];
        Citizen.Pdf.CopyTo(oversized, 0);
        var response = await Citizen.UploadAsync(client, $"/nop-ho-so/{id}/giay-to",
        [
            (0, "to-khai.pdf", exe),
            (1, "giay-chung-sinh.pdf", oversized),
            (1, "ban-chup.docx", Docx()),
            (2, "bien-ban.pdf", Citizen.Pdf),
        ]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = (await Page.ReadAsync(response)).Text;
        Assert.Contains("to-khai.pdf: Tệp không phải PDF", text, StringComparison.Ordinal);
        Assert.Contains("giay-chung-sinh.pdf: Tệp lớn hơn 0.2 MB", text, StringComparison.Ordinal);
        Assert.Contains("ban-chup.docx: Tệp không phải PDF hoặc ảnh JPEG/PNG hợp lệ", text, StringComparison.Ordinal);

        var dossier = await Citizen.DossierAsync(App, id);
        var kept = Assert.Single(dossier.Documents);
        Assert.Equal(2, kept.RequirementIndex);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Citizen.Pdf)).ToLowerInvariant(), kept.Sha256);
        Assert.DoesNotContain("wwwroot", kept.StorageKey, StringComparison.Ordinal);
        Assert.DoesNotContain("bien-ban", kept.StorageKey, StringComparison.Ordinal);

        // The declaration slot accepts a real Word document.
        var docx = await Citizen.UploadAsync(client, $"/nop-ho-so/{id}/giay-to", [(0, "to-khai.docx", Docx())], next: "tai");
        Assert.Equal(HttpStatusCode.Redirect, docx.StatusCode);
        Assert.Contains((await Citizen.DossierAsync(App, id)).Documents, d => d.RequirementIndex == 0 && d.ContentType.Contains("wordprocessingml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_double_click_a_refresh_and_the_back_button_never_create_a_second_dossier()
    {
        var client = await Citizen.RegisterAsync(fixture);
        var id = await Citizen.CompleteDraftAsync(client, App);
        var review = await client.GetAsync($"/nop-ho-so/{id}/kiem-tra");

        // Two clicks at once, then the same form posted again later (refresh / back button).
        var both = await Task.WhenAll(
            client.SubmitAsync(review, $"form[action='/nop-ho-so/{id}/nop']", new Dictionary<string, string?>()),
            client.SubmitAsync(review, $"form[action='/nop-ho-so/{id}/nop']", new Dictionary<string, string?>()));
        Assert.All(both, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var again = await client.SubmitAsync(review, $"form[action='/nop-ho-so/{id}/nop']", new Dictionary<string, string?>());
        var page = await client.FollowAsync(again);
        var dossier = await Citizen.DossierAsync(App, id);
        Assert.Contains($"đã được nộp trước đó với mã {dossier.Code}", page.Text, StringComparison.Ordinal);

        var back = await client.Http.GetAsync($"/nop-ho-so/{id}/kiem-tra");
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        await App.WithDbAsync(async db =>
        {
            var userId = dossier.ApplicantUserId;
            Assert.Equal(1, await db.Dossiers.CountAsync(d => d.ApplicantUserId == userId));
            Assert.Equal(1, await db.DossierHistory.CountAsync(h => h.DossierId == id && h.Action == "Submit"));
            Assert.Equal(1, await db.Outbox.CountAsync(o => o.DossierId == id && o.Kind == OutboxKind.DossierStatusChanged));
        });
    }

    [Fact]
    public async Task Someone_elses_dossier_answers_404_on_every_page_and_leaks_nothing()
    {
        var owner = await Citizen.RegisterAsync(fixture);
        var id = await Citizen.CompleteDraftAsync(owner, App);
        await Citizen.SubmitAsync(owner, id);
        var documentId = (await Citizen.DossierAsync(App, id)).Documents[0].Id;
        var other = await Citizen.RegisterAsync(fixture);

        foreach (var url in new[]
        {
            $"/ho-so-cua-toi/{id}", $"/ho-so-cua-toi/{id}/bo-sung", $"/ho-so-cua-toi/{id}/rut", $"/nop-ho-so/{id}",
            $"/nop-ho-so/{id}/nguoi-nop", $"/nop-ho-so/{id}/to-khai", $"/nop-ho-so/{id}/giay-to", $"/nop-ho-so/{id}/kiem-tra", $"/tai-lieu/{documentId}",
        })
        {
            var response = await other.Http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
            Assert.DoesNotContain("Trần Minh Khang", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var mine = await other.GetAsync("/ho-so-cua-toi");
        foreach (var url in new[] { $"/ho-so-cua-toi/{id}/rut", $"/nop-ho-so/{id}/nop", $"/ho-so-cua-toi/{id}/thanh-toan", $"/ho-so-cua-toi/{id}/danh-gia" })
        {
            var token = mine.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var post = await other.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Reason"] = "Tôi muốn rút hồ sơ của người khác",
                ["Score"] = "1",
                ["fee"] = "0",
            }));
            Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"POST {url}: {post.StatusCode}");
        }

        Assert.Equal(DossierStatus.Submitted, (await Citizen.DossierAsync(App, id)).Status);
    }

    [Fact]
    public async Task When_the_desk_accepts_the_dossier_the_receipt_Mau_01_is_rendered_once_mailed_and_downloadable()
    {
        var client = await Citizen.RegisterAsync(fixture);
        var id = await Citizen.CompleteDraftAsync(client, App);
        await Citizen.SubmitAsync(client, id);
        var now = DateTime.UtcNow;
        await Citizen.AsDeskAsync(App, id, (d, desk) => d.Accept(now.AddDays(3), now, desk));

        var receipt = await Citizen.WaitForAsync(async () => (await Citizen.DossierAsync(App, id)).Documents.FirstOrDefault(d => d.Kind == DocumentKind.Issued));
        var dossier = await Citizen.DossierAsync(App, id);
        var page = await client.GetAsync($"/ho-so-cua-toi/{id}");
        Assert.NotNull(page.Document.QuerySelector($"a[href='/tai-lieu/{receipt.Id}']"));
        Assert.Contains("Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)", page.Text, StringComparison.Ordinal);

        var download = await client.Http.GetAsync($"/tai-lieu/{receipt.Id}");
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        var pdf = await download.Content.ReadAsByteArrayAsync();
        var text = PdfCheck.Text(pdf);
        foreach (var expected in new[]
        {
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", dossier.Code!, "Trần Thị Bích Ngọc", dossier.Applicant.IdNumber!, "Đăng ký khai sinh",
            "Ủy ban nhân dân phường", "Mã tra cứu hồ sơ", dossier.LookupPin!, "Thời gian giải quyết theo quy định", "Trong ngày làm việc",
            "Giấy chứng sinh", "Bản chính", "NGƯỜI TIẾP NHẬN HỒ SƠ", "Nguyễn Thị Một Cửa", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Hải Phòng, ngày",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Equal(1, PdfCheck.Pages(pdf));
        Assert.NotEmpty(PdfCheck.RenderPng(pdf, "citizen-receipt-mau-01"));

        var mail = await Citizen.WaitForMailAsync(fixture, m => (m.Subject ?? string.Empty).Contains("Giấy tiếp nhận", StringComparison.Ordinal) && (m.Subject ?? string.Empty).Contains(dossier.Code!, StringComparison.Ordinal));
        Assert.Contains(mail.Attachments, a => a.ContentType.MimeType == "application/pdf");

        // Dispatching the render again (a retry, a crash) changes nothing: one document, one mail.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            var render = await db.Outbox.SingleAsync(o => o.DossierId == id && o.Kind == OutboxKind.RenderDocument);
            var handler = scope.ServiceProvider.GetServices<IOutboxHandler>().Single(h => h.Kind == OutboxKind.RenderDocument);
            await handler.HandleAsync(render, db, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        await App.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.DossierDocuments.CountAsync(d => d.DossierId == id && d.Kind == DocumentKind.Issued));
            Assert.Equal(1, await db.Outbox.CountAsync(o => o.DossierId == id && o.Type == "mail-mau-01"));
        });
    }

    [Fact]
    public async Task A_supplement_request_shows_which_documents_and_why_and_the_answer_resumes_the_clock()
    {
        var client = await Citizen.RegisterAsync(fixture);
        var id = await Citizen.CompleteDraftAsync(client, App);
        await Citizen.SubmitAsync(client, id);
        var at = DateTime.UtcNow.AddHours(-3);
        await Citizen.AsDeskAsync(App, id, (d, desk) =>
        {
            d.Accept(at.AddDays(5), at, desk);
            d.StartProcessing(at.AddMinutes(5), desk);
            d.RequestSupplement("Bản chụp giấy chứng sinh bị mờ, không đọc được số.", ["Giấy chứng sinh (bản chụp rõ nét)"], at.AddMinutes(10), desk);
        });

        var page = await client.GetAsync($"/ho-so-cua-toi/{id}");
        Assert.Contains("Bản chụp giấy chứng sinh bị mờ", page.Text, StringComparison.Ordinal);
        Assert.Contains("Giấy chứng sinh (bản chụp rõ nét)", page.Text, StringComparison.Ordinal);

        // Submitting without a file is refused; a renamed executable is refused; a PNG is taken.
        var empty = await Citizen.UploadAsync(client, $"/ho-so-cua-toi/{id}/bo-sung", [], next: "nop");
        Assert.Equal(HttpStatusCode.Conflict, empty.StatusCode);
        Assert.Contains("Vui lòng tải lên ít nhất một giấy tờ", (await Page.ReadAsync(empty)).Text, StringComparison.Ordinal);
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };
        var answered = await Citizen.UploadAsync(client, $"/ho-so-cua-toi/{id}/bo-sung", [(0, "giay-chung-sinh.png", png)], next: "nop");
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);

        var dossier = await Citizen.DossierAsync(App, id);
        Assert.Equal(DossierStatus.InProcess, dossier.Status);
        Assert.False(dossier.IsPaused);
        Assert.NotNull(dossier.SupplementRequests.Single().AnsweredAt);
        Assert.Contains(dossier.Documents, d => d.Kind == DocumentKind.Supplement && d.ContentType == "image/png");
    }

    [Fact]
    public async Task Withdrawal_needs_a_reason_and_is_refused_once_decided()
    {
        var client = await Citizen.RegisterAsync(fixture);
        var id = await Citizen.CompleteDraftAsync(client, App);
        await Citizen.SubmitAsync(client, id);

        var noReason = await Citizen.PostStepAsync(client, $"/ho-so-cua-toi/{id}/rut", new Dictionary<string, string?> { ["Reason"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Vui lòng nêu lý do rút hồ sơ", (await Page.ReadAsync(noReason)).Text, StringComparison.Ordinal);

        var done = await Citizen.PostStepAsync(client, $"/ho-so-cua-toi/{id}/rut", new Dictionary<string, string?> { ["Reason"] = "Tôi đã nộp nhầm thủ tục." });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var dossier = await Citizen.DossierAsync(App, id);
        Assert.Equal(DossierStatus.Withdrawn, dossier.Status);
        Assert.Equal("Tôi đã nộp nhầm thủ tục.", dossier.StatusNote);

        var decided = await Citizen.CompleteDraftAsync(client, App);
        await Citizen.SubmitAsync(client, decided);
        var at = DateTime.UtcNow.AddHours(-2);
        await Citizen.AsDeskAsync(App, decided, (d, desk) =>
        {
            d.Accept(at.AddDays(1), at, desk);
            d.StartProcessing(at, desk);
            d.Decide(false, null, FilingCalendar, at.AddHours(1), desk);
        });
        var page = await client.GetAsync($"/ho-so-cua-toi/{decided}/rut");
        Assert.Null(page.Document.QuerySelector("textarea#Reason"));
        var refused = await client.Http.PostAsync($"/ho-so-cua-toi/{decided}/rut", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Reason"] = "Muốn rút sau khi đã có kết quả",
        }));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Không thể chuyển hồ sơ", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(DossierStatus.Decided, (await Citizen.DossierAsync(App, decided)).Status);
    }

    [Fact]
    public async Task The_electronic_result_is_downloadable_once_decided_and_the_rating_is_one_time()
    {
        var client = await Citizen.RegisterAsync(fixture);
        var id = await Citizen.CompleteDraftAsync(client, App);
        await Citizen.SubmitAsync(client, id);
        var at = DateTime.UtcNow.AddHours(-2);
        await Citizen.AsDeskAsync(App, id, (d, desk) =>
        {
            d.Accept(at.AddDays(1), at, desk);
            d.StartProcessing(at, desk);
            d.Decide(true, null, FilingCalendar, at.AddHours(1), desk);
            d.AddDocument(new DossierDocument(DocumentKind.Result, null, "Giấy khai sinh (bản điện tử)", "giay-khai-sinh.pdf", "application/pdf", 100,
                new string('a', 64), Portal.Core.Data.Seeding.DemoSeeder.PlaceholderScanKey, at.AddHours(1), null), at.AddHours(1));
        });

        var page = await client.GetAsync($"/ho-so-cua-toi/{id}");
        var result = (await Citizen.DossierAsync(App, id)).Documents.Single(d => d.Kind == DocumentKind.Result);
        Assert.NotNull(page.Document.QuerySelector($"a[href='/tai-lieu/{result.Id}']"));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync($"/tai-lieu/{result.Id}")).StatusCode);

        var bad = await client.SubmitAsync(page, $"form[action='/ho-so-cua-toi/{id}/danh-gia']", new Dictionary<string, string?> { ["Score"] = "9" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Vui lòng chọn mức hài lòng từ 1", (await Page.ReadAsync(bad)).Text, StringComparison.Ordinal);
        var good = await client.SubmitAsync(page, $"form[action='/ho-so-cua-toi/{id}/danh-gia']",
            new Dictionary<string, string?> { ["Score"] = "5", ["Comment"] = "Nhanh, không phải đi lại." });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var twice = await client.SubmitAsync(page, $"form[action='/ho-so-cua-toi/{id}/danh-gia']", new Dictionary<string, string?> { ["Score"] = "1" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var dossier = await Citizen.DossierAsync(App, id);
        Assert.Equal((byte)5, dossier.Rating);
        Assert.Equal("Nhanh, không phải đi lại.", dossier.RatingComment);
        Assert.Null((await client.GetAsync($"/ho-so-cua-toi/{id}")).Document.QuerySelector($"form[action='/ho-so-cua-toi/{id}/danh-gia']"));
    }

    [Fact]
    public async Task Old_drafts_are_deleted_by_the_clean_up_job_and_recent_ones_and_filed_dossiers_stay()
    {
        var client = await Citizen.RegisterAsync(fixture);
        var old = await Citizen.CompleteDraftAsync(client, App);
        var recent = await Citizen.StartAsync(client, await Citizen.ProcedureIdAsync(App, Citizen.ExtractCopy));
        var key = (await Citizen.DossierAsync(App, old)).Documents[0].StorageKey;
        await App.WithDbAsync(db => db.Dossiers.Where(d => d.Id == old)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.UpdatedAt, DateTime.UtcNow.AddDays(-45))));

        var removed = await App.WithScopeAsync(sp => sp.GetRequiredService<Portal.Core.Filing.CleanDraftsJob>().RunAsync(CancellationToken.None));
        Assert.True(removed >= 1);
        await App.WithDbAsync(async db =>
        {
            Assert.False(await db.Dossiers.AnyAsync(d => d.Id == old));
            Assert.True(await db.Dossiers.AnyAsync(d => d.Id == recent));
            Assert.True(await db.Dossiers.AnyAsync(d => d.Status != DossierStatus.Draft));
        });
        Assert.False(File.Exists(Path.Combine(App.DataDirectory, "documents", key)));
        Assert.Equal(0, await App.WithScopeAsync(sp => sp.GetRequiredService<Portal.Core.Filing.CleanDraftsJob>().RunAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task The_error_summary_of_the_eform_lists_its_mistakes_in_the_order_of_the_fields()
    {
        var client = await Citizen.RegisterAsync(fixture);
        var id = await Citizen.StartAsync(client, await Citizen.ProcedureIdAsync(App, Citizen.BirthRegistration));
        var form = await Citizen.PostStepAsync(client, $"/nop-ho-so/{id}/to-khai", new Dictionary<string, string?>
        {
            ["f.subject_name"] = "",
            ["f.subject_dob"] = "2026-02-30",
            ["f.relation"] = "Khác",
        });
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        var page = await Page.ReadAsync(form);
        var summary = page.Document.QuerySelectorAll("#loi a").Select(a => a.GetAttribute("href")!.TrimStart('#')).ToList();
        Assert.True(summary.Count >= 3, string.Join(", ", summary));
        var fields = page.Document.QuerySelectorAll("form.eform [id]").Select(e => e.Id!).ToList();
        var positions = summary.Select(key => fields.IndexOf(key)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    private static byte[] Docx()
    {
        using var memory = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(memory, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, body) in new[]
            {
                ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
                ("word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Tờ khai</w:t></w:r></w:p></w:body></w:document>"),
            })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(body);
            }
        }

        return memory.ToArray();
    }
}
