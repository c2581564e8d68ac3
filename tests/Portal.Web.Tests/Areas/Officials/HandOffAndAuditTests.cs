using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Dossiers;
using Portal.Core.Processing;
using static Portal.Web.Tests.Areas.Officials.OfficialsFixture;

namespace Portal.Web.Tests.Areas.Officials;

public sealed class HandOffAndAuditTests(OfficialsFixture f) : IClassFixture<OfficialsFixture>
{
    [Fact]
    public async Task A_commune_land_dossier_goes_to_the_land_office_whose_officials_see_it_and_hand_it_back()
    {
        var id = await f.NewOnlineDossierAsync(procedure: "cấp Giấy chứng");
        var desk = await f.SignInAsync("motcua.hongbang");
        AssertRedirectTo(await ActAsync(desk, id, "form-accept"), $"/can-bo/ho-so/{id}");
        var steps = await f.StepsAsync(id);
        var land = await f.QueryAsync(db => db.Agencies.SingleAsync(a => a.Code == AgencyCode("sonnmt")));
        Assert.True(steps[0].AtOtherAgency);
        Assert.Equal(land.Id, steps[0].AgencyId);
        var landHandlers = await f.QueryAsync(db => db.Users.Where(u => u.AgencyId == land.Id).Select(u => u.Id).ToListAsync());
        Assert.Contains(steps[0].AssigneeId!.Value, landHandlers);

        // The land office sees it in its liên thông list, opens it and downloads its documents; another commune does not.
        var landOfficial = await f.HolderAsync(id);
        var list = await landOfficial.GetAsync("/can-bo/lien-thong");
        Assert.Contains((await f.DossierAsync(id)).Code!, list.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await landOfficial.Http.GetAsync($"/can-bo/ho-so/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.SignInAsync("chuyenvien.lechan")).Http.GetAsync($"/can-bo/ho-so/{id}")).StatusCode);

        // What only the receiving agency may do stays out of the land office's reach (404, as for any other agency).
        var version = (await f.DossierAsync(id)).Version.ToString(CultureInfo.InvariantCulture);
        var landApprover = await f.SignInAsync("pheduyet.sonnmt");
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(landApprover, $"/can-bo/ho-so/{id}/dung-xu-ly", new() { ["Version"] = version, ["Reason"] = "Không thuộc thẩm quyền." })).StatusCode);

        // The ward's next step is the ward's to assign: the land office neither picks its official nor sees the ward staff's workloads.
        var landPage = await landOfficial.GetAsync($"/can-bo/ho-so/{id}");
        Assert.Null(landPage.Document.QuerySelector("#complete-next"));
        Assert.Contains("phân công tự động", landPage.Document.QuerySelector("#complete-next-elsewhere")!.TextContent, StringComparison.Ordinal);
        var wardHandler = await f.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "chuyenvien.hongbang" + Domain));
        var chosen = await PostAsync(landOfficial, $"/can-bo/ho-so/{id}/hoan-thanh-buoc", new()
        {
            ["Version"] = version,
            ["StepId"] = steps[0].Id.ToString(CultureInfo.InvariantCulture),
            ["NextAssignee"] = wardHandler.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.Forbidden, chosen.StatusCode);
        Assert.Equal(StepState.Active, (await f.StepsAsync(id))[0].State);

        AssertRedirectTo(await ActAsync(landOfficial, id, "form-complete", new() { ["Note"] = "Đã thẩm định hiện trạng thửa đất." }), $"/can-bo/ho-so/{id}");
        steps = await f.StepsAsync(id);
        Assert.Equal(StepState.Done, steps[0].State);
        var commune = await f.QueryAsync(db => db.Agencies.SingleAsync(a => a.Code == AgencyCode("hongbang")));
        Assert.Equal(commune.Id, steps[1].AgencyId);
        Assert.False(steps[1].AtOtherAgency);
        var handOff = (await f.QueryAsync(db => db.DossierHandOffs.Where(h => h.DossierId == id).OrderBy(h => h.Id).ToListAsync()))[^1];
        Assert.Equal(land.Id, handOff.FromAgencyId);
        Assert.Equal(commune.Id, handOff.ToAgencyId);

        // The land office held a step: it may still see the dossier it worked on.
        Assert.Equal(HttpStatusCode.OK, (await landOfficial.Http.GetAsync($"/can-bo/ho-so/{id}")).StatusCode);
    }

    [Fact]
    public async Task Every_view_search_download_and_action_is_in_the_audit_trail_with_who_role_when_and_where()
    {
        var id = await f.NewOnlineDossierAsync();
        var desk = await f.SignInAsync("motcua.hongbang");
        await ActAsync(desk, id, "form-refuse", new() { ["Reason"] = "Hồ sơ đã được giải quyết trước đó." });
        await f.DispatchAllAsync();
        var issued = (await f.DossierAsync(id)).Documents.Single(x => x.Kind == DocumentKind.Issued);
        var handler = await f.SignInAsync("chuyenvien.hongbang");
        await handler.GetAsync($"/can-bo/ho-so/{id}");
        Assert.Equal(HttpStatusCode.OK, (await handler.Http.GetAsync($"/tai-lieu/{issued.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await handler.Http.GetAsync($"/can-bo/ho-so/{id}/phieu-kiem-soat")).StatusCode);

        var trail = await f.QueryAsync(db => db.AuditTrail.Where(a => a.DossierId == id).OrderBy(a => a.Id).ToListAsync());
        var handlerId = await f.QueryAsync(db => db.Users.Where(u => u.Email == "chuyenvien.hongbang" + Domain).Select(u => u.Id).SingleAsync());
        Assert.Contains(trail, a => a.Action == "dossier.refuse" && a.Roles.Contains(Roles.Reception, StringComparison.Ordinal) && a.Detail == "Hồ sơ đã được giải quyết trước đó.");
        var view = Assert.Single(trail, a => a.Action == AuditActions.ViewDossier && a.UserId == handlerId);
        Assert.Equal(Roles.Handler, view.Roles);
        Assert.NotNull(view.AgencyId);
        // The in-process test server has no client address; the browser journey checks the address over real Kestrel.
        Assert.True((DateTime.UtcNow - view.At).TotalMinutes < 5);
        Assert.Contains(trail, a => a.Action == AuditActions.DownloadDocument && a.UserId == handlerId && a.DocumentId == issued.Id);
        Assert.Contains(trail, a => a.Action == AuditActions.DownloadControlSheet && a.UserId == handlerId);

        // Leaders and administrators see it on the dossier; the trail shows who looked.
        foreach (var account in new[] { "lanhdao.hongbang", "admin" })
        {
            var page = await (await f.SignInAsync(account)).GetAsync($"/can-bo/ho-so/{id}");
            var audit = page.Document.QuerySelector("#audit-h")!.ParentElement!.TextContent;
            Assert.Contains("dossier.view", audit, StringComparison.Ordinal);
            Assert.Contains("document.download", audit, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_audit_trail_is_append_only_in_the_database()
    {
        var id = await f.NewOnlineDossierAsync();
        await (await f.SignInAsync("motcua.hongbang")).GetAsync($"/can-bo/ho-so/{id}");
        var entry = await f.QueryAsync(db => db.AuditTrail.Where(a => a.DossierId == id).FirstAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => f.QueryAsync(db =>
            db.AuditTrail.Where(a => a.Id == entry.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.UserName, "Người khác"))));
        await Assert.ThrowsAnyAsync<Exception>(() => f.QueryAsync(db => db.AuditTrail.Where(a => a.Id == entry.Id).ExecuteDeleteAsync()));
        Assert.Equal(entry.UserName, (await f.QueryAsync(db => db.AuditTrail.SingleAsync(a => a.Id == entry.Id))).UserName);
    }
}
