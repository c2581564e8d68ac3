using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Identity;
using Portal.Testing;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>The demo never runs in Production: not seeded there, and no account with its published password survives into it.</summary>
public sealed class DemoGuardTests
{
    [Fact]
    public async Task Production_refuses_to_seed_the_demo()
    {
        await using var app = new PortalApp(await TestDatabase.CreateAsync(migrate: false), new Dictionary<string, string?> { ["Portal:SeedDemo"] = "true" }, "Production");
        var refused = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("Portal:SeedDemo=true is refused in the Production environment", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Production_start_on_a_database_with_the_demo_accounts_fails_naming_one_of_them()
    {
        // The demo seeded by a trial host, then the same database started in Production.
        await using var trial = await PortalApp.StartAsync(new Dictionary<string, string?> { ["Portal:SeedDemo"] = "true", ["Portal:DemoDossiers"] = "0" });
        await using var live = new PortalApp(trial.Database, null, "Production");

        var refused = Assert.ThrowsAny<Exception>(() => live.Server);
        Assert.Matches(@"\d+ accounts still have the demo password \(e\.g\. [^)]*@demo\.haiphong\.vn", refused.ToString());
    }

    [Fact]
    public async Task One_account_in_the_demo_domain_with_the_demo_password_is_enough_to_refuse_the_start()
    {
        var database = await TestDatabase.CreateAsync(migrate: false);
        await using var trial = new PortalApp(database);
        _ = trial.Server;
        await AddAccountAsync(trial, "motcua.thu@" + DemoSeeder.EmailDomain, DemoSeeder.Password);
        await using var live = new PortalApp(database, null, "Production");

        var refused = Assert.ThrowsAny<Exception>(() => live.Server);
        Assert.Contains("1 accounts still have the demo password (e.g. motcua.thu@demo.haiphong.vn)", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Production_start_succeeds_once_the_demo_passwords_are_changed()
    {
        await using var trial = await PortalApp.StartAsync(new Dictionary<string, string?> { ["Portal:SeedDemo"] = "true", ["Portal:DemoDossiers"] = "0" });
        await AddAccountAsync(trial, "nguyen.van.a@example.vn", "Pw-" + Guid.NewGuid().ToString("N")[..10] + "A1");
        var changed = await trial.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            var hasher = sp.GetRequiredService<IPasswordHasher<PortalUser>>();
            var users = await db.Users.ToListAsync();
            foreach (var user in users.Where(u => u.Email!.EndsWith("@" + DemoSeeder.EmailDomain, StringComparison.Ordinal)))
            {
                user.PasswordHash = hasher.HashPassword(user, "Pw-" + Guid.NewGuid().ToString("N")[..10] + "A1");
            }

            await db.SaveChangesAsync();
            return users.Count;
        });
        await using var live = new PortalApp(trial.Database, null, "Production");

        _ = live.Server;
        Assert.True(changed > 100);
        Assert.Equal(0, (await live.WithScopeAsync(sp => DemoPasswordCheck.FindAsync(sp.GetRequiredService<PortalDb>(), sp.GetRequiredService<IPasswordHasher<PortalUser>>()))).Count);
    }

    private static Task<IdentityResult> AddAccountAsync(PortalApp app, string email, string password) => app.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<PortalUser>>();
        var result = await users.CreateAsync(new PortalUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "Cán bộ thử" }, password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return result;
    });
}
