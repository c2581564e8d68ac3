using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Core.Notifications;
using Portal.Testing;

namespace Portal.Web.Tests.Security;

/// <summary>
/// ASVS 3.7.1, 2.2.3 and 2.5.5: a session left open, or a stolen cookie, does not change who the account is. The phone,
/// the CCCD and the tax code change only with the current password (and the authenticator's code where two-step
/// verification is on); a new phone number is the account's only once the code texted to it comes back; and the owner
/// is mailed after every change of the password, the second factor, the phone or the CCCD.
/// </summary>
public sealed partial class IdentityChangeTests(BlankPortalFixture f) : IClassFixture<BlankPortalFixture>
{
    private const string Password = BlankPortalFixture.Password;
    private const string CitizenId = "031090001234";

    private async Task<(string Email, FormClient Browser)> CitizenAsync()
    {
        var (email, _, browser) = await f.CitizenAsync("Trần Thị Đổi", u =>
        {
            u.CitizenId = CitizenId;
            u.DateOfBirth = new DateOnly(1990, 4, 12);
            u.PhoneNumber = "0912345678";
        });
        return (email, browser);
    }

    private Task<PortalUser> UserAsync(string email) =>
        f.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Users.AsNoTracking().SingleAsync(u => u.Email == email));

    private Task<List<string>> MailTextsAsync(string email, string type) => f.App.WithScopeAsync(async sp =>
        (await sp.GetRequiredService<PortalDb>().Outbox.AsNoTracking().Where(m => m.Kind == OutboxKind.Email && m.Type == type).ToListAsync())
            .Select(m => EmailPayload.Parse(m.Payload)).Where(p => p.To == email).Select(p => p.Subject + "\n" + p.Text).ToList());

    private Task<List<SmsPayload>> TextsToAsync(string phone) => f.App.WithScopeAsync(async sp =>
        (await sp.GetRequiredService<PortalDb>().Outbox.AsNoTracking().Where(m => m.Kind == OutboxKind.Sms && m.Type == "account-phone-code").OrderBy(m => m.Id).ToListAsync())
            .Select(m => SmsPayload.Parse(m.Payload)).Where(p => p.Phone == phone).ToList());

    private static async Task<HttpResponseMessage> SaveProfileAsync(FormClient browser, Dictionary<string, string?> values)
    {
        var page = await browser.GetAsync("/Account/Profile");
        return await browser.SubmitAsync(page, "form[action='/Account/Profile']", values);
    }

    [Theory]
    [InlineData(null, "vi-VN", "Để đổi số điện thoại, số CCCD hoặc mã số thuế, hãy nhập mật khẩu hiện tại.")]
    [InlineData("Sai@123456", "vi-VN", "Mật khẩu hiện tại không đúng.")]
    [InlineData(null, "en-US", "To change the phone, the citizen ID or the tax code, enter your current password.")]
    [InlineData("Sai@123456", "en-US", "The current password is wrong.")]
    public async Task A_new_phone_or_citizen_id_without_the_right_password_is_refused_on_the_page_with_what_was_typed_kept(string? password, string culture, string message)
    {
        var (email, browser) = await CitizenAsync();
        await browser.Http.GetAsync($"/Home/Language?culture={culture}&returnUrl=%2F");

        using var answer = await SaveProfileAsync(browser, new() { ["Phone"] = "0987654321", ["CitizenId"] = "031090005678", ["Address"] = "Số 5 Lạch Tray", ["CurrentPassword"] = password });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var page = await Page.ReadAsync(answer);
        Assert.StartsWith(message, page.Document.QuerySelector("#CurrentPassword_err")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("0987654321", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Phone")!.Value);
        Assert.Equal("031090005678", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#CitizenId")!.Value);
        Assert.Equal(string.Empty, page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#CurrentPassword")!.Value);
        var user = await UserAsync(email);
        Assert.Equal(("0912345678", CitizenId, (string?)null), (user.PhoneNumber, user.CitizenId, user.Address));
        Assert.Empty(await TextsToAsync("0987654321"));
    }

    [Fact]
    public async Task The_name_and_address_change_without_a_password()
    {
        var (email, browser) = await CitizenAsync();

        using var answer = await SaveProfileAsync(browser, new() { ["FullName"] = "Trần Thị Mới", ["Address"] = "Số 5 Lạch Tray" });

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(("Trần Thị Mới", "Số 5 Lạch Tray"), ((await UserAsync(email)).FullName, (await UserAsync(email)).Address));
        Assert.Empty(await MailTextsAsync(email, "account-changed"));
    }

    [Fact]
    public async Task A_new_phone_is_the_accounts_only_after_the_code_texted_to_it_comes_back_and_the_owner_is_mailed()
    {
        var (email, browser) = await CitizenAsync();
        const string phone = "0987650001";

        using var saved = await SaveProfileAsync(browser, new() { ["Phone"] = phone, ["CurrentPassword"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.StartsWith("/Account/ConfirmPhone?p=", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal("0912345678", (await UserAsync(email)).PhoneNumber);
        var text = Assert.Single(await TextsToAsync(phone));
        var code = CodeRegex().Match(text.Text).Value;
        Assert.Equal(6, code.Length);

        var confirm = await browser.FollowAsync(saved);
        Assert.Contains(phone, confirm.Text, StringComparison.Ordinal);
        using var wrong = await browser.SubmitAsync(confirm, "#confirm-phone",
            new Dictionary<string, string?> { ["Code"] = code == "000000" ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.StartsWith("Mã không đúng hoặc đã hết hạn", (await Page.ReadAsync(wrong)).Document.QuerySelector("#Code_err")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("0912345678", (await UserAsync(email)).PhoneNumber);

        // The pending change is sealed: an altered one changes nothing and goes back to the profile.
        using var forged = await browser.SubmitAsync(confirm, "#confirm-phone", new Dictionary<string, string?> { ["Pending"] = "Zm9yZ2Vk", ["Code"] = code });
        Assert.Equal("/Account/Profile", forged.Headers.Location!.OriginalString);
        Assert.Equal("0912345678", (await UserAsync(email)).PhoneNumber);

        using var right = await browser.SubmitAsync(confirm, "#confirm-phone", new Dictionary<string, string?> { ["Code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var user = await UserAsync(email);
        Assert.Equal((phone, true), (user.PhoneNumber, user.PhoneNumberConfirmed));
        var mail = Assert.Single(await MailTextsAsync(email, "account-changed"));
        Assert.Contains("số điện thoại (số mới 0987650001)", mail, StringComparison.Ordinal);
        Assert.Contains("/Account/ForgotPassword", mail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/ho-so-cua-toi")).StatusCode);
    }

    [Fact]
    public async Task A_session_without_the_password_cannot_have_codes_texted_to_a_number_of_its_choice()
    {
        var (email, browser) = await CitizenAsync();
        var profile = await browser.GetAsync("/Account/Profile");

        // The confirmation page's own form, posted with a number instead of the sealed change the profile gives.
        foreach (var values in new[]
        {
            new Dictionary<string, string?> { ["Phone"] = "0987650077", ["Resend"] = "true" },
            new Dictionary<string, string?> { ["Pending"] = "0987650077", ["Resend"] = "true" },
        })
        {
            var fields = values.Append(new("__RequestVerificationToken", profile.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")));
            using var answer = await browser.Http.PostAsync("/Account/ConfirmPhone", new FormUrlEncodedContent(fields));
            Assert.Equal("/Account/Profile", answer.Headers.Location!.OriginalString);
        }

        Assert.Empty(await TextsToAsync("0987650077"));
        Assert.Equal("0912345678", (await UserAsync(email)).PhoneNumber);
    }

    [Fact]
    public async Task An_account_gets_at_most_five_codes_texted_an_hour()
    {
        var (_, browser) = await CitizenAsync();
        const string phone = "0987650055";
        using var saved = await SaveProfileAsync(browser, new() { ["Phone"] = phone, ["CurrentPassword"] = Password });
        var confirm = await browser.FollowAsync(saved);
        for (var i = 0; i < 5; i++)
        {
            using var resent = await browser.SubmitAsync(confirm, "form[action='/Account/ConfirmPhone']:not(#confirm-phone)", new Dictionary<string, string?>());
            Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
            var page = await browser.FollowAsync(resent);
            Assert.Contains(i < 4 ? "Đã gửi lại mã tới số 0987650055." : "đã gửi 5 mã xác nhận nên chưa gửi thêm", page.Text, StringComparison.Ordinal);
        }

        Assert.Equal(5, (await TextsToAsync(phone)).Count);
    }

    [Fact]
    public async Task Five_wrong_phone_codes_close_the_confirmation_even_to_the_right_code()
    {
        var (email, browser) = await CitizenAsync();
        const string phone = "0987650003";
        using var saved = await SaveProfileAsync(browser, new() { ["Phone"] = phone, ["CurrentPassword"] = Password });
        var code = CodeRegex().Match(Assert.Single(await TextsToAsync(phone)).Text).Value;
        var confirm = await browser.FollowAsync(saved);
        var wrongCode = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await browser.SubmitAsync(confirm, "#confirm-phone", new Dictionary<string, string?> { ["Code"] = wrongCode });
            Assert.Equal(i < 4 ? HttpStatusCode.BadRequest : HttpStatusCode.TooManyRequests, wrong.StatusCode);
        }

        using var blocked = await browser.SubmitAsync(confirm, "#confirm-phone", new Dictionary<string, string?> { ["Code"] = code });
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal("0912345678", (await UserAsync(email)).PhoneNumber);
    }

    [Fact]
    public async Task With_two_step_verification_on_the_citizen_id_changes_only_with_the_password_and_a_code()
    {
        var (email, browser) = await CitizenAsync();
        var (key, _) = await BlankPortalFixture.TurnOnTwoFactorAsync(browser);
        Assert.Contains("xác thực hai bước đã được bật", Assert.Single(await MailTextsAsync(email, "account-changed")), StringComparison.Ordinal);

        using var passwordOnly = await SaveProfileAsync(browser, new() { ["CitizenId"] = "031185004321", ["DateOfBirth"] = "1985-02-03", ["CurrentPassword"] = Password });
        Assert.Equal(HttpStatusCode.BadRequest, passwordOnly.StatusCode);
        Assert.StartsWith("Mật khẩu hoặc mã xác thực không đúng", (await Page.ReadAsync(passwordOnly)).Document.QuerySelector("#CurrentPassword_err")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(CitizenId, (await UserAsync(email)).CitizenId);

        using var both = await SaveProfileAsync(browser, new()
        {
            ["CitizenId"] = "031185004321",
            ["DateOfBirth"] = "1985-02-03",
            ["CurrentPassword"] = Password,
            ["Code"] = Totp.Code(key, stepsAhead: 1),
        });
        Assert.Equal(HttpStatusCode.Redirect, both.StatusCode);
        Assert.Equal("031185004321", (await UserAsync(email)).CitizenId);
        Assert.Contains(await MailTextsAsync(email, "account-changed"), m => m.Contains("thay đổi: số CCCD", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Changing_the_password_mails_the_owner_and_an_invitations_first_password_does_not()
    {
        var (email, browser) = await CitizenAsync();
        var form = await browser.GetAsync("/Account/ChangePassword");
        using var changed = await browser.SubmitAsync(form, "form[action='/Account/ChangePassword']", new Dictionary<string, string?>
        {
            ["CurrentPassword"] = Password,
            ["NewPassword"] = "Matkhau@2029",
            ["ConfirmPassword"] = "Matkhau@2029",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var mail = Assert.Single(await MailTextsAsync(email, "account-changed"));
        Assert.StartsWith("Tài khoản Cổng Dịch vụ công vừa thay đổi: mật khẩu", mail, StringComparison.Ordinal);

        // An account without a password yet (an invitation) sets its first one through the reset page: no warning.
        var invited = $"moi.{Guid.NewGuid():N}@example.vn";
        var link = await f.App.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser { UserName = invited, Email = invited, EmailConfirmed = true, FullName = "Cán Bộ Mới" };
            Assert.True((await users.CreateAsync(user)).Succeeded);
            return Portal.Web.Controllers.AccountController.ResetPasswordPath(user.Id, await users.GeneratePasswordResetTokenAsync(user));
        });
        var other = FormClient.For(f.App);
        var reset = await other.GetAsync(link);
        using var set = await other.SubmitAsync(reset, "form[action^='/Account/ResetPassword']", new Dictionary<string, string?> { ["Password"] = "Matkhau@2030", ["ConfirmPassword"] = "Matkhau@2030" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Empty(await MailTextsAsync(invited, "account-changed"));
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex CodeRegex();
}
