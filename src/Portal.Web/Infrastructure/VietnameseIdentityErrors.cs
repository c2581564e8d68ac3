using Microsoft.AspNetCore.Identity;

namespace Portal.Web.Infrastructure;

/// <summary>Identity's messages in Vietnamese, with the English after a slash.</summary>
public sealed class VietnameseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"Mật khẩu phải có ít nhất {length} ký tự. / The password must have at least {length} characters.");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "Mật khẩu phải có ít nhất một chữ số. / The password needs a digit.");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "Mật khẩu phải có ít nhất một chữ thường. / The password needs a lower-case letter.");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "Mật khẩu phải có ít nhất một chữ hoa. / The password needs an upper-case letter.");

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), $"Thư điện tử {email} đã được dùng cho một tài khoản khác. / {email} is already used by another account.");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), $"Tên đăng nhập {userName} đã được dùng. / {userName} is already taken.");

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), $"Thư điện tử \"{email}\" không hợp lệ. / \"{email}\" is not a valid email address.");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "Liên kết đã hết hạn hoặc không hợp lệ. / The link has expired or is invalid.");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Mật khẩu hiện tại không đúng. / The current password is wrong.");

    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Đã có lỗi, vui lòng thử lại. / Something went wrong, please try again.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
