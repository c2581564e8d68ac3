using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Dossiers;
using Portal.Core.Identity;
using Portal.Core.Links;
using Portal.Core.Text;
using Portal.Web.Controllers;

namespace Portal.Web.Infrastructure;

/// <summary>
/// The first administrator of a fresh installation, from the command line (the web server is not started):
/// <c>dotnet Portal.Web.dll admin create --email a@b.vn --name "Nguyễn Văn A"</c> migrates the database, creates the
/// account in the Admin role with a confirmed e-mail and no password, and prints a one-time set-password link on the
/// public address (an Identity reset token: valid two days, void once a password is set);
/// <c>admin reset-link --email a@b.vn</c> prints a new link for an existing administrator.
/// Exit codes: 0 done, 1 refused (the reason on standard error), 2 wrong usage.
/// </summary>
public sealed class AdminCommand(PortalDb db, UserManager<PortalUser> users, ReferenceDataSeeder reference, PublicUrls urls, TimeProvider time)
{
    public const string Name = "admin";

    public const string Usage = """
        Usage:
          dotnet Portal.Web.dll admin create --email <address> --name "<full name>"
          dotnet Portal.Web.dll admin reset-link --email <address>
        """;

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>Runs the command in a scope of the built (not started) host.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AdminCommand>().RunAsync(args, output, error, ct);
    }

    public async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var verb = args.Length > 1 ? args[1] : null;
        var email = Option(args, "--email");
        var name = Option(args, "--name");
        if (verb is not ("create" or "reset-link") || string.IsNullOrWhiteSpace(email) || (verb == "create" && string.IsNullOrWhiteSpace(name)))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        email = VietnameseText.Normalize(email.Trim());
        if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            await error.WriteLineAsync($"\"{email}\" không phải là địa chỉ thư điện tử. / \"{email}\" is not an e-mail address.");
            return 2;
        }

        await DatabaseSetup.MigrateAsync(db, ct);
        await reference.SeedAsync(ct);
        return verb == "create"
            ? await CreateAsync(email, VietnameseText.Normalize(name!.Trim()), output, error)
            : await ResetLinkAsync(email, output, error);
    }

    private async Task<int> CreateAsync(string email, string fullName, TextWriter output, TextWriter error)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            await error.WriteLineAsync(
                $"Đã có tài khoản {email}: không tạo lại. Dùng \"admin reset-link --email {email}\" nếu đó là quản trị viên. / An account {email} already exists: not created again. Use \"admin reset-link --email {email}\" if it is an administrator.");
            return 1;
        }

        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = fullName,
            LockoutEnabled = true,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(user, Roles.Admin);
        }

        if (!created.Succeeded)
        {
            await error.WriteLineAsync(string.Join(Environment.NewLine, created.Errors.Select(e => e.Description)));
            return 1;
        }

        await output.WriteLineAsync($"Đã tạo quản trị viên {fullName} <{email}>. / Administrator {fullName} <{email}> created.");
        await PrintLinkAsync(user, output);
        return 0;
    }

    private async Task<int> ResetLinkAsync(string email, TextWriter output, TextWriter error)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null || !await users.IsInRoleAsync(user, Roles.Admin))
        {
            await error.WriteLineAsync($"Không có quản trị viên {email}. / There is no administrator {email}.");
            return 1;
        }

        await PrintLinkAsync(user, output);
        return 0;
    }

    private async Task PrintLinkAsync(PortalUser user, TextWriter output)
    {
        var link = urls.Link(AccountController.ResetPasswordPath(user.Id, await users.GeneratePasswordResetTokenAsync(user)));
        await output.WriteLineAsync("Mở liên kết sau để đặt mật khẩu (dùng một lần, trong 2 ngày) / Open this link to set the password (once, within 2 days):");
        await output.WriteLineAsync(link);
    }

    private static string? Option(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name)
            {
                return i + 1 < args.Length ? args[i + 1] : null;
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }

        return null;
    }
}
