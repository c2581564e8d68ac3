using System.Globalization;
using FluentValidation;

namespace Portal.Core.Filing;

/// <summary>
/// The identifier rules of DOMAIN.md: CCCD (12 digits: province of birth, gender/century, year of birth),
/// tax code (10 digits, or 10 + "-" + 3 for a branch) and Vietnamese mobile numbers (10 digits from 0, or +84).
/// </summary>
public static class Identifiers
{
    /// <summary>The province codes a CCCD may start with (Circular 59/2021/TT-BCA, the 63 provinces before the 2025 merger).</summary>
    private static readonly HashSet<string> BirthProvinces =
    [
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024", "025",
        "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045", "046", "048",
        "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075",
        "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
    ];

    // Each cleaner composes (NFC) what it keeps: removing a space between a letter and its combining mark would leave them uncomposed.
    public static string Digits(string? value) => new string((value ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c is not ('.' or '-' or '(' or ')')).ToArray()).Normalize();

    public static bool IsCitizenId(string? value, DateOnly? dateOfBirth = null)
    {
        if (value is not { Length: 12 } || !value.All(char.IsAsciiDigit) || !BirthProvinces.Contains(value[..3]))
        {
            return false;
        }

        if (dateOfBirth is not { } dob)
        {
            return true;
        }

        // 0/1: born 1900–1999, 2/3: 2000–2099, 4/5: 2100–2199 … (even = male, odd = female).
        var century = (value[3] - '0') / 2;
        return 1900 + (century * 100) == dob.Year / 100 * 100
            && int.Parse(value.AsSpan(4, 2), CultureInfo.InvariantCulture) == dob.Year % 100;
    }

    public static string CleanTaxCode(string? value) => new string((value ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '.').ToArray()).Normalize();

    public static bool IsTaxCode(string? value) =>
        value is not null
        && ((value.Length == 10 && value.All(char.IsAsciiDigit))
            || (value.Length == 14 && value[10] == '-' && value[..10].All(char.IsAsciiDigit) && value[11..].All(char.IsAsciiDigit)));

    /// <summary>"+84 912 345 678", "0912.345.678" → "0912345678"; anything else is returned cleaned but unchanged.</summary>
    public static string CleanPhone(string? value)
    {
        var raw = new string((value ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c is not ('.' or '-' or '(' or ')')).ToArray()).Normalize();
        if (raw.StartsWith("+84", StringComparison.Ordinal))
        {
            return "0" + raw[3..];
        }

        return raw.StartsWith("84", StringComparison.Ordinal) && raw.Length == 11 ? "0" + raw[2..] : raw;
    }

    /// <summary>Mobile networks use 03x, 05x, 07x, 08x and 09x since the 2018 renumbering.</summary>
    public static bool IsMobilePhone(string? value) =>
        value is { Length: 10 } && value[0] == '0' && value[1] is '3' or '5' or '7' or '8' or '9' && value.All(char.IsAsciiDigit);

    public static bool IsEmail(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 256 || value.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == value.LastIndexOf('@') && value.IndexOf('.', at) > at + 1 && !value.EndsWith('.');
    }

    public const string CitizenIdMessage = "Số CCCD gồm đúng 12 chữ số, 3 số đầu là mã tỉnh nơi sinh (ví dụ 031…), số thứ 4–6 khớp giới tính, thế kỷ và năm sinh. / The citizen ID is exactly 12 digits: province of birth, then gender/century and year of birth.";
    public const string TaxCodeMessage = "Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu \"-\" và 3 chữ số với chi nhánh (ví dụ 0201234567 hoặc 0201234567-001). / The tax code is 10 digits, or 10 digits, \"-\" and 3 digits for a branch.";
    public const string PhoneMessage = "Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (có thể viết +84). / A mobile number has 10 digits starting 03, 05, 07, 08 or 09 (or +84).";
    public const string EmailMessage = "Thư điện tử không hợp lệ, ví dụ đúng: ten@example.vn. / Not a valid email address, e.g. name@example.vn.";

    public static IRuleBuilderOptions<T, string?> CitizenId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => IsCitizenId(v)).WithMessage(CitizenIdMessage);

    public static IRuleBuilderOptions<T, string?> TaxCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsTaxCode).WithMessage(TaxCodeMessage);

    public static IRuleBuilderOptions<T, string?> MobilePhone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsMobilePhone).WithMessage(PhoneMessage);

    public static IRuleBuilderOptions<T, string?> PortalEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsEmail).WithMessage(EmailMessage);
}
