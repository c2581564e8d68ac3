using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Dossiers;
using Portal.Core.Processing;
using Portal.Testing;
using static Portal.Web.Tests.Areas.Officials.OfficialsFixture;

namespace Portal.Web.Tests.Areas.Officials;

public sealed class ReceptionTests(OfficialsFixture f) : IClassFixture<OfficialsFixture>
{
    [Fact]
    public async Task The_desk_accepts_an_online_dossier_and_hands_it_to_the_least_loaded_handler()
    {
        var id = await f.NewOnlineDossierAsync();
        var desk = await f.SignInAsync("motcua.hongbang");
        var queue = await desk.GetAsync("/can-bo/tiep-nhan");
        var code = (await f.DossierAsync(id)).Code!;
        Assert.Contains(code, queue.Text, StringComparison.Ordinal);

        AssertRedirectTo(await ActAsync(desk, id, "form-accept"), $"/can-bo/ho-so/{id}");

        var d = await f.DossierAsync(id);
        Assert.Equal(DossierStatus.InProcess, d.Status);
        Assert.NotNull(d.ReceivedAt);
        Assert.True(d.PromisedAt > d.ReceivedAt);
        var steps = await f.StepsAsync(id);
        Assert.Equal(3, steps.Count);
        Assert.Equal(StepState.Active, steps[0].State);
        Assert.Equal(Roles.Handler, steps[0].Role);
        var handlers = await f.QueryAsync(db => db.Users.Where(u => u.Email!.StartsWith("chuyenvien") && u.Email.EndsWith("hongbang" + Domain)).Select(u => u.Id).ToListAsync());
        Assert.Contains(steps[0].AssigneeId!.Value, handlers);
        Assert.All(steps.Skip(1), s => Assert.Equal(StepState.Pending, s.State));
        var handOff = Assert.Single(await f.QueryAsync(db => db.DossierHandOffs.Where(h => h.DossierId == id).ToListAsync()));
        Assert.Equal(Roles.Reception, handOff.FromRole);
        Assert.Equal(steps[0].AssigneeName, handOff.ToName);
        Assert.Contains(await f.QueryAsync(db => db.AuditTrail.Where(a => a.DossierId == id).Select(a => a.Action).ToListAsync()), a => a == "dossier.accept");
    }

    [Fact]
    public async Task Accepting_without_handing_over_leaves_the_dossier_received_until_the_desk_hands_it_over()
    {
        var id = await f.NewOnlineDossierAsync();
        var desk = await f.SignInAsync("motcua.hongbang");
        AssertRedirectTo(await ActAsync(desk, id, "form-accept", new() { ["StartNow"] = null }), $"/can-bo/ho-so/{id}");
        Assert.Equal(DossierStatus.Received, (await f.DossierAsync(id)).Status);
        Assert.Empty(await f.StepsAsync(id));

        AssertRedirectTo(await ActAsync(desk, id, "form-start"), $"/can-bo/ho-so/{id}");
        Assert.Equal(DossierStatus.InProcess, (await f.DossierAsync(id)).Status);
        Assert.Equal(StepState.Active, (await f.StepsAsync(id))[0].State);
    }

    [Fact]
    public async Task A_supplement_at_reception_does_not_start_the_clock_and_form_02_is_mailed_to_the_applicant()
    {
        var id = await f.NewOnlineDossierAsync(email: "bosung.tiepnhan@example.vn");
        var desk = await f.SignInAsync("motcua.hongbang");
        var page = await desk.GetAsync($"/can-bo/ho-so/{id}");
        var firstDocument = page.Document.QuerySelector("#form-supplement input[name=Documents]")!.GetAttribute("value")!;
        var response = await desk.SubmitAsync(page, "form#form-supplement", new Dictionary<string, string?>
        {
            ["Documents"] = firstDocument,
            ["OtherDocuments"] = "Bản sao sổ hộ khẩu có chứng thực",
            ["Reason"] = "Bản chụp tờ khai bị mờ, không đọc được ngày sinh.",
        });
        AssertRedirectTo(response, $"/can-bo/ho-so/{id}");

        var d = await f.DossierAsync(id);
        Assert.Equal(DossierStatus.AwaitingSupplement, d.Status);
        Assert.Null(d.ReceivedAt);
        Assert.Null(d.DueAt);
        var request = Assert.Single(d.SupplementRequests);
        Assert.True(request.AtReception);
        Assert.Equal([firstDocument, "Bản sao sổ hộ khẩu có chứng thực"], request.Documents);

        await f.DispatchAllAsync();
        var issued = Assert.Single((await f.DossierAsync(id)).Documents, x => x.Kind == DocumentKind.Issued);
        Assert.Contains("Mẫu 02", issued.Title, StringComparison.Ordinal);
        var download = await desk.Http.GetAsync($"/tai-lieu/{issued.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var text = PdfCheck.Text(await download.Content.ReadAsByteArrayAsync());
        Assert.Contains("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", text, StringComparison.Ordinal);
        Assert.Contains("Bản sao sổ hộ khẩu có chứng thực", text, StringComparison.Ordinal);

        var message = Assert.Single(f.MailsTo("bosung.tiepnhan@example.vn"), m => (m.Subject ?? string.Empty).Contains("Mẫu 02", StringComparison.Ordinal));
        Assert.Single(message.Attachments);
    }

    [Fact]
    public async Task A_refusal_at_reception_issues_form_03_with_the_reason()
    {
        var id = await f.NewOnlineDossierAsync();
        var desk = await f.SignInAsync("motcua.hongbang");
        AssertRedirectTo(await ActAsync(desk, id, "form-refuse", new() { ["Reason"] = "Thủ tục không thuộc thẩm quyền của Ủy ban nhân dân phường." }), $"/can-bo/ho-so/{id}");
        Assert.Equal(DossierStatus.RefusedAtReception, (await f.DossierAsync(id)).Status);

        await f.DispatchAllAsync();
        var issued = Assert.Single((await f.DossierAsync(id)).Documents, x => x.Kind == DocumentKind.Issued);
        var text = PdfCheck.Text(await (await desk.Http.GetAsync($"/tai-lieu/{issued.Id}")).Content.ReadAsByteArrayAsync());
        Assert.Contains("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", text, StringComparison.Ordinal);
        Assert.Contains("Thủ tục không thuộc thẩm quyền của Ủy ban nhân dân phường.", text.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_without_a_reason_shows_the_page_again_with_the_message_and_keeps_nothing()
    {
        var id = await f.NewOnlineDossierAsync();
        var desk = await f.SignInAsync("motcua.hongbang");
        var response = await ActAsync(desk, id, "form-refuse", new() { ["Reason"] = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Page.ReadAsync(response);
        Assert.Contains("Nêu rõ lý do từ chối", page.Text, StringComparison.Ordinal);
        Assert.Equal(DossierStatus.Submitted, (await f.DossierAsync(id)).Status);
    }

    [Fact]
    public async Task A_handler_may_not_receive_dossiers()
    {
        var id = await f.NewOnlineDossierAsync();
        var handler = await f.SignInAsync("chuyenvien.hongbang");
        var page = await handler.GetAsync($"/can-bo/ho-so/{id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Document.QuerySelector("form#form-accept"));
        var version = (await f.DossierAsync(id)).Version;
        var response = await PostAsync(handler, $"/can-bo/ho-so/{id}/tiep-nhan", new() { ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Chỉ cán bộ một cửa được tiếp nhận hồ sơ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(DossierStatus.Submitted, (await f.DossierAsync(id)).Status);
    }

    [Fact]
    public async Task The_desk_of_another_agency_gets_404_for_the_page_the_action_and_the_control_sheet()
    {
        var id = await f.NewOnlineDossierAsync();
        var other = await f.SignInAsync("motcua.lechan");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/can-bo/ho-so/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/can-bo/ho-so/{id}/phieu-kiem-soat")).StatusCode);
        var version = (await f.DossierAsync(id)).Version;
        var response = await PostAsync(other, $"/can-bo/ho-so/{id}/tiep-nhan", new() { ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain((await f.DossierAsync(id)).Applicant.FullName, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(DossierStatus.Submitted, (await f.DossierAsync(id)).Status);
        var citizen = await f.SignInAsync("congdan");
        Assert.NotEqual(HttpStatusCode.OK, (await citizen.Http.GetAsync($"/can-bo/ho-so/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_desk_ticks_what_it_received_and_the_receipt_lists_exactly_that()
    {
        var id = await f.NewOnlineDossierAsync();
        var version = await f.QueryAsync(db => db.ProcedureVersions.AsNoTracking().SingleAsync(v => db.Dossiers.Any(d => d.Id == id && d.ProcedureVersionId == v.Id)));
        var mandatory = version.Documents.Select((r, i) => (r, i)).Where(x => x.r.Mandatory).ToList();
        var optional = version.Documents.Select((r, i) => (r, i)).Where(x => !x.r.Mandatory).ToList();
        Assert.NotEmpty(mandatory);
        var desk = await f.SignInAsync("motcua.hongbang");
        var page = await desk.GetAsync($"/can-bo/ho-so/{id}");

        // The documents that came with files are ticked; one without a file is not.
        Assert.All(mandatory, x => Assert.NotNull(page.Document.QuerySelector($"#accept-doc-{x.i}[checked]")));
        Assert.All(optional, x => Assert.Null(page.Document.QuerySelector($"#accept-doc-{x.i}[checked]")));

        // Unticking a mandatory one refuses the acceptance on the same form, with the ticks and the copies kept.
        var first = mandatory[0].i;
        var form = page.Document.QuerySelector("form#form-accept")!;
        var values = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("Version", form.QuerySelector("input[name=Version]")!.GetAttribute("value")!),
            new("StartNow", "true"),
        };
        values.AddRange(mandatory.Skip(1).Select(x => new KeyValuePair<string, string>("Received", x.i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        values.Add(new($"Copies[{first}]", "2"));
        var refused = await desk.Http.PostAsync($"/can-bo/ho-so/{id}/tiep-nhan", new FormUrlEncodedContent(values));
        var again = await Page.ReadAsync(refused);
        Assert.True(refused.StatusCode == HttpStatusCode.Conflict, again.Document.QuerySelector("#form-accept")?.TextContent);
        Assert.Contains("Chưa nhận đủ giấy tờ bắt buộc", again.Document.QuerySelector("#refused")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(mandatory[0].r.Name, again.Document.QuerySelector("#refused")!.TextContent, StringComparison.Ordinal);
        Assert.Null(again.Document.QuerySelector($"#accept-doc-{first}[checked]"));
        Assert.Equal("2", again.Document.QuerySelector($"#accept-copies-{first}")!.GetAttribute("value"));
        Assert.Equal(DossierStatus.Submitted, (await f.DossierAsync(id)).Status);

        // Ticking them all, two copies of the first, receives it; the receipt lists what was ticked, electronically.
        ((AngleSharp.Html.Dom.IHtmlInputElement)again.Document.QuerySelector($"#accept-doc-{first}")!).IsChecked = true;
        AssertRedirectTo(await desk.SubmitAsync(again, "form#form-accept", new Dictionary<string, string?>()), $"/can-bo/ho-so/{id}");
        var d = await f.DossierAsync(id);
        Assert.Equal(mandatory.Select(x => x.i), d.ReceivedDocuments.Select(r => r.RequirementIndex));
        Assert.Equal(2, d.ReceivedDocuments[0].Count);
        Assert.All(d.ReceivedDocuments, r => Assert.Equal(1, r.Files));
        await f.DispatchAllAsync();
        var receipt = Assert.Single((await f.DossierAsync(id)).Documents, x => x.Title.Contains("Mẫu 01", StringComparison.Ordinal));
        var text = PdfCheck.Text(await (await desk.Http.GetAsync($"/tai-lieu/{receipt.Id}")).Content.ReadAsByteArrayAsync()).ReplaceLineEndings(" ");
        Assert.Contains("(bản điện tử)", text, StringComparison.Ordinal);
        Assert.Contains("02 (1 tệp)", text, StringComparison.Ordinal);
        Assert.All(optional, x => Assert.DoesNotContain(x.r.Name, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Receiving_a_dossier_twice_is_refused_as_a_wrong_state()
    {
        var id = await f.NewOnlineDossierAsync();
        var desk = await f.SignInAsync("motcua.hongbang");
        await ActAsync(desk, id, "form-accept", new() { ["StartNow"] = null });
        var current = (await f.DossierAsync(id)).Version;
        var response = await PostAsync(desk, $"/can-bo/ho-so/{id}/tiep-nhan", new() { ["Version"] = current.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Không thể chuyển hồ sơ từ trạng thái", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_page_gets_the_conflict_message_and_overwrites_nothing()
    {
        var id = await f.NewOnlineDossierAsync();
        var first = await f.SignInAsync("motcua.hongbang");
        var stalePage = await first.GetAsync($"/can-bo/ho-so/{id}");

        // A colleague acts first from their own page.
        AssertRedirectTo(await ActAsync(await f.SignInAsync("motcua.hongbang"), id, "form-supplement",
            new() { ["Documents"] = null, ["OtherDocuments"] = "Giấy chứng sinh", ["Reason"] = "Thiếu giấy chứng sinh bản chính." }), $"/can-bo/ho-so/{id}");

        var response = await first.SubmitAsync(stalePage, "form#form-refuse", new Dictionary<string, string?> { ["Reason"] = "Không thuộc thẩm quyền giải quyết." });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        // The page again, as it is now, says who did what first and keeps the reason typed on the stale page.
        var shown = await Page.ReadAsync(response);
        var refused = shown.Document.QuerySelector("#refused")!.TextContent;
        Assert.Contains("Hồ sơ vừa được cập nhật trước bạn", refused, StringComparison.Ordinal);
        Assert.Contains("Yêu cầu bổ sung", refused, StringComparison.Ordinal);
        Assert.Equal("Không thuộc thẩm quyền giải quyết.", shown.Document.QuerySelector("form#form-refuse #refuse-reason")!.TextContent.Trim());
        Assert.Equal(DossierStatus.AwaitingSupplement, (await f.DossierAsync(id)).Status);
    }

    [Fact]
    public async Task The_reception_queue_lists_online_dossiers_oldest_first()
    {
        var older = await f.NewOnlineDossierAsync();
        var newer = await f.NewOnlineDossierAsync();
        var desk = await f.SignInAsync("motcua.hongbang");
        var page = await desk.GetAsync("/can-bo/tiep-nhan");
        var links = page.Document.QuerySelectorAll("table.worklist tbody a").Select(a => a.GetAttribute("href")).ToList();
        Assert.True(links.IndexOf($"/can-bo/ho-so/{older}") < links.IndexOf($"/can-bo/ho-so/{newer}"));
        Assert.Contains("Mới đăng ký", page.Text, StringComparison.Ordinal);
    }
}
