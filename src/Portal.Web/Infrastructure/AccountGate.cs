using Microsoft.Extensions.Options;
using Portal.Core.Identity;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Runs after authentication, before any page: a person who must change their password reaches only the
/// change-password page; a staff account (official, leader, administrator) without two-step verification, where
/// <see cref="StaffSignInOptions.RequireTwoFactorForStaff"/> holds, reaches only the authenticator set-up. Both read
/// claims of the cookie (refreshed at every security-stamp check), so the gate costs no query.
/// </summary>
public sealed class AccountGate(RequestDelegate next, IOptions<StaffSignInOptions> options, IWebHostEnvironment environment)
{
    public const string ChangePasswordPath = "/Account/ChangePassword";
    public const string AuthenticatorPath = "/Account/Authenticator";

    /// <summary>Pages every signed-in person may reach whatever they still owe: signing out, error pages, the language.</summary>
    private static readonly string[] Always = ["/Account/Logout", "/Home/Status", "/Home/Error", "/Home/Language", "/Account/AccessDenied"];

    private readonly bool _twoFactorRequired = options.Value.TwoFactorRequired(environment.EnvironmentName);

    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || Always.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }

        string? target = null;
        if (user.MustChangePassword())
        {
            target = ChangePasswordPath;
        }
        else if (_twoFactorRequired && user.IsStaff() && !user.HasTwoFactor())
        {
            target = AuthenticatorPath;
        }

        if (target is null || context.Request.Path.StartsWithSegments(target, StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        context.Response.Redirect(target);
        return Task.CompletedTask;
    }
}
