using System.Globalization;
using System.Security.Cryptography;

namespace Portal.Testing;

/// <summary>RFC 6238 with Identity's parameters (SHA-1, 30 s, 6 digits), as an authenticator app computes it.</summary>
public static class Totp
{
    /// <summary>
    /// The code of now for a key as the authenticator page shows it (base32, in groups of four); with
    /// <paramref name="stepsAhead"/> 1 the next 30 s step's code, which the portal also accepts (clock drift) and which a
    /// test uses when it has just spent the current code (each code signs in once).
    /// </summary>
    public static string Code(string shownKey, int stepsAhead = 0)
    {
        var key = Base32(shownKey.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant());
        var counter = BitConverter.GetBytes((DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30) + stepsAhead);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

        // SHA-1 is what RFC 6238 authenticator apps and Identity use; this computes the code, it protects nothing.
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
