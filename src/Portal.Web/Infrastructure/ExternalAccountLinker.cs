using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Dossiers;
using Portal.Core.Filing;
using Portal.Core.Identity;
using Portal.Core.Text;
using Portal.Web.Areas.Citizen;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Which portal account the person back from the external identity provider is, decided before anyone is signed in.
/// A login already linked keeps its account while that account is still the provider's person. Otherwise the CCCD the
/// provider verified (<see cref="ExternalLoginOptions.CitizenIdClaim"/>) is matched against <see cref="PortalUser.CitizenId"/>;
/// an email never links: an account holding the provider's email but not its CCCD is left alone, and without a CCCD
/// nothing existing is linked at all. A person new to the portal gets a citizen account whose email counts as confirmed
/// only if the provider says it verified it. Staff accounts pass only where <see cref="ExternalLoginOptions.AllowStaff"/>
/// allows and only with two-step verification on, whatever Identity:RequireTwoFactorForStaff says: the provider stands
/// in for the password, never for the second factor.
/// </summary>
public sealed class ExternalAccountLinker(UserManager<PortalUser> users, IOptions<ExternalLoginOptions> options, TimeProvider time)
{
    public async Task<ExternalAccount> ResolveAsync(ExternalLoginInfo info, CancellationToken ct)
    {
        var person = ExternalPerson.From(info.Principal, options.Value.CitizenIdClaim);
        if (await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey) is { } linked)
        {
            // Links made on an email alone before the CCCD rule (to a business, or to a person of another CCCD) are not trusted.
            if (!person.Fits(linked))
            {
                return new(ExternalAccountKind.Mismatch);
            }

            return await StaffRefusalAsync(linked)
                ?? new(linked.EmailConfirmed || linked.IsDeactivated ? ExternalAccountKind.SignIn : ExternalAccountKind.LinkedUnconfirmed, linked);
        }

        if (person.CitizenId is { } citizenId)
        {
            var holders = await users.Users.Where(u => u.CitizenId == citizenId).Take(2).ToListAsync(ct);
            if (holders.Count > 1)
            {
                return new(ExternalAccountKind.Mismatch);
            }

            if (holders is [var holder])
            {
                return await LinkAsync(holder, info, person);
            }
        }

        if (person.Email is null)
        {
            return new(ExternalAccountKind.NoEmail);
        }

        if (await users.FindByEmailAsync(person.Email) is { } owner)
        {
            // Registration's page does not say that an address has an account, and neither does this one unless the
            // provider verified the address (then the person holds its inbox): otherwise the page reads as for a new
            // address whose confirmation was mailed, and the mail tells the owner.
            return person.EmailVerified
                ? new(person.CitizenId is null ? ExternalAccountKind.EmailTakenWithoutCitizenId : ExternalAccountKind.EmailTaken)
                : new(ExternalAccountKind.EmailTakenUnverified, owner);
        }

        var user = new PortalUser
        {
            Id = Guid.NewGuid(),
            UserName = person.Email,
            Email = person.Email,
            // An address the provider has not verified is the portal's to confirm, by the same mail as a registration's.
            EmailConfirmed = person.EmailVerified,
            FullName = person.Name ?? person.Email,
            CitizenId = person.CitizenId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return new(ExternalAccountKind.Failed, Errors: created.Errors.Select(e => e.Description).ToList());
        }

        await users.AddToRoleAsync(user, Roles.Citizen);
        var login = await users.AddLoginAsync(user, info);
        return login.Succeeded
            ? new(person.EmailVerified ? ExternalAccountKind.Created : ExternalAccountKind.CreatedUnconfirmed, user)
            : new(ExternalAccountKind.Failed, Errors: login.Errors.Select(e => e.Description).ToList());
    }

    /// <summary>The account that holds the provider's CCCD, linked if nothing refuses it.</summary>
    private async Task<ExternalAccount> LinkAsync(PortalUser holder, ExternalLoginInfo info, ExternalPerson person)
    {
        if (!person.Fits(holder) || holder.IsDeactivated)
        {
            // A deactivated account is told what any refused external sign-in is told: nothing about the account.
            return new(holder.IsDeactivated ? ExternalAccountKind.Refused : ExternalAccountKind.Mismatch);
        }

        if (!holder.EmailConfirmed)
        {
            // Whoever registered this account never proved its address: linking would hand the provider's person an
            // account whose password someone else may have chosen.
            return new(ExternalAccountKind.Unconfirmed);
        }

        if (await StaffRefusalAsync(holder) is { } refused)
        {
            return refused;
        }

        // A CCCD on an account is self-declared: anyone may have typed someone else's number at registration and
        // confirmed an inbox of their own. Linking on it alone would sign the real person into an account whose password
        // that someone holds (pre-hijacking). Only where the provider verified an email that is the account's confirmed
        // one is the inbox's holder the same person; otherwise the account's password decides (ConfirmLinkAsync).
        if (!(person.EmailVerified && string.Equals(person.Email, holder.Email, StringComparison.OrdinalIgnoreCase)))
        {
            return new(ExternalAccountKind.ConfirmLink, holder);
        }

        return await AddLoginAsync(holder, info);
    }

    /// <summary>Links <paramref name="holder"/> after its password was given on the link page (the resolution said <see cref="ExternalAccountKind.ConfirmLink"/>).</summary>
    public Task<ExternalAccount> ConfirmLinkAsync(PortalUser holder, ExternalLoginInfo info) => AddLoginAsync(holder, info);

    /// <summary>
    /// The person the provider verified says the account holding their CCCD is not theirs: the number leaves that
    /// account (it was only typed there), so that the next resolution gives the person an account of their own.
    /// </summary>
    public async Task<bool> ReleaseCitizenIdAsync(PortalUser holder)
    {
        holder.CitizenId = null;
        return (await users.UpdateAsync(holder)).Succeeded;
    }

    private async Task<ExternalAccount> AddLoginAsync(PortalUser holder, ExternalLoginInfo info)
    {
        var login = await users.AddLoginAsync(holder, info);
        return login.Succeeded
            ? new(ExternalAccountKind.SignIn, holder)
            : new(ExternalAccountKind.Failed, Errors: login.Errors.Select(e => e.Description).ToList());
    }

    private async Task<ExternalAccount?> StaffRefusalAsync(PortalUser user)
    {
        var roles = await users.GetRolesAsync(user);
        if (!roles.Any(Roles.Staff.Contains))
        {
            return null;
        }

        if (!options.Value.AllowStaff)
        {
            return new(ExternalAccountKind.StaffNotAllowed);
        }

        return user.TwoFactorEnabled ? null : new(ExternalAccountKind.StaffWithoutTwoFactor);
    }
}

/// <summary>What the provider says of the person, read from the external sign-in's claims.</summary>
public sealed record ExternalPerson(string? CitizenId, string? Email, bool EmailVerified, string? Name)
{
    public const string EmailVerifiedClaim = "email_verified";

    public static ExternalPerson From(ClaimsPrincipal principal, string citizenIdClaim)
    {
        var citizenId = Identifiers.Digits(principal.FindFirstValue(citizenIdClaim));
        var email = VietnameseText.Normalize(principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue("email")).ToLowerInvariant();
        var name = VietnameseText.Normalize(principal.FindFirstValue(ClaimTypes.Name) ?? principal.FindFirstValue("name"));
        return new ExternalPerson(
            Identifiers.IsCitizenId(citizenId) ? citizenId : null,
            Identifiers.IsEmail(email) ? email : null,
            bool.TryParse(principal.FindFirstValue(EmailVerifiedClaim), out var verified) && verified,
            string.IsNullOrEmpty(name) ? null : name);
    }

    /// <summary>
    /// Whether <paramref name="account"/> may be this person's: a person's account, of the same CCCD where both have
    /// one (a business account is never linked to a provider's person).
    /// </summary>
    public bool Fits(PortalUser account) =>
        account.Kind == ApplicantKind.Person && (account.CitizenId is null || CitizenId is null || account.CitizenId == CitizenId);
}

public enum ExternalAccountKind
{
    /// <summary>Linked (now or before): sign in through Identity's checks (two-step verification, lockout, deactivation).</summary>
    SignIn,

    /// <summary>A new citizen account with the provider's verified email: sign in, then the profile.</summary>
    Created,

    /// <summary>A new citizen account whose email the provider did not verify: the portal's confirmation mail first.</summary>
    CreatedUnconfirmed,

    /// <summary>Linked to an account that has not confirmed its email yet: the confirmation mail again.</summary>
    LinkedUnconfirmed,

    /// <summary>The provider's unverified email belongs to <see cref="ExternalAccount.User"/>: not linked, the owner is mailed.</summary>
    EmailTakenUnverified,

    /// <summary>The account with the provider's CCCD never confirmed its email.</summary>
    Unconfirmed,

    /// <summary>
    /// <see cref="ExternalAccount.User"/> holds the provider's CCCD but nothing shows it is this person's: its password is
    /// asked on the link page (or the person says it is not theirs) before anything is linked.
    /// </summary>
    ConfirmLink,

    NoEmail,
    EmailTaken,
    EmailTakenWithoutCitizenId,
    Mismatch,
    StaffNotAllowed,
    StaffWithoutTwoFactor,
    Refused,
    Failed,
}

/// <summary>The account of an external sign-in (<see cref="User"/> when one was found or created) and what the person is told.</summary>
public sealed record ExternalAccount(ExternalAccountKind Kind, PortalUser? User = null, IReadOnlyList<string>? Errors = null)
{
    public string Message => Kind switch
    {
        // One answer for the three, so that the page does not tell whether an unverified address has an account.
        ExternalAccountKind.CreatedUnconfirmed or ExternalAccountKind.LinkedUnconfirmed or ExternalAccountKind.EmailTakenUnverified => Bilingual.T(
            "Tài khoản định danh chưa xác nhận thư điện tử của bạn, nên chúng tôi đã gửi thư tới địa chỉ đó. Mở thư và làm theo hướng dẫn trong thư, rồi đăng nhập lại bằng tài khoản định danh.",
            "Your identity provider has not verified your email address, so we sent a mail to it. Open it and follow its instructions, then sign in with the identity provider again."),
        ExternalAccountKind.Unconfirmed => Bilingual.T(
            "Tài khoản của cổng mang số CCCD này chưa được xác nhận thư điện tử. Vui lòng mở thư xác nhận hoặc đặt lại mật khẩu trước.",
            "The portal account with this citizen ID has not confirmed its email address yet. Please open the confirmation email or reset the password first."),
        ExternalAccountKind.NoEmail => Bilingual.T(
            "Tài khoản định danh không cung cấp thư điện tử; vui lòng đăng ký tài khoản của cổng.",
            "The identity provider gave no email address; please register an account on the portal."),
        ExternalAccountKind.EmailTaken => Bilingual.T(
            "Thư điện tử này đã dùng cho một tài khoản của cổng không mang số CCCD của bạn, nên không được liên kết tự động. Hãy đăng nhập bằng mật khẩu, ghi số CCCD tại trang Hồ sơ cá nhân rồi đăng nhập lại bằng tài khoản định danh; hoặc liên hệ bộ phận hỗ trợ.",
            "This email address belongs to a portal account without your citizen ID, so it is not linked automatically. Sign in with your password, enter your citizen ID on your profile page and sign in with the identity provider again; or contact support."),
        ExternalAccountKind.EmailTakenWithoutCitizenId => Bilingual.T(
            "Thư điện tử này đã dùng cho một tài khoản của cổng. Tài khoản định danh không cung cấp số CCCD nên không thể liên kết với tài khoản đó. Hãy đăng nhập bằng mật khẩu, hoặc liên hệ bộ phận hỗ trợ.",
            "This email address belongs to a portal account. Your identity provider gave no citizen ID, so it cannot be linked to that account. Sign in with your password, or contact support."),
        ExternalAccountKind.Mismatch => Bilingual.T(
            "Tài khoản định danh này không khớp với tài khoản của cổng nên không thể đăng nhập. Vui lòng đăng nhập bằng mật khẩu hoặc liên hệ bộ phận hỗ trợ.",
            "This identity account does not match the portal account, so it cannot sign you in. Please sign in with your password or contact support."),
        ExternalAccountKind.StaffNotAllowed => Bilingual.T(
            "Tài khoản cán bộ không đăng nhập bằng tài khoản định danh. Vui lòng đăng nhập bằng thư điện tử, mật khẩu và mã xác thực hai bước.",
            "Staff accounts do not sign in through the identity provider. Please sign in with your email, password and two-step verification code."),
        ExternalAccountKind.StaffWithoutTwoFactor => Bilingual.T(
            "Tài khoản cán bộ chỉ đăng nhập bằng tài khoản định danh khi đã bật xác thực hai bước. Vui lòng đăng nhập bằng mật khẩu và bật xác thực hai bước trước.",
            "A staff account signs in through the identity provider only with two-step verification on. Please sign in with your password and turn it on first."),
        ExternalAccountKind.Failed when Errors is { Count: > 0 } => string.Join(" ", Errors.Select(Bilingual.Pick)),
        _ => Bilingual.T("Đăng nhập qua tài khoản định danh không thành công. Vui lòng thử lại.", "External sign-in failed. Please try again."),
    };
}
