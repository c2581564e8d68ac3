using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Security;
using Portal.Core.Identity;
using Portal.Core.Text;

namespace Portal.Core.Administration.Accounts;

public enum AccountStatusFilter : byte
{
    All = 0,
    Active = 1,
    Deactivated = 2,
    Locked = 3,
    WithoutTwoFactor = 4,
    MustChangePassword = 5,
    Invited = 6,
}

/// <summary>One line of the account list.</summary>
public sealed record AccountRow(Guid Id, string FullName, string Email, int? AgencyId, string? AgencyName, IReadOnlyList<string> Roles,
    bool Deactivated, bool Locked, bool TwoFactor, bool MustChangePassword, bool Invited);

/// <summary>A page of the list: keyset-paged by e-mail address (unique), so the thousandth page costs what the first does.</summary>
public sealed record AccountPage(IReadOnlyList<AccountRow> Rows, string? Next);

/// <summary>The account page: the account, its roles, its agency and what may be done to it now.</summary>
public sealed record AccountDetail(PortalUser User, IReadOnlyList<string> Roles, string? AgencyName, bool Locked, bool Invited);

public sealed record AgencyChoice(int Id, string Code, string Name);

/// <summary>The read side of account administration: the list with its search, one account, the agencies to choose from.</summary>
public sealed class OfficialAccounts(PortalDb db, TimeProvider time, SignInThrottle throttle)
{
    public const int PageSize = 50;

    public async Task<AccountPage> ListAsync(AccountScope scope, string? search, int? agencyId, AccountStatusFilter status, string? after, CancellationToken ct)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var query = scope.Accounts(db).AsNoTracking();
        var q = VietnameseText.Normalize(search);
        if (q.Length > 0)
        {
            var upper = q.ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(upper) || u.FullName.Contains(q) || u.PhoneNumber == q);
        }

        if (agencyId is { } agency)
        {
            query = query.Where(u => u.AgencyId == agency);
        }

        query = status switch
        {
            AccountStatusFilter.Active => query.Where(u => u.DeactivatedAt == null),
            AccountStatusFilter.Deactivated => query.Where(u => u.DeactivatedAt != null),
            // SQLite cannot compare DateTimeOffset values: the few rows with a lockout end are read and compared below.
            AccountStatusFilter.Locked => query.Where(u => u.LockoutEnd != null),
            AccountStatusFilter.WithoutTwoFactor => query.Where(u => !u.TwoFactorEnabled),
            AccountStatusFilter.MustChangePassword => query.Where(u => u.MustChangePassword),
            AccountStatusFilter.Invited => query.Where(u => u.PasswordHash == null),
            _ => query,
        };
        if (!string.IsNullOrEmpty(after))
        {
            // Translated to SQL's own (binary on SQLite, collation on PostgreSQL) comparison; never run in memory.
#pragma warning disable CA1309
            query = query.Where(u => string.Compare(u.NormalizedEmail, after) > 0);
#pragma warning restore CA1309
        }

        var ordered = query.OrderBy(u => u.NormalizedEmail);
        var users = (await (status == AccountStatusFilter.Locked ? ordered : ordered.Take(PageSize + 1))
            .Select(u => new
            {
                u.Id,
                u.FullName,
                u.Email,
                u.NormalizedEmail,
                u.AgencyId,
                u.DeactivatedAt,
                u.LockoutEnd,
                u.TwoFactorEnabled,
                u.MustChangePassword,
                Invited = u.PasswordHash == null,
                AgencyName = db.Agencies.Where(a => a.Id == u.AgencyId).Select(a => a.Name).FirstOrDefault(),
            })
            .ToListAsync(ct))
            .Where(u => status != AccountStatusFilter.Locked || u.LockoutEnd > now)
            .Take(PageSize + 1)
            .ToList();
        var page = users.Take(PageSize).ToList();
        var ids = page.Select(u => u.Id).ToList();
        var roles = (await db.UserRoles.Where(ur => ids.Contains(ur.UserId)).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct)).ToLookup(x => x.UserId, x => x.Name!);
        var rows = page.Select(u => new AccountRow(u.Id, u.FullName, u.Email ?? string.Empty, u.AgencyId, u.AgencyName,
            [.. roles[u.Id].Order(StringComparer.Ordinal)], u.DeactivatedAt is not null, u.LockoutEnd is { } end && end > now,
            u.TwoFactorEnabled, u.MustChangePassword, u.Invited)).ToList();
        return new AccountPage(rows, users.Count > PageSize ? page[^1].NormalizedEmail : null);
    }

    public async Task<AccountDetail> GetAsync(AccountScope scope, Guid id, CancellationToken ct)
    {
        var (user, roles) = await scope.FindAsync(db, id, ct);
        var agency = user.AgencyId is { } a ? await db.Agencies.Where(x => x.Id == a).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        var waits = user.NormalizedEmail is not null && await throttle.IsDelayedAsync(user.NormalizedEmail, ct);
        return new AccountDetail(user, roles, agency, UnlockAccount.IsAvailable(user, time.GetUtcNow().UtcDateTime, waits), user.PasswordHash is null);
    }

    /// <summary>The agencies this person may put an account in: all for an administrator, their own for an agency's leader.</summary>
    public async Task<IReadOnlyList<AgencyChoice>> AgenciesAsync(AccountScope scope, CancellationToken ct) =>
        await db.Agencies.AsNoTracking().Where(a => scope.IsAdmin || a.Id == scope.AgencyId)
            .OrderBy(a => a.Level).ThenBy(a => a.Name).Select(a => new AgencyChoice(a.Id, a.Code, a.Name)).ToListAsync(ct);
}
