using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Dossiers;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Citizen;

/// <summary>
/// Vietnamese mode shows only Vietnamese and English mode only English: the citizen's pages, their messages and the
/// timeline of a dossier that went through the agency's steps, walked in both languages.
/// </summary>
[Collection(CitizenCollection.Name)]
public sealed partial class OneLanguageTests(CitizenFixture fixture)
{
    private const string InternalNote = "GHI-CHU-NOI-BO chỉ dành cho cán bộ";
    private const string SupplementReason = "Bản chụp giấy chứng sinh bị mờ, vui lòng tải lại bản rõ nét.";
    private const string Reply = "Tôi đã chụp lại giấy chứng sinh dưới ánh sáng ban ngày.";
    private static readonly Portal.Core.Calendar.WorkingCalendar Calendar =
        new(new Portal.Core.Calendar.WorkingTimeOptions(), ReferenceDataSeeder.OfficialDecisions);

    private CitizenApp App => fixture.App;

    /// <summary>"Tiếng Việt. / English." as the Core writes its pairs: a lower-case letter or a full stop, the slash, a capital.</summary>
    [GeneratedRegex(@"[\p{Ll}\p{N}.!?)""”] / [\p{Lu}""“]")]
    private static partial Regex Separator();

    /// <summary>A domain method's name (AssignStep, RequestSupplement): two words run together, each capitalised.</summary>
    [GeneratedRegex(@"\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b")]
    private static partial Regex PascalCase();

    /// <summary>FluentValidation's own message, which names the property ("'Score' phải có giá trị", "'Score' must not be empty").</summary>
    [GeneratedRegex(@"'[A-Z][A-Za-z]+' ")]
    private static partial Regex PropertyNamed();

    [Fact]
    public async Task Every_citizen_page_and_the_timeline_of_a_processed_dossier_read_in_one_language_with_step_names_and_without_the_officials_notes()
    {
        var client = await Citizen.RegisterAsync(fixture);
        var id = await ProcessedDossierAsync(client);
        var draft = await Citizen.StartAsync(client, await Citizen.ProcedureIdAsync(App, Citizen.BirthRegistration));
        var procedure = await Citizen.ProcedureIdAsync(App, Citizen.ExtractCopy);
        var actions = await App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().DossierHistory.Select(h => h.Action).Distinct().ToListAsync());
        var internalNames = actions.Where(a => PascalCase().IsMatch(a)).Concat(["AssignStep", "CompleteStep", "SendBack"]).Distinct().ToList();
        string[] paths =
        [
            "/", "/thu-tuc", $"/thu-tuc/{procedure}", "/tra-cuu", "/ho-so-cua-toi", $"/ho-so-cua-toi/{id}", $"/ho-so-cua-toi/{id}/rut",
            $"/nop-ho-so/{draft}/nguoi-nop", $"/nop-ho-so/{draft}/to-khai", $"/nop-ho-so/{draft}/giay-to", $"/nop-ho-so/{draft}/kiem-tra",
            "/Account/Profile", "/Account/ChangePassword",
        ];

        foreach (var english in new[] { false, true })
        {
            await client.GetAsync($"/Home/Language?culture={(english ? "en-US" : "vi-VN")}&returnUrl=/");
            var failures = new List<string>();
            foreach (var path in paths)
            {
                var page = await client.GetAsync(path);
                Assert.True(page.Status == HttpStatusCode.OK, $"{path}: {page.Status}");
                failures.AddRange(Mixed(page, path, internalNames));
            }

            var timeline = (await client.GetAsync($"/ho-so-cua-toi/{id}")).Document.QuerySelector("ol.timeline")!.TextContent;
            var (assigned, completed) = english
                ? ("An officer was assigned", "One step done, the next one started")
                : ("Phân công cán bộ giải quyết", "Hoàn thành một bước, chuyển bước tiếp theo");
            var (otherAssigned, _) = english ? ("Phân công cán bộ giải quyết", string.Empty) : ("An officer was assigned", string.Empty);
            Assert.Contains(assigned, timeline, StringComparison.Ordinal);
            Assert.Contains(completed, timeline, StringComparison.Ordinal);
            Assert.DoesNotContain(otherAssigned, timeline, StringComparison.Ordinal);
            // What was written for the citizen stays; the officials' working notes do not.
            Assert.Contains(SupplementReason, timeline, StringComparison.Ordinal);
            Assert.Contains(Reply, timeline, StringComparison.Ordinal);
            Assert.DoesNotContain("GHI-CHU-NOI-BO", timeline, StringComparison.Ordinal);

            // The messages of refused input, in the page's language only.
            var show = await client.GetAsync($"/ho-so-cua-toi/{id}");
            var unrated = await client.SubmitAsync(show, $"form[action='/ho-so-cua-toi/{id}/danh-gia']", new Dictionary<string, string?> { ["Comment"] = "Nhanh gọn" });
            Assert.Equal(HttpStatusCode.BadRequest, unrated.StatusCode);
            var unratedPage = await Page.ReadAsync(unrated);
            failures.AddRange(Mixed(unratedPage, "rating without a score", internalNames));
            Assert.Contains(english ? "Please choose how satisfied you are" : "Vui lòng chọn mức hài lòng", unratedPage.Text, StringComparison.Ordinal);
            Assert.Equal("Nhanh gọn", unratedPage.Document.QuerySelector("textarea#Comment")!.TextContent);

            var noWard = await client.SubmitAsync(await client.GetAsync($"/thu-tuc/{procedure}"), "form[action='/nop-ho-so/bat-dau']", new Dictionary<string, string?> { ["agencyId"] = "" });
            var noWardPage = await client.FollowAsync(noWard);
            failures.AddRange(Mixed(noWardPage, "filing without a ward", internalNames));
            Assert.Contains(english ? "Please choose where to file" : "Vui lòng chọn nơi nộp hồ sơ", noWardPage.Text, StringComparison.Ordinal);

            var applicant = await Citizen.PostStepAsync(client, $"/nop-ho-so/{draft}/nguoi-nop", new Dictionary<string, string?> { ["IdNumber"] = "12345", ["Phone"] = "abc" });
            Assert.Equal(HttpStatusCode.BadRequest, applicant.StatusCode);
            failures.AddRange(Mixed(await Page.ReadAsync(applicant), "applicant with mistakes", internalNames));

            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        // The mails to the citizen: one language (no language is stored for the account, so Vietnamese).
        var email = (await Citizen.DossierAsync(App, id)).Applicant.Email!;
        await Citizen.WaitForMailAsync(fixture, m => m.To.ToString().Contains(email, StringComparison.OrdinalIgnoreCase)
            && (m.Subject ?? string.Empty).Contains(DossierStatus.Decided.Vietnamese(), StringComparison.Ordinal));
        var mails = Directory.GetFiles(fixture.MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Where(m => m.To.ToString().Contains(email, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(mails.Count >= 3, $"{mails.Count} mails");
        Assert.All(mails, m => Assert.False(Separator().IsMatch($"{m.Subject}\n{m.TextBody}"), m.Subject));
        Assert.All(mails, m => Assert.DoesNotContain("GHI-CHU-NOI-BO", m.TextBody ?? string.Empty, StringComparison.Ordinal));

        // The refusal page (a rule of the aggregate: a dossier is rated once) says it in one language too.
        await Citizen.AsDeskAsync(App, id, (d, _) => d.Rate(4, null, DateTime.UtcNow));
        var show2 = await client.GetAsync($"/ho-so-cua-toi/{id}/rut");
        var twice = await client.Http.PostAsync($"/ho-so-cua-toi/{id}/danh-gia", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = show2.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Score"] = "5",
        }));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var refused = (await Page.ReadAsync(twice)).Text;
        Assert.Contains("This dossier has already been rated.", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("Hồ sơ đã được đánh giá.", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supplement_without_a_file_comes_back_on_its_form_with_the_reply_kept_and_the_reply_reaches_the_desk()
    {
        var client = await Citizen.RegisterAsync(fixture);
        var id = await ProcessedDossierAsync(client, answer: false);

        var form = await client.GetAsync($"/ho-so-cua-toi/{id}/bo-sung");
        var empty = await client.SubmitAsync(form, $"form[action='/ho-so-cua-toi/{id}/bo-sung']", new Dictionary<string, string?> { ["reply"] = Reply }, "button[value=nop]");
        Assert.Equal(HttpStatusCode.Conflict, empty.StatusCode);
        var again = await Page.ReadAsync(empty);
        Assert.Contains("Vui lòng tải lên ít nhất một giấy tờ được yêu cầu bổ sung trước khi nộp.", again.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Please upload", again.Text, StringComparison.Ordinal);
        Assert.NotNull(again.Document.QuerySelector($"form[action='/ho-so-cua-toi/{id}/bo-sung'] input[type=file]"));
        Assert.Equal(Reply, again.Document.QuerySelector("textarea#reply")!.TextContent);
        Assert.Equal(DossierStatus.AwaitingSupplement, (await Citizen.DossierAsync(App, id)).Status);

        await AnswerSupplementAsync(client, id);
        var stored = await App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().DossierHistory
            .Where(h => h.DossierId == id && h.Action == nameof(Dossier.SubmitSupplement)).Select(h => h.Note).SingleAsync());
        Assert.Equal(Reply, stored);

        // The desk of the ward reads it on the dossier, and in its history.
        var desk = FormClient.For(App);
        await desk.SignInAsync("motcua.hongbang@" + DemoSeeder.EmailDomain, DemoSeeder.Password);
        var official = await desk.GetAsync($"/can-bo/ho-so/{id}");
        Assert.Equal(HttpStatusCode.OK, official.Status);
        Assert.Contains(Reply, official.Document.QuerySelector("#supplement-reply")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Reply, official.Document.QuerySelector("ol.timeline")!.TextContent, StringComparison.Ordinal);
        // The officials keep their own notes.
        Assert.Contains("GHI-CHU-NOI-BO", official.Document.QuerySelector("ol.timeline")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_and_registration_refusals_read_in_the_pages_language_alone()
    {
        foreach (var english in new[] { false, true })
        {
            var client = FormClient.For(App);
            await client.GetAsync($"/Home/Language?culture={(english ? "en-US" : "vi-VN")}&returnUrl=/");
            var login = await Page.ReadAsync(await client.SubmitAsync(await client.GetAsync("/Account/Login"), "form[action='/Account/Login']",
                new Dictionary<string, string?> { ["Email"] = "", ["Password"] = "" }));
            var form = Citizen.PersonForm("khong-phai-thu", "12345");
            form["Password"] = form["ConfirmPassword"] = "ngan";
            var register = await Page.ReadAsync(await client.SubmitAsync(await client.GetAsync("/Account/Register"), "form[action='/Account/Register']", form));
            var failures = Mixed(login, "sign-in", []).Concat(Mixed(register, "registration", [])).ToList();
            Assert.True(failures.Count == 0, string.Join("\n", failures));
            Assert.Contains(english ? "Please enter your email." : "Vui lòng nhập thư điện tử.", login.Text, StringComparison.Ordinal);
            Assert.Contains(english ? "The password must have at least 12 characters." : "Mật khẩu phải có ít nhất 12 ký tự.", register.Text, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A birth registration at Hồng Bàng, filed, received, assigned and passed a step (with the officials' notes), asked
    /// for a supplement which the citizen answers with a reply, then decided: every kind of entry the timeline has.
    /// </summary>
    private async Task<long> ProcessedDossierAsync(FormClient client, bool answer = true)
    {
        var hongBang = await App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Agencies.Where(a => a.Code == "000.20.01.H31").Select(a => a.Id).SingleAsync());
        var id = await Citizen.CompleteDraftAsync(client, App, agencyId: hongBang);
        Assert.Equal(HttpStatusCode.Redirect, (await Citizen.SubmitAsync(client, id)).StatusCode);
        var at = DateTime.UtcNow.AddHours(-3);
        await Citizen.AsDeskAsync(App, id, (d, desk) =>
        {
            d.Accept(at.AddDays(5), at, desk);
            d.StartProcessing(at.AddMinutes(10), desk);
            var handler = new Actor(null, "Đỗ Văn Xử Lý", Roles.Handler);
            d.RecordProcessingStep("AssignStep", $"Thẩm định hồ sơ: Đỗ Văn Xử Lý ({InternalNote})", at.AddMinutes(10), desk);
            d.RecordProcessingStep("CompleteStep", $"Thẩm định hồ sơ → Phê duyệt: {InternalNote}", at.AddMinutes(40), handler);
            d.RequestSupplement(SupplementReason, ["Giấy chứng sinh"], at.AddHours(1), handler);
        });
        if (answer)
        {
            await AnswerSupplementAsync(client, id);
            await Citizen.AsDeskAsync(App, id, (d, desk) => d.Decide(false, "Đã đăng ký khai sinh, mời nhận bản chính tại bộ phận một cửa.", Calendar, DateTime.UtcNow, desk));
        }

        return id;
    }

    private static async Task AnswerSupplementAsync(FormClient client, long id)
    {
        var url = $"/ho-so-cua-toi/{id}/bo-sung";
        Assert.Equal(HttpStatusCode.Redirect, (await Citizen.UploadAsync(client, url, [(0, "giay-chung-sinh-ro.pdf", Citizen.Pdf)], next: "tai")).StatusCode);
        var form = await client.GetAsync(url);
        var filed = await client.SubmitAsync(form, $"form[action='{url}']", new Dictionary<string, string?> { ["reply"] = Reply }, "button[value=nop]");
        Assert.True(filed.StatusCode == HttpStatusCode.Redirect, (await Page.ReadAsync(filed)).Text);
    }

    private static IEnumerable<string> Mixed(Page page, string where, IReadOnlyList<string> internalNames)
    {
        var text = Regex.Replace(page.Text, @"\s+", " ");
        foreach (Match m in Separator().Matches(text))
        {
            yield return $"{where}: both languages at once: …{Around(text, m.Index)}…";
        }

        foreach (var name in internalNames.Where(n => Regex.IsMatch(text, $@"\b{n}\b")))
        {
            yield return $"{where}: the internal name {name}";
        }

        foreach (Match m in PropertyNamed().Matches(text))
        {
            yield return $"{where}: a validator's default message: …{Around(text, m.Index)}…";
        }
    }

    private static string Around(string text, int at) => text[Math.Max(0, at - 60)..Math.Min(text.Length, at + 60)];
}
