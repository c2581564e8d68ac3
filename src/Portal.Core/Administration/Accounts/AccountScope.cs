using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Identity;
using Portal.Core.Processing;

namespace Portal.Core.Administration.Accounts;

/// <summary>
/// Who may manage which official accounts, in one place: an administrator every staff account; an agency's leader
/// (a Leader with an agency) the Reception, Handler and Approver accounts of their own agency, never another agency's
/// (answered as absent, 404) nor a Leader or Admin account; nobody else (403). Every use case and page asks here.
/// </summary>
public sealed record AccountScope(Guid UserId, bool IsAdmin, int? AgencyId, AuditActor Audit)
{
    /// <summary>The roles an official account can hold, in the order the pages list them.</summary>
    public static readonly string[] StaffRoles = [Roles.Reception, Roles.Handler, Roles.Approver, Roles.Leader, Roles.Admin];

    public static AccountScope For(OfficialContext who)
    {
        if (who.Has(Roles.Admin))
        {
            return new AccountScope(who.UserId, true, null, who.Audit);
        }

        if (who.Has(Roles.Leader) && who.AgencyId is { } agency)
        {
            return new AccountScope(who.UserId, false, agency, who.Audit);
        }

        throw new ActionNotPermittedException(
            "Chỉ quản trị hệ thống hoặc lãnh đạo một cơ quan được quản lý tài khoản cán bộ.",
            "Only administrators and an agency's leader may manage official accounts.");
    }

    /// <summary>The roles this person may give: all staff roles for an administrator, the agency's officials' roles for its leader.</summary>
    public IReadOnlyList<string> AssignableRoles => IsAdmin ? StaffRoles : Roles.Officials;

    /// <summary>May this person see and change an account with these roles at this agency?</summary>
    public bool Reaches(int? agencyId, IEnumerable<string> roles) =>
        IsAdmin || (agencyId == AgencyId && roles.All(r => Roles.Officials.Contains(r)));

    /// <summary>Refuses a set of roles and an agency this person may not give (the form shows the message).</summary>
    public string? RefusalOf(int? agencyId, IReadOnlyCollection<string> roles)
    {
        if (roles.Any(r => !AssignableRoles.Contains(r)))
        {
            return "Bạn không được cấp vai trò lãnh đạo hoặc quản trị. / You may not give the Leader or Admin role.";
        }

        if (!IsAdmin && agencyId != AgencyId)
        {
            return "Bạn chỉ quản lý tài khoản của cơ quan mình. / You manage the accounts of your own agency only.";
        }

        return null;
    }

    /// <summary>Staff accounts (any staff role) this person reaches, as a query to filter further.</summary>
    public IQueryable<PortalUser> Accounts(PortalDb db)
    {
        var staff = db.Roles.Where(r => StaffRoles.Contains(r.Name!)).Select(r => r.Id);
        var query = db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && staff.Contains(ur.RoleId)));
        if (IsAdmin)
        {
            return query;
        }

        var beyond = db.Roles.Where(r => !Roles.Officials.Contains(r.Name!)).Select(r => r.Id);
        return query.Where(u => u.AgencyId == AgencyId && !db.UserRoles.Any(ur => ur.UserId == u.Id && beyond.Contains(ur.RoleId)));
    }

    /// <summary>
    /// Loads an account to change: absent or out of reach answers 404; a form rendered before someone else changed the
    /// account (its concurrency stamp moved) is refused with the conflict message instead of overwriting their change.
    /// </summary>
    public async Task<(PortalUser User, IReadOnlyList<string> Roles)> LoadAsync(PortalDb db, Guid id, string? stamp, CancellationToken ct)
    {
        var (user, roles) = await FindAsync(db, id, ct);
        if (!string.Equals(stamp, user.ConcurrencyStamp, StringComparison.Ordinal))
        {
            throw new DomainException(
                "Tài khoản vừa được người khác thay đổi. Vui lòng tải lại trang rồi thao tác lại.",
                "Someone else changed this account just now. Reload the page, then act again.");
        }

        return (user, roles);
    }

    /// <summary>Loads an account to show: absent or out of reach answers 404.</summary>
    public async Task<(PortalUser User, IReadOnlyList<string> Roles)> FindAsync(PortalDb db, Guid id, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw new AccountNotFoundException();
        var roles = await RolesOfAsync(db, id, ct);
        if (!roles.Any(r => StaffRoles.Contains(r)) || !Reaches(user.AgencyId, roles))
        {
            throw new AccountNotFoundException();
        }

        return (user, roles);
    }

    public static async Task<IReadOnlyList<string>> RolesOfAsync(PortalDb db, Guid id, CancellationToken ct) =>
        await db.UserRoles.Where(ur => ur.UserId == id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!)
            .OrderBy(n => n).ToListAsync(ct);

    /// <summary>The change every use case makes besides its own: a new concurrency stamp, so that a stale form is refused.</summary>
    public static void Touch(PortalUser user) => user.ConcurrencyStamp = Guid.NewGuid().ToString();

    /// <summary>Ends the account's sessions (and remembered devices) at their next security-stamp check.</summary>
    public static void EndSessions(PortalUser user) => user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();

    /// <summary>How the audit trail names the account acted on.</summary>
    public static string Subject(PortalUser user) => $"account: {user.Email} ({user.Id})";
}

/// <summary>The account does not exist for this person (absent, another agency's, a role beyond their reach): 404.</summary>
public sealed class AccountNotFoundException() : Exception("Account not found for this user.");

/// <summary>The stable action names of account administration in the audit trail.</summary>
public static class AccountAuditActions
{
    public const string Create = "account.create";
    public const string Invite = "account.invite";
    public const string Deactivate = "account.deactivate";
    public const string Reactivate = "account.reactivate";
    public const string Unlock = "account.unlock";
    public const string ResetTwoFactor = "account.2fa.reset";
    public const string ForcePasswordChange = "account.password.force";
    public const string ChangeAssignment = "account.assignment";
}
