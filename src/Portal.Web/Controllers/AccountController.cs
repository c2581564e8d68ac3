using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Documents.Pdf;
using Portal.Core.Dossiers;
using Portal.Core.Filing;
using Portal.Core.Identity;
using Portal.Core.Links;
using Portal.Core.Notifications;
using Portal.Core.Security;
using Portal.Core.Text;
using Portal.Web.Areas.Citizen;
using Portal.Web.Infrastructure;

namespace Portal.Web.Controllers;

/// <summary>
/// Accounts: sign-in (password, authenticator code, external OpenID Connect), registration of a person or a
/// business with email confirmation, password reset, two-factor set-up, and the profile that prefills every form.
/// Mails go through the outbox (SMTP, or the pickup folder data/mail in Development).
/// </summary>
public sealed class AccountController(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, PortalDb db, TimeProvider time,
    IOptions<ExternalLoginOptions> external, PublicUrls urls) : Controller
{
    [HttpGet]
    [AllowAnonymous]
    public IActionResult Login(string? returnUrl) => View(new LoginInput { ReturnUrl = returnUrl });

    [HttpPost]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Login)]
    public async Task<IActionResult> Login(LoginInput input, [FromServices] SignInThrottle throttle, [FromServices] DeviceCookies devices,
        [FromServices] IOptions<SignInThrottleOptions> throttling, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return View(input);
        }

        var email = input.Email.Trim();
        var name = users.NormalizeEmail(email);
        var address = ClientAddress.Partition(HttpContext.Connection.RemoteIpAddress);
        // A browser where this account signed in before is not slowed by anyone else's failures.
        var device = devices.Read(HttpContext, name);
        if (device is not null && !await throttle.TrustedAsync(device, ct))
        {
            devices.Forget(HttpContext, name);
            device = null;
        }

        var wait = await throttle.BeforeAsync(name, address, device, ct);
        if (wait.IsBlocked)
        {
            return Waiting(input, wait);
        }

        var user = await users.FindByEmailAsync(email);
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, input.Password, input.RememberMe, lockoutOnFailure: false);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            await throttle.SucceededAsync(name, device, ct);
            if (device is null)
            {
                devices.Issue(HttpContext, name, throttling.Value.DeviceLifetime);
            }

            return result.Succeeded
                ? LocalRedirect(Url.IsLocalUrl(input.ReturnUrl) ? input.ReturnUrl : "/")
                : RedirectToAction(nameof(TwoFactor), new { input.ReturnUrl, input.RememberMe });
        }

        // Identity answers "locked" and "not allowed" before it hashes the password, and an unknown address costs no
        // hash at all: each such answer hashes once, so that every refusal takes the time of a wrong password.
        var passwordRight = false;
        if (user is null || result.IsLockedOut || result.IsNotAllowed)
        {
            passwordRight = ConstantTimeRefusal.Verify(users.PasswordHasher, user, input.Password);
        }

        // Only the one who knows the password learns that the address still waits for its confirmation; every other
        // refusal (unknown address, wrong password, locked, deactivated) reads the same, so it says nothing about the account.
        var unconfirmed = result.IsNotAllowed && passwordRight && user is { IsDeactivated: false, EmailConfirmed: false } && !result.IsLockedOut;
        if (!unconfirmed)
        {
            var (account, deviceLost) = await throttle.FailedAsync(name, address, device, ct);
            if (deviceLost)
            {
                devices.Forget(HttpContext, name);
            }

            if (account.StartedBlock && account.Failures == throttle.AccountPolicy.Limit && user is { IsDeactivated: false, Email: not null })
            {
                await SendUnlockAsync(user, ct);
            }
        }

        ModelState.AddModelError(string.Empty, unconfirmed
            ? Bilingual.T("Tài khoản chưa xác nhận thư điện tử. Vui lòng mở thư xác nhận.", "The email address is not confirmed yet. Please open the confirmation email.")
            : Bilingual.T("Thư điện tử hoặc mật khẩu không đúng. Nếu quên mật khẩu, hãy dùng \"Quên mật khẩu\".",
                "Wrong email or password. If you forgot the password, use \"Forgot password\"."));
        ViewData["Unconfirmed"] = unconfirmed;
        return View(input);
    }

    /// <summary>Whole minutes until <paramref name="wait"/> ends, at least one.</summary>
    private int WaitMinutes(ThrottleState wait) => Math.Max(1, (int)Math.Ceiling(wait.RetryAfterSeconds(time.GetUtcNow().UtcDateTime) / 60.0));

    /// <summary>The answer while the address or the name waits: the same whether or not an account has the name.</summary>
    private ViewResult Waiting(LoginInput input, ThrottleState wait)
    {
        var minutes = WaitMinutes(wait);
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = wait.RetryAfterSeconds(time.GetUtcNow().UtcDateTime).ToString(CultureInfo.InvariantCulture);
        ModelState.AddModelError(string.Empty, Bilingual.T(
            $"Đã đăng nhập sai nhiều lần. Vui lòng thử lại sau {minutes} phút, hoặc dùng \"Quên mật khẩu\". Nếu thư điện tử này có tài khoản, chủ tài khoản đã được gửi thư có liên kết mở khóa ngay; trên trình duyệt đã từng đăng nhập, tài khoản vẫn đăng nhập được.",
            $"Too many failed sign-ins. Try again in {minutes} minutes, or use \"Forgot password\". If this address has an account, its owner was mailed a link that lifts this at once; browsers that signed in before can still sign in."));
        input.Password = string.Empty;
        return View(nameof(Login), input);
    }

    [HttpGet]
    [AllowAnonymous]
    public IActionResult Unlock(Guid userId, string? code) => View(new UnlockInput { UserId = userId, Code = code });

    /// <summary>The mailed link's button: lifts the name's delay and makes this browser a known one.</summary>
    [HttpPost]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Recovery)]
    public async Task<IActionResult> Unlock(UnlockInput input, [FromServices] SignInThrottle throttle, [FromServices] DeviceCookies devices,
        [FromServices] IOptions<SignInThrottleOptions> throttling, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(input.UserId.ToString());
        if (user?.NormalizedEmail is null || input.Code is null || !await users.VerifyUserTokenAsync(user, TokenOptions.DefaultProvider, UnlockPurpose, Decode(input.Code)))
        {
            ModelState.AddModelError(string.Empty, Bilingual.T("Liên kết mở khóa không đúng hoặc đã hết hạn (có hiệu lực 1 ngày). Hãy dùng \"Quên mật khẩu\" để đặt lại mật khẩu.",
                "The unlock link is wrong or has expired (it works for a day). Use \"Forgot password\" to set a new password."));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(input);
        }

        await throttle.LiftAsync(user.NormalizedEmail, ct);
        devices.Issue(HttpContext, user.NormalizedEmail, throttling.Value.DeviceLifetime);
        TempData["Message"] = Bilingual.T("Đã mở khóa đăng nhập trên trình duyệt này. Mời bạn đăng nhập.", "Sign-in is unlocked on this browser. Please sign in.");
        return RedirectToAction(nameof(Login));
    }

    private const string UnlockPurpose = "signin-unlock";

    private async Task SendUnlockAsync(PortalUser user, CancellationToken ct)
    {
        var link = urls.Link($"/Account/Unlock?userId={user.Id}&code={Encode(await users.GenerateUserTokenAsync(user, TokenOptions.DefaultProvider, UnlockPurpose))}");
        await QueueMailAsync(user.Email!, "Có người đăng nhập sai nhiều lần vào tài khoản của bạn – Cổng Dịch vụ công", "account-unlock",
            $"Kính gửi {user.FullName},\n\nTài khoản của bạn vừa bị nhập sai mật khẩu nhiều lần từ một trình duyệt chưa từng đăng nhập, nên việc đăng nhập từ các trình duyệt mới tạm chờ. Trên các trình duyệt bạn đã đăng nhập trước đây, bạn vẫn đăng nhập bình thường.\n\nNếu đó là bạn, mở liên kết sau (trong 1 ngày) để mở khóa ngay trên trình duyệt đang dùng:\n{link}\n\nNếu không phải bạn, hãy cân nhắc đổi mật khẩu và bật xác thực hai bước.\n\nCổng Dịch vụ công – thư tự động, vui lòng không trả lời.", ct);
    }

    [HttpPost]
    public async Task<IActionResult> Logout()
    {
        // A new security stamp ends this session everywhere it was copied, and the account's other sessions (SessionValidation).
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return RedirectToAction("Index", "Home");
    }

    [AllowAnonymous]
    public async Task<IActionResult> AccessDenied(string? returnUrl, [FromServices] AuditTrail audit, CancellationToken ct)
    {
        // A signed-in person refused by role is a line of the trail (anonymous visitors are sent to sign in, never here).
        if (User.Identity?.IsAuthenticated == true)
        {
            await audit.RecordAsync(AuditTrail.ActorOf(User, HttpContext.Connection.RemoteIpAddress?.ToString()), AuditActions.AccessDenied, null,
                $"403 {returnUrl}", ct: ct);
        }

        return View();
    }

    [HttpGet]
    [AllowAnonymous]
    public IActionResult Register(ApplicantKind? kind) => View(new RegisterInput { Kind = kind ?? ApplicantKind.Person });

    [HttpPost]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Register)]
    public async Task<IActionResult> Register(RegisterInput input, [FromServices] IValidator<RegisterInput> validator, CancellationToken ct)
    {
        input.Normalize();
        ModelState.Clear();
        ModelState.AddErrors(await validator.ValidateAsync(input, ct));
        var user = new PortalUser
        {
            Id = Guid.NewGuid(),
            UserName = input.Email,
            Email = input.Email,
            PhoneNumber = input.Phone,
            Kind = input.Kind,
            FullName = input.Kind == ApplicantKind.Business ? input.Representative! : input.FullName!,
            CitizenId = input.Kind == ApplicantKind.Person ? input.CitizenId : null,
            DateOfBirth = input.Kind == ApplicantKind.Person ? input.DateOfBirth : null,
            TaxCode = input.Kind == ApplicantKind.Business ? input.TaxCode : null,
            BusinessName = input.Kind == ApplicantKind.Business ? input.BusinessName : null,
            Representative = input.Kind == ApplicantKind.Business ? input.Representative : null,
            Address = input.Address,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };

        // The password's rules with the form's, so that every mistake is listed at once; and for new and taken details
        // alike: an answer that differs only for taken ones tells.
        foreach (var rule in users.PasswordValidators.Where(_ => !string.IsNullOrEmpty(input.Password)))
        {
            foreach (var error in (await rule.ValidateAsync(users, user, input.Password)).Errors)
            {
                ModelState.AddModelError(nameof(input.Password), error.Description);
            }
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(input with { Password = null, ConfirmPassword = null });
        }

        // An address, CCCD or tax code that already has an account is not said on the page (the page would tell anyone
        // whose papers are registered): the page reads as for a new account, and the mail says it to the owner.
        var normalizedEmail = users.NormalizeEmail(input.Email);
        var taken = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail == normalizedEmail
                || (input.Kind == ApplicantKind.Person && u.CitizenId == input.CitizenId)
                || (input.Kind == ApplicantKind.Business && u.TaxCode == input.TaxCode))
            .Select(u => new { u.Email, u.FullName }).ToListAsync(ct);
        if (taken.Count > 0)
        {
            ConstantTimeRefusal.Verify(users.PasswordHasher, null, input.Password);
            await TellOwnersOfTakenRegistrationAsync(input.Email!, [.. taken.Where(t => t.Email is not null).Select(t => (t.Email!, t.FullName))], ct);
            return View("CheckEmail", input.Email);
        }

        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? nameof(input.Password) : string.Empty, error.Description);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(input with { Password = null, ConfirmPassword = null });
        }

        await users.AddToRoleAsync(user, Roles.Citizen);
        await SendConfirmationAsync(user, ct);
        return View("CheckEmail", user.Email);
    }

    [HttpGet]
    [AllowAnonymous]
    public async Task<IActionResult> ConfirmEmail(Guid userId, string? code)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        var ok = user is not null && code is not null && (await users.ConfirmEmailAsync(user, Decode(code))).Succeeded;
        if (!ok)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return View(ok);
    }

    [HttpGet]
    [AllowAnonymous]
    public IActionResult ResendConfirmation() => View(new EmailInput());

    [HttpPost]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Recovery)]
    public async Task<IActionResult> ResendConfirmation(EmailInput input, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(VietnameseText.Normalize(input.Email));
        if (user is not null && !user.EmailConfirmed)
        {
            await SendConfirmationAsync(user, ct);
        }

        return View("CheckEmail", input.Email);
    }

    [HttpGet]
    [AllowAnonymous]
    public IActionResult ForgotPassword() => View(new EmailInput());

    [HttpPost]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Recovery)]
    public async Task<IActionResult> ForgotPassword(EmailInput input, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(VietnameseText.Normalize(input.Email));
        if (user is not null && user.EmailConfirmed)
        {
            var link = urls.Link(ResetPasswordPath(user.Id, await users.GeneratePasswordResetTokenAsync(user)));
            await QueueMailAsync(user.Email!, "Đặt lại mật khẩu Cổng Dịch vụ công", "account-reset",
                $"Kính gửi {user.FullName},\n\nBạn (hoặc ai đó) đã yêu cầu đặt lại mật khẩu. Mở liên kết sau trong 2 ngày để đặt mật khẩu mới:\n{link}\n\nNếu bạn không yêu cầu, hãy bỏ qua thư này.\n\nCổng Dịch vụ công – thư tự động, vui lòng không trả lời.", ct);
        }
        else if (user is not null)
        {
            // Never confirmed: the link that proves the address first (a reset link would prove it without a word).
            await SendConfirmationAsync(user, ct);
        }
        else if (Identifiers.IsEmail(VietnameseText.Normalize(input.Email)))
        {
            // The same answer and the same work (a mail queued) whether or not the address has an account; the
            // address's owner learns why no link came.
            await QueueMailAsync(VietnameseText.Normalize(input.Email), "Yêu cầu đặt lại mật khẩu Cổng Dịch vụ công", "account-reset-unknown",
                $"Kính gửi quý khách,\n\nVừa có yêu cầu đặt lại mật khẩu trên Cổng Dịch vụ công cho thư điện tử này, nhưng không có tài khoản nào dùng thư điện tử này. Nếu bạn đã đăng ký bằng một thư điện tử khác, hãy yêu cầu lại bằng thư đó; nếu chưa có tài khoản, bạn có thể đăng ký tại {urls.Link("/Account/Register")}.\n\nNếu bạn không yêu cầu, hãy bỏ qua thư này.\n\nCổng Dịch vụ công – thư tự động, vui lòng không trả lời.", ct);
        }

        // The same answer whether or not the address has an account.
        return View("CheckEmail", input.Email);
    }

    [HttpGet]
    [AllowAnonymous]
    public IActionResult ResetPassword(Guid userId, string? code) => View(new ResetPasswordInput { UserId = userId, Code = code });

    [HttpPost]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.SetPassword)]
    public async Task<IActionResult> ResetPassword(ResetPasswordInput input, [FromServices] SignInThrottle throttle, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(input);
        }

        var user = await users.FindByIdAsync(input.UserId.ToString());
        // An invitation's or 'admin create''s link sets the first password: nothing to warn the owner about.
        var firstPassword = user is { PasswordHash: null };
        var result = user is null || input.Code is null
            ? IdentityResult.Failed(new VietnameseIdentityErrors().InvalidToken())
            : await users.ResetPasswordAsync(user, Decode(input.Code), input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(input);
        }

        await users.ResetAccessFailedCountAsync(user!);
        // The mailbox is proven: the name's wait for new browsers is lifted too.
        await throttle.LiftAsync(user!.NormalizedEmail!, ct);
        if (user!.MustChangePassword)
        {
            user.MustChangePassword = false;
            await users.UpdateAsync(user);
        }

        if (!firstPassword)
        {
            await NotifyChangeAsync(user, "mật khẩu (đặt lại qua liên kết gửi tới thư điện tử này)", ct);
        }

        TempData["Message"] = Bilingual.T("Đã đặt mật khẩu mới. Mời bạn đăng nhập.", "Your new password is set. Please sign in.");
        return RedirectToAction(nameof(Login));
    }

    [HttpGet]
    [AllowAnonymous]
    public async Task<IActionResult> TwoFactor(string? returnUrl, bool rememberMe)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToAction(nameof(Login));
        }

        return View(new TwoFactorInput { ReturnUrl = returnUrl, RememberMe = rememberMe });
    }

    [HttpPost]
    [AllowAnonymous]
    public async Task<IActionResult> TwoFactor(TwoFactorInput input)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToAction(nameof(Login));
        }

        var code = new string((input.Code ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, input.RememberMe, input.RememberMachine)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(input.ReturnUrl) ? input.ReturnUrl : "/");
        }

        ModelState.AddModelError(nameof(input.Code), result.IsLockedOut
            ? Bilingual.T("Tài khoản tạm khóa 15 phút vì nhập sai nhiều lần.", "The account is locked for 15 minutes after repeated failures.")
            : Bilingual.T("Mã xác thực không đúng hoặc đã hết hạn. Nhập mã 6 số đang hiện trên ứng dụng xác thực, hoặc một mã khôi phục.",
                "The code is wrong or expired. Enter the 6-digit code your authenticator app shows now, or a recovery code."));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(input);
    }

    [HttpGet]
    [Authorize]
    public async Task<IActionResult> Authenticator()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        return View(await AuthenticatorPageAsync(user, null));
    }

    [HttpPost]
    [Authorize]
    public async Task<IActionResult> Authenticator(string? code)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var clean = new string((code ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, clean))
        {
            ModelState.AddModelError("code", Bilingual.T("Mã xác thực không đúng. Nhập mã 6 số đang hiện trên ứng dụng sau khi quét mã QR.",
                "The code is wrong. Enter the 6-digit code the app shows after scanning the QR code."));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(await AuthenticatorPageAsync(user, null));
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var recovery = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 8);
        await signIn.RefreshSignInAsync(user);
        await NotifyChangeAsync(user, "xác thực hai bước đã được bật (ứng dụng xác thực mới, mã khôi phục mới)", HttpContext.RequestAborted);
        return View(await AuthenticatorPageAsync(user, [.. recovery ?? []]));
    }

    [HttpPost]
    [Authorize]
    public async Task<IActionResult> DisableAuthenticator(string? password, string? code, [FromServices] IOptions<StaffSignInOptions> staff,
        [FromServices] IWebHostEnvironment environment)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (User.IsStaff() && staff.Value.TwoFactorRequired(environment.EnvironmentName))
        {
            TempData["Message"] = Bilingual.T("Tài khoản cán bộ bắt buộc xác thực hai bước; không thể tắt.",
                "Two-step verification is required for staff accounts and cannot be turned off.");
            return RedirectToAction(nameof(Authenticator));
        }

        // A session left open, or a stolen cookie, is not the owner: turning the second factor off takes both factors (ASVS 2.5.x).
        if (!user.TwoFactorEnabled)
        {
            return RedirectToAction(nameof(Authenticator));
        }

        if (!await ProvesBothFactorsAsync(user, password, code))
        {
            ModelState.AddModelError("code", Bilingual.T("Mật khẩu hoặc mã xác thực không đúng. Nhập mật khẩu hiện tại và mã 6 số đang hiện trên ứng dụng (hoặc một mã khôi phục).",
                "The password or the code is wrong. Enter your current password and the 6-digit code your app shows now (or a recovery code)."));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Authenticator), await AuthenticatorPageAsync(user, null));
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        await NotifyChangeAsync(user, "xác thực hai bước đã được tắt", HttpContext.RequestAborted);
        TempData["Message"] = Bilingual.T("Đã tắt xác thực hai bước.", "Two-step verification is off.");
        return RedirectToAction(nameof(Authenticator));
    }

    /// <summary>
    /// The current password and a second-factor code (the app's, used once, or a recovery code, spent): what a change
    /// of the account's factors or contact details asks for. Wrong passwords count towards the account's lockout.
    /// </summary>
    private async Task<bool> ProvesBothFactorsAsync(PortalUser user, string? password, string? code)
    {
        if (!await ProvesPasswordAsync(user, password))
        {
            return false;
        }

        var clean = new string((code ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        return clean.Length == 6 && clean.All(char.IsAsciiDigit)
            ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, clean)
            : clean.Length > 0 && (await users.RedeemTwoFactorRecoveryCodeAsync(user, clean)).Succeeded;
    }

    /// <summary>Choosing a new password: on request, or required (<see cref="PortalUser.MustChangePassword"/>) before any other page.</summary>
    [HttpGet]
    [Authorize]
    public IActionResult ChangePassword() => View(new ChangePasswordInput());

    [HttpPost]
    [Authorize]
    [EnableRateLimiting(RateLimits.Login)]
    public async Task<IActionResult> ChangePassword(ChangePasswordInput input)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (ModelState.IsValid && string.Equals(input.CurrentPassword, input.NewPassword, StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(input.NewPassword), Bilingual.T("Mật khẩu mới phải khác mật khẩu hiện tại.", "The new password must differ from the current one."));
        }

        if (ModelState.IsValid)
        {
            var result = await users.ChangePasswordAsync(user, input.CurrentPassword, input.NewPassword);
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(input.CurrentPassword) : nameof(input.NewPassword), error.Description);
            }
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new ChangePasswordInput());
        }

        if (user.MustChangePassword)
        {
            user.MustChangePassword = false;
            await users.UpdateAsync(user);
        }

        await signIn.RefreshSignInAsync(user);
        await NotifyChangeAsync(user, "mật khẩu", HttpContext.RequestAborted);
        TempData["Message"] = Bilingual.T("Đã đổi mật khẩu.", "Your password was changed.");
        return LocalRedirect("/");
    }

    [HttpGet]
    [Authorize(Roles = Roles.Citizen)]
    public async Task<IActionResult> Profile()
    {
        var user = await users.GetUserAsync(User);
        return user is null ? Challenge() : View(ProfileInput.From(user));
    }

    [HttpPost]
    [Authorize(Roles = Roles.Citizen)]
    public async Task<IActionResult> Profile(ProfileInput input, [FromServices] IValidator<ProfileInput> validator, [FromServices] Throttle throttle,
        [FromServices] PendingPhones pendingPhones, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        input.Kind = user.Kind;
        input.Normalize();
        ModelState.Clear();
        ModelState.AddErrors(await validator.ValidateAsync(input, ct));
        // One account per CCCD and per tax code, as at registration; a value the account already had (an older duplicate) may stay.
        if (ModelState.IsValid && input.Kind == ApplicantKind.Person && input.CitizenId != user.CitizenId
            && await db.Users.AnyAsync(u => u.Id != user.Id && u.CitizenId == input.CitizenId, ct))
        {
            ModelState.AddModelError(nameof(input.CitizenId), Bilingual.T("Số CCCD này đã thuộc về một tài khoản khác; hãy kiểm tra lại số đã nhập.",
                "This citizen ID belongs to another account; check the number you typed."));
        }

        if (ModelState.IsValid && input.Kind == ApplicantKind.Business && input.TaxCode != user.TaxCode
            && await db.Users.AnyAsync(u => u.Id != user.Id && u.TaxCode == input.TaxCode, ct))
        {
            ModelState.AddModelError(nameof(input.TaxCode), Bilingual.T("Mã số thuế này đã thuộc về một tài khoản khác; hãy kiểm tra lại mã đã nhập.",
                "This tax code belongs to another account; check the code you typed."));
        }

        // The phone (where status texts go, and a recovery contact), the CCCD (what external sign-in links on) and the tax
        // code are the account's identity: a session left open, or a stolen cookie, does not change them (ASVS 3.7.1).
        var newPhone = string.IsNullOrEmpty(input.Phone) ? null : input.Phone;
        var phoneChanged = newPhone != (string.IsNullOrEmpty(user.PhoneNumber) ? null : user.PhoneNumber);
        var identityChanged = input.Kind == ApplicantKind.Person ? input.CitizenId != user.CitizenId : input.TaxCode != user.TaxCode;
        input.TwoFactorEnabled = user.TwoFactorEnabled;
        if (ModelState.IsValid && (phoneChanged || identityChanged))
        {
            if (string.IsNullOrEmpty(input.CurrentPassword))
            {
                ModelState.AddModelError(nameof(input.CurrentPassword), Bilingual.T(
                    "Để đổi số điện thoại, số CCCD hoặc mã số thuế, hãy nhập mật khẩu hiện tại" + (user.TwoFactorEnabled ? " và mã xác thực hai bước." : "."),
                    "To change the phone, the citizen ID or the tax code, enter your current password" + (user.TwoFactorEnabled ? " and your two-step verification code." : ".")));
            }
            else if (user.TwoFactorEnabled ? !await ProvesBothFactorsAsync(user, input.CurrentPassword, input.Code) : !await ProvesPasswordAsync(user, input.CurrentPassword))
            {
                ModelState.AddModelError(nameof(input.CurrentPassword), user.TwoFactorEnabled
                    ? Bilingual.T("Mật khẩu hoặc mã xác thực không đúng. Nhập mật khẩu hiện tại và mã 6 số đang hiện trên ứng dụng (hoặc một mã khôi phục).",
                        "The password or the code is wrong. Enter your current password and the 6-digit code your app shows now (or a recovery code).")
                    : Bilingual.T("Mật khẩu hiện tại không đúng. Nếu quên mật khẩu, hãy đăng xuất và dùng \"Quên mật khẩu\".",
                        "The current password is wrong. If you forgot it, sign out and use \"Forgot password\"."));
            }
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            input.Email = user.Email;
            input.CurrentPassword = null;
            input.Code = null;
            return View(input);
        }

        // A new number is the account's only once the code texted to it comes back (ConfirmPhone); removing one needs no code.
        var previousPhone = user.PhoneNumber;
        input.Phone = phoneChanged && newPhone is not null ? user.PhoneNumber : newPhone;
        input.ApplyTo(user);
        if (phoneChanged && newPhone is null)
        {
            user.PhoneNumberConfirmed = false;
        }

        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            input.Phone = newPhone;
            return View(input);
        }

        await signIn.RefreshSignInAsync(user);
        if (identityChanged || (phoneChanged && newPhone is null))
        {
            await NotifyChangeAsync(user, identityChanged
                ? (input.Kind == ApplicantKind.Person ? "số CCCD" : "mã số thuế")
                : $"số điện thoại (đã gỡ số {previousPhone})", ct);
        }

        if (phoneChanged && newPhone is not null)
        {
            TempData["Message"] = await SendPhoneCodeAsync(user, newPhone, throttle, ct)
                ? Bilingual.T($"Đã lưu hồ sơ cá nhân. Chúng tôi vừa nhắn mã xác nhận tới số {newPhone}; nhập mã để dùng số mới.",
                    $"Profile saved. We texted a confirmation code to {newPhone}; enter it to use the new number.")
                : TooManyCodesSent();
            return RedirectToAction(nameof(ConfirmPhone), new { p = pendingPhones.Seal(user.Id, newPhone) });
        }

        TempData["Message"] = Bilingual.T("Đã lưu hồ sơ cá nhân. Thông tin này được điền sẵn khi bạn nộp hồ sơ.", "Profile saved. It prefills every new dossier.");
        return RedirectToAction(nameof(Profile));
    }

    [HttpGet]
    [Authorize(Roles = Roles.Citizen)]
    public async Task<IActionResult> ConfirmPhone(string? p, [FromServices] PendingPhones pendingPhones)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var phone = pendingPhones.Open(user.Id, p);
        return phone is null ? PendingPhoneExpired() : View(new ConfirmPhoneInput { Pending = p, Phone = phone });
    }

    /// <summary>
    /// The code texted to the new number (Identity's phone token: bound to the number and the security stamp, a few
    /// minutes); five wrong codes close it for 15 minutes. The number changes, and every other session ends.
    /// </summary>
    [HttpPost]
    [Authorize(Roles = Roles.Citizen)]
    [EnableRateLimiting(RateLimits.Login)]
    public async Task<IActionResult> ConfirmPhone(ConfirmPhoneInput input, [FromServices] Throttle throttle, [FromServices] PendingPhones pendingPhones,
        CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        input.Phone = pendingPhones.Open(user.Id, input.Pending);
        if (input.Phone is null)
        {
            return PendingPhoneExpired();
        }

        if (input.Resend)
        {
            TempData["Message"] = await SendPhoneCodeAsync(user, input.Phone, throttle, ct)
                ? Bilingual.T($"Đã gửi lại mã tới số {input.Phone}.", $"A new code was texted to {input.Phone}.")
                : TooManyCodesSent();
            return RedirectToAction(nameof(ConfirmPhone), new { p = input.Pending });
        }

        var key = "phone-code:" + user.Id.ToString("N");
        var state = await throttle.CheckAsync(key, ct);
        var code = new string((input.Code ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (!state.IsBlocked && code.Length == 6 && (await users.ChangePhoneNumberAsync(user, input.Phone, code)).Succeeded)
        {
            await throttle.ResetAsync(key, ct);
            await signIn.RefreshSignInAsync(user);
            await NotifyChangeAsync(user, $"số điện thoại (số mới {input.Phone})", ct);
            TempData["Message"] = Bilingual.T($"Đã xác nhận số điện thoại {input.Phone}.", $"The phone number {input.Phone} is confirmed.");
            return RedirectToAction(nameof(Profile));
        }

        if (!state.IsBlocked && code.Length > 0)
        {
            state = await throttle.FailAsync(key, PhoneCodePolicy, ct);
        }

        Response.StatusCode = state.IsBlocked ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
        ModelState.AddModelError(nameof(input.Code), state.IsBlocked
            ? Bilingual.T("Đã nhập sai mã nhiều lần. Vui lòng thử lại sau 15 phút.", "Too many wrong codes. Try again in 15 minutes.")
            : code.Length == 0
                ? Bilingual.T("Vui lòng nhập mã 6 số vừa nhắn tới số điện thoại mới.", "Please enter the 6-digit code texted to the new number.")
                : Bilingual.T("Mã không đúng hoặc đã hết hạn. Kiểm tra tin nhắn mới nhất, hoặc bấm \"Gửi lại mã\".",
                    "The code is wrong or has expired. Check the latest text, or press \"Send a new code\"."));
        input.Code = null;
        return View(input);
    }

    private static readonly ThrottlePolicy PhoneCodePolicy = ThrottlePolicy.Fixed(5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15));

    /// <summary>Five texts an hour per account: each costs the province money and lands on someone's phone.</summary>
    private static readonly ThrottlePolicy PhoneTextPolicy = ThrottlePolicy.Fixed(5, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    private RedirectToActionResult PendingPhoneExpired()
    {
        TempData["Message"] = Bilingual.T("Yêu cầu đổi số điện thoại đã hết hạn (30 phút) hoặc không hợp lệ. Hãy nhập lại số mới và mật khẩu trên trang này.",
            "The phone change has expired (30 minutes) or is not valid. Enter the new number and your password again on this page.");
        return RedirectToAction(nameof(Profile));
    }

    private static string TooManyCodesSent() => Bilingual.T(
        "Đã lưu hồ sơ cá nhân, nhưng trong một giờ qua đã gửi 5 mã xác nhận nên chưa gửi thêm. Dùng mã gần nhất, hoặc thử lại sau một giờ.",
        "Profile saved, but 5 confirmation codes were sent in the last hour, so no more was sent. Use the latest code, or try again in an hour.");

    /// <summary>Texts the code for <paramref name="phone"/>, unless the account had five texts this hour (then false, nothing sent).</summary>
    private async Task<bool> SendPhoneCodeAsync(PortalUser user, string phone, Throttle throttle, CancellationToken ct)
    {
        var key = "phone-text:" + user.Id.ToString("N");
        if ((await throttle.CheckAsync(key, ct)).IsBlocked)
        {
            return false;
        }

        await throttle.FailAsync(key, PhoneTextPolicy, ct);
        var code = await users.GenerateChangePhoneNumberTokenAsync(user, phone);
        db.Outbox.Add(new OutboxMessage(OutboxKind.Sms, "account-phone-code",
            new SmsPayload(phone, $"Mã xác nhận số điện thoại trên Cổng Dịch vụ công: {code}. Mã có hiệu lực vài phút; không đưa mã này cho ai.").Serialize(),
            null, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The current password alone; a wrong one counts towards the account's lockout, as a sign-in's would.</summary>
    private async Task<bool> ProvesPasswordAsync(PortalUser user, string? password)
    {
        if (!string.IsNullOrEmpty(password) && await users.CheckPasswordAsync(user, password))
        {
            return true;
        }

        await users.AccessFailedAsync(user);
        return false;
    }

    /// <summary>
    /// A mail to the account's address after a change of how it signs in or who it is (ASVS 2.2.3, 2.5.5): whoever
    /// made it without the owner, the owner learns of it at once and what to do.
    /// </summary>
    private Task NotifyChangeAsync(PortalUser user, string what, CancellationToken ct) =>
        user.Email is null
            ? Task.CompletedTask
            : QueueMailAsync(user.Email, $"Tài khoản Cổng Dịch vụ công vừa thay đổi: {what}", "account-changed",
                $"Kính gửi {user.FullName},\n\nLúc {LocalTime(time.GetUtcNow()):HH:mm 'ngày' dd/MM/yyyy}, tài khoản Cổng Dịch vụ công của bạn vừa thay đổi: {what}.\n\nNếu đó là bạn: bạn không cần làm gì.\nNếu không phải bạn: hãy đặt lại mật khẩu ngay tại {urls.Link("/Account/ForgotPassword")} (mọi phiên đăng nhập khác sẽ kết thúc) và liên hệ bộ phận hỗ trợ.\n\nCổng Dịch vụ công – thư tự động, vui lòng không trả lời.", ct);

    /// <summary>The portal's local time (Calendar:TimeZone, the working calendar's).</summary>
    private DateTime LocalTime(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTimeFromUtc(at.UtcDateTime, HttpContext.RequestServices.GetRequiredService<IOptions<WorkingTimeOptions>>().Value.ResolveTimeZone());

    [HttpPost]
    [AllowAnonymous]
    public IActionResult ExternalLogin(string? returnUrl)
    {
        if (!external.Value.Enabled)
        {
            return NotFound();
        }

        var redirect = Url.Action(nameof(ExternalLoginCallback), new { returnUrl });
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(ExternalLoginOptions.Scheme, redirect), ExternalLoginOptions.Scheme);
    }

    [HttpGet]
    [AllowAnonymous]
    public async Task<IActionResult> ExternalLoginCallback(string? returnUrl, [FromServices] ExternalAccountLinker linker, CancellationToken ct)
    {
        var info = external.Value.Enabled ? await signIn.GetExternalLoginInfoAsync() : null;
        if (info is null)
        {
            return ExternalSignInFailed();
        }

        // Which account the provider's person is, decided before anyone is signed in: on the CCCD the provider verified,
        // never on an email alone; staff only where allowed and with two-step verification on.
        return await ExternalAnswerAsync(info, await linker.ResolveAsync(info, ct), returnUrl, ct);
    }

    /// <summary>
    /// An account of the portal holds the CCCD the provider verified, but nothing shows that it is this person's: its
    /// password links it, or the person says it is not theirs. The provider's identity waits in the external cookie.
    /// </summary>
    [HttpGet]
    [AllowAnonymous]
    public async Task<IActionResult> ExternalLink(string? returnUrl, [FromServices] ExternalAccountLinker linker, CancellationToken ct)
    {
        var (info, holder) = await PendingLinkAsync(linker, ct);
        return info is null || holder is null
            ? ExternalSignInFailed()
            : View(new ExternalLinkInput { ReturnUrl = returnUrl, MaskedEmail = MaskEmail(holder.Email!) });
    }

    [HttpPost]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Login)]
    public async Task<IActionResult> ExternalLink(ExternalLinkInput input, [FromServices] ExternalAccountLinker linker, [FromServices] SignInThrottle throttle,
        CancellationToken ct)
    {
        var (info, holder) = await PendingLinkAsync(linker, ct);
        if (info is null || holder is null)
        {
            return ExternalSignInFailed();
        }

        input.MaskedEmail = MaskEmail(holder.Email!);
        if (input.NotMine)
        {
            // The provider verified the CCCD; the account only had it typed in. The number leaves that account, its owner
            // is told, and the person goes on as someone new to the portal.
            if (!await linker.ReleaseCitizenIdAsync(holder))
            {
                return ExternalSignInFailed();
            }

            await QueueMailAsync(holder.Email!, "Số CCCD đã được gỡ khỏi tài khoản của bạn – Cổng Dịch vụ công", "account-citizen-id-released",
                $"Kính gửi {holder.FullName},\n\nNgười mang số CCCD ghi trên tài khoản này vừa đăng nhập Cổng Dịch vụ công bằng tài khoản định danh ({external.Value.DisplayName}), tài khoản đã xác minh số CCCD đó, và cho biết tài khoản của bạn không phải của họ. Vì vậy số CCCD đã được gỡ khỏi tài khoản của bạn; hồ sơ đã nộp của bạn không thay đổi.\n\nNếu số CCCD đó đúng là của bạn: hãy đăng nhập bằng tài khoản định danh của chính bạn, hoặc liên hệ Bộ phận Một cửa nơi bạn cư trú và mang theo CCCD.\n\nCổng Dịch vụ công – thư tự động, vui lòng không trả lời.", ct);
            return await ExternalAnswerAsync(info, await linker.ResolveAsync(info, ct), input.ReturnUrl, ct);
        }

        var name = holder.NormalizedEmail!;
        var address = ClientAddress.Partition(HttpContext.Connection.RemoteIpAddress);
        var wait = await throttle.BeforeAsync(name, address, null, ct);
        if (wait.IsBlocked)
        {
            var minutes = WaitMinutes(wait);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            ModelState.AddModelError(nameof(input.Password), Bilingual.T($"Đã nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau {minutes} phút.",
                $"Too many wrong passwords. Try again in {minutes} minutes."));
            return View(input);
        }

        if (string.IsNullOrEmpty(input.Password) || !await users.CheckPasswordAsync(holder, input.Password))
        {
            if (!string.IsNullOrEmpty(input.Password))
            {
                await throttle.FailedAsync(name, address, null, ct);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            ModelState.AddModelError(nameof(input.Password), string.IsNullOrEmpty(input.Password)
                ? Bilingual.T("Vui lòng nhập mật khẩu của tài khoản này.", "Please enter this account's password.")
                : Bilingual.T("Mật khẩu không đúng. Nếu quên mật khẩu, hãy dùng \"Quên mật khẩu\" rồi đăng nhập lại bằng tài khoản định danh.",
                    "Wrong password. If you forgot it, use \"Forgot password\", then sign in with the identity provider again."));
            return View(input);
        }

        await throttle.SucceededAsync(name, null, ct);
        return await ExternalAnswerAsync(info, await linker.ConfirmLinkAsync(holder, info), input.ReturnUrl, ct);
    }

    /// <summary>The provider's identity still in the external cookie and the account that waits for its password, if any.</summary>
    private async Task<(ExternalLoginInfo? Info, PortalUser? Holder)> PendingLinkAsync(ExternalAccountLinker linker, CancellationToken ct)
    {
        var info = external.Value.Enabled ? await signIn.GetExternalLoginInfoAsync() : null;
        if (info is null)
        {
            return (null, null);
        }

        var account = await linker.ResolveAsync(info, ct);
        return account is { Kind: ExternalAccountKind.ConfirmLink, User: { Email: not null } holder } ? (info, holder) : (info, null);
    }

    private RedirectToActionResult ExternalSignInFailed()
    {
        TempData["Message"] = ExternalSignInFailedMessage;
        return RedirectToAction(nameof(Login));
    }

    private static string ExternalSignInFailedMessage => Bilingual.T("Đăng nhập qua tài khoản định danh không thành công. Vui lòng thử lại.", "External sign-in failed. Please try again.");

    /// <summary>"ng***@example.vn": enough for the owner to recognise the address, not enough to learn it.</summary>
    internal static string MaskEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : string.Concat(email.AsSpan(0, Math.Min(2, at)), "***", email.AsSpan(at));
    }

    private async Task<IActionResult> ExternalAnswerAsync(ExternalLoginInfo info, ExternalAccount account, string? returnUrl, CancellationToken ct)
    {
        if (account.Kind == ExternalAccountKind.ConfirmLink)
        {
            return RedirectToAction(nameof(ExternalLink), new { returnUrl });
        }

        if (account.Kind is ExternalAccountKind.SignIn or ExternalAccountKind.Created)
        {
            // The provider proves who the person is, not that they hold the account's second factor: an account with
            // two-step verification is asked for its code here exactly as after a password. Lockout and deactivation
            // are Identity's checks too.
            var signedIn = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
            return ExternalOutcome(signedIn, account.Kind == ExternalAccountKind.Created ? "/Account/Profile" : Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
        }

        // Refused: the provider's identity is not kept for anything after this answer.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (account.Kind is ExternalAccountKind.CreatedUnconfirmed or ExternalAccountKind.LinkedUnconfirmed)
        {
            await SendConfirmationAsync(account.User!, ct);
        }
        else if (account is { Kind: ExternalAccountKind.EmailTakenUnverified, User: { Email: { } owner } user })
        {
            await QueueMailAsync(owner, "Có người đăng nhập bằng tài khoản định danh với thư điện tử của bạn – Cổng Dịch vụ công", "account-external-taken",
                $"Kính gửi {user.FullName},\n\nVừa có yêu cầu đăng nhập Cổng Dịch vụ công bằng tài khoản định danh ({external.Value.DisplayName}) ghi thư điện tử này. Tài khoản của bạn không được liên kết với tài khoản định danh đó vì hai bên không cùng một số CCCD, và không có tài khoản mới nào được tạo.\n\nNếu đó là bạn: đăng nhập bằng mật khẩu tại {urls.Link("/Account/Login")}, ghi số CCCD tại trang Hồ sơ cá nhân rồi đăng nhập lại bằng tài khoản định danh; hoặc liên hệ bộ phận hỗ trợ.\nNếu không phải bạn: bạn không cần làm gì; tài khoản của bạn không thay đổi.\n\nCổng Dịch vụ công – thư tự động, vui lòng không trả lời.", ct);
        }

        TempData["Message"] = account.Message;
        return RedirectToAction(nameof(Login));
    }

    private IActionResult ExternalOutcome(Microsoft.AspNetCore.Identity.SignInResult result, string target)
    {
        if (result.Succeeded)
        {
            return LocalRedirect(target);
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(TwoFactor), new { ReturnUrl = target, RememberMe = false });
        }

        // A deactivated account is told what any refused external sign-in is told: nothing about the account.
        TempData["Message"] = result.IsLockedOut
            ? Bilingual.T("Tài khoản tạm khóa 15 phút vì đăng nhập sai nhiều lần.", "The account is locked for 15 minutes after repeated failures.")
            : ExternalSignInFailedMessage;
        return RedirectToAction(nameof(Login));
    }

    /// <summary>
    /// A registration that matched existing accounts: each owner is told someone tried (and how to sign in), and the
    /// address typed, when it has no account of its own, is told that nothing was created and what to do.
    /// </summary>
    private async Task TellOwnersOfTakenRegistrationAsync(string typed, IReadOnlyList<(string Email, string FullName)> owners, CancellationToken ct)
    {
        var signIn = urls.Link("/Account/Login");
        var forgot = urls.Link("/Account/ForgotPassword");
        foreach (var (email, name) in owners)
        {
            await QueueMailAsync(email, "Có người đăng ký lại bằng thông tin của bạn – Cổng Dịch vụ công", "account-register-taken",
                $"Kính gửi {name},\n\nVừa có yêu cầu đăng ký tài khoản mới trên Cổng Dịch vụ công bằng thư điện tử, số CCCD hoặc mã số thuế của tài khoản này. Không có tài khoản mới nào được tạo.\n\nNếu đó là bạn: đăng nhập tại {signIn}, hoặc đặt lại mật khẩu tại {forgot}.\nNếu không phải bạn: bạn không cần làm gì; tài khoản của bạn không thay đổi.\n\nCổng Dịch vụ công – thư tự động, vui lòng không trả lời.", ct);
        }

        if (!owners.Any(o => string.Equals(o.Email, typed, StringComparison.OrdinalIgnoreCase)))
        {
            await QueueMailAsync(typed, "Chưa tạo được tài khoản Cổng Dịch vụ công", "account-register-refused",
                $"Kính gửi quý khách,\n\nYêu cầu đăng ký tài khoản bằng thư điện tử này chưa được thực hiện: số CCCD hoặc mã số thuế đã nhập đã có tài khoản trên cổng (mỗi người, mỗi doanh nghiệp một tài khoản).\n\nNếu đó là tài khoản của bạn, hãy đăng nhập tại {signIn} bằng thư điện tử đã đăng ký, hoặc đặt lại mật khẩu tại {forgot}. Nếu bạn cho rằng có người đã dùng giấy tờ của bạn, hãy liên hệ Bộ phận Một cửa nơi bạn cư trú và mang theo CCCD.\n\nCổng Dịch vụ công – thư tự động, vui lòng không trả lời.", ct);
        }
    }

    private async Task SendConfirmationAsync(PortalUser user, CancellationToken ct)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = urls.Link($"/Account/ConfirmEmail?userId={user.Id}&code={code}");
        await QueueMailAsync(user.Email!, "Xác nhận tài khoản Cổng Dịch vụ công", "account-confirm",
            $"Kính gửi {user.FullName},\n\nCảm ơn bạn đã đăng ký tài khoản Cổng Dịch vụ công. Mở liên kết sau để xác nhận thư điện tử và kích hoạt tài khoản:\n{link}\n\nNếu bạn không đăng ký, hãy bỏ qua thư này.\n\nCổng Dịch vụ công – thư tự động, vui lòng không trả lời.", ct);
    }

    private async Task QueueMailAsync(string to, string subject, string type, string text, CancellationToken ct)
    {
        db.Outbox.Add(new OutboxMessage(OutboxKind.Email, type, new EmailPayload(to, subject, text).Serialize(), null, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
    }

    private async Task<AuthenticatorPage> AuthenticatorPageAsync(PortalUser user, IReadOnlyList<string>? recoveryCodes)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // The first key of an account that has none: stored without a new security stamp (which would end the
            // session showing it), since nothing protects the account with it until a code turns it on.
            var store = (IUserAuthenticatorKeyStore<PortalUser>)HttpContext.RequestServices.GetRequiredService<IUserStore<PortalUser>>();
            key = users.GenerateNewAuthenticatorKey();
            await store.SetAuthenticatorKeyAsync(user, key, HttpContext.RequestAborted);
            await users.UpdateAsync(user);
        }

        var uri = $"otpauth://totp/{Uri.EscapeDataString("Cổng DVC")}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={Uri.EscapeDataString("Cổng DVC")}&digits=6";
        return new AuthenticatorPage(user.TwoFactorEnabled, FormatKey(key!), uri, QrSvg(uri), recoveryCodes);
    }

    private static string FormatKey(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4))))).ToLowerInvariant();

    /// <summary>The QR code as an inline SVG path (no script, no image request).</summary>
    private static string QrSvg(string text)
    {
        var modules = QrCode.Modules(text);
        var n = modules.GetLength(0);
        var path = new StringBuilder();
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                if (modules[y, x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }

        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {n} {n}\" width=\"220\" height=\"220\" role=\"img\" aria-label=\"QR\" shape-rendering=\"crispEdges\"><rect width=\"{n}\" height=\"{n}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>";
    }

    /// <summary>The set-password page for a reset token (the reset mail, and the first administrator's link from <c>admin create</c>).</summary>
    internal static string ResetPasswordPath(Guid userId, string token) => $"/Account/ResetPassword?userId={userId}&code={Encode(token)}";

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private static string Decode(string code)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return string.Empty;
        }
    }
}

public sealed class LoginInput
{
    [Required(ErrorMessage = "Vui lòng nhập thư điện tử. / Please enter your email.")]
    [EmailAddress(ErrorMessage = "Thư điện tử không hợp lệ. / Not a valid email address.")]
    [Display(Name = "Thư điện tử")]
    public string Email { get; set; } = string.Empty;

    [Required(ErrorMessage = "Vui lòng nhập mật khẩu. / Please enter your password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Mật khẩu")]
    public string Password { get; set; } = string.Empty;

    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class EmailInput
{
    public string? Email { get; set; }
}

public sealed class TwoFactorInput
{
    public string? Code { get; set; }
    public bool RememberMe { get; set; }
    public bool RememberMachine { get; set; }
    public string? ReturnUrl { get; set; }
}

public sealed class ResetPasswordInput
{
    public Guid UserId { get; set; }
    public string? Code { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập mật khẩu mới. / Please enter the new password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = string.Empty;

    [Compare(nameof(Password), ErrorMessage = "Hai lần nhập mật khẩu không khớp. / The two passwords differ.")]
    [DataType(DataType.Password)]
    public string? ConfirmPassword { get; set; }
}

public sealed class ChangePasswordInput
{
    [Required(ErrorMessage = "Vui lòng nhập mật khẩu hiện tại. / Please enter your current password.")]
    [DataType(DataType.Password)]
    public string CurrentPassword { get; set; } = string.Empty;

    [Required(ErrorMessage = "Vui lòng nhập mật khẩu mới. / Please enter the new password.")]
    [DataType(DataType.Password)]
    public string NewPassword { get; set; } = string.Empty;

    [Compare(nameof(NewPassword), ErrorMessage = "Hai lần nhập mật khẩu không khớp. / The two passwords differ.")]
    [DataType(DataType.Password)]
    public string? ConfirmPassword { get; set; }
}

public sealed record AuthenticatorPage(bool Enabled, string Key, string Uri, string QrSvg, IReadOnlyList<string>? RecoveryCodes);
