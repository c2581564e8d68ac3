using System.Buffers.Binary;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Identity;
using Portal.Testing;

namespace Portal.Web.Tests.Security;

/// <summary>A blank portal with the production password hash (the test host's cheaper one unset).</summary>
public sealed class ProductionHashPortalFixture : BlankPortalFixture
{
    protected override Dictionary<string, string?>? Settings => new() { ["Identity:PasswordHashIterations"] = null };
}

/// <summary>
/// ASVS 2.1.1, 2.1.2, 2.1.9 and 2.4.3: at least 12 characters and at most 128, any characters, no composition rule
/// (a phrase of words with spaces passes), and hashes of PBKDF2-HMAC-SHA512 with 210 000 iterations, older ones
/// redone at the next sign-in.
/// </summary>
public sealed class PasswordPolicyTests(ProductionHashPortalFixture f) : IClassFixture<ProductionHashPortalFixture>
{
    private const string Password = BlankPortalFixture.Password;

    private async Task<(string Email, FormClient Browser)> CitizenAsync()
    {
        var (email, _, browser) = await f.CitizenAsync("Đỗ Văn Mật");
        return (email, browser);
    }

    private static async Task<HttpResponseMessage> ChangeAsync(FormClient browser, string current, string next)
    {
        var form = await browser.GetAsync("/Account/ChangePassword");
        return await browser.SubmitAsync(form, "form[action='/Account/ChangePassword']", new Dictionary<string, string?>
        {
            ["CurrentPassword"] = current,
            ["NewPassword"] = next,
            ["ConfirmPassword"] = next,
        });
    }

    [Theory]
    [InlineData("hoa phượng đỏ")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab")]
    [InlineData("123456789012")]
    public async Task Twelve_to_sixty_four_characters_of_any_kind_are_accepted(string next)
    {
        var (email, browser) = await CitizenAsync();

        using var changed = await ChangeAsync(browser, Password, next);

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        await FormClient.For(f.App).SignInAsync(email, next);
    }

    [Theory]
    [InlineData(11, "Mật khẩu phải có ít nhất 12 ký tự")]
    [InlineData(129, "Mật khẩu dài tối đa 128 ký tự")]
    public async Task Fewer_than_twelve_or_more_than_128_characters_are_refused_with_the_rule(int length, string message)
    {
        var (email, browser) = await CitizenAsync();

        using var refused = await ChangeAsync(browser, Password, new string('x', length - 1) + "1");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(message, (await Page.ReadAsync(refused)).Text, StringComparison.Ordinal);
        await FormClient.For(f.App).SignInAsync(email, Password);
    }

    [Fact]
    public async Task Hashes_use_210000_iterations_and_an_older_hash_is_redone_at_sign_in()
    {
        var email = $"cu.{Guid.NewGuid():N}@example.vn";
        var old = new PasswordHasher<PortalUser>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
        await f.App.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "Hồ Sơ Cũ", LockoutEnabled = true };
            user.PasswordHash = old.HashPassword(user, Password);
            Assert.True((await users.CreateAsync(user)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Citizen);
            return user.Id;
        });
        Assert.Equal(100_000, await IterationsAsync(email));

        await FormClient.For(f.App).SignInAsync(email, Password);

        Assert.Equal(210_000, await IterationsAsync(email));
    }

    /// <summary>Identity's version-3 hash: 0x01, the PRF, the iteration count (big-endian), the salt length, salt, subkey.</summary>
    private async Task<int> IterationsAsync(string email)
    {
        var hash = await f.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Users.Where(u => u.Email == email).Select(u => u.PasswordHash!).SingleAsync());
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1, 4)));
        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }
}
