using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Core.Administration.Accounts;

/// <summary>
/// Moves an official to another agency and/or changes their roles. Their sessions end (a new security stamp), so the
/// cookie never keeps a role or an agency they no longer have. An administrator does not take away their own Admin role.
/// </summary>
public sealed class ChangeAccountAssignment(PortalDb db, AuditTrail audit)
{
    public sealed record Command(Guid AccountId, string? Stamp, int? AgencyId, IReadOnlyList<string> Roles);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Roles).Must(r => r.Count > 0).WithMessage("Chọn ít nhất một vai trò. / Choose at least one role.");
            RuleFor(c => c.Roles).Must(r => r.All(AccountScope.StaffRoles.Contains)).WithMessage("Vai trò không hợp lệ. / Not a valid role.");
            RuleFor(c => c.AgencyId).NotNull().When(c => c.Roles.Any(Dossiers.Roles.Officials.Contains))
                .WithMessage("Cán bộ một cửa, chuyên viên và người phê duyệt phải thuộc một cơ quan. / Reception, Handler and Approver need an agency.");
        }
    }

    public async Task HandleAsync(Command command, AccountScope scope, CancellationToken ct)
    {
        var (user, before) = await scope.LoadAsync(db, command.AccountId, command.Stamp, ct);
        var roles = command.Roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (scope.RefusalOf(command.AgencyId, roles) is { } refusal)
        {
            throw new AccountFormException(nameof(Command.Roles), refusal);
        }

        if (user.Id == scope.UserId && before.Contains(Dossiers.Roles.Admin) && !roles.Contains(Dossiers.Roles.Admin))
        {
            throw new AccountFormException(nameof(Command.Roles),
                "Bạn không thể tự bỏ vai trò quản trị của mình. / You cannot remove your own Admin role.");
        }

        await AccountForms.RequireAgencyAsync(db, command.AgencyId, ct);
        if (roles.SequenceEqual(before) && command.AgencyId == user.AgencyId)
        {
            return;
        }

        var changes = new List<string>();
        if (command.AgencyId != user.AgencyId)
        {
            changes.Add($"agency: {AccountForms.Agency(user.AgencyId)} → {AccountForms.Agency(command.AgencyId)}");
            user.AgencyId = command.AgencyId;
        }

        if (!roles.SequenceEqual(before))
        {
            changes.Add($"roles: {string.Join(',', before)} → {string.Join(',', roles)}");
            var roleIds = await db.Roles.Where(r => roles.Contains(r.Name!)).Select(r => r.Id).ToListAsync(ct);
            db.UserRoles.RemoveRange(await db.UserRoles.Where(ur => ur.UserId == user.Id).ToListAsync(ct));
            foreach (var roleId in roleIds)
            {
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleId });
            }
        }

        AccountScope.EndSessions(user);
        AccountScope.Touch(user);
        audit.Add(scope.Audit, AccountAuditActions.ChangeAssignment, null, $"{AccountScope.Subject(user)}; {string.Join("; ", changes)}");
        await db.SaveChangesAsync(ct);
    }
}
