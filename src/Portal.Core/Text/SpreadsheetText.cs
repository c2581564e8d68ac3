using System.Buffers;
using System.Globalization;
using System.Text;

namespace Portal.Core.Text;

/// <summary>
/// The one rule for every cell of every CSV and XLSX the portal writes (formula injection): text that a spreadsheet
/// would run as a formula, because it starts with =, +, -, @, a tab, a carriage return or a NUL, gets a leading
/// apostrophe, so that opening an export never runs what someone typed (a citizen's name, a search, a cell of an
/// imported file). Numbers written as numbers stay numbers, negative ones too. A CSV field gets the same after each
/// semicolon, and its RFC 4180 quotes (<see cref="CsvField(string?)"/>).
/// </summary>
public static class SpreadsheetText
{
    private static readonly SearchValues<char> NeedQuotes = SearchValues.Create(",;\"\t\r\n");

    /// <summary>The text as a spreadsheet shows it and does not evaluate.</summary>
    public static string? Text(string? text) => text is { Length: > 0 } && Evaluates(text[0]) ? "'" + text : text;

    /// <summary>The value of an XLSX cell: text through <see cref="Text"/>, numbers and dates as they are.</summary>
    public static object? Value(object? value) => value is string text ? Text(text) : value;

    /// <summary>The rows of an XLSX sheet (column name to value) with every cell through <see cref="Value"/>.</summary>
    public static List<Dictionary<string, object?>> Rows(IEnumerable<IReadOnlyDictionary<string, object?>> rows) =>
        [.. rows.Select(row => row.ToDictionary(cell => cell.Key, cell => Value(cell.Value)))];

    /// <summary>One CSV line (comma separated), without its line break.</summary>
    public static string CsvLine(params IEnumerable<CsvField> fields) => string.Join(',', fields.Select(f => f.Encoded));

    /// <summary>
    /// A CSV field as written: <see cref="Text"/>, then the same after every semicolon. Excel on a Vietnamese Windows cuts
    /// CSV lines at the list separator, a semicolon, and honours a quote only at the start of what it cut: "x;=1+2" would
    /// leave a cell "=1+2" there, quoted or not. The field is then quoted (RFC 4180) where it holds a comma, a semicolon,
    /// a tab, a quote or a line break, or begins or ends with a space.
    /// </summary>
    internal static string CsvField(string? text)
    {
        var value = Text(text);
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value.Contains(';', StringComparison.Ordinal))
        {
            var written = new StringBuilder(value.Length + 4);
            for (var i = 0; i < value.Length; i++)
            {
                written.Append(value[i]);
                if (value[i] == ';' && Evaluates(FirstAfterSpaces(value, i + 1)))
                {
                    written.Append('\'');
                }
            }

            value = written.ToString();
        }

        return value.AsSpan().ContainsAny(NeedQuotes) || value != value.Trim()
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static char FirstAfterSpaces(string text, int from)
    {
        while (from < text.Length && text[from] == ' ')
        {
            from++;
        }

        return from < text.Length ? text[from] : ' ';
    }

    private static bool Evaluates(char first) => first is '=' or '+' or '-' or '@' or '\t' or '\r' or '\0';
}

/// <summary>
/// One field of a CSV line: text (neutralised and quoted, see <see cref="SpreadsheetText"/>) or an
/// integer (written as it is). Strings and integers convert to it, so a writer cannot leave a text cell out of the rule.
/// </summary>
public readonly struct CsvField
{
    private readonly string? _encoded;

    private CsvField(string encoded) => _encoded = encoded;

    public string Encoded => _encoded ?? string.Empty;

    public static implicit operator CsvField(string? text) => new(SpreadsheetText.CsvField(text));

    public static implicit operator CsvField(long number) => new(number.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => Encoded;
}
