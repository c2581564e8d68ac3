using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Dossiers;
using Portal.Core.Processing;
using Portal.Testing;
using static Portal.Web.Tests.Areas.Officials.OfficialsFixture;

namespace Portal.Web.Tests.Areas.Officials;

/// <summary>
/// A request for another agency's opinion: asked by the step's holder with its own budget, seen and answered by the
/// asked agency (and nobody else), on Mẫu 05 both ways; the step waits for it; the dossier's deadline does not move.
/// </summary>
public sealed class OpinionTests(OfficialsFixture f) : IClassFixture<OfficialsFixture>
{
    private static string V(int version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The page's text as a reader sees it (messages are HTML-encoded).</summary>
    private static async Task<string> TextOfAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private async Task<(long Id, FormClient Holder)> InProcessAsync()
    {
        var id = await f.NewOnlineDossierAsync();
        AssertRedirectTo(await ActAsync(await f.SignInAsync("motcua.hongbang"), id, "form-accept"), $"/can-bo/ho-so/{id}");
        return (id, await f.HolderAsync(id));
    }

    private Task<int> AgencyIdAsync(string slug) =>
        f.QueryAsync(db => db.Agencies.Where(a => a.Code == AgencyCode(slug)).Select(a => a.Id).SingleAsync());

    private async Task<HttpResponseMessage> AskAsync(FormClient holder, long id, string slug, string question, int days = 3) =>
        await ActAsync(holder, id, "form-opinion", new()
        {
            ["ToAgencyId"] = (await AgencyIdAsync(slug)).ToString(CultureInfo.InvariantCulture),
            ["BudgetDays"] = days.ToString(CultureInfo.InvariantCulture),
            ["Question"] = question,
        });

    [Fact]
    public async Task The_holder_asks_another_agency_which_answers_within_its_own_budget_and_the_step_waits_meanwhile()
    {
        var (id, holder) = await InProcessAsync();
        var due = (await f.DossierAsync(id)).DueAt;
        AssertRedirectTo(await AskAsync(holder, id, "sonnmt", "Đề nghị xác nhận thửa đất số 12, tờ bản đồ 5 không có tranh chấp."), $"/can-bo/ho-so/{id}");

        var request = await f.QueryAsync(db => db.OpinionRequests.SingleAsync(r => r.DossierId == id));
        Assert.Equal(OpinionState.Open, request.State);
        Assert.Equal(await AgencyIdAsync("sonnmt"), request.ToAgencyId);
        Assert.Equal(3 * 480, request.BudgetMinutes);
        Assert.True(request.DueAt > request.AskedAt);
        Assert.Equal(due, (await f.DossierAsync(id)).DueAt);

        // The holder's page: the request listed, the step waits (no complete form), a withdraw button.
        var page = await holder.GetAsync($"/can-bo/ho-so/{id}");
        Assert.Null(page.Document.QuerySelector("form#form-complete"));
        Assert.NotNull(page.Document.QuerySelector("#awaiting-opinion"));
        Assert.NotNull(page.Document.QuerySelector($"form#form-withdraw-opinion-{request.Id}"));
        // A forged completion is refused on the same page, saying why.
        var step = (await f.StepsAsync(id)).Single(s => s.State == StepState.Active);
        var forged = await PostAsync(holder, $"/can-bo/ho-so/{id}/hoan-thanh-buoc",
            new() { ["Version"] = V((await f.DossierAsync(id)).Version), ["StepId"] = step.Id.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Conflict, forged.StatusCode);
        Assert.Contains("đang chờ ý kiến của", await TextOfAsync(forged), StringComparison.Ordinal);

        // The asked agency's handlers and approvers get a mail with the link.
        await f.DispatchAllAsync();
        // The class shares one portal: other tests mail the land office too, so this dossier's mail is told by its code.
        var code = (await f.DossierAsync(id)).Code!;
        var mail = Assert.Single(f.MailsTo("chuyenvien.sonnmt" + Domain), m => m.Subject?.Contains($"[{code}] Đề nghị cho ý kiến", StringComparison.Ordinal) == true);
        Assert.Contains($"/can-bo/ho-so/{id}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(f.MailsTo("pheduyet.sonnmt" + Domain), m => m.Subject?.Contains(code, StringComparison.Ordinal) == true);

        // The asked agency sees it in its tab and on the dossier page, and answers there.
        var land = await f.SignInAsync("chuyenvien.sonnmt");
        var inbox = await land.GetAsync("/can-bo/xin-y-kien");
        Assert.Equal(HttpStatusCode.OK, inbox.Status);
        Assert.Contains(code, inbox.Document.QuerySelector(".opinion-list")!.TextContent, StringComparison.Ordinal);
        var landPage = await land.GetAsync($"/can-bo/ho-so/{id}");
        Assert.Equal(HttpStatusCode.OK, landPage.Status);
        Assert.Null(landPage.Document.QuerySelector("form#form-complete"));
        Assert.Null(landPage.Document.QuerySelector("form#form-opinion"));

        // An empty answer comes back on the same form, in Vietnamese only.
        var empty = await ActAsync(land, id, $"form-answer-{request.Id}", new() { ["Answer"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var emptyText = await TextOfAsync(empty);
        Assert.Contains("Ghi ý kiến của cơ quan", emptyText, StringComparison.Ordinal);
        Assert.DoesNotContain("Write the agency", emptyText, StringComparison.Ordinal);

        AssertRedirectTo(await ActAsync(land, id, $"form-answer-{request.Id}", new() { ["Answer"] = "Thửa đất không có tranh chấp theo hồ sơ địa chính." }),
            $"/can-bo/ho-so/{id}");
        request = await f.QueryAsync(db => db.OpinionRequests.SingleAsync(r => r.DossierId == id));
        Assert.Equal(OpinionState.Answered, request.State);
        Assert.NotNull(request.Result);
        Assert.NotEqual(Timeliness.Late, request.Result);

        // Both hand-offs are lines of Mẫu 05, the answer's with its timing; the asker is told by mail.
        var handOffs = await f.QueryAsync(db => db.DossierHandOffs.Where(h => h.DossierId == id).OrderBy(h => h.Id).ToListAsync());
        Assert.Contains(handOffs, h => h.Purpose.StartsWith("Xin ý kiến", StringComparison.Ordinal) && h.ToAgencyId == request.ToAgencyId);
        Assert.Contains(handOffs, h => h.Purpose.StartsWith("Trả lời xin ý kiến", StringComparison.Ordinal) && h.Result == request.Result && h.ToName == request.AskedByName);
        await f.DispatchAllAsync();
        Assert.Contains(f.MailsTo(await f.EmailOfAsync(request.AskedById!.Value)), m => m.Subject?.Contains($"[{code}]", StringComparison.Ordinal) == true
            && m.Subject.Contains("đã cho ý kiến", StringComparison.Ordinal));
        var sheetBytes = await (await holder.Http.GetAsync($"/can-bo/ho-so/{id}/phieu-kiem-soat")).Content.ReadAsByteArrayAsync();
        var sheet = PdfCheck.Text(sheetBytes).ReplaceLineEndings(" ");
        Assert.Contains("Xin ý kiến", sheet, StringComparison.Ordinal);
        Assert.Contains("Cơ quan phối hợp giải quyết hồ sơ: Sở Nông nghiệp và Môi trường", sheet, StringComparison.Ordinal);

        // The step goes on; a second answer (a stale page) is refused.
        page = await holder.GetAsync($"/can-bo/ho-so/{id}");
        Assert.Contains("Thửa đất không có tranh chấp", page.Document.QuerySelector($"#opinion-{request.Id}")!.TextContent, StringComparison.Ordinal);
        var again = await PostAsync(land, $"/can-bo/ho-so/{id}/y-kien/{request.Id}/tra-loi", new() { ["Version"] = V(request.Version), ["Answer"] = "Ý kiến khác nữa." });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        AssertRedirectTo(await ActAsync(holder, id, "form-complete", new() { ["Note"] = "Đã có ý kiến của Sở." }), $"/can-bo/ho-so/{id}");
    }

    [Fact]
    public async Task Only_the_asked_agency_sees_and_answers_and_a_budget_past_the_deadline_is_refused_with_what_fits()
    {
        var (id, holder) = await InProcessAsync();
        var other = await f.SignInAsync("chuyenvien.soyte");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/can-bo/ho-so/{id}")).Status);

        // Ten working days do not fit before the deadline of a short procedure: the same form, with what was typed and what fits.
        var d = await f.DossierAsync(id);
        var tooLong = await AskAsync(holder, id, "sonnmt", "Đề nghị cho ý kiến về nguồn gốc sử dụng đất của thửa đất.", days: 10);
        Assert.True((d.DueAt!.Value - DateTime.UtcNow).TotalDays < 14, "The marital-status procedure is due in 3 working days.");
        Assert.Equal(HttpStatusCode.Conflict, tooLong.StatusCode);
        var text = await TextOfAsync(tooLong);
        Assert.Matches("chọn thời hạn trả lời tối đa [1-3] ngày làm việc", text);
        Assert.Contains("nguồn gốc sử dụng đất", text, StringComparison.Ordinal);
        Assert.Equal(0, await f.QueryAsync(db => db.OpinionRequests.CountAsync(r => r.DossierId == id)));

        // Own agency is refused; a bad budget is a validation error.
        var ownId = (await AgencyIdAsync("hongbang")).ToString(CultureInfo.InvariantCulture);
        var own = await ActAsync(holder, id, "form-opinion", new() { ["ToAgencyId"] = ownId, ["BudgetDays"] = "1", ["Question"] = "Hỏi chính cơ quan mình có được không?" });
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Contains("Chỉ xin ý kiến cơ quan khác", await TextOfAsync(own), StringComparison.Ordinal);
        var zero = await AskAsync(holder, id, "sonnmt", "Đề nghị cho ý kiến về ranh giới thửa đất.", days: 0);
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.Contains("Thời hạn trả lời từ 1 đến 10 ngày làm việc", await TextOfAsync(zero), StringComparison.Ordinal);

        AssertRedirectTo(await AskAsync(holder, id, "sonnmt", "Đề nghị cho ý kiến về ranh giới thửa đất.", days: 1), $"/can-bo/ho-so/{id}");
        var request = await f.QueryAsync(db => db.OpinionRequests.SingleAsync(r => r.DossierId == id));
        // A second request to the same agency while the first is open is refused.
        var twice = await AskAsync(holder, id, "sonnmt", "Đề nghị cho ý kiến lần nữa về ranh giới.", days: 1);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        // Another agency (not asked) cannot see or answer; the asking agency's own handler may see but not answer (403).
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/can-bo/ho-so/{id}")).Status);
        var forged = await PostAsync(other, $"/can-bo/ho-so/{id}/y-kien/{request.Id}/tra-loi", new() { ["Version"] = V(request.Version), ["Answer"] = "Tôi trả lời hộ." });
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        var colleague = await f.SignInAsync("chuyenvien2.hongbang");
        var notTheirs = await PostAsync(colleague, $"/can-bo/ho-so/{id}/y-kien/{request.Id}/tra-loi", new() { ["Version"] = V(request.Version), ["Answer"] = "Trả lời thay sở." });
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        // The asked agency's desk only receives dossiers: it does not give opinions.
        var landDesk = await f.SignInAsync("motcua.sonnmt");
        Assert.Null((await landDesk.GetAsync($"/can-bo/ho-so/{id}")).Document.QuerySelector($"form#form-answer-{request.Id}"));

        // Withdrawn: the asked agency can no longer answer, nor see the dossier; the step can be completed again.
        AssertRedirectTo(await ActAsync(holder, id, $"form-withdraw-opinion-{request.Id}"), $"/can-bo/ho-so/{id}");
        Assert.Equal(OpinionState.Withdrawn, (await f.QueryAsync(db => db.OpinionRequests.SingleAsync(r => r.Id == request.Id))).State);
        var land = await f.SignInAsync("chuyenvien.sonnmt");
        Assert.Equal(HttpStatusCode.NotFound, (await land.GetAsync($"/can-bo/ho-so/{id}")).Status);
        Assert.NotNull((await holder.GetAsync($"/can-bo/ho-so/{id}")).Document.QuerySelector("form#form-complete"));
    }

    [Fact]
    public async Task Stopping_the_dossier_cancels_an_open_request()
    {
        var (id, holder) = await InProcessAsync();
        AssertRedirectTo(await AskAsync(holder, id, "sonnmt", "Đề nghị cho ý kiến về hiện trạng sử dụng đất.", days: 1), $"/can-bo/ho-so/{id}");
        AssertRedirectTo(await ActAsync(await f.SignInAsync("pheduyet.hongbang"), id, "form-stop", new() { ["Reason"] = "Người nộp đề nghị dừng giải quyết." }),
            $"/can-bo/ho-so/{id}");
        var request = await f.QueryAsync(db => db.OpinionRequests.SingleAsync(r => r.DossierId == id));
        Assert.Equal(OpinionState.Cancelled, request.State);
        var land = await f.SignInAsync("chuyenvien.sonnmt");
        Assert.DoesNotContain((await f.DossierAsync(id)).Code!, (await land.GetAsync("/can-bo/xin-y-kien")).Text, StringComparison.Ordinal);
    }
}
