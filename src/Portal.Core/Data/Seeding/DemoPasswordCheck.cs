using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Identity;

namespace Portal.Core.Data.Seeding;

/// <summary>
/// Finds accounts that still sign in with <see cref="DemoSeeder.Password"/>, cheaply enough to run on every start
/// of a province's database. A password hash is salted, so only a hash shared by several accounts (the demo seeder
/// hashes once and gives every demo account that hash; a copied database or a bulk import would do the same) or an
/// account in the demo's e-mail domain can carry the demo password in bulk: those distinct hashes are verified
/// (one PBKDF2 each), not every account's. An account whose own, unique hash happens to be the demo password is
/// therefore not found; that is a weak password, not a leftover of the demo.
/// </summary>
public static class DemoPasswordCheck
{
    public static async Task<DemoPasswordFinding> FindAsync(PortalDb db, IPasswordHasher<PortalUser> hasher, CancellationToken ct = default)
    {
        var demoDomain = "@" + DemoSeeder.EmailDomain.ToUpperInvariant();
        var shared = await db.Users.Where(u => u.PasswordHash != null)
            .GroupBy(u => u.PasswordHash).Where(g => g.Count() > 1).Select(g => g.Key!).ToListAsync(ct);
        var inDemoDomain = await db.Users.Where(u => u.PasswordHash != null && u.NormalizedEmail!.EndsWith(demoDomain))
            .Select(u => u.PasswordHash!).Distinct().ToListAsync(ct);
        var probe = new PortalUser();
        var demo = shared.Union(inDemoDomain, StringComparer.Ordinal)
            .Where(hash => hasher.VerifyHashedPassword(probe, hash, DemoSeeder.Password) != PasswordVerificationResult.Failed)
            .ToList();
        if (demo.Count == 0)
        {
            return new DemoPasswordFinding(0, []);
        }

        var accounts = db.Users.Where(u => demo.Contains(u.PasswordHash!));
        return new DemoPasswordFinding(await accounts.CountAsync(ct),
            await accounts.OrderBy(u => u.Email).Select(u => u.Email ?? u.UserName!).Take(3).ToListAsync(ct));
    }
}

/// <summary>How many accounts have the demo password, and a few of them to name in the message.</summary>
public sealed record DemoPasswordFinding(int Count, IReadOnlyList<string> Examples);
