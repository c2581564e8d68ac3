namespace Portal.Core.Text;

/// <summary>
/// An amount of money in Vietnamese words, as a receipt writes it ("Số tiền bằng chữ: Mười sáu nghìn đồng"). Groups of
/// three digits read hundreds, tens and units; a group after the first reads its empty hundreds ("không trăm") and an
/// empty ten before a unit as "linh" (the northern, official usage; "lẻ" in the south); after "mươi" a one is "mốt",
/// a four "tư", and a five after any ten "lăm"; an all-zero group is not read at all.
/// </summary>
public static class VietnameseNumberWords
{
    private static readonly string[] Digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
    private static readonly string[] Units = [string.Empty, " nghìn", " triệu"];

    /// <summary>"Mười sáu nghìn đồng" for 16 000; the first letter upper case, as the line on a receipt starts.</summary>
    public static string Dong(long amount)
    {
        var words = Read(amount);
        return char.ToUpperInvariant(words[0]) + words[1..] + " đồng";
    }

    /// <summary>The number in lower-case words ("một trăm linh năm"); at least zero.</summary>
    public static string Read(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        return number == 0 ? Digits[0] : ReadPositive(number, leading: true);
    }

    /// <summary>Below a billion by groups of three; a billion and more as "(the billions) tỷ (the rest)", so that 10¹² reads "một nghìn tỷ".</summary>
    private static string ReadPositive(long number, bool leading)
    {
        const long Billion = 1_000_000_000;
        if (number >= Billion)
        {
            var rest = number % Billion;
            var head = ReadPositive(number / Billion, leading) + " tỷ";
            return rest == 0 ? head : head + " " + ReadPositive(rest, leading: false);
        }

        var parts = new List<string>();
        for (var g = 2; g >= 0; g--)
        {
            var group = (int)(number / Pow1000(g) % 1000);
            if (group == 0)
            {
                continue;
            }

            // Inside a longer number every group after the first non-zero one is read in full ("không trăm linh một").
            parts.Add(Group(group, full: !leading || parts.Count > 0) + Units[g]);
        }

        return string.Join(' ', parts);
    }

    private static long Pow1000(int g) => g switch { 0 => 1, 1 => 1000, _ => 1_000_000 };

    private static string Group(int group, bool full)
    {
        var (hundreds, tens, units) = (group / 100, group / 10 % 10, group % 10);
        var words = new List<string>();
        if (hundreds > 0 || full)
        {
            words.Add(Digits[hundreds] + " trăm");
        }

        switch (tens)
        {
            case 0 when units > 0 && words.Count > 0:
                words.Add("linh " + Digits[units]);
                return string.Join(' ', words);
            case 0:
                break;
            case 1:
                words.Add("mười");
                break;
            default:
                words.Add(Digits[tens] + " mươi");
                break;
        }

        if (units > 0)
        {
            words.Add(units switch
            {
                1 when tens >= 2 => "mốt",
                4 when tens >= 2 => "tư",
                5 when tens >= 1 => "lăm",
                _ => Digits[units],
            });
        }

        return string.Join(' ', words);
    }
}
