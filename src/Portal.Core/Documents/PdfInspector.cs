using System.IO.Compression;

namespace Portal.Core.Documents;

/// <summary>
/// Finds active content in a PDF by reading every name in it the way a reader decodes it (#xx escapes undone, so
/// /J#61vaScript is /JavaScript), in the file's bytes and inside every object stream, inflated (FlateDecode) up to a
/// bound. Dictionaries, and so every action, live only in the file body and in object streams; an object stream that
/// cannot be read (encrypted, damaged, another filter, too large once inflated) is itself a refusal. The bytes are read
/// in order, not through the cross-reference table, so a table that lies hides nothing.
/// </summary>
public static class PdfInspector
{
    private static readonly Dictionary<string, ActiveContent> Names = new(StringComparer.Ordinal)
    {
        ["JavaScript"] = ActiveContent.Script,
        ["JS"] = ActiveContent.Script,
        ["Launch"] = ActiveContent.Launch,
        ["EmbeddedFile"] = ActiveContent.EmbeddedFile,
        ["EmbeddedFiles"] = ActiveContent.EmbeddedFile,
        ["EF"] = ActiveContent.EmbeddedFile,
        ["FileAttachment"] = ActiveContent.EmbeddedFile,
        ["GoToE"] = ActiveContent.EmbeddedFile,
        ["RichMedia"] = ActiveContent.Multimedia,
        ["Rendition"] = ActiveContent.Multimedia,
        ["XFA"] = ActiveContent.XfaForm,
    };

    private static readonly Dictionary<string, ActiveContent>.AlternateLookup<ReadOnlySpan<char>> Lookup = Names.GetAlternateLookup<ReadOnlySpan<char>>();

    private const int LongestName = 14;

    public static ActiveContent Find(ReadOnlySpan<byte> pdf, long maxInflatedBytes)
    {
        var budget = maxInflatedBytes;
        var at = 0;
        while (at < pdf.Length)
        {
            var stream = NextStream(pdf, at);
            var bodyEnd = stream?.Keyword ?? pdf.Length;
            var found = FindNames(pdf[at..bodyEnd], inStreamData: false);
            if (found != ActiveContent.None || stream is not { } s)
            {
                return found;
            }

            var data = pdf[s.DataStart..s.DataEnd];
            found = FindNames(data, inStreamData: true);
            if (found == ActiveContent.None && DictionaryOf(pdf[at..s.Keyword]) is var dictionary && IsObjectStream(dictionary))
            {
                found = InspectObjectStream(dictionary, data, ref budget);
            }

            if (found != ActiveContent.None)
            {
                return found;
            }

            at = s.DataEnd;
        }

        return ActiveContent.None;
    }

    /// <summary>
    /// Compressed font and image bytes are random enough to hold "/JS" now and then, so inside stream data the two-letter
    /// names are not taken for keys. Nothing is lost: a script action also names its type (/JavaScript or /Rendition),
    /// and an embedded file its /EmbeddedFiles tree or /FileAttachment annotation, and those are looked for everywhere.
    /// </summary>
    private static ActiveContent FindNames(ReadOnlySpan<byte> bytes, bool inStreamData)
    {
        Span<char> name = stackalloc char[LongestName];
        for (var i = bytes.IndexOf((byte)'/'); i >= 0;)
        {
            var end = i + 1;
            while (end < bytes.Length && IsRegular(bytes[end]))
            {
                end++;
            }

            if (Decode(bytes[(i + 1)..end], name) is var length and > 0
                && Lookup.TryGetValue(name[..length], out var found)
                && !(inStreamData && length == 2))
            {
                return found;
            }

            var next = end < bytes.Length ? bytes[end..].IndexOf((byte)'/') : -1;
            i = next < 0 ? -1 : end + next;
        }

        return ActiveContent.None;
    }

    /// <summary>The name's characters with #xx escapes undone; 0 when it is longer than any name looked for.</summary>
    private static int Decode(ReadOnlySpan<byte> raw, Span<char> into)
    {
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (length == into.Length)
            {
                return 0;
            }

            var b = raw[i];
            if (b == (byte)'#' && i + 2 < raw.Length && HexValue(raw[i + 1]) is var high and >= 0 && HexValue(raw[i + 2]) is var low and >= 0)
            {
                b = (byte)((high << 4) | low);
                i += 2;
            }

            into[length++] = (char)b;
        }

        return length;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static bool IsRegular(byte b) => b is not (0 or 9 or 10 or 12 or 13 or 32
        or (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%');

    private readonly record struct StreamAt(int Keyword, int DataStart, int DataEnd);

    /// <summary>
    /// The next "stream" keyword and its data: from the end of the keyword's line (as readers skip to it) to the next
    /// "endstream". The declared /Length is not trusted; a length that swallows the objects after it changes nothing.
    /// </summary>
    private static StreamAt? NextStream(ReadOnlySpan<byte> pdf, int from)
    {
        var at = from;
        while (at < pdf.Length)
        {
            var found = pdf[at..].IndexOf("stream"u8);
            if (found < 0)
            {
                return null;
            }

            var keyword = at + found;
            var after = keyword + 6;
            if ((keyword > 0 && IsRegular(pdf[keyword - 1])) || (after < pdf.Length && IsRegular(pdf[after])))
            {
                at = after;
                continue;
            }

            var eol = pdf[after..].IndexOfAny((byte)'\r', (byte)'\n');
            var dataStart = eol < 0 ? pdf.Length
                : pdf[after + eol] == '\r' && after + eol + 1 < pdf.Length && pdf[after + eol + 1] == '\n' ? after + eol + 2
                : after + eol + 1;
            var endstream = pdf[dataStart..].IndexOf("endstream"u8);
            return new StreamAt(keyword, dataStart, endstream < 0 ? pdf.Length : dataStart + endstream);
        }

        return null;
    }

    /// <summary>The names of the stream's own dictionary: those after the last "obj" keyword before it.</summary>
    private static List<string> DictionaryOf(ReadOnlySpan<byte> before)
    {
        var start = 0;
        for (var i = before.LastIndexOf("obj"u8); i >= 0; i = i == 0 ? -1 : before[..i].LastIndexOf("obj"u8))
        {
            if ((i == 0 || !IsRegular(before[i - 1])) && (i + 3 >= before.Length || !IsRegular(before[i + 3])))
            {
                start = i + 3;
                break;
            }
        }

        var names = new List<string>();
        var region = before[start..];
        Span<char> name = stackalloc char[32];
        for (var i = region.IndexOf((byte)'/'); i >= 0;)
        {
            var end = i + 1;
            while (end < region.Length && IsRegular(region[end]))
            {
                end++;
            }

            if (Decode(region[(i + 1)..end], name) is var length and > 0)
            {
                names.Add(new string(name[..length]));
            }

            var next = end < region.Length ? region[end..].IndexOf((byte)'/') : -1;
            i = next < 0 ? -1 : end + next;
        }

        return names;
    }

    /// <summary>/Type /ObjStm, or /First, which only an object stream has and without which no reader can use one.</summary>
    private static bool IsObjectStream(List<string> dictionary) => dictionary.Contains("ObjStm") || dictionary.Contains("First");

    /// <summary>
    /// One FlateDecode with no parameters is what producers write for object streams; anything else (a filter chain, a
    /// predictor, a filter given by reference, encryption's /Crypt, data in an external /F file) would need decoding this
    /// scanner does not do, so such a stream is refused rather than passed unread.
    /// </summary>
    private static readonly string[] Unusual = ["DecodeParms", "DP", "Crypt", "ASCIIHexDecode", "AHx", "ASCII85Decode", "A85", "LZWDecode", "LZW",
        "RunLengthDecode", "RL", "CCITTFaxDecode", "CCF", "DCTDecode", "DCT", "JBIG2Decode", "JPXDecode", "F", "FFilter"];

    private static ActiveContent InspectObjectStream(List<string> dictionary, ReadOnlySpan<byte> data, ref long budget)
    {
        var flate = dictionary.Count(n => n is "FlateDecode" or "Fl");
        if (Unusual.Any(dictionary.Contains) || flate > 1 || (dictionary.Contains("Filter") && flate == 0))
        {
            return ActiveContent.Uninspectable;
        }

        if (flate == 0)
        {
            return FindNames(data, inStreamData: false);
        }

        var inflated = Inflate(data, ref budget);
        return inflated is null ? ActiveContent.Uninspectable : FindNames(inflated, inStreamData: false);
    }

    /// <summary>
    /// The inflated bytes, or null when they are damaged, would pass what is left of the bound, or are not an object
    /// stream (which starts with its object numbers and offsets). Only zlib data is taken, as the standard has it: its
    /// header and checksum make bytes that merely happen to inflate (ciphertext, say) fail instead of passing unread.
    /// </summary>
    private static byte[]? Inflate(ReadOnlySpan<byte> data, ref long budget)
    {
        if (data.Length < 2 || (data[0] & 0x0F) != 8 || ((data[0] << 8) | data[1]) % 31 != 0)
        {
            return null;
        }

        using var input = new MemoryStream(data.ToArray(), writable: false);
        using var inflater = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = inflater.Read(chunk)) > 0)
            {
                budget -= read;
                if (budget < 0)
                {
                    return null;
                }

                output.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException)
        {
            return null;
        }

        return StartsWithObjectNumbers(output.GetBuffer().AsSpan(0, (int)output.Length)) ? output.ToArray() : null;
    }

    /// <summary>"12 0 …": the first object's number and offset, whitespace around them.</summary>
    private static bool StartsWithObjectNumbers(ReadOnlySpan<byte> content)
    {
        var at = 0;
        for (var token = 0; token < 2; token++)
        {
            while (at < content.Length && content[at] is 0 or 9 or 10 or 12 or 13 or 32)
            {
                at++;
            }

            var digits = at;
            while (at < content.Length && char.IsAsciiDigit((char)content[at]))
            {
                at++;
            }

            if (at == digits || at == content.Length || content[at] is not (0 or 9 or 10 or 12 or 13 or 32))
            {
                return false;
            }
        }

        return true;
    }
}
