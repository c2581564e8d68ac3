using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Processing;
using Portal.Testing;

namespace Portal.E2E.Tests;

/// <summary>
/// A dossier from the reception queue to "result returned", as the desk official and the agency's handlers and
/// approver do it in a browser: keyboard-reachable forms, screenshots of each page, axe on each.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfficialsJourney(BrowserFixture browser)
{
    private async Task<(long Id, string Code)> FileOnlineAsync()
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<PortalDb>();
        var calendar = await sp.GetRequiredService<CalendarProvider>().GetAsync();
        var agency = await db.Agencies.SingleAsync(a => a.Code == "000.20.01.H31");
        var p = await db.Procedures.Where(x => x.Name.Contains("tình trạng hôn nhân")).SingleAsync();
        var citizen = await db.Users.SingleAsync(u => u.Email == "congdan@demo.haiphong.vn");
        var now = DateTime.UtcNow;
        var dossier = Dossier.StartDraft(new ProcedureRef(p.Id, p.CurrentVersionId!.Value, p.SectorId), agency.Id, citizen.ToApplicant() with { Email = "an@example.vn" }, citizen.Id, now);
        FiledDossiers.AttachMandatoryFiles(dossier, await db.ProcedureVersions.AsNoTracking().SingleAsync(v => v.Id == p.CurrentVersionId), citizen.Id, now);

        dossier.Submit(await sp.GetRequiredService<DossierCodeAllocator>().NextAsync(agency.Code, calendar.LocalDate(now)), "112233", now, citizen.ToActor(Roles.Citizen));
        db.Dossiers.Add(dossier);
        await db.SaveChangesAsync();
        return (dossier.Id, dossier.Code!);
    }

    private async Task<T> QueryAsync<T>(Func<PortalDb, Task<T>> query)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PortalDb>());
    }

    private async Task<IPage> AsAsync(string email, int width = 1280)
    {
        var page = await browser.NewPageAsync(width);
        await BrowserFixture.SignInAsync(page, email);
        return page;
    }

    private static async Task SubmitAsync(IPage page, string form)
    {
        await page.ClickAsync($"form#{form} button[type=submit]");
        await page.WaitForSelectorAsync("div.alert-success[role=status]");
    }

    [Fact]
    public async Task A_dossier_goes_from_the_reception_queue_to_result_returned()
    {
        var (id, code) = await FileOnlineAsync();

        // The desk finds it in the reception queue and receives it, handing it to the first step.
        var desk = await AsAsync("motcua.hongbang@demo.haiphong.vn");
        await desk.GotoAsync("/can-bo/tiep-nhan");
        Assert.Contains(code, await desk.InnerTextAsync("main"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(desk, "officials-reception-queue");
        await BrowserFixture.AssertAccessibleAsync(desk);
        await desk.ClickAsync($"text={code}");
        await desk.WaitForAddressAsync(new Regex($"/can-bo/ho-so/{id}$"));
        await BrowserFixture.ScreenshotAsync(desk, "officials-dossier-received-page");
        await BrowserFixture.AssertAccessibleAsync(desk);
        Assert.True(await desk.IsCheckedAsync("#accept-start"));
        await SubmitAsync(desk, "form-accept");
        Assert.Contains("Đang xử lý", await desk.InnerTextAsync("main h1"), StringComparison.Ordinal);
        await desk.Context.CloseAsync();

        // Each step's holder opens "my tasks", takes the dossier and hands it on; the approver decides.
        for (var guard = 0; guard < 6; guard++)
        {
            var active = await QueryAsync(db => db.DossierSteps.AsNoTracking().SingleOrDefaultAsync(s => s.DossierId == id && s.State == StepState.Active));
            if (active is null)
            {
                break;
            }

            var email = await QueryAsync(db => db.Users.Where(u => u.Id == active.AssigneeId).Select(u => u.Email!).SingleAsync());
            var official = await AsAsync(email);
            await official.GotoAsync("/can-bo");
            Assert.Contains(code, await official.InnerTextAsync("table.worklist"), StringComparison.Ordinal);
            if (guard == 0)
            {
                await BrowserFixture.ScreenshotAsync(official, "officials-my-tasks");
                await BrowserFixture.AssertAccessibleAsync(official);
            }

            await official.ClickAsync($"text={code}");
            await official.WaitForAddressAsync(new Regex($"/can-bo/ho-so/{id}$"));
            if (await official.IsVisibleAsync("form#form-complete"))
            {
                await official.FillAsync("#complete-note", $"Đã xong bước {active.Index}.");
                await SubmitAsync(official, "form-complete");
            }
            else
            {
                await BrowserFixture.ScreenshotAsync(official, "officials-approver-decides");
                await BrowserFixture.AssertAccessibleAsync(official);
                await official.FillAsync("#decide-note", "Cấp Giấy xác nhận tình trạng hôn nhân.");
                await official.CheckAsync("#decide-gen");
                await SubmitAsync(official, "form-decide");
                Assert.Contains("Đã xử lý xong", await official.InnerTextAsync("main h1"), StringComparison.Ordinal);
            }

            await official.Context.CloseAsync();
        }

        // The generated result is rendered by the Hangfire worker; the desk returns the result online.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !await QueryAsync(db => db.DossierDocuments.AnyAsync(d => d.DossierId == id && d.Kind == DocumentKind.Result)))
        {
            await Task.Delay(250);
        }

        desk = await AsAsync("motcua.hongbang@demo.haiphong.vn");
        await desk.GotoAsync($"/can-bo/ho-so/{id}");
        Assert.Contains("Kết quả giải quyết (bản điện tử)", await desk.InnerTextAsync("main"), StringComparison.Ordinal);
        await desk.CheckAsync("#return-online");
        await SubmitAsync(desk, "form-return");
        Assert.Contains("Đã trả kết quả", await desk.InnerTextAsync("main h1"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(desk, "officials-result-returned");
        await BrowserFixture.AssertAccessibleAsync(desk);

        var download = await desk.RunAndWaitForDownloadAsync(() => desk.ClickAsync("text=Phiếu kiểm soát quá trình giải quyết (Mẫu 05, PDF)"));
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        await desk.Context.CloseAsync();

        var dossier = await QueryAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Equal(DossierStatus.ResultReturned, dossier.Status);
        Assert.Equal(5, await QueryAsync(db => db.DossierHandOffs.CountAsync(h => h.DossierId == id)));
        var views = await QueryAsync(db => db.AuditTrail.AsNoTracking().Where(a => a.DossierId == id && a.Action == "dossier.view").ToListAsync());
        Assert.NotEmpty(views);
        Assert.All(views, v => Assert.Equal("127.0.0.1", v.IpAddress));

        // A leader reads the audit trail on the dossier.
        var leader = await AsAsync("lanhdao.hongbang@demo.haiphong.vn");
        await leader.GotoAsync($"/can-bo/ho-so/{id}");
        Assert.Contains("dossier.return", await leader.InnerTextAsync("#audit-h + p + div"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(leader, "officials-leader-audit");
        await BrowserFixture.AssertAccessibleAsync(leader);
        await leader.Context.CloseAsync();
    }

    [Fact]
    public async Task The_desk_ticks_what_it_received_the_approver_sends_back_and_a_walk_in_supplement_is_recorded_at_the_desk()
    {
        var (id, code) = await FileOnlineAsync();

        // The checklist: what came with files is ticked; unticking a mandatory one is refused on the same page, ticks kept.
        var desk = await AsAsync("motcua.hongbang@demo.haiphong.vn");
        await desk.GotoAsync($"/can-bo/ho-so/{id}");
        await desk.Locator("#accept-checklist").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(desk, "officials-accept-checklist");
        await BrowserFixture.AssertAccessibleAsync(desk);
        var ticked = await desk.Locator("#accept-checklist input[type=checkbox]:checked").CountAsync();
        Assert.True(ticked > 0);
        var firstBox = desk.Locator("#accept-checklist input[type=checkbox]:checked").First;
        var firstId = await firstBox.GetAttributeAsync("id");
        await firstBox.UncheckAsync();
        await desk.ClickAsync("form#form-accept button[type=submit]");
        await desk.WaitForSelectorAsync("#refused");
        Assert.Contains("Chưa nhận đủ giấy tờ bắt buộc", await desk.InnerTextAsync("#refused"), StringComparison.Ordinal);
        Assert.Equal(ticked - 1, await desk.Locator("#accept-checklist input[type=checkbox]:checked").CountAsync());
        await BrowserFixture.ScreenshotAsync(desk, "officials-accept-checklist-refused");
        await desk.CheckAsync($"#{firstId}");
        await SubmitAsync(desk, "form-accept");
        await desk.Context.CloseAsync();
        Assert.Equal(ticked, (await QueryAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == id))).ReceivedDocuments.Count);

        // Two handlers' steps, then the approver sends it back to the second with a reason.
        for (var step = 1; step <= 2; step++)
        {
            var holder = await AsAsync(await HolderEmailAsync(id));
            await holder.GotoAsync($"/can-bo/ho-so/{id}");
            await holder.FillAsync("#complete-note", $"Đã xong bước {step}.");
            await SubmitAsync(holder, "form-complete");
            await holder.Context.CloseAsync();
        }

        var approver = await AsAsync(await HolderEmailAsync(id));
        await approver.GotoAsync($"/can-bo/ho-so/{id}");
        await approver.FillAsync("#sendback-reason", "Dự thảo ghi sai ngày sinh, sửa theo CCCD.");
        await approver.Locator("#form-sendback").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(approver, "officials-approver-sends-back");
        await BrowserFixture.AssertAccessibleAsync(approver);
        await SubmitAsync(approver, "form-sendback");
        await approver.Context.CloseAsync();
        var drafter = await AsAsync(await HolderEmailAsync(id));
        await drafter.GotoAsync("/can-bo");
        Assert.Contains(code, await drafter.InnerTextAsync("table.worklist"), StringComparison.Ordinal);
        await drafter.GotoAsync($"/can-bo/ho-so/{id}");
        Assert.Contains("sửa theo CCCD", await drafter.InnerTextAsync("main"), StringComparison.Ordinal);
        await drafter.Context.CloseAsync();

        // A walk-in applicant is asked for a paper; the desk records it when it is handed in, and the dossier goes on.
        desk = await AsAsync("motcua.hongbang@demo.haiphong.vn");
        await desk.GotoAsync("/can-bo/quay");
        await desk.SelectOptionAsync("#thuTuc", new SelectOptionValue { Label = "Cấp Giấy xác nhận tình trạng hôn nhân" });
        await desk.ClickAsync("form[action='/can-bo/quay'] button[type=submit]");
        await desk.WaitForSelectorAsync("form#counter-form");
        await desk.FillAsync("#FullName", "Đỗ Văn Sơn");
        await desk.FillAsync("#IdNumber", "031090007788");
        await desk.FillAsync("#Phone", "0901234568");
        foreach (var (field, value) in new[] { ("f_subject_name", "Đỗ Văn Sơn"), ("f_subject_dob", "1990-04-12"), ("f_subject_residence", "Số 9 Lê Lợi, phường Hồng Bàng") })
        {
            await desk.FillAsync($"[name={field}]", value);
        }

        foreach (var (field, value) in new[] { ("f_subject_gender", "Nam"), ("f_relation", "Bản thân") })
        {
            await desk.SelectOptionAsync($"[name={field}]", value);
        }

        foreach (var box in await desk.Locator("#counter-checklist input.mandatory-paper").AllAsync())
        {
            await box.CheckAsync();
        }

        await BrowserFixture.ScreenshotAsync(desk, "officials-counter-checklist");

        // A mistyped CCCD beside a chosen scan: the form comes back with the scan kept, not to be chosen again.
        await desk.FillAsync("#IdNumber", "0310900077");
        await desk.SetInputFilesAsync("#scan-0", new FilePayload { Name = "to-khai-son.pdf", MimeType = "application/pdf", Buffer = BrowserFixture.TinyPdf });
        await desk.ClickAsync("form#counter-form button[type=submit]");
        await desk.WaitForSelectorAsync("#counter-errors");
        Assert.Contains("Đã chọn: to-khai-son.pdf", await desk.Locator("#scan-0").Locator("xpath=..").InnerTextAsync(), StringComparison.Ordinal);
        await desk.Locator("#counter-checklist .staged-scan").First.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(desk, "officials-counter-kept-scan");
        await BrowserFixture.AssertAccessibleAsync(desk);
        await desk.FillAsync("#IdNumber", "031090007788");
        await desk.ClickAsync("form#counter-form button[type=submit]");
        await desk.WaitForURLAsync(new Regex("/can-bo/ho-so/\\d+$"));
        var walkIn = long.Parse(desk.Url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(await QueryAsync(db => db.DossierDocuments.Where(x => x.DossierId == walkIn).Select(x => x.FileName).ToListAsync()), n => n == "to-khai-son.pdf");

        // The receipt is there at once, to print from the success page.
        await BrowserFixture.ScreenshotAsync(desk, "officials-counter-saved-print-receipt");
        var print = desk.Locator("#print-receipt");
        Assert.Equal("In giấy tiếp nhận", (await print.InnerTextAsync()).Trim());
        var href = await print.GetAttributeAsync("href") ?? "";
        var receipt = await desk.Context.APIRequest.GetAsync(href);
        // Should this node's worker have claimed the row first, the page waits for it (503, reloading), as a browser would.
        for (var wait = 0; wait < 20 && receipt.Status == 503; wait++)
        {
            await Task.Delay(500);
            receipt = await desk.Context.APIRequest.GetAsync(href);
        }

        Assert.Equal(200, receipt.Status);
        Assert.StartsWith("application/pdf", receipt.Headers["content-type"], StringComparison.Ordinal);
        Assert.StartsWith("inline", receipt.Headers["content-disposition"], StringComparison.Ordinal);
        await desk.Context.CloseAsync();
        var handler = await AsAsync(await HolderEmailAsync(walkIn));
        await handler.GotoAsync($"/can-bo/ho-so/{walkIn}");
        await handler.FillAsync("#sup-other", "Bản sao giấy chứng nhận kết hôn trước đây");
        await handler.FillAsync("#sup-reason", "Cần giấy tờ về hôn nhân trước đây.");
        await SubmitAsync(handler, "form-supplement");
        await handler.Context.CloseAsync();
        desk = await AsAsync("motcua.hongbang@demo.haiphong.vn");
        await desk.GotoAsync($"/can-bo/ho-so/{walkIn}");
        await desk.FillAsync("#paper-received", "Bản sao giấy chứng nhận kết hôn trước đây, 01 bản");
        await desk.Locator("#form-paper-supplement").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(desk, "officials-paper-supplement");
        await BrowserFixture.AssertAccessibleAsync(desk);
        await SubmitAsync(desk, "form-paper-supplement");
        Assert.Contains("Đang xử lý", await desk.InnerTextAsync("main h1"), StringComparison.Ordinal);
        await desk.Context.CloseAsync();
        Assert.Equal(DossierStatus.InProcess, (await QueryAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == walkIn))).Status);
    }

    [Fact]
    public async Task The_handler_asks_the_land_office_for_its_opinion_which_answers_in_its_own_tab_and_the_step_goes_on()
    {
        var (id, code) = await FileOnlineAsync();
        var desk = await AsAsync("motcua.hongbang@demo.haiphong.vn");
        await desk.GotoAsync($"/can-bo/ho-so/{id}");
        await SubmitAsync(desk, "form-accept");
        await desk.Context.CloseAsync();

        // The holder asks the land office (Sở Nông nghiệp và Môi trường), one working day; the step then waits (no completion form).
        var holder = await AsAsync(await HolderEmailAsync(id));
        await holder.GotoAsync($"/can-bo/ho-so/{id}");
        await holder.SelectOptionAsync("#opinion-agency", new SelectOptionValue { Label = "Sở Nông nghiệp và Môi trường thành phố Hải Phòng" });
        await holder.FillAsync("#opinion-days", "1");
        await holder.FillAsync("#opinion-question", "Đề nghị xác nhận người nộp không đứng tên thửa đất nào đang tranh chấp.");
        await holder.Locator("#form-opinion").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(holder, "officials-opinion-request");
        await BrowserFixture.AssertAccessibleAsync(holder);
        await SubmitAsync(holder, "form-opinion");
        Assert.Contains("đang chờ ý kiến của Sở Nông nghiệp và Môi trường", await holder.InnerTextAsync("#awaiting-opinion"), StringComparison.Ordinal);
        Assert.Equal(0, await holder.Locator("form#form-complete").CountAsync());
        await holder.Context.CloseAsync();

        // The land office's handler finds it under "Xin ý kiến", opens it and answers.
        var land = await AsAsync("chuyenvien.sonnmt@demo.haiphong.vn");
        await land.GotoAsync("/can-bo/xin-y-kien");
        Assert.Contains(code, await land.InnerTextAsync("table.opinion-list"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(land, "officials-opinion-inbox");
        await BrowserFixture.AssertAccessibleAsync(land);
        await land.ClickAsync($"table.opinion-list a:has-text('{code}')");
        await land.WaitForSelectorAsync("form[id^=form-answer-]");
        await land.FillAsync("form[id^=form-answer-] textarea[name=Answer]", "Theo hồ sơ địa chính, người nộp không đứng tên thửa đất nào đang tranh chấp.");
        await BrowserFixture.ScreenshotAsync(land, "officials-opinion-answer");
        await BrowserFixture.AssertAccessibleAsync(land);
        await land.ClickAsync("form[id^=form-answer-] button[type=submit]");
        await land.WaitForSelectorAsync("div.alert-success[role=status]");
        await land.Context.CloseAsync();

        // The holder reads the answer on the dossier page and completes the step.
        holder = await AsAsync(await HolderEmailAsync(id));
        await holder.GotoAsync($"/can-bo/ho-so/{id}");
        Assert.Contains("không đứng tên thửa đất nào", await holder.InnerTextAsync("#opinions"), StringComparison.Ordinal);
        await holder.Locator("#opinions").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(holder, "officials-opinion-answered");
        await holder.FillAsync("#complete-note", "Đã có ý kiến của Sở Nông nghiệp và Môi trường.");
        await SubmitAsync(holder, "form-complete");
        await holder.Context.CloseAsync();
        var request = await QueryAsync(db => db.OpinionRequests.AsNoTracking().SingleAsync(r => r.DossierId == id));
        Assert.Equal(OpinionState.Answered, request.State);
        Assert.Equal(StepState.Done, (await QueryAsync(db => db.DossierSteps.AsNoTracking().SingleAsync(s => s.Id == request.StepId))).State);
    }

    private Task<string> HolderEmailAsync(long id) => QueryAsync(db =>
        db.Users.Where(u => db.DossierSteps.Any(s => s.DossierId == id && s.State == StepState.Active && s.AssigneeId == u.Id)).Select(u => u.Email!).SingleAsync());

    [Theory]
    [InlineData(360)]
    [InlineData(1280)]
    public async Task The_counter_form_and_the_agency_queue_fit_the_screen_and_pass_axe(int width)
    {
        var desk = await AsAsync("motcua.hongbang@demo.haiphong.vn", width);
        await desk.GotoAsync("/can-bo/quay");
        await desk.SelectOptionAsync("#thuTuc", new SelectOptionValue { Label = "Cấp Giấy xác nhận tình trạng hôn nhân" });
        await desk.ClickAsync("form[action='/can-bo/quay'] button[type=submit]");
        await desk.WaitForSelectorAsync("form#counter-form");
        await BrowserFixture.ScreenshotAsync(desk, $"officials-counter-{width}");
        await BrowserFixture.AssertAccessibleAsync(desk);
        Assert.False(await desk.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "the counter form scrolls sideways");

        // Nothing typed is lost when the form comes back with a message.
        await desk.FillAsync("#FullName", "Đỗ Thị Hạnh");
        await desk.FillAsync("#IdNumber", "123");
        await desk.ClickAsync("form#counter-form button[type=submit]");
        await desk.WaitForSelectorAsync("#counter-errors");
        Assert.Equal("Đỗ Thị Hạnh", await desk.InputValueAsync("#FullName"));
        Assert.Contains("Số CCCD gồm đúng 12 chữ số", await desk.InnerTextAsync("#counter-errors"), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(desk);

        await desk.GotoAsync("/can-bo/ho-so?tatCa=true");
        await BrowserFixture.ScreenshotAsync(desk, $"officials-agency-queue-{width}");
        await desk.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"officials-agency-queue-{width}-first-screen.png") });
        await BrowserFixture.AssertAccessibleAsync(desk);
        Assert.False(await desk.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "the queue scrolls sideways");

        // Keyboard: "/" jumps to the search box.
        await desk.Keyboard.PressAsync("/");
        Assert.Equal("q", await desk.EvaluateAsync<string>("() => document.activeElement.id"));
        await desk.Context.CloseAsync();
    }
}
