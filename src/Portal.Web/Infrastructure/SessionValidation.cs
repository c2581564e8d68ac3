using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Identity;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Ends sessions on the server (ASVS 3.3): the sign-in cookie is checked against the account on every request, so
/// that signing out, a password change or reset, a two-factor change and a deactivation (each of which changes the
/// account's security stamp) end every copy of every cookie of that account at its next request, on every node
/// (the stamp lives in the shared database). The check is one primary-key read of two columns; the full refresh of
/// roles and claims stays at <see cref="StaffSignInOptions.SessionCheckInterval"/>. A session also ends after
/// <see cref="StaffSignInOptions.IdleTimeout"/> without a request and <see cref="StaffSignInOptions.AbsoluteLifetime"/>
/// after its sign-in, however busy.
/// </summary>
public static class SessionValidation
{
    /// <summary>When the session was signed in (round-trip UTC), kept across renewals and refreshes in the cookie's properties.</summary>
    public const string StartedKey = ".portal.started";

    private static readonly Func<PortalDb, Guid, Task<Account?>> Load = EF.CompileAsyncQuery((PortalDb db, Guid id) =>
        db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new Account(u.SecurityStamp, u.IsDeactivated)).SingleOrDefault());

    public static void Configure(CookieAuthenticationOptions cookie, StaffSignInOptions sessions)
    {
        cookie.SlidingExpiration = true;
        cookie.ExpireTimeSpan = sessions.IdleTimeout;
        cookie.Events.OnSigningIn = context =>
        {
            // A new sign-in starts the clock; a refresh (same properties) keeps it.
            if (!context.Properties.Items.ContainsKey(StartedKey))
            {
                context.Properties.Items[StartedKey] = Now(context.HttpContext, context.Options).ToString("O", CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        };
        cookie.Events.OnValidatePrincipal = context => ValidateAsync(context, sessions);
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context, StaffSignInOptions sessions)
    {
        var now = Now(context.HttpContext, context.Options);
        if (!context.Properties.Items.TryGetValue(StartedKey, out var started)
            || !DateTimeOffset.TryParseExact(started, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var since)
            || now - since > sessions.AbsoluteLifetime)
        {
            await RejectAsync(context);
            return;
        }

        // Identity's own check: at the interval, the principal rebuilt from the account (roles, agency, claims).
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal is null || sessions.SkipPerRequestStampCheck)
        {
            return;
        }

        var identity = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var stamp = context.Principal.FindFirst(identity.SecurityStampClaimType)?.Value;
        if (!Guid.TryParse(context.Principal.FindFirst(identity.UserIdClaimType)?.Value, out var id) || stamp is null)
        {
            await RejectAsync(context);
            return;
        }

        var account = await Load(context.HttpContext.RequestServices.GetRequiredService<PortalDb>(), id);
        if (account is null || account.Deactivated || !string.Equals(account.Stamp, stamp, StringComparison.Ordinal))
        {
            await RejectAsync(context);
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    private static DateTimeOffset Now(HttpContext http, CookieAuthenticationOptions options) =>
        (options.TimeProvider ?? http.RequestServices.GetRequiredService<TimeProvider>()).GetUtcNow();

    private sealed record Account(string? Stamp, bool Deactivated);
}
