using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.Catalog;
using Portal.Core.Dossiers;
using static Portal.Web.Tests.Areas.Officials.OfficialsFixture;

namespace Portal.Web.Tests.Areas.Officials;

/// <summary>Its own portal: the merger changes the province for whatever runs after it. Sessions are checked on every request.</summary>
public sealed class MergerFixture : OfficialsFixture
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Identity:SessionCheckInterval"] = "00:00:00";
}

/// <summary>
/// Hồng Bàng (A) merged into Lê Chân (B): A's dossiers stay A's (its figures do not move), and B's officials, its
/// own and those who came from A, see and work them to the end, as A's successor. Nobody else reaches them.
/// </summary>
public sealed class MergedAgencyTests(MergerFixture f) : IClassFixture<MergerFixture>
{
    private static readonly AuditActor Admin = new(Guid.NewGuid(), "Quản trị viên", Roles.Admin, null, "10.0.0.9");

    private Task<int> AgencyIdAsync(string slug) => f.QueryAsync(db => db.Agencies.Where(a => a.Code == AgencyCode(slug)).Select(a => a.Id).SingleAsync());

    private async Task MergeAsync()
    {
        var (a, b) = (await AgencyIdAsync("hongbang"), await AgencyIdAsync("lechan"));
        var zone = new Portal.Core.Calendar.WorkingTimeOptions().ResolveTimeZone();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone));
        await f.App.WithScopeAsync(sp => sp.GetRequiredService<MergeAgencies>().HandleAsync(new MergeAgencies.Command(a, b, today), Admin, default));
    }

    [Fact]
    public async Task After_the_merger_the_successors_officials_receive_process_decide_and_return_a_dossier_of_the_merged_ward_and_another_ward_gets_404()
    {
        var id = await f.NewOnlineDossierAsync("hongbang");
        var code = (await f.DossierAsync(id)).Code!;
        var hongBang = await AgencyIdAsync("hongbang");
        // Lê Chân's desk, signed in before the merger: not theirs yet.
        var lechanDesk = await f.SignInAsync("motcua.lechan");
        Assert.Equal(HttpStatusCode.NotFound, (await lechanDesk.Http.GetAsync($"/can-bo/ho-so/{id}")).StatusCode);

        await MergeAsync();

        // The same session picks the merger up at its next check: the queue lists Hồng Bàng's dossier and the page opens.
        Assert.Contains(code, (await lechanDesk.GetAsync("/can-bo/tiep-nhan")).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await lechanDesk.Http.GetAsync($"/can-bo/ho-so/{id}")).StatusCode);
        // The short code (without the agency prefix) finds it too, though it carries Hồng Bàng's code.
        var shortCode = code[(AgencyCode("hongbang").Length + 1)..];
        Assert.Contains(code, (await lechanDesk.FollowAsync(await lechanDesk.Http.GetAsync($"/can-bo/ho-so?q={shortCode}"))).Text, StringComparison.Ordinal);

        // Another ward's desk acts for neither: the page, the action and the queue are closed to it.
        var other = await f.SignInAsync("motcua.ngoquyen");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/can-bo/ho-so/{id}")).StatusCode);
        var version = (await f.DossierAsync(id)).Version.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(other, $"/can-bo/ho-so/{id}/tiep-nhan", new() { ["Version"] = version })).StatusCode);
        Assert.DoesNotContain(code, (await other.GetAsync("/can-bo/tiep-nhan")).Text, StringComparison.Ordinal);
        Assert.Equal(DossierStatus.Submitted, (await f.DossierAsync(id)).Status);

        // The desk official who moved from Hồng Bàng signs in again (the move ended the session) and receives it.
        var movedDesk = await f.SignInAsync("motcua.hongbang");
        Assert.Contains(code, (await movedDesk.GetAsync("/can-bo/tiep-nhan")).Text, StringComparison.Ordinal);
        AssertRedirectTo(await ActAsync(movedDesk, id, "form-accept"), $"/can-bo/ho-so/{id}");
        Assert.Equal(DossierStatus.InProcess, (await f.DossierAsync(id)).Status);

        // The steps are Hồng Bàng's, and go by load to the officials acting for it: Lê Chân's, old and new.
        var lechan = await AgencyIdAsync("lechan");
        var steps = await f.StepsAsync(id);
        Assert.All(steps, s => Assert.Equal(hongBang, s.AgencyId));
        var assignee = steps[0].AssigneeId ?? throw new Xunit.Sdk.XunitException("The first step was not assigned.");
        Assert.Equal(lechan, await f.QueryAsync(db => db.Users.Where(u => u.Id == assignee).Select(u => u.AgencyId).SingleAsync()));
        var holder = await f.HolderAsync(id);
        Assert.Contains(code, (await holder.GetAsync("/can-bo")).Text, StringComparison.Ordinal);
        Assert.Contains(code, (await holder.GetAsync("/can-bo/ho-so")).Text, StringComparison.Ordinal);

        for (var step = 0; step < steps.Count - 1; step++)
        {
            AssertRedirectTo(await ActAsync(await f.HolderAsync(id), id, "form-complete", new() { ["Note"] = "Đã xem xét." }), $"/can-bo/ho-so/{id}");
        }

        AssertRedirectTo(await ActAsync(await f.HolderAsync(id), id, "form-decide",
            new() { ["Note"] = "Cấp Giấy xác nhận tình trạng hôn nhân.", ["Result"] = "Generate" }), $"/can-bo/ho-so/{id}");
        Assert.Equal(DossierStatus.Decided, (await f.DossierAsync(id)).Status);
        await f.DispatchAllAsync();
        AssertRedirectTo(await ActAsync(lechanDesk, id, "form-return", new() { ["Method"] = "Online" }), $"/can-bo/ho-so/{id}");

        var done = await f.DossierAsync(id);
        Assert.Equal(DossierStatus.ResultReturned, done.Status);
        // Still Hồng Bàng's dossier: figures by agency keep it where it was filed.
        Assert.Equal(hongBang, done.AgencyId);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/can-bo/ho-so/{id}")).StatusCode);
    }
}
