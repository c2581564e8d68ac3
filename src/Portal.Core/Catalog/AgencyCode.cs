using System.Text.RegularExpressions;

namespace Portal.Core.Catalog;

/// <summary>
/// The shape of a QCVN 102:2016 agency code: four dotted segments, three digits, two, two, and the province's
/// letter-and-two-digits (e.g. <c>000.00.05.H31</c> for a department, <c>000.20.01.H31</c> for a commune).
/// </summary>
public static partial class AgencyCode
{
    public static bool IsWellFormed(string? code) => code is not null && Shape().IsMatch(code);

    /// <summary>The last segment (<c>H31</c>): every agency of one province shares it.</summary>
    public static string ProvinceSegment(string code) => code[(code.LastIndexOf('.') + 1)..];

    public static string Clean(string? code) => (code ?? string.Empty).Trim().ToUpperInvariant();

    [GeneratedRegex("^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Shape();
}
