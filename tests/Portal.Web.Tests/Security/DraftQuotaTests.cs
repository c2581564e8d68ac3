using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Documents;
using Portal.Core.Dossiers;
using Portal.Testing;

namespace Portal.Web.Tests.Security;

/// <summary>
/// One account cannot fill the portal's storage with drafts: at most 20 unsubmitted drafts and 200 MB of files across
/// them (the defaults; the fixture changes neither). The drafts that fill the account are written straight to the
/// database, their file sizes as recorded; what is checked is what the citizen's requests then get.
/// </summary>
public sealed class DraftQuotaTests(UploadCorpusFixture f) : IClassFixture<UploadCorpusFixture>
{
    private const string Domain = "@" + DemoSeeder.EmailDomain;
    private const long TwoHundredMb = 200L * 1024 * 1024;

    [Fact]
    public async Task The_twenty_first_open_draft_is_refused_with_what_to_do_in_the_readers_language_and_deleting_a_draft_makes_room()
    {
        var (procedure, agency) = await ProcedureAsync();
        var user = await UserIdAsync("doanhnghiep");
        var citizen = await SignInAsync("doanhnghiep");
        var (rowsBefore, filesBefore) = await StoredAsync();
        long withFile = 0;
        for (var open = await OpenDraftsAsync(user); open < 20; open++)
        {
            withFile = await NewDraftAsync(user, procedure, agency, realFiles: open == 19 ? 1 : 0);
        }

        var page = await citizen.GetAsync($"/thu-tuc/{procedure}");
        Assert.Null(page.Document.QuerySelector("form[action='/nop-ho-so/bat-dau']"));
        Assert.Contains("Bạn đang có 20 hồ sơ nháp chưa nộp, là số tối đa cho một tài khoản. Vui lòng nộp hoặc xóa bớt bản nháp cũ trong \"Hồ sơ của tôi\"",
            page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("unsubmitted drafts", page.Text, StringComparison.Ordinal);

        // A page opened before the limit was reached still posts: the handler refuses, and no draft is added.
        var refused = await StartAsync(citizen, procedure, agency);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Vui lòng nộp hoặc xóa bớt bản nháp cũ", (await Page.ReadAsync(refused)).Text, StringComparison.Ordinal);
        Assert.Equal(20, await OpenDraftsAsync(user));

        await citizen.Http.GetAsync("/Home/Language?culture=en-US&returnUrl=%2F");
        var english = await citizen.GetAsync($"/thu-tuc/{procedure}");
        Assert.Contains("You already have 20 unsubmitted drafts, the most one account may keep. Submit or delete old drafts in \"My dossiers\"",
            english.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("hồ sơ nháp chưa nộp", english.Text, StringComparison.Ordinal);

        // What the message says to do: delete an old draft in "My dossiers"; it goes with its file, and there is room again.
        var list = await citizen.GetAsync("/ho-so-cua-toi");
        var deleted = await citizen.SubmitAsync(list, $"form[action='/nop-ho-so/{withFile}/xoa']", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Contains("The draft and its files were deleted.", (await citizen.FollowAsync(deleted)).Text, StringComparison.Ordinal);
        Assert.Equal(19, await OpenDraftsAsync(user));
        Assert.Equal((rowsBefore, filesBefore), await StoredAsync());

        var started = await citizen.SubmitAsync(await citizen.GetAsync($"/thu-tuc/{procedure}"), "form[action='/nop-ho-so/bat-dau']", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal(20, await OpenDraftsAsync(user));
    }

    [Fact]
    public async Task A_file_that_would_take_the_accounts_drafts_past_200_MB_is_refused_with_what_to_do_and_nothing_is_stored()
    {
        var (procedure, agency) = await ProcedureAsync();
        var user = await UserIdAsync("congdan");
        var target = await NewDraftAsync(user, procedure, agency);
        var file = UploadCorpus.Pdf;

        // The other drafts leave one byte too few for the file.
        var others = await f.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            var drafts = await db.Dossiers.Where(d => d.ApplicantUserId == user && d.Status == DossierStatus.Draft && d.Id != target).Select(d => d.Id).ToListAsync();
            return (await db.DossierDocuments.Where(x => drafts.Contains(x.DossierId)).Select(x => x.Size).ToListAsync()).Sum();
        });
        var filler = new List<long>();
        for (var missing = TwoHundredMb - (file.Length - 1) - others; missing > 0; missing -= 50L * 1024 * 1024)
        {
            filler.Add(await NewDraftAsync(user, procedure, agency, realFiles: 5, bytes: Math.Min(missing, 50L * 1024 * 1024)));
        }

        var citizen = await SignInAsync("congdan");
        var url = $"/nop-ho-so/{target}/giay-to";
        var stored = await StoredAsync();
        var refused = await UploadAsync(citizen, url, file);
        var page = await Page.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("ban-quet.pdf: Tệp này sẽ làm các hồ sơ nháp của bạn vượt tổng 200 MB cho một tài khoản. Vui lòng nộp hoặc xóa bớt bản nháp cũ trong \"Hồ sơ của tôi\"",
            page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("This file would take your drafts", page.Text, StringComparison.Ordinal);
        Assert.Equal(stored, await StoredAsync());

        await citizen.Http.GetAsync("/Home/Language?culture=en-US&returnUrl=%2F");
        page = await Page.ReadAsync(await UploadAsync(citizen, url, file));
        Assert.Contains("ban-quet.pdf: This file would take your drafts past 200 MB in total for one account. Submit or delete old drafts in \"My dossiers\"",
            page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("vượt tổng", page.Text, StringComparison.Ordinal);
        Assert.Equal(stored, await StoredAsync());

        var list = await citizen.GetAsync("/ho-so-cua-toi");
        Assert.Equal(HttpStatusCode.Redirect, (await citizen.SubmitAsync(list, $"form[action='/nop-ho-so/{filler[0]}/xoa']", new Dictionary<string, string?>())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(citizen, url, file)).StatusCode);
    }

    private Task<(int Procedure, int Agency)> ProcedureAsync() => f.App.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PortalDb>();
        var procedure = await db.Procedures.Where(p => p.Code == "1.001193").Select(p => p.Id).SingleAsync();
        var agency = await db.ProcedureAgencies.Where(pa => pa.ProcedureId == procedure).OrderBy(pa => pa.AgencyId).Select(pa => pa.AgencyId).FirstAsync();
        return (procedure, agency);
    });

    private Task<Guid> UserIdAsync(string account) =>
        f.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Users.Where(u => u.Email == account + Domain).Select(u => u.Id).SingleAsync());

    private Task<int> OpenDraftsAsync(Guid user) =>
        f.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Dossiers.CountAsync(d => d.ApplicantUserId == user && d.Status == DossierStatus.Draft));

    /// <summary>A draft with its form begun (so it is not an empty one a click would reuse) and <paramref name="realFiles"/> files in the store.</summary>
    private Task<long> NewDraftAsync(Guid user, int procedureId, int agency, int realFiles = 0, long bytes = 0) => f.App.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PortalDb>();
        var store = sp.GetRequiredService<IDocumentStore>();
        var procedure = await db.Procedures.SingleAsync(p => p.Id == procedureId);
        var account = await db.Users.SingleAsync(u => u.Id == user);
        var now = DateTime.UtcNow;
        var draft = Dossier.StartDraft(new ProcedureRef(procedure.Id, procedure.CurrentVersionId!.Value, procedure.SectorId), agency, account.ToApplicant(), user, now);
        draft.SetFormData("{}", now);
        for (var i = 0; i < realFiles; i++)
        {
            var key = await store.SaveAsync(new MemoryStream(UploadCorpus.Pdf), ".pdf", CancellationToken.None);
            var size = bytes == 0 ? UploadCorpus.Pdf.Length : bytes / realFiles + (i == 0 ? bytes % realFiles : 0);
            draft.AddDocument(new DossierDocument(DocumentKind.Submitted, 0, "Tờ khai", $"to-khai-{i}.pdf", "application/pdf", size, new string('0', 64), key, now, user), now);
        }

        db.Dossiers.Add(draft);
        await db.SaveChangesAsync();
        return draft.Id;
    });

    private static async Task<HttpResponseMessage> StartAsync(FormClient citizen, int procedure, int agency)
    {
        var page = await citizen.GetAsync("/ho-so-cua-toi");
        var token = page.Document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["procedureId"] = procedure.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["agencyId"] = agency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return await citizen.Http.PostAsync("/nop-ho-so/bat-dau", form);
    }

    private static async Task<HttpResponseMessage> UploadAsync(FormClient citizen, string url, byte[] bytes)
    {
        var page = await citizen.GetAsync(url);
        var token = page.Document.QuerySelector<IHtmlInputElement>($"form[action='{url}'] input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("luu"), "next" } };
        content.Add(new ByteArrayContent(bytes), "slot0", "ban-quet.pdf");
        return await citizen.Http.PostAsync(url, content);
    }

    /// <summary>Document rows and files in the document store.</summary>
    private async Task<(int Rows, int Files)> StoredAsync()
    {
        var store = Path.Combine(f.App.DataDirectory, "documents");
        var files = Directory.Exists(store) ? Directory.GetFiles(store, "*", SearchOption.AllDirectories).Length : 0;
        return (await f.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().DossierDocuments.CountAsync()), files);
    }

    private async Task<FormClient> SignInAsync(string account)
    {
        var client = FormClient.For(f.App);
        await client.SignInAsync(account + Domain, DemoSeeder.Password);
        return client;
    }
}
