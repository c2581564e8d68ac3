using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Identity;
using Portal.Core.Notifications;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Citizen;

[Collection(CitizenCollection.Name)]
public sealed class AccountTests(CitizenFixture fixture)
{
    private CitizenApp App => fixture.App;

    [Fact]
    public async Task Registration_refuses_a_wrong_CCCD_a_wrong_tax_code_a_weak_password_and_tells_a_registered_CCCD_only_by_mail()
    {
        var client = FormClient.For(App);
        var person = await client.GetAsync("/Account/Register");
        var form = Citizen.PersonForm(Citizen.NewEmail(), "031120123456");
        form["Password"] = form["ConfirmPassword"] = "matkhau";
        var response = await client.SubmitAsync(person, "form[action='/Account/Register']", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = (await Page.ReadAsync(response)).Text;
        Assert.Contains("Số CCCD gồm đúng 12 chữ số", text, StringComparison.Ordinal);
        Assert.DoesNotContain("matkhau", (await Page.ReadAsync(response)).Html, StringComparison.Ordinal);

        var fixedId = Citizen.PersonForm(Citizen.NewEmail(), Citizen.NewCitizenId());
        fixedId["Password"] = fixedId["ConfirmPassword"] = "matkhau";
        var weak = await Page.ReadAsync(await client.SubmitAsync(person, "form[action='/Account/Register']", fixedId));
        Assert.Contains("Mật khẩu phải có ít nhất 12 ký tự", weak.Text, StringComparison.Ordinal);

        var business = await client.GetAsync("/Account/Register?kind=Business");
        var bad = await client.SubmitAsync(business, "form[action='/Account/Register']", new Dictionary<string, string?>
        {
            ["TaxCode"] = "02012345",
            ["BusinessName"] = "Công ty TNHH Thử Nghiệm",
            ["Representative"] = "Lê Văn Bền",
            ["Phone"] = "0987654321",
            ["Email"] = Citizen.NewEmail(),
            ["Password"] = Citizen.Password,
            ["ConfirmPassword"] = Citizen.Password,
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Mã số thuế gồm 10 chữ số", (await Page.ReadAsync(bad)).Text, StringComparison.Ordinal);

        // A CCCD that has an account: the page reads as for a new one (it would tell anyone whose papers are
        // registered); the account's owner and the address typed are told by mail, and nothing is created.
        var typed = Citizen.NewEmail();
        var taken = await Page.ReadAsync(await client.SubmitAsync(person, "form[action='/Account/Register']", Citizen.PersonForm(typed, "031090001234")));
        Assert.Contains("Kiểm tra hộp thư", taken.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("đã có tài khoản", taken.Text, StringComparison.Ordinal);
        var owner = await App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Users.Where(u => u.CitizenId == "031090001234").Select(u => u.Email!).SingleAsync());
        var toOwner = await Citizen.WaitForMailAsync(fixture, m => m.To.ToString().Contains(owner, StringComparison.OrdinalIgnoreCase)
            && (m.Subject ?? string.Empty).StartsWith("Có người đăng ký lại", StringComparison.Ordinal));
        Assert.Contains("Không có tài khoản mới nào được tạo", toOwner.TextBody, StringComparison.Ordinal);
        var toTyped = await Citizen.WaitForMailAsync(fixture, m => m.To.ToString().Contains(typed, StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("Chưa tạo được tài khoản", toTyped.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(owner, toTyped.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.False(await App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Users.AnyAsync(u => u.Email == typed)));
    }

    [Fact]
    public async Task A_business_registers_and_its_tax_code_and_name_prefill_the_applicant()
    {
        var email = Citizen.NewEmail();
        var client = FormClient.For(App);
        var page = await client.GetAsync("/Account/Register?kind=Business");
        var taxCode = "02" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-001";
        var response = await client.SubmitAsync(page, "form[action='/Account/Register']", new Dictionary<string, string?>
        {
            ["TaxCode"] = taxCode,
            ["BusinessName"] = "Chi nhánh Công ty Cổ phần Cảng Đình Vũ",
            ["Representative"] = "Lê Văn Bền",
            ["Phone"] = "+84 987 654 321",
            ["Email"] = email,
            ["Address"] = "Khu kinh tế Đình Vũ, phường Hải An",
            ["Password"] = Citizen.Password,
            ["ConfirmPassword"] = Citizen.Password,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // Not confirmed yet: signing in is refused with the reason.
        var login = await client.GetAsync("/Account/Login");
        var refused = await Page.ReadAsync(await client.SubmitAsync(login, "form[action='/Account/Login']",
            new Dictionary<string, string?> { ["Email"] = email, ["Password"] = Citizen.Password }));
        Assert.Contains("chưa xác nhận thư điện tử", refused.Text, StringComparison.Ordinal);

        await client.GetAsync(await Citizen.ConfirmationLinkAsync(fixture, email));
        await client.SignInAsync(email, Citizen.Password);
        var id = await Citizen.StartAsync(client, await Citizen.ProcedureIdAsync(App, Citizen.BirthRegistration));
        var applicant = await client.GetAsync($"/nop-ho-so/{id}/nguoi-nop");
        Assert.Equal("Chi nhánh Công ty Cổ phần Cảng Đình Vũ", applicant.Document.QuerySelector("#Applicant_FullName")!.GetAttribute("value"));
        Assert.Equal(taxCode, applicant.Document.QuerySelector("#Applicant_IdNumber")!.GetAttribute("value"));
        Assert.Equal("0987654321", applicant.Document.QuerySelector("#Applicant_Phone")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_profile_prefills_every_new_dossier_and_refuses_a_wrong_phone()
    {
        var client = await Citizen.RegisterAsync(fixture);
        var profile = await client.GetAsync("/Account/Profile");
        var bad = await client.SubmitAsync(profile, "form[action='/Account/Profile']", new Dictionary<string, string?> { ["Phone"] = "0212345678" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Số điện thoại di động gồm 10 chữ số", (await Page.ReadAsync(bad)).Text, StringComparison.Ordinal);
        var saved = await client.SubmitAsync(profile, "form[action='/Account/Profile']",
            new Dictionary<string, string?> { ["Phone"] = "0388 111 222", ["Address"] = "Số 3 Tô Hiệu, phường Lê Chân", ["CurrentPassword"] = Citizen.Password });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        // The new number counts once the code texted to it comes back.
        var text = await App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Outbox
            .Where(m => m.Kind == OutboxKind.Sms && m.Type == "account-phone-code").OrderByDescending(m => m.Id).Select(m => m.Payload).FirstAsync());
        Assert.Equal("0388111222", SmsPayload.Parse(text).Phone);
        var confirm = await client.FollowAsync(saved);
        var code = Regex.Match(SmsPayload.Parse(text).Text, @"\b\d{6}\b").Value;
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(confirm, "#confirm-phone", new Dictionary<string, string?> { ["Code"] = code })).StatusCode);

        var id = await Citizen.StartAsync(client, await Citizen.ProcedureIdAsync(App, Citizen.BirthRegistration));
        var applicant = await client.GetAsync($"/nop-ho-so/{id}/nguoi-nop");
        Assert.Equal("0388111222", applicant.Document.QuerySelector("#Applicant_Phone")!.GetAttribute("value"));
        Assert.Equal("Số 3 Tô Hiệu, phường Lê Chân", applicant.Document.QuerySelector("#Applicant_Address")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_profile_refuses_a_CCCD_another_account_holds_on_the_same_page_with_what_was_typed()
    {
        var client = await Citizen.RegisterAsync(fixture);
        var profile = await client.GetAsync("/Account/Profile");
        const string Taken = "031090001234"; // the demo citizen's

        var refused = await client.SubmitAsync(profile, "form[action='/Account/Profile']", new Dictionary<string, string?> { ["CitizenId"] = Taken, ["Phone"] = "0388 111 222" });
        var page = await Page.ReadAsync(refused);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Số CCCD này đã thuộc về một tài khoản khác; hãy kiểm tra lại số đã nhập.", page.Document.QuerySelector("#CitizenId_err")?.TextContent);
        Assert.DoesNotContain("another account", page.Text, StringComparison.Ordinal);
        Assert.Equal(Taken, page.Document.QuerySelector("#CitizenId")!.GetAttribute("value"));
        Assert.Equal("0388111222", page.Document.QuerySelector("#Phone")!.GetAttribute("value"));
        Assert.NotEqual(Taken, (await client.GetAsync("/Account/Profile")).Document.QuerySelector("#CitizenId")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_profile_refuses_a_tax_code_another_account_holds_in_English_only_in_English_mode()
    {
        var email = Citizen.NewEmail();
        var own = "02" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await App.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                Kind = ApplicantKind.Business,
                FullName = "Lê Văn Bền",
                Representative = "Lê Văn Bền",
                BusinessName = "Công ty TNHH Thử Nghiệm",
                TaxCode = own,
                PhoneNumber = "0987654321",
            };
            Assert.True((await users.CreateAsync(user, Citizen.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Citizen);
            return user.Id;
        });
        var client = FormClient.For(App);
        await client.SignInAsync(email, Citizen.Password);
        (await client.Http.GetAsync("/Home/Language?culture=en-US&returnUrl=%2F")).Dispose();
        var profile = await client.GetAsync("/Account/Profile");
        const string Taken = "0201234567"; // the demo business's

        var refused = await client.SubmitAsync(profile, "form[action='/Account/Profile']", new Dictionary<string, string?> { ["TaxCode"] = "020.123.4567" });
        var page = await Page.ReadAsync(refused);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("This tax code belongs to another account; check the code you typed.", page.Document.QuerySelector("#TaxCode_err")?.TextContent);
        Assert.DoesNotContain("tài khoản khác", page.Text, StringComparison.Ordinal);
        Assert.Equal(Taken, page.Document.QuerySelector("#TaxCode")!.GetAttribute("value"));
        Assert.Equal(own, (await client.GetAsync("/Account/Profile")).Document.QuerySelector("#TaxCode")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_mailed_link()
    {
        var email = Citizen.NewEmail();
        await Citizen.RegisterAsync(fixture, email);
        var client = FormClient.For(App);
        var forgot = await client.GetAsync("/Account/ForgotPassword");
        await client.SubmitAsync(forgot, "form[action='/Account/ForgotPassword']", new Dictionary<string, string?> { ["Email"] = email });
        var mail = await Citizen.WaitForMailAsync(fixture, m => m.To.ToString().Contains(email, StringComparison.OrdinalIgnoreCase) && (m.Subject ?? string.Empty).StartsWith("Đặt lại", StringComparison.Ordinal));
        var link = new Uri(Regex.Match(mail.TextBody ?? string.Empty, @"http\S+/Account/ResetPassword\S+").Value).PathAndQuery;
        var reset = await client.GetAsync(link);
        var done = await client.SubmitAsync(reset, "form[action='/Account/ResetPassword']",
            new Dictionary<string, string?> { ["Password"] = "MoiHonNua@2027", ["ConfirmPassword"] = "MoiHonNua@2027" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        await FormClient.For(App).SignInAsync(email, "MoiHonNua@2027");

        var again = await client.GetAsync(link);
        var reused = await client.SubmitAsync(again, "form[action='/Account/ResetPassword']",
            new Dictionary<string, string?> { ["Password"] = "LanNuaNhe@2028", ["ConfirmPassword"] = "LanNuaNhe@2028" });
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("Liên kết đã hết hạn hoặc không hợp lệ", (await Page.ReadAsync(reused)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authenticator_two_factor_is_asked_at_the_next_sign_in_once_turned_on()
    {
        var email = Citizen.NewEmail();
        var client = await Citizen.RegisterAsync(fixture, email);
        var setup = await client.GetAsync("/Account/Authenticator");
        Assert.NotNull(setup.Document.QuerySelector("svg[role=img]"));
        var key = setup.Document.QuerySelector(".authenticator-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal);

        var wrong = await client.SubmitAsync(setup, "form[action='/Account/Authenticator']", new Dictionary<string, string?> { ["code"] = "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var on = await Page.ReadAsync(await client.SubmitAsync(setup, "form[action='/Account/Authenticator']", new Dictionary<string, string?> { ["code"] = Totp.Code(key) }));
        Assert.Contains("Đã bật xác thực hai bước", on.Text, StringComparison.Ordinal);
        Assert.Equal(8, on.Document.QuerySelectorAll(".recovery-codes li").Length);

        var fresh = FormClient.For(App);
        var login = await fresh.GetAsync("/Account/Login");
        var step = await fresh.SubmitAsync(login, "form[action='/Account/Login']", new Dictionary<string, string?> { ["Email"] = email, ["Password"] = Citizen.Password });
        Assert.StartsWith("/Account/TwoFactor", step.Headers.Location!.ToString(), StringComparison.Ordinal);
        var ask = await fresh.FollowAsync(step);
        var badCode = await fresh.SubmitAsync(ask, "form[action='/Account/TwoFactor']", new Dictionary<string, string?> { ["Code"] = "123" });
        Assert.Contains("Mã xác thực không đúng", (await Page.ReadAsync(badCode)).Text, StringComparison.Ordinal);
        // The code that turned it on is spent; the next step's is accepted as drift.
        var ok = await fresh.SubmitAsync(ask, "form[action='/Account/TwoFactor']", new Dictionary<string, string?> { ["Code"] = Totp.Code(key, stepsAhead: 1) });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.Http.GetAsync("/ho-so-cua-toi")).StatusCode);
    }

    [Fact]
    public async Task External_OpenID_Connect_login_is_off_by_default_and_configurable()
    {
        var login = await FormClient.For(App).GetAsync("/Account/Login");
        Assert.Null(login.Document.QuerySelector("form[action='/Account/ExternalLogin']"));
        var schemes = App.Service<IAuthenticationSchemeProvider>();
        Assert.Null(await schemes.GetSchemeAsync("oidc"));

        await using var withVneid = await PortalApp.StartAsync(new Dictionary<string, string?>
        {
            ["Authentication:OpenIdConnect:Enabled"] = "true",
            ["Authentication:OpenIdConnect:Authority"] = "https://vneid.example.gov.vn",
            ["Authentication:OpenIdConnect:ClientId"] = "cong-dvc-hai-phong",
            ["Authentication:OpenIdConnect:DisplayName"] = "VNeID",
        });
        var page = await FormClient.For(withVneid).GetAsync("/Account/Login");
        Assert.Contains("Đăng nhập bằng tài khoản VNeID", page.Text, StringComparison.Ordinal);
        var scheme = await withVneid.Service<IAuthenticationSchemeProvider>().GetSchemeAsync("oidc");
        Assert.Equal("VNeID", scheme!.DisplayName);
    }

    [Fact]
    public async Task Registration_lists_a_weak_password_with_every_other_mistake_at_once()
    {
        var client = FormClient.For(App);
        var page = await client.GetAsync("/Account/Register");
        var form = Citizen.PersonForm(Citizen.NewEmail(), "12345");
        form["Password"] = form["ConfirmPassword"] = "ngan";
        form["Phone"] = "0123";
        var response = await client.SubmitAsync(page, "form[action='/Account/Register']", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = (await Page.ReadAsync(response)).Text;
        Assert.Contains("Số CCCD gồm đúng 12 chữ số", text, StringComparison.Ordinal);
        Assert.Contains("Số điện thoại di động gồm 10 chữ số", text, StringComparison.Ordinal);
        Assert.Contains("Mật khẩu phải có ít nhất 12 ký tự.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("The password must have", text, StringComparison.Ordinal);
    }
}

