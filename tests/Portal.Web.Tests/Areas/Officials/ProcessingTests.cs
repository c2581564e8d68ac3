using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Processing;
using Portal.Testing;
using static Portal.Web.Tests.Areas.Officials.OfficialsFixture;

namespace Portal.Web.Tests.Areas.Officials;

public sealed class ProcessingTests(OfficialsFixture f) : IClassFixture<OfficialsFixture>
{
    private static string V(int version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>A dossier accepted by the desk and in its first step.</summary>
    private async Task<long> InProcessAsync(string procedure = "tình trạng hôn nhân", string? email = "an.nguyen@example.vn")
    {
        var id = await f.NewOnlineDossierAsync(procedure: procedure, email: email);
        AssertRedirectTo(await ActAsync(await f.SignInAsync("motcua.hongbang"), id, "form-accept"), $"/can-bo/ho-so/{id}");
        return id;
    }

    private Task<FormClient> HolderAsync(long id) => f.HolderAsync(id);

    [Fact]
    public async Task Handlers_complete_their_steps_in_turn_and_the_approver_decides_with_a_generated_result()
    {
        var id = await InProcessAsync();
        var first = (await f.StepsAsync(id))[0];
        var holder = await HolderAsync(id);
        var colleague = await f.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "chuyenvien2.hongbang" + Domain));
        AssertRedirectTo(await ActAsync(holder, id, "form-complete", new() { ["Note"] = "Hồ sơ đủ điều kiện.", ["NextAssignee"] = colleague.Id.ToString() }), $"/can-bo/ho-so/{id}");

        var steps = await f.StepsAsync(id);
        Assert.Equal(StepState.Done, steps[0].State);
        Assert.NotNull(steps[0].Result);
        Assert.Equal(StepState.Active, steps[1].State);
        Assert.Equal(colleague.Id, steps[1].AssigneeId);

        // Someone who does not hold the step cannot complete it.
        var outsider = await f.SignInAsync(first.AssigneeId == colleague.Id ? "chuyenvien.hongbang" : await f.EmailOfAsync(first.AssigneeId!.Value));
        var version = (await f.DossierAsync(id)).Version;
        var refused = await PostAsync(outsider, $"/can-bo/ho-so/{id}/hoan-thanh-buoc", new() { ["Version"] = V(version), ["StepId"] = steps[1].Id.ToString(CultureInfo.InvariantCulture) });
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden, $"expected 403, got {refused.StatusCode}");

        AssertRedirectTo(await ActAsync(await f.SignInAsync("chuyenvien2.hongbang"), id, "form-complete", new() { ["Note"] = "Đã dự thảo giấy xác nhận." }), $"/can-bo/ho-so/{id}");
        steps = await f.StepsAsync(id);
        var approver = await f.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "pheduyet.hongbang" + Domain));
        Assert.Equal(approver.Id, steps[2].AssigneeId);

        var approverClient = await f.SignInAsync("pheduyet.hongbang");
        var mine = await approverClient.GetAsync("/can-bo");
        Assert.Contains((await f.DossierAsync(id)).Code!, mine.Text, StringComparison.Ordinal);
        AssertRedirectTo(await ActAsync(approverClient, id, "form-decide", new() { ["Note"] = "Cấp Giấy xác nhận tình trạng hôn nhân.", ["Result"] = "Generate" }), $"/can-bo/ho-so/{id}");

        var d = await f.DossierAsync(id);
        Assert.Equal(DossierStatus.Decided, d.Status);
        Assert.True(d.HasElectronicResult);
        Assert.All(await f.StepsAsync(id), s => Assert.Equal(StepState.Done, s.State));
        await f.DispatchAllAsync();
        var result = Assert.Single((await f.DossierAsync(id)).Documents, x => x.Kind == DocumentKind.Result);
        var text = PdfCheck.Text(await (await approverClient.Http.GetAsync($"/tai-lieu/{result.Id}")).Content.ReadAsByteArrayAsync());
        Assert.Contains("KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", text, StringComparison.Ordinal);
        Assert.Contains("Cấp Giấy xác nhận tình trạng hôn nhân.", text, StringComparison.Ordinal);

        // The control sheet has a row per hand-off: desk → step 1 → step 2 → step 3 → back to the desk.
        var sheet = await approverClient.Http.GetAsync($"/can-bo/ho-so/{id}/phieu-kiem-soat");
        Assert.Equal("application/pdf", sheet.Content.Headers.ContentType?.MediaType);
        var sheetText = PdfCheck.Text(await sheet.Content.ReadAsByteArrayAsync()).ReplaceLineEndings(" ");
        Assert.Contains("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", sheetText, StringComparison.Ordinal);
        Assert.Contains(colleague.FullName, sheetText, StringComparison.Ordinal);
        Assert.Contains(approver.FullName, sheetText, StringComparison.Ordinal);
        Assert.Contains("Tổng cộng 4 lần bàn giao", sheetText, StringComparison.Ordinal);
        Assert.Matches("Trước hạn|Đúng hạn", sheetText);

        var desk = await f.SignInAsync("motcua.hongbang");
        AssertRedirectTo(await ActAsync(desk, id, "form-return", new() { ["Method"] = "Online" }), $"/can-bo/ho-so/{id}");
        d = await f.DossierAsync(id);
        Assert.Equal(DossierStatus.ResultReturned, d.Status);
        Assert.Equal(ResultReturnMethod.Online, d.ResultReturnMethod);
    }

    [Fact]
    public async Task The_approver_sends_the_dossier_back_to_the_handler_with_a_reason_and_the_deadline_stays()
    {
        var id = await InProcessAsync();
        var holder = await HolderAsync(id);
        Assert.Null((await holder.GetAsync($"/can-bo/ho-so/{id}")).Document.QuerySelector("form#form-sendback"));
        AssertRedirectTo(await ActAsync(holder, id, "form-complete", new() { ["Note"] = "Đủ điều kiện." }), $"/can-bo/ho-so/{id}");
        var second = await f.SignInAsync(await f.EmailOfAsync((await f.StepsAsync(id))[1].AssigneeId!.Value));
        AssertRedirectTo(await ActAsync(second, id, "form-complete", new() { ["Note"] = "Đã dự thảo." }), $"/can-bo/ho-so/{id}");
        var due = (await f.DossierAsync(id)).DueAt;
        var drafter = (await f.StepsAsync(id))[1];

        var approver = await f.SignInAsync("pheduyet.hongbang");
        var page = await approver.GetAsync($"/can-bo/ho-so/{id}");
        Assert.Contains(drafter.CompletedByName!, page.Document.QuerySelector("#form-sendback")!.TextContent, StringComparison.Ordinal);
        var empty = await approver.SubmitAsync(page, "form#form-sendback", new Dictionary<string, string?> { ["Reason"] = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Nêu rõ lý do trả lại", (await Page.ReadAsync(empty)).Document.QuerySelector("#form-sendback")!.TextContent, StringComparison.Ordinal);
        AssertRedirectTo(await approver.SubmitAsync(page, "form#form-sendback", new Dictionary<string, string?> { ["Reason"] = "Dự thảo ghi sai ngày sinh, sửa lại theo CCCD." }), $"/can-bo/ho-so/{id}");

        var steps = await f.StepsAsync(id);
        Assert.Equal((StepState.Done, StepState.Active, StepState.Pending), (steps[0].State, steps[1].State, steps[2].State));
        Assert.Equal(drafter.AssigneeId, steps[1].AssigneeId);
        Assert.Null(steps[1].CompletedAt);
        Assert.True(steps[1].DueAt > drafter.DueAt || steps[1].StartedAt > drafter.StartedAt);
        var d = await f.DossierAsync(id);
        Assert.Equal(due, d.DueAt);
        Assert.Contains(d.History, h => h.Action == "SendBack" && h.Note!.Contains("sửa lại theo CCCD", StringComparison.Ordinal));
        var back = (await f.QueryAsync(db => db.DossierHandOffs.Where(h => h.DossierId == id).OrderBy(h => h.Id).ToListAsync()))[^1];
        Assert.Equal(("Dự thảo ghi sai ngày sinh, sửa lại theo CCCD.", drafter.AssigneeName), (back.Note, back.ToName));
        Assert.NotNull(back.Result);

        // The drafter gets it back in "my tasks", completes it again, and the approver decides.
        Assert.Contains(d.Code!, (await second.GetAsync("/can-bo")).Text, StringComparison.Ordinal);
        AssertRedirectTo(await ActAsync(second, id, "form-complete", new() { ["Note"] = "Đã sửa ngày sinh." }), $"/can-bo/ho-so/{id}");
        AssertRedirectTo(await ActAsync(approver, id, "form-decide", new() { ["Note"] = "Cấp giấy xác nhận.", ["Result"] = "Generate" }), $"/can-bo/ho-so/{id}");
        Assert.Equal(DossierStatus.Decided, (await f.DossierAsync(id)).Status);
    }

    [Fact]
    public async Task The_approver_may_upload_the_signed_result_and_a_renamed_file_is_refused()
    {
        var id = await InProcessAsync();
        await ActAsync(await HolderAsync(id), id, "form-complete");
        await ActAsync(await HolderAsync(id), id, "form-complete");
        var approver = await f.SignInAsync("pheduyet.hongbang");

        var page = await approver.GetAsync($"/can-bo/ho-so/{id}");
        var token = page.Document.QuerySelector("#form-decide input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        async Task<HttpResponseMessage> Upload(byte[] bytes, string name)
        {
            using var content = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(V((await f.DossierAsync(id)).Version)), "Version" },
                { new StringContent("Upload"), "Result" },
                { new StringContent("Đồng ý cấp."), "Note" },
                { new ByteArrayContent(bytes), "File", name },
            };
            return await approver.Http.PostAsync($"/can-bo/ho-so/{id}/quyet-dinh", content);
        }

        var exe = await Upload([0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00], "ket-qua.pdf");
        Assert.Equal(HttpStatusCode.Conflict, exe.StatusCode);
        Assert.Contains("không phải PDF", await exe.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(DossierStatus.InProcess, (await f.DossierAsync(id)).Status);

        var pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
        AssertRedirectTo(await Upload(pdf, "ket-qua-da-ky.pdf"), $"/can-bo/ho-so/{id}");
        var d = await f.DossierAsync(id);
        Assert.Equal(DossierStatus.Decided, d.Status);
        var result = Assert.Single(d.Documents, x => x.Kind == DocumentKind.Result);
        Assert.Equal("application/pdf", result.ContentType);
    }

    [Fact]
    public async Task A_supplement_during_processing_pauses_the_clock_and_a_second_one_makes_the_dossier_late()
    {
        var id = await InProcessAsync();
        var holder = await HolderAsync(id);
        AssertRedirectTo(await ActAsync(holder, id, "form-supplement", new() { ["OtherDocuments"] = "Giấy xác nhận cư trú", ["Reason"] = "Cần xác nhận nơi cư trú trước đây." }), $"/can-bo/ho-so/{id}");
        var d = await f.DossierAsync(id);
        Assert.Equal(DossierStatus.AwaitingSupplement, d.Status);
        Assert.NotNull(d.PausedSince);
        Assert.Equal(1, d.ProcessingSupplementCount);
        var dueBefore = d.DueAt!.Value;

        // The citizen answers two working hours later (the citizen area does this; here through the aggregate).
        await f.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            var calendar = await sp.GetRequiredService<CalendarProvider>().GetAsync();
            var dossier = await db.Dossiers.Include(x => x.SupplementRequests).SingleAsync(x => x.Id == id);
            var answeredAt = calendar.AddWorkingMinutes(dossier.PausedSince!.Value, 120);
            dossier.SubmitSupplement(calendar, answeredAt, new Actor(dossier.ApplicantUserId, dossier.Applicant.FullName, Roles.Citizen));
            await db.SaveChangesAsync();
            return 0;
        });
        d = await f.DossierAsync(id);
        Assert.Equal(DossierStatus.InProcess, d.Status);
        Assert.True(d.DueAt > dueBefore);

        var page = await holder.GetAsync($"/can-bo/ho-so/{id}");
        Assert.Contains("Lần thứ hai được phép nhưng theo quy định hồ sơ sẽ bị tính là trễ hạn", page.Text, StringComparison.Ordinal);
        AssertRedirectTo(await holder.SubmitAsync(page, "form#form-supplement", new Dictionary<string, string?> { ["OtherDocuments"] = "Bản chính giấy xác nhận", ["Reason"] = "Giấy xác nhận nộp bổ sung là bản chụp." }), $"/can-bo/ho-so/{id}");
        d = await f.DossierAsync(id);
        Assert.Equal(2, d.ProcessingSupplementCount);
        await f.DispatchAllAsync();
        Assert.Equal(2, (await f.DossierAsync(id)).Documents.Count(x => x.Kind == DocumentKind.Issued && x.Title.Contains("Mẫu 02", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_payment_request_waits_for_the_desk_to_record_the_fee_then_processing_resumes()
    {
        var id = await InProcessAsync();
        var holder = await HolderAsync(id);
        var bad = await ActAsync(holder, id, "form-payment", new() { ["Amount"] = "ba mươi nghìn" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badPage = await Page.ReadAsync(bad);
        Assert.Contains("Số tiền từ 1.000", badPage.Text, StringComparison.Ordinal);
        Assert.Equal("Lệ phí theo quy định", badPage.Document.QuerySelector("#payment-note")!.GetAttribute("value"));
        Assert.Equal(DossierStatus.InProcess, (await f.DossierAsync(id)).Status);

        AssertRedirectTo(await ActAsync(holder, id, "form-payment", new() { ["Amount"] = "30000", ["Note"] = "Lệ phí cấp giấy" }), $"/can-bo/ho-so/{id}");
        var d = await f.DossierAsync(id);
        Assert.Equal(DossierStatus.AwaitingPayment, d.Status);
        Assert.Equal(30_000, d.FeeDueVnd);

        AssertRedirectTo(await ActAsync(await f.SignInAsync("motcua.hongbang"), id, "form-paid"), $"/can-bo/ho-so/{id}");
        d = await f.DossierAsync(id);
        Assert.Equal(DossierStatus.InProcess, d.Status);
        Assert.Equal(PaymentState.PaidOffline, d.Payment);
    }

    [Fact]
    public async Task Only_an_approver_stops_processing_and_the_open_steps_are_cancelled()
    {
        var id = await InProcessAsync();
        var holder = await HolderAsync(id);
        var version = (await f.DossierAsync(id)).Version;
        var refused = await PostAsync(holder, $"/can-bo/ho-so/{id}/dung-xu-ly", new() { ["Version"] = V(version), ["Reason"] = "Không đủ điều kiện." });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        AssertRedirectTo(await ActAsync(await f.SignInAsync("pheduyet.hongbang"), id, "form-stop", new() { ["Reason"] = "Người yêu cầu không đủ điều kiện theo quy định." }), $"/can-bo/ho-so/{id}");
        var d = await f.DossierAsync(id);
        Assert.Equal(DossierStatus.Stopped, d.Status);
        Assert.NotNull(d.FinishedAt);
        Assert.All(await f.StepsAsync(id), s => Assert.Equal(StepState.Cancelled, s.State));
    }

    [Fact]
    public async Task The_apology_moves_the_deadline_once_it_is_mailed_and_texted_to_the_online_applicant_and_a_second_one_is_refused()
    {
        var id = await InProcessAsync(email: "xinloi@example.vn");
        var approver = await f.SignInAsync("pheduyet.hongbang");
        var d = await f.DossierAsync(id);
        var calendar = await f.App.Services.GetRequiredService<CalendarProvider>().GetAsync();
        var newDate = calendar.NextWorkingDay(calendar.NextWorkingDay(calendar.LocalDate(d.DueAt!.Value)));
        AssertRedirectTo(await ActAsync(approver, id, "form-apology", new() { ["Reason"] = "Cần xác minh thông tin tại nơi cư trú trước đây.", ["NewDate"] = newDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }), $"/can-bo/ho-so/{id}");
        d = await f.DossierAsync(id);
        Assert.NotNull(d.ApologyIssuedAt);
        Assert.Equal(newDate, calendar.LocalDate(d.DueAt!.Value));
        Assert.Equal(calendar.Options.AfternoonEnd, TimeOnly.FromDateTime(calendar.ToLocal(d.DueAt!.Value)));

        await f.DispatchAllAsync();
        var letter = Assert.Single((await f.DossierAsync(id)).Documents, x => x.Title.Contains("Mẫu 04", StringComparison.Ordinal));
        var text = PdfCheck.Text(await (await approver.Http.GetAsync($"/tai-lieu/{letter.Id}")).Content.ReadAsByteArrayAsync()).ReplaceLineEndings(" ");
        Assert.Contains("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", text, StringComparison.Ordinal);
        Assert.Contains("Cần xác minh thông tin tại nơi cư trú trước đây.", text, StringComparison.Ordinal);
        Assert.Contains(newDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        var letterMail = Assert.Single(f.MailsTo("xinloi@example.vn"), m => (m.Subject ?? string.Empty).Contains("Mẫu 04", StringComparison.Ordinal));
        Assert.Single(letterMail.Attachments);
        var code = d.Code!;
        Assert.Single(Directory.GetFiles(f.SmsFolder, "*.txt"), m => File.ReadAllText(m).Contains(code, StringComparison.Ordinal) && File.ReadAllText(m).Contains("xin lỗi", StringComparison.Ordinal));

        var page = await approver.GetAsync($"/can-bo/ho-so/{id}");
        Assert.Null(page.Document.QuerySelector("form#form-apology"));
        var second = await PostAsync(approver, $"/can-bo/ho-so/{id}/xin-loi", new()
        {
            ["Version"] = V(d.Version),
            ["Reason"] = "Lại chậm.",
            ["NewDate"] = calendar.NextWorkingDay(newDate).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("ngày hẹn chỉ được lùi một lần", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_apology_for_a_walk_in_applicant_is_printed_not_sent()
    {
        var id = await WalkInAsync(await f.SignInAsync("motcua.hongbang"), "Trần Thị Bích", "031195004321", "0901234567", "bich@example.vn");
        var d = await f.DossierAsync(id);
        var calendar = await f.App.Services.GetRequiredService<CalendarProvider>().GetAsync();
        var newDate = calendar.NextWorkingDay(calendar.NextWorkingDay(calendar.LocalDate(d.DueAt!.Value)));
        await ActAsync(await f.SignInAsync("pheduyet.hongbang"), id, "form-apology", new() { ["Reason"] = "Chờ kết quả xác minh.", ["NewDate"] = newDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        await f.DispatchAllAsync();
        Assert.Single((await f.DossierAsync(id)).Documents, x => x.Title.Contains("Mẫu 04", StringComparison.Ordinal));
        Assert.DoesNotContain(f.MailsTo("bich@example.vn"), m => (m.Subject ?? string.Empty).Contains("Mẫu 04", StringComparison.Ordinal));
        Assert.DoesNotContain(Directory.GetFiles(f.SmsFolder, "*.txt"), m => File.ReadAllText(m).Contains(d.Code!, StringComparison.Ordinal) && File.ReadAllText(m).Contains("xin lỗi", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_desk_records_a_walk_in_applicants_paper_supplement_and_the_clock_resumes_in_working_time()
    {
        var desk = await f.SignInAsync("motcua.hongbang");
        var id = await WalkInAsync(desk, "Đỗ Văn Sơn", "031090007788");
        // The counter form hands a walk-in to processing at once unless told otherwise.
        Assert.Equal(DossierStatus.InProcess, (await f.DossierAsync(id)).Status);
        var holder = await HolderAsync(id);
        AssertRedirectTo(await ActAsync(holder, id, "form-supplement", new() { ["OtherDocuments"] = "Bản sao giấy chứng nhận kết hôn", ["Reason"] = "Cần giấy chứng nhận kết hôn trước đây." }), $"/can-bo/ho-so/{id}");
        Assert.Null((await holder.GetAsync($"/can-bo/ho-so/{id}")).Document.QuerySelector("form#form-paper-supplement"));

        // What was typed stays when the note is too short; then the desk records the papers and the dossier goes on.
        var page = await desk.GetAsync($"/can-bo/ho-so/{id}");
        Assert.Equal("Bản sao giấy chứng nhận kết hôn", page.Document.QuerySelector("#paper-received")!.TextContent.Trim());
        var tooShort = await desk.SubmitAsync(page, "form#form-paper-supplement", new Dictionary<string, string?> { ["Received"] = "abc" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        var again = await Page.ReadAsync(tooShort);
        Assert.Equal("abc", again.Document.QuerySelector("#paper-received")!.TextContent.Trim());
        Assert.Contains("Ghi rõ giấy tờ bổ sung đã nhận", again.Document.QuerySelector("#form-paper-supplement")!.TextContent, StringComparison.Ordinal);
        var paused = (await f.DossierAsync(id)).PausedSince!.Value;
        AssertRedirectTo(await desk.SubmitAsync(again, "form#form-paper-supplement", new Dictionary<string, string?> { ["Received"] = "Bản sao giấy chứng nhận kết hôn, 01 bản" }), $"/can-bo/ho-so/{id}");

        var d = await f.DossierAsync(id);
        var calendar = await f.App.Services.GetRequiredService<CalendarProvider>().GetAsync();
        Assert.Equal(DossierStatus.InProcess, d.Status);
        Assert.Null(d.PausedSince);
        Assert.Equal(calendar.WorkingMinutesBetween(paused, d.UpdatedAt), d.PausedMinutes);
        Assert.NotNull(Assert.Single(d.SupplementRequests).AnsweredAt);
        var line = Assert.Single(d.History, h => h.Action == nameof(Dossier.ReceiveSupplementAtDesk));
        Assert.Equal("Bản sao giấy chứng nhận kết hôn, 01 bản", line.Note);
        var handOffs = await f.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().DossierHandOffs.Where(h => h.DossierId == id).OrderBy(h => h.Id).ToListAsync());
        var back = handOffs[^1];
        Assert.Equal(("Đỗ Văn Sơn", Roles.Citizen, Roles.Reception), (back.FromName, back.FromRole, back.ToRole));
        Assert.Contains("bổ sung", back.Purpose, StringComparison.Ordinal);
        var sheet = PdfCheck.Text(await (await desk.Http.GetAsync($"/can-bo/ho-so/{id}/phieu-kiem-soat")).Content.ReadAsByteArrayAsync()).ReplaceLineEndings(" ");
        Assert.Contains("Nộp hồ sơ bổ sung tại bộ phận một cửa", sheet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_rule_comes_back_on_the_same_form_with_what_was_typed_and_an_apology_cannot_promise_a_past_date()
    {
        var id = await InProcessAsync(email: "homnay@example.vn");
        var approver = await f.SignInAsync("pheduyet.hongbang");
        var calendar = await f.App.Services.GetRequiredService<CalendarProvider>().GetAsync();
        var d = await f.DossierAsync(id);
        var page = await approver.GetAsync($"/can-bo/ho-so/{id}");
        var suggested = DateOnly.ParseExact(page.Document.QuerySelector("#apology-date")!.GetAttribute("value")!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.True(suggested > calendar.LocalDate(DateTime.UtcNow) && suggested > calendar.LocalDate(d.DueAt!.Value));

        var saturday = calendar.LocalDate(d.DueAt!.Value).AddDays(7);
        while (saturday.DayOfWeek != DayOfWeek.Saturday)
        {
            saturday = saturday.AddDays(1);
        }

        var refused = await approver.SubmitAsync(page, "form#form-apology", new Dictionary<string, string?>
        {
            ["NewDate"] = saturday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Reason"] = "Cần xác minh tại nơi cư trú cũ.",
        });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var shown = await Page.ReadAsync(refused);
        Assert.Contains("không phải ngày làm việc", shown.Document.QuerySelector("#refused")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Cần xác minh tại nơi cư trú cũ.", shown.Document.QuerySelector("#apology-reason")!.TextContent.Trim());
        Assert.Equal(saturday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), shown.Document.QuerySelector("#apology-date")!.GetAttribute("value"));
        Assert.Null((await f.DossierAsync(id)).ApologyIssuedAt);

        var yesterday = await PostAsync(approver, $"/can-bo/ho-so/{id}/xin-loi", new()
        {
            ["Version"] = V(d.Version),
            ["Reason"] = "Cần xác minh tại nơi cư trú cũ.",
            ["NewDate"] = calendar.LocalDate(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Conflict, yesterday.StatusCode);
        Assert.Contains("Ngày hẹn mới phải sau", await yesterday.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await f.DossierAsync(id)).ApologyIssuedAt);

        // A stale page says who acted first.
        var holder = await HolderAsync(id);
        var stalePage = await holder.GetAsync($"/can-bo/ho-so/{id}");
        AssertRedirectTo(await ActAsync(holder, id, "form-supplement", new() { ["OtherDocuments"] = "Giấy xác nhận cư trú", ["Reason"] = "Cần xác nhận nơi cư trú trước đây." }), $"/can-bo/ho-so/{id}");
        var stale = await holder.SubmitAsync(stalePage, "form#form-supplement", new Dictionary<string, string?> { ["OtherDocuments"] = "Giấy khác", ["Reason"] = "Yêu cầu lần nữa từ trang cũ." });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Yêu cầu bổ sung", (await Page.ReadAsync(stale)).Document.QuerySelector("#refused")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_returned_result_needs_the_desk_and_online_return_needs_an_electronic_result()
    {
        var id = await InProcessAsync();
        await ActAsync(await HolderAsync(id), id, "form-complete");
        await ActAsync(await HolderAsync(id), id, "form-complete");
        await ActAsync(await f.SignInAsync("pheduyet.hongbang"), id, "form-decide", new() { ["Result"] = "PaperOnly" });
        var d = await f.DossierAsync(id);
        Assert.False(d.HasElectronicResult);

        var approverReturn = await PostAsync(await f.SignInAsync("pheduyet.hongbang"), $"/can-bo/ho-so/{id}/tra-ket-qua", new() { ["Version"] = V(d.Version), ["Method"] = "AtDesk" });
        Assert.Equal(HttpStatusCode.Forbidden, approverReturn.StatusCode);

        var desk = await f.SignInAsync("motcua.hongbang");
        var online = await PostAsync(desk, $"/can-bo/ho-so/{id}/tra-ket-qua", new() { ["Version"] = V(d.Version), ["Method"] = "Online" });
        Assert.Equal(HttpStatusCode.Conflict, online.StatusCode);
        Assert.Contains("Chưa có kết quả điện tử", await online.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        AssertRedirectTo(await ActAsync(desk, id, "form-return", new() { ["Method"] = "ByPost" }), $"/can-bo/ho-so/{id}");
        d = await f.DossierAsync(id);
        Assert.Equal(DossierStatus.ResultReturned, d.Status);
        Assert.Equal(ResultReturnMethod.ByPost, d.ResultReturnMethod);
        var last = (await f.QueryAsync(db => db.DossierHandOffs.Where(h => h.DossierId == id).OrderBy(h => h.Id).ToListAsync()))[^1];
        Assert.Equal(Roles.Citizen, last.ToRole);
        Assert.NotNull(last.Result);
    }

    [Fact]
    public async Task A_leader_sees_the_dossier_and_its_audit_trail_but_cannot_act()
    {
        var id = await InProcessAsync();
        var leader = await f.SignInAsync("lanhdao.hongbang");
        var page = await leader.GetAsync($"/can-bo/ho-so/{id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("#audit-h"));
        Assert.Empty(page.Document.QuerySelectorAll("form[action^='/can-bo/ho-so']"));
        var response = await PostAsync(leader, $"/can-bo/ho-so/{id}/dung-xu-ly", new() { ["Version"] = V((await f.DossierAsync(id)).Version), ["Reason"] = "Thử dừng." });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(DossierStatus.InProcess, (await f.DossierAsync(id)).Status);

        var handler = await f.SignInAsync("chuyenvien.hongbang");
        Assert.Null((await handler.GetAsync($"/can-bo/ho-so/{id}")).Document.QuerySelector("#audit-h"));
        var otherLeader = await f.SignInAsync("lanhdao.lechan");
        Assert.Equal(HttpStatusCode.NotFound, (await otherLeader.Http.GetAsync($"/can-bo/ho-so/{id}")).StatusCode);
    }
}
