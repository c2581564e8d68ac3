using System.Text.RegularExpressions;

namespace Portal.Core.Processing;

/// <summary>The identifier rules of DOMAIN.md, as the desk checks them when it types an applicant in.</summary>
public static partial class Identifiers
{
    /// <summary>CCCD: 12 digits; the first three are a province code (001–096), the fourth the sex and century.</summary>
    public static bool IsCitizenId(string? value) =>
        value is { Length: 12 } && value.All(char.IsAsciiDigit) && int.Parse(value.AsSpan(0, 3), System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 96;

    /// <summary>Mã số thuế: 10 digits, or 10 + "-" + 3 for a branch.</summary>
    public static bool IsTaxCode(string? value) => value is not null && TaxCode().IsMatch(value);

    /// <summary>A Vietnamese mobile number: 10 digits starting with 0 (or +84 and 9 digits).</summary>
    public static bool IsPhone(string? value) => value is not null && Phone().IsMatch(value);

    public static bool IsEmail(string? value) => value is { Length: <= 256 } && Email().IsMatch(value);

    [GeneratedRegex(@"^\d{10}(-\d{3})?$")]
    private static partial Regex TaxCode();

    [GeneratedRegex(@"^(0|\+84)[35789]\d{8}$")]
    private static partial Regex Phone();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();
}
