using Microsoft.AspNetCore.Identity;

namespace Portal.Web.Infrastructure;

/// <summary>Identity's messages in the language of the request (Vietnamese unless the page is in English).</summary>
public sealed class VietnameseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), Bilingual.T($"Mật khẩu phải có ít nhất {length} ký tự.", $"The password must have at least {length} characters."));

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), Bilingual.T("Mật khẩu phải có ít nhất một chữ số.", "The password needs a digit."));

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), Bilingual.T("Mật khẩu phải có ít nhất một chữ thường.", "The password needs a lower-case letter."));

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), Bilingual.T("Mật khẩu phải có ít nhất một chữ hoa.", "The password needs an upper-case letter."));

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), Bilingual.T($"Thư điện tử {email} đã được dùng cho một tài khoản khác.", $"{email} is already used by another account."));

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), Bilingual.T($"Tên đăng nhập {userName} đã được dùng.", $"{userName} is already taken."));

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), Bilingual.T($"Thư điện tử \"{email}\" không hợp lệ.", $"\"{email}\" is not a valid email address."));

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), Bilingual.T("Liên kết đã hết hạn hoặc không hợp lệ.", "The link has expired or is invalid."));

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), Bilingual.T("Mật khẩu hiện tại không đúng.", "The current password is wrong."));

    public override IdentityError DefaultError() => Error(nameof(DefaultError), Bilingual.T("Đã có lỗi, vui lòng thử lại.", "Something went wrong, please try again."));

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
