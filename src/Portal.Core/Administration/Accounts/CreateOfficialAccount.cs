using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Filing;
using Portal.Core.Identity;
using Portal.Core.Text;

namespace Portal.Core.Administration.Accounts;

/// <summary>
/// Creates an official's account with its agency and roles, without a password: the invitation (an outbox row saved
/// with the account and its audit line) mails a set-password link, so nobody but the official ever knows it.
/// </summary>
public sealed class CreateOfficialAccount(PortalDb db, ILookupNormalizer normalizer, TimeProvider time, AuditTrail audit)
{
    public sealed record Command(string? FullName, string? Email, string? Phone, int? AgencyId, IReadOnlyList<string> Roles)
    {
        public Command Normalized() => this with
        {
            FullName = VietnameseText.Normalize(FullName),
            Email = VietnameseText.Normalize(Email).ToLowerInvariant(),
            Phone = string.IsNullOrWhiteSpace(Phone) ? null : Identifiers.CleanPhone(Phone),
            Roles = [.. Roles.Distinct(StringComparer.Ordinal)],
        };
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FullName).Must(n => VietnameseText.Normalize(n).Length is >= 2 and <= 200)
                .WithMessage("Nhập họ và tên (2–200 ký tự). / Enter the full name (2–200 characters).");
            RuleFor(c => c.Email).Must(e => Identifiers.IsEmail(VietnameseText.Normalize(e))).WithMessage(Identifiers.EmailMessage);
            RuleFor(c => c.Phone).Must(p => string.IsNullOrWhiteSpace(p) || Identifiers.IsMobilePhone(Identifiers.CleanPhone(p)))
                .WithMessage(Identifiers.PhoneMessage);
            RuleFor(c => c.Roles).Must(r => r.Count > 0).WithMessage("Chọn ít nhất một vai trò. / Choose at least one role.");
            RuleFor(c => c.Roles).Must(r => r.All(AccountScope.StaffRoles.Contains)).WithMessage("Vai trò không hợp lệ. / Not a valid role.");
            RuleFor(c => c.AgencyId).NotNull().When(c => c.Roles.Any(Dossiers.Roles.Officials.Contains))
                .WithMessage("Cán bộ một cửa, chuyên viên và người phê duyệt phải thuộc một cơ quan. / Reception, Handler and Approver need an agency.");
        }
    }

    /// <summary>Creates the account; a duplicate address, an unknown agency or a role out of reach is reported on its field.</summary>
    public async Task<Guid> HandleAsync(Command command, AccountScope scope, CancellationToken ct)
    {
        var c = command.Normalized();
        if (scope.RefusalOf(c.AgencyId, c.Roles) is { } refusal)
        {
            throw new AccountFormException(nameof(Command.Roles), refusal);
        }

        await AccountForms.RequireAgencyAsync(db, c.AgencyId, ct);
        var email = normalizer.NormalizeEmail(c.Email!);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == email || u.NormalizedUserName == email, ct))
        {
            throw new AccountFormException(nameof(Command.Email),
                "Thư điện tử này đã có tài khoản. / This email address already has an account.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var user = new PortalUser
        {
            Id = Guid.NewGuid(),
            UserName = c.Email,
            NormalizedUserName = normalizer.NormalizeName(c.Email!),
            Email = c.Email,
            NormalizedEmail = email,
            // The only way into the account is the link mailed to this address, which proves it.
            EmailConfirmed = true,
            PhoneNumber = c.Phone,
            FullName = c.FullName!,
            AgencyId = c.AgencyId,
            LockoutEnabled = true,
            CreatedAt = now,
        };
        AccountScope.EndSessions(user);
        AccountScope.Touch(user);
        db.Users.Add(user);
        var roleIds = await db.Roles.Where(r => c.Roles.Contains(r.Name!)).Select(r => r.Id).ToListAsync(ct);
        foreach (var roleId in roleIds)
        {
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleId });
        }

        db.Outbox.Add(AccountInvitation.For(user, now));
        audit.Add(scope.Audit, AccountAuditActions.Create, null,
            $"{AccountScope.Subject(user)}; name: {user.FullName}; agency: {AccountForms.Agency(c.AgencyId)}; roles: {string.Join(',', c.Roles.Order(StringComparer.Ordinal))}");
        await db.SaveChangesAsync(ct);
        return user.Id;
    }
}

/// <summary>Input a form must show again on its field (a duplicate address, a role out of reach): "vi / en".</summary>
public sealed class AccountFormException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

internal static class AccountForms
{
    public static async Task RequireAgencyAsync(PortalDb db, int? agencyId, CancellationToken ct)
    {
        if (agencyId is { } id && !await db.Agencies.AnyAsync(a => a.Id == id, ct))
        {
            throw new AccountFormException("AgencyId", "Chọn một cơ quan trong danh sách. / Choose an agency from the list.");
        }
    }

    public static string Agency(int? agencyId) => agencyId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—";
}
