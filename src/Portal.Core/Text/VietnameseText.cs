using System.Globalization;
using System.Text;

namespace Portal.Core.Text;

/// <summary>Vietnamese text arrives in NFC or NFD from different keyboards; search ignores diacritics and case.</summary>
public static class VietnameseText
{
    /// <summary>
    /// Vietnamese alphabetical order (a ă â b c d đ e ê …, tones after the letter), as a list of procedures or agencies is
    /// read; the databases' own ordering puts "Đ" after "Z".
    /// </summary>
    public static readonly StringComparer Collation = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true);

    /// <summary>NFC, trimmed, inner whitespace collapsed, control characters removed.</summary>
    public static string Normalize(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var nfc = value.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(nfc.Length);
        var space = false;
        foreach (var ch in nfc)
        {
            if (char.IsWhiteSpace(ch))
            {
                space = sb.Length > 0;
                continue;
            }

            if (char.IsControl(ch) || CharUnicodeInfo.GetUnicodeCategory(ch) is UnicodeCategory.Format)
            {
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(ch);
        }

        // Dropping a format or control character (or a space) between a letter and its combining mark leaves them
        // side by side uncomposed: compose once more.
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Keeps line breaks (for text areas) but normalises everything else like <see cref="Normalize"/>.</summary>
    public static string NormalizeMultiline(string? value) =>
        string.Join('\n', (value ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(Normalize)).Trim();

    /// <summary>"Đăng ký Kinh doanh" → "dang ky kinh doanh": the key both sides of a search are folded to.</summary>
    public static string SearchKey(string? value)
    {
        var decomposed = Normalize(value).Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            sb.Append(ch switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(ch),
            });
        }

        return sb.ToString();
    }
}
