using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Identity;
using Portal.Core.Notifications;
using Portal.Testing;
using Portal.Web.Areas.Citizen;

namespace Portal.Web.Tests.Security;

/// <summary>
/// Sign-in through the external OpenID Connect provider (the portal's real OIDC handler against
/// <see cref="FakeOpenIdProvider"/>, whose id_token carries the email, email_verified and the CCCD each test chooses).
/// An existing account is linked on the provider's CCCD only, never on an email; staff pass only where
/// Authentication:OpenIdConnect:AllowStaff says so and then only with their second factor; a refused person is
/// neither linked nor signed in. Each test starts its own portal (no demo data) and makes the accounts it needs.
/// </summary>
public sealed class ExternalSignInTests : IAsyncDisposable
{
    private const string Password = "Matkhau@2026";
    private const string CitizenId = "031090001234";
    private const string OtherCitizenId = "031185004321";
    private static readonly DateTime At = new(2026, 1, 5, 2, 0, 0, DateTimeKind.Utc);

    private readonly FakeOpenIdProvider _provider = new();
    private ProviderApp? _app;

    private ProviderApp App => _app ?? throw new InvalidOperationException("StartAsync first.");

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _provider.Dispose();
    }

    [Theory]
    [InlineData(Roles.Admin, null, null, "vi-VN")]
    [InlineData(Roles.Reception, null, OtherCitizenId, "en-US")]
    [InlineData(Roles.Citizen, CitizenId, OtherCitizenId, "vi-VN")]
    [InlineData(Roles.Citizen, CitizenId, null, "en-US")]
    public async Task An_account_with_the_providers_email_but_not_its_citizen_id_is_neither_linked_nor_signed_in(
        string role, string? accountCitizenId, string? providerCitizenId, string culture)
    {
        await StartAsync();
        var email = await AccountAsync(role, accountCitizenId);
        var browser = await BrowserAsync(culture);

        var answer = await SignInThroughProviderAsync(browser, new("vneid-1", email, "Người Khác", CitizenId: providerCitizenId));

        Assert.Equal("/Account/Login", answer.Headers.Location!.OriginalString);
        var message = await MessageAsync(browser, answer);
        if (culture == "en-US")
        {
            Assert.Contains("contact support", message, StringComparison.Ordinal);
            Assert.DoesNotContain("tài khoản", message, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.Contains("liên hệ bộ phận hỗ trợ", message, StringComparison.Ordinal);
            Assert.DoesNotContain("account", message, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Null(await LinkedToAsync("vneid-1"));
        Assert.Equal(1, await App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Users.CountAsync(u => u.Email == email)));
        await AssertNotSignedInAsync(browser);
    }

    [Fact]
    public async Task A_citizen_whose_verified_email_and_citizen_id_are_the_accounts_is_linked_and_signed_in_at_once()
    {
        await StartAsync();
        var email = await AccountAsync(Roles.Citizen, CitizenId);
        var browser = await BrowserAsync();

        var answer = await SignInThroughProviderAsync(browser, new("vneid-2", email, "Nguyễn Văn An", CitizenId: CitizenId));

        Assert.Equal("/", answer.Headers.Location!.OriginalString);
        await AssertSignedInAsAsync(browser, email);
        Assert.Equal(await IdOfAsync(email), await LinkedToAsync("vneid-2"));
    }

    [Theory]
    [InlineData("dia.chi.khac@example.vn", true, "vi-VN")]
    [InlineData(null, false, "en-US")]
    public async Task An_account_holding_the_providers_citizen_id_under_another_or_unverified_email_is_linked_only_with_its_password(
        string? providerEmail, bool verified, string culture)
    {
        // Pre-hijacking: anyone may type someone else's CCCD at registration and confirm an inbox of their own.
        await StartAsync();
        var email = await AccountAsync(Roles.Citizen, CitizenId);
        var browser = await BrowserAsync(culture);

        var answer = await SignInThroughProviderAsync(browser, new("vneid-2b", providerEmail ?? email, "Nguyễn Văn An", verified, CitizenId));

        Assert.Equal("/Account/ExternalLink", answer.Headers.Location!.OriginalString);
        var page = await browser.FollowAsync(answer);
        Assert.Contains(email[..2] + "***@example.vn", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(email, page.Text, StringComparison.Ordinal);
        await AssertNotSignedInAsync(browser);

        using var wrong = await browser.SubmitAsync(page, "form[action='/Account/ExternalLink']:not([data-not-mine])", new Dictionary<string, string?> { ["Password"] = "Sai@1234567" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.StartsWith(culture == "vi-VN" ? "Mật khẩu không đúng." : "Wrong password.",
            (await Page.ReadAsync(wrong)).Document.QuerySelector("#Password_err")?.TextContent, StringComparison.Ordinal);
        Assert.Null(await LinkedToAsync("vneid-2b"));
        await AssertNotSignedInAsync(browser);

        using var right = await browser.SubmitAsync(page, "form[action='/Account/ExternalLink']:not([data-not-mine])", new Dictionary<string, string?> { ["Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", right.Headers.Location!.OriginalString);
        await AssertSignedInAsAsync(browser, email);
        Assert.Equal(await IdOfAsync(email), await LinkedToAsync("vneid-2b"));
        Assert.Null(await IdOfAsync("dia.chi.khac@example.vn"));
    }

    [Fact]
    public async Task A_person_who_says_the_account_with_their_citizen_id_is_not_theirs_gets_their_own_and_the_number_leaves_the_other()
    {
        await StartAsync();
        var squatter = await AccountAsync(Roles.Citizen, CitizenId);
        var browser = await BrowserAsync();
        var answer = await SignInThroughProviderAsync(browser, new("vneid-2c", "chu.that.2c@example.vn", "Chủ Thật", CitizenId: CitizenId));
        var page = await browser.FollowAsync(answer);

        using var notMine = await browser.SubmitAsync(page, "form[data-not-mine]", new Dictionary<string, string?>());

        Assert.Equal("/Account/Profile", notMine.Headers.Location!.OriginalString);
        await AssertSignedInAsAsync(browser, "chu.that.2c@example.vn");
        var own = await IdOfAsync("chu.that.2c@example.vn");
        Assert.Equal(own, await LinkedToAsync("vneid-2c"));
        var holders = await App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Users.Where(u => u.CitizenId == CitizenId).Select(u => u.Email).ToListAsync());
        Assert.Equal(["chu.that.2c@example.vn"], holders);
        var told = await App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Outbox.Where(m => m.Type == "account-citizen-id-released").Select(m => m.Payload).ToListAsync());
        Assert.Contains(told, p => EmailPayload.Parse(p).To == squatter);
    }

    [Fact]
    public async Task A_citizen_with_two_step_verification_linked_on_the_citizen_id_is_asked_for_the_code_before_being_signed_in()
    {
        await StartAsync();
        var email = await AccountAsync(Roles.Citizen, CitizenId);
        var key = await TurnOnTwoFactorAsync(email);
        var browser = await BrowserAsync();

        var answer = await LinkWithPasswordAsync(browser, await SignInThroughProviderAsync(browser, new("vneid-3", "dia.chi.khac@example.vn", "Nguyễn Văn An", CitizenId: CitizenId)));

        Assert.StartsWith("/Account/TwoFactor", answer.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await AssertNotSignedInAsync(browser);
        await EnterCodeAsync(browser, answer, key);
        await AssertSignedInAsAsync(browser, email);
    }

    [Theory]
    [InlineData(Roles.Reception)]
    [InlineData(Roles.Admin)]
    public async Task Unless_the_configuration_allows_staff_an_official_or_administrator_with_the_providers_citizen_id_is_refused(string role)
    {
        await StartAsync();
        var email = await AccountAsync(role, CitizenId);
        await TurnOnTwoFactorAsync(email);
        var person = new FakeOpenIdProvider.Person("vneid-4", email, "Cán Bộ", CitizenId: CitizenId);
        var browser = await BrowserAsync();

        var answer = await SignInThroughProviderAsync(browser, person);

        Assert.Equal("/Account/Login", answer.Headers.Location!.OriginalString);
        Assert.Contains("Tài khoản cán bộ không đăng nhập bằng tài khoản định danh", await MessageAsync(browser, answer), StringComparison.Ordinal);
        Assert.Null(await LinkedToAsync(person.Subject));
        await AssertNotSignedInAsync(browser);

        // A login linked before (while staff were allowed, or on an email by an older portal) does not sign in either.
        await LinkAsync(email, person.Subject);
        var again = await BrowserAsync();
        Assert.Equal("/Account/Login", (await SignInThroughProviderAsync(again, person)).Headers.Location!.OriginalString);
        await AssertNotSignedInAsync(again);
    }

    [Fact]
    public async Task Where_staff_are_allowed_an_official_is_linked_on_the_citizen_id_and_asked_for_the_second_factor()
    {
        await StartAsync(allowStaff: true);
        var email = await AccountAsync(Roles.Reception, CitizenId);
        var key = await TurnOnTwoFactorAsync(email);
        var browser = await BrowserAsync();

        var answer = await LinkWithPasswordAsync(browser, await SignInThroughProviderAsync(browser, new("vneid-5", "ca.nhan@example.vn", "Cán Bộ", CitizenId: CitizenId)));

        Assert.StartsWith("/Account/TwoFactor", answer.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(await IdOfAsync(email), await LinkedToAsync("vneid-5"));
        await AssertNotSignedInAsync(browser);
        await EnterCodeAsync(browser, answer, key);
        await AssertSignedInAsAsync(browser, email);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Where_staff_are_allowed_a_staff_account_without_two_step_verification_is_refused_even_where_it_is_not_required(bool requireTwoFactorForStaff)
    {
        await StartAsync(allowStaff: true, requireTwoFactorForStaff);
        var email = await AccountAsync(Roles.Handler, CitizenId);
        var browser = await BrowserAsync();

        var answer = await SignInThroughProviderAsync(browser, new("vneid-6", email, "Chuyên Viên", CitizenId: CitizenId));

        Assert.Equal("/Account/Login", answer.Headers.Location!.OriginalString);
        Assert.Contains("chỉ đăng nhập bằng tài khoản định danh khi đã bật xác thực hai bước", await MessageAsync(browser, answer), StringComparison.Ordinal);
        Assert.Null(await LinkedToAsync("vneid-6"));
        await AssertNotSignedInAsync(browser);
    }

    [Theory]
    [InlineData(CitizenId)]
    [InlineData(null)]
    public async Task A_person_new_to_the_portal_with_a_verified_email_gets_a_citizen_account_and_is_sent_to_the_profile(string? citizenId)
    {
        await StartAsync();
        var email = $"moi.{Guid.NewGuid():N}@example.vn";
        var browser = await BrowserAsync();

        var answer = await SignInThroughProviderAsync(browser, new("vneid-7", email, "Phạm Văn Định Danh", CitizenId: citizenId));

        Assert.Equal("/Account/Profile", answer.Headers.Location!.OriginalString);
        await AssertSignedInAsAsync(browser, email);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/ho-so-cua-toi")).StatusCode);
        var user = await UserAsync(email);
        Assert.Equal(citizenId, user.CitizenId);
        Assert.True(user.EmailConfirmed);
        Assert.Equal(user.Id, await LinkedToAsync("vneid-7"));
    }

    [Fact]
    public async Task A_person_new_to_the_portal_whose_email_the_provider_did_not_verify_signs_in_only_after_the_portals_confirmation_mail()
    {
        await StartAsync();
        var email = $"chua.xac.minh.{Guid.NewGuid():N}@example.vn";
        var person = new FakeOpenIdProvider.Person("vneid-8", email, "Lê Thị Chưa Xác Minh", EmailVerified: false, CitizenId: CitizenId);
        var browser = await BrowserAsync();

        var answer = await SignInThroughProviderAsync(browser, person);

        Assert.Equal("/Account/Login", answer.Headers.Location!.OriginalString);
        Assert.Contains("chúng tôi đã gửi thư tới địa chỉ đó", await MessageAsync(browser, answer), StringComparison.Ordinal);
        await AssertNotSignedInAsync(browser);
        var user = await UserAsync(email);
        Assert.False(user.EmailConfirmed);
        Assert.Equal(CitizenId, user.CitizenId);
        Assert.Equal(user.Id, await LinkedToAsync(person.Subject));
        Assert.Equal("/Account/Login", (await SignInThroughProviderAsync(browser, person)).Headers.Location!.OriginalString);
        await AssertNotSignedInAsync(browser);

        var mails = await MailsAsync("account-confirm");
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m => Assert.Equal(email, m.To));
        var confirm = new Uri(Regex.Match(mails[0].Text, @"http\S+/Account/ConfirmEmail\S+").Value);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync(confirm.PathAndQuery)).StatusCode);

        Assert.Equal("/", (await SignInThroughProviderAsync(browser, person)).Headers.Location!.OriginalString);
        await AssertSignedInAsAsync(browser, email);
    }

    [Fact]
    public async Task An_unverified_email_that_has_an_account_is_answered_as_a_new_one_and_its_owner_is_told_by_mail()
    {
        await StartAsync();
        var email = await AccountAsync(Roles.Citizen, CitizenId);
        var browser = await BrowserAsync();

        var taken = await SignInThroughProviderAsync(browser, new("vneid-12", email, "Người Khác", EmailVerified: false, CitizenId: OtherCitizenId));
        Assert.Equal("/Account/Login", taken.Headers.Location!.OriginalString);
        var toTaken = await MessageAsync(browser, taken);
        var fresh = await SignInThroughProviderAsync(browser, new("vneid-13", $"moi.{Guid.NewGuid():N}@example.vn", "Người Mới", EmailVerified: false));

        Assert.Equal(await MessageAsync(browser, fresh), toTaken);
        Assert.Null(await LinkedToAsync("vneid-12"));
        Assert.NotNull(await LinkedToAsync("vneid-13"));
        await AssertNotSignedInAsync(browser);
        var told = Assert.Single(await MailsAsync("account-external-taken"));
        Assert.Equal(email, told.To);
        Assert.Contains("ghi số CCCD tại trang Hồ sơ cá nhân", told.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApplicantKind.Person)]
    [InlineData(ApplicantKind.Business)]
    public async Task A_login_linked_to_an_account_of_another_citizen_id_or_to_a_business_does_not_sign_in(ApplicantKind kind)
    {
        await StartAsync();
        var email = await AccountAsync(Roles.Citizen, kind == ApplicantKind.Person ? CitizenId : null, kind);
        // As an older portal linked it: on the email alone.
        await LinkAsync(email, "vneid-9");
        var browser = await BrowserAsync();

        var answer = await SignInThroughProviderAsync(browser, new("vneid-9", email, "Người Khác", CitizenId: OtherCitizenId));

        Assert.Equal("/Account/Login", answer.Headers.Location!.OriginalString);
        Assert.Contains("không khớp với tài khoản của cổng", await MessageAsync(browser, answer), StringComparison.Ordinal);
        await AssertNotSignedInAsync(browser);
    }

    [Fact]
    public async Task A_deactivated_account_whose_login_is_linked_is_not_signed_in_through_the_provider()
    {
        await StartAsync();
        var email = await AccountAsync(Roles.Citizen, CitizenId);
        var person = new FakeOpenIdProvider.Person("vneid-10", email, "Nguyễn Văn An", CitizenId: CitizenId);
        Assert.Equal("/", (await SignInThroughProviderAsync(await BrowserAsync(), person)).Headers.Location!.OriginalString);
        await App.WithDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.DeactivatedAt, At)));
        var browser = await BrowserAsync();

        var answer = await SignInThroughProviderAsync(browser, person);

        Assert.Equal("/Account/Login", answer.Headers.Location!.OriginalString);
        Assert.Contains("Đăng nhập qua tài khoản định danh không thành công", await MessageAsync(browser, answer), StringComparison.Ordinal);
        await AssertNotSignedInAsync(browser);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_unconfirmed_account_with_the_providers_citizen_id_or_email_is_neither_linked_nor_signed_in(bool byCitizenId)
    {
        await StartAsync();
        var email = await AccountAsync(Roles.Citizen, CitizenId, confirmed: false);
        var browser = await BrowserAsync();

        var answer = await SignInThroughProviderAsync(browser, byCitizenId
            ? new("vneid-11", "chu.that@example.vn", "Chủ Thật", CitizenId: CitizenId)
            : new("vneid-11", email, "Chủ Thật"));

        Assert.Equal("/Account/Login", answer.Headers.Location!.OriginalString);
        Assert.Null(await LinkedToAsync("vneid-11"));
        Assert.Null(await IdOfAsync("chu.that@example.vn"));
        await AssertNotSignedInAsync(browser);
    }

    private async Task StartAsync(bool allowStaff = false, bool requireTwoFactorForStaff = true)
    {
        var settings = FakeOpenIdProvider.Settings();
        settings["Portal:NodeRoles"] = "web";
        settings["Identity:RequireTwoFactorForStaff"] = requireTwoFactorForStaff ? "true" : "false";
        settings["Authentication:OpenIdConnect:AllowStaff"] = allowStaff ? "true" : "false";
        _app = new ProviderApp(await TestDatabase.CreateAsync(migrate: false), settings, _provider);
        _ = _app.Server;
    }

    /// <summary>An account with a password and a confirmed email (unless told otherwise); returns its email.</summary>
    private Task<string> AccountAsync(string role, string? citizenId, ApplicantKind kind = ApplicantKind.Person, bool confirmed = true) => App.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<PortalUser>>();
        var email = $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}@example.vn";
        var user = new PortalUser
        {
            Id = Guid.NewGuid(),
            UserName = email,
            Email = email,
            EmailConfirmed = confirmed,
            FullName = "Chủ Tài Khoản",
            Kind = kind,
            CitizenId = citizenId,
            TaxCode = kind == ApplicantKind.Business ? "0201234567" : null,
            BusinessName = kind == ApplicantKind.Business ? "Công ty TNHH Cảng Xanh" : null,
            CreatedAt = At,
        };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    });

    /// <summary>
    /// A browser on https (the OIDC handler's correlation and nonce cookies are Secure, and a browser sends them back
    /// only over https), in the given language.
    /// </summary>
    private async Task<FormClient> BrowserAsync(string culture = "vi-VN")
    {
        var browser = new FormClient(App.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri("https://localhost"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync($"/Home/Language?culture={culture}&returnUrl=%2F")).StatusCode);
        return browser;
    }

    /// <summary>The button on the sign-in page, the provider's page, the post back; returns the portal's callback answer.</summary>
    private async Task<HttpResponseMessage> SignInThroughProviderAsync(FormClient browser, FakeOpenIdProvider.Person person)
    {
        var login = await browser.GetAsync("/Account/Login");
        var challenge = await browser.SubmitAsync(login, "form[action='/Account/ExternalLogin']", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var (callback, form) = _provider.Authorize(challenge.Headers.Location!, person);
        var back = await browser.Http.PostAsync(callback, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.StartsWith("/Account/ExternalLoginCallback", back.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return await browser.Http.GetAsync(back.Headers.Location);
    }

    /// <summary>The link page <paramref name="answer"/> redirected to, with the account's password; returns its answer.</summary>
    private static async Task<HttpResponseMessage> LinkWithPasswordAsync(FormClient browser, HttpResponseMessage answer)
    {
        Assert.Equal("/Account/ExternalLink", answer.Headers.Location!.OriginalString);
        var page = await browser.FollowAsync(answer);
        return await browser.SubmitAsync(page, "form[action='/Account/ExternalLink']:not([data-not-mine])", new Dictionary<string, string?> { ["Password"] = Password });
    }

    /// <summary>The message the sign-in page shows after <paramref name="answer"/> redirected there.</summary>
    private static async Task<string> MessageAsync(FormClient browser, HttpResponseMessage answer)
    {
        var page = await browser.FollowAsync(answer);
        return page.Document.QuerySelector("div.alert[role=status]")?.TextContent.Trim()
            ?? throw new InvalidOperationException("No message on " + page.Url);
    }

    private static async Task EnterCodeAsync(FormClient browser, HttpResponseMessage answer, string key)
    {
        var ask = await browser.FollowAsync(answer);
        var done = await browser.SubmitAsync(ask, "form[action='/Account/TwoFactor']", new Dictionary<string, string?> { ["Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
    }

    /// <summary>A page every signed-in account may open (staff with two-step verification on included) shows whose session it is.</summary>
    private static async Task AssertSignedInAsAsync(FormClient browser, string email)
    {
        var page = await browser.GetAsync("/Account/ChangePassword");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        // The header greets by name; the account it signed in to is its title.
        Assert.Equal(email, page.Document.QuerySelector("#signed-in-as")?.GetAttribute("title"));
    }

    private static async Task AssertNotSignedInAsync(FormClient browser)
    {
        var refused = await browser.Http.GetAsync("/Account/ChangePassword");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/Login", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private Task<string> TurnOnTwoFactorAsync(string email) => App.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    });

    private Task<Guid> LinkAsync(string email, string subject) => App.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
        Assert.True((await users.AddLoginAsync(user, new UserLoginInfo(ExternalLoginOptions.Scheme, subject, "VNeID"))).Succeeded);
        return user.Id;
    });

    private Task<List<EmailPayload>> MailsAsync(string type) => App.WithScopeAsync(async sp =>
        (await sp.GetRequiredService<PortalDb>().Outbox.Where(m => m.Type == type).OrderBy(m => m.Id).Select(m => m.Payload).ToListAsync())
            .ConvertAll(EmailPayload.Parse));

    private Task<PortalUser> UserAsync(string email) =>
        App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Users.AsNoTracking().SingleAsync(u => u.Email == email));

    private Task<Guid?> IdOfAsync(string email) =>
        App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Users.Where(u => u.Email == email).Select(u => (Guid?)u.Id).SingleOrDefaultAsync());

    /// <summary>The account the provider's subject is linked to, if any.</summary>
    private Task<Guid?> LinkedToAsync(string subject) => App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().UserLogins
        .Where(l => l.LoginProvider == ExternalLoginOptions.Scheme && l.ProviderKey == subject).Select(l => (Guid?)l.UserId).SingleOrDefaultAsync());

    /// <summary>The portal whose OIDC handler reaches the fake provider through its backchannel.</summary>
    private sealed class ProviderApp(TestDatabase database, IDictionary<string, string?> settings, FakeOpenIdProvider provider)
        : PortalApp(database, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.Configure<OpenIdConnectOptions>(ExternalLoginOptions.Scheme, o => o.BackchannelHttpHandler = provider));
        }
    }
}
