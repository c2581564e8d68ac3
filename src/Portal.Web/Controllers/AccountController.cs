using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Core.Identity;
using Portal.Web.Infrastructure;

namespace Portal.Web.Controllers;

public sealed class AccountController(SignInManager<PortalUser> signIn) : Controller
{
    [HttpGet]
    [AllowAnonymous]
    public IActionResult Login(string? returnUrl) => View(new LoginInput { ReturnUrl = returnUrl });

    [HttpPost]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Login)]
    public async Task<IActionResult> Login(LoginInput input)
    {
        if (!ModelState.IsValid)
        {
            return View(input);
        }

        var result = await signIn.PasswordSignInAsync(input.Email.Trim(), input.Password, input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(input.ReturnUrl) ? input.ReturnUrl : "/");
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToAction("TwoFactor", new { input.ReturnUrl, input.RememberMe });
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? Bilingual.T("Tài khoản tạm khóa 15 phút vì đăng nhập sai nhiều lần.", "The account is locked for 15 minutes after repeated failures.")
            : result.IsNotAllowed
                ? Bilingual.T("Tài khoản chưa xác nhận thư điện tử. Vui lòng mở thư xác nhận.", "The email address is not confirmed yet. Please open the confirmation email.")
                : Bilingual.T("Thư điện tử hoặc mật khẩu không đúng.", "Wrong email or password."));
        return View(input);
    }

    [HttpPost]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        return RedirectToAction("Index", "Home");
    }

    [AllowAnonymous]
    public IActionResult AccessDenied() => View();

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
