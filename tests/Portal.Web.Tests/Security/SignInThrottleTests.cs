using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Identity;
using Portal.Core.Notifications;
using Portal.Testing;

namespace Portal.Web.Tests.Security;

/// <summary>A password hasher that counts its verifications (the work each sign-in answer costs).</summary>
public sealed class CountingHasher : IPasswordHasher<PortalUser>
{
    private readonly PasswordHasher<PortalUser> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(PortalUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public sealed partial class ThrottledPortalApp(TestDatabase database, CountingHasher hasher, IDictionary<string, string?> settings) : PortalApp(database, settings)
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<PortalUser>>(hasher));
    }
}

/// <summary>
/// ASVS 2.2.1 and 2.5.x: wrong passwords slow an attacker down without locking the owner out, and no answer (its
/// words, its status, its work) says whether an account exists.
/// </summary>
public sealed partial class SignInThrottleTests : IAsyncLifetime
{
    private const string Password = "Matkhau@2026";
    private readonly CountingHasher _hasher = new();
    private ThrottledPortalApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _app = new ThrottledPortalApp(await TestDatabase.CreateAsync(migrate: false), _hasher, new Dictionary<string, string?>
        {
            ["SignInThrottle:AddressFailures"] = "1000",
            ["Identity:RequireTwoFactorForStaff"] = "false",
        });
        _ = _app.Server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> NewAccountAsync(string role, bool confirmed = true)
    {
        var email = $"dangnhap.{Guid.NewGuid():N}@example.vn";
        await _app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = confirmed, FullName = "Phạm Văn Khóa", LockoutEnabled = true };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.AddToRoleAsync(user, role);
            return user.Id;
        });
        return email;
    }

    private static async Task<(HttpStatusCode Status, string Text)> SignInAsync(FormClient browser, string email, string password)
    {
        var login = await browser.GetAsync("/Account/Login");
        using var response = await browser.SubmitAsync(login, "form[action='/Account/Login']", new Dictionary<string, string?> { ["Email"] = email, ["Password"] = password });
        var page = await Page.ReadAsync(response);
        return (response.StatusCode, page.Document.QuerySelector(".alert-danger, .validation-summary-errors, [role=alert]")?.TextContent.Trim() ?? page.Text);
    }

    private Task<List<OutboxMessage>> MailsAsync(string type) =>
        _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Outbox.AsNoTracking().Where(m => m.Type == type).ToListAsync());

    [Fact]
    public async Task An_existing_and_an_unknown_account_get_the_same_answers_at_the_same_cost()
    {
        var existing = await NewAccountAsync(Roles.Citizen);
        var unknown = $"khong.ai.{Guid.NewGuid():N}@example.vn";
        var answers = new Dictionary<string, List<(HttpStatusCode, string)>>();
        var costs = new Dictionary<string, List<int>>();
        foreach (var email in new[] { existing, unknown })
        {
            var browser = FormClient.For(_app);
            answers[email] = [];
            costs[email] = [];
            for (var i = 0; i < 7; i++)
            {
                var before = _hasher.Verifications;
                answers[email].Add(await SignInAsync(browser, email, "Sai@1234" + i));
                costs[email].Add(_hasher.Verifications - before);
            }
        }

        Assert.Equal(answers[existing], answers[unknown]);
        Assert.Equal(costs[existing], costs[unknown]);
        Assert.Equal(HttpStatusCode.OK, answers[existing][0].Item1);
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[existing][^1].Item1);
        // A wrong password costs one hash for both; a waiting name costs none for both.
        Assert.Equal([1, 1, 1, 1, 1, 0, 0], costs[existing]);
    }

    [Fact]
    public async Task A_locked_or_deactivated_account_answers_as_a_wrong_password_does_and_costs_one_hash()
    {
        var locked = await NewAccountAsync(Roles.Citizen);
        var deactivated = await NewAccountAsync(Roles.Citizen);
        await _app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(locked))!, DateTimeOffset.UtcNow.AddHours(1));
            var gone = (await users.FindByEmailAsync(deactivated))!;
            gone.DeactivatedAt = DateTime.UtcNow;
            await users.UpdateAsync(gone);
            return 0;
        });

        var wrong = await SignInAsync(FormClient.For(_app), await NewAccountAsync(Roles.Citizen), "Sai@12345");
        foreach (var email in new[] { locked, deactivated })
        {
            var before = _hasher.Verifications;
            var answer = await SignInAsync(FormClient.For(_app), email, Password);
            Assert.Equal(wrong, answer);
            Assert.Equal(1, _hasher.Verifications - before);
        }
    }

    [Fact]
    public async Task Nobody_locks_an_administrator_out_of_the_browser_they_signed_in_on()
    {
        // Staff addresses follow a pattern; the administrator is the account an attacker most wants to lock.
        var official = await NewAccountAsync(Roles.Admin);
        var office = FormClient.For(_app);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(office, official, Password)).Status);

        var attacker = FormClient.For(_app);
        for (var i = 0; i < 12; i++)
        {
            await SignInAsync(attacker, official, "Doan@" + i);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(attacker, official, Password)).Status);
        var (status, _) = await SignInAsync(FormClient.For(_app), official, Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        // The office browser still signs in with the right password.
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(office, official, Password)).Status);
    }

    [Fact]
    public async Task The_owner_gets_one_mail_whose_link_lifts_the_wait_for_the_browser_that_opens_it()
    {
        var citizen = await NewAccountAsync(Roles.Citizen);
        var attacker = FormClient.For(_app);
        for (var i = 0; i < 9; i++)
        {
            await SignInAsync(attacker, citizen, "Doan@" + i);
        }

        var mails = (await MailsAsync("account-unlock")).Select(m => EmailPayload.Parse(m.Payload)).Where(m => m.To == citizen).ToList();
        var mail = Assert.Single(mails);
        var link = new Uri(UnlockLink().Match(mail.Text).Value).PathAndQuery;

        var owner = FormClient.For(_app);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(owner, citizen, Password)).Status);
        var page = await owner.GetAsync(link);
        using var unlocked = await owner.SubmitAsync(page, "form[action='/Account/Unlock']", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(owner, citizen, Password)).Status);

        // A forged or reused-elsewhere code is refused on the page, in the user's language.
        var forged = await owner.GetAsync(link[..^4] + "AAAA");
        using var refused = await owner.SubmitAsync(forged, "form[action='/Account/Unlock']", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Liên kết mở khóa không đúng hoặc đã hết hạn", (await Page.ReadAsync(refused)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_browser_that_keeps_failing_is_known_no_more()
    {
        var citizen = await NewAccountAsync(Roles.Citizen);
        var browser = FormClient.For(_app);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, citizen, Password)).Status);

        // Ten failures of its own (the default), then it is a new browser again: five more make it wait.
        for (var i = 0; i < 15; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(browser, citizen, "Sai@" + i)).Status);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(browser, citizen, Password)).Status);
    }

    [Fact]
    public async Task A_password_reset_lifts_the_wait()
    {
        var citizen = await NewAccountAsync(Roles.Citizen);
        var attacker = FormClient.For(_app);
        for (var i = 0; i < 6; i++)
        {
            await SignInAsync(attacker, citizen, "Doan@" + i);
        }

        var link = await _app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            var user = await users.FindByEmailAsync(citizen);
            return Portal.Web.Controllers.AccountController.ResetPasswordPath(user!.Id, await users.GeneratePasswordResetTokenAsync(user));
        });
        var owner = FormClient.For(_app);
        var form = await owner.GetAsync(link);
        using var reset = await owner.SubmitAsync(form, "form[action='/Account/ResetPassword']", new Dictionary<string, string?> { ["Password"] = "Matkhau@2029", ["ConfirmPassword"] = "Matkhau@2029" });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(FormClient.For(_app), citizen, "Matkhau@2029")).Status);
    }

    [Fact]
    public async Task One_address_that_tries_many_names_waits_too()
    {
        await using var app = new ThrottledPortalApp(await TestDatabase.CreateAsync(migrate: false), new CountingHasher(), new Dictionary<string, string?>
        {
            ["SignInThrottle:AddressFailures"] = "3",
        });
        var browser = FormClient.For(app);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(browser, $"ten{i}.{Guid.NewGuid():N}@example.vn", "Sai@12345")).Status);
        }

        var (status, text) = await SignInAsync(FormClient.For(app), $"ten.khac.{Guid.NewGuid():N}@example.vn", "Sai@12345");
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Contains("Vui lòng thử lại sau 1 phút", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+/Account/Unlock\?userId=[0-9a-f-]+&code=[A-Za-z0-9_-]+")]
    private static partial Regex UnlockLink();
}
