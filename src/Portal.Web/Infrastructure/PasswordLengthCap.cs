using Microsoft.AspNetCore.Identity;
using Portal.Core.Identity;

namespace Portal.Web.Infrastructure;

/// <summary>
/// The password rule besides Identity's minimum: at most <see cref="MaxLength"/> characters (ASVS 2.1.2: 64 must pass,
/// more than 128 may be refused), so that a megabyte of "password" never reaches the hash.
/// </summary>
public sealed class PasswordLengthCap : IPasswordValidator<PortalUser>
{
    public const int MinLength = 12;
    public const int MaxLength = 128;
    public const int HashIterations = 210_000;

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password) =>
        Task.FromResult(password is { Length: > MaxLength }
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = Bilingual.T($"Mật khẩu dài tối đa {MaxLength} ký tự.", $"The password may have at most {MaxLength} characters."),
            })
            : IdentityResult.Success);
}
