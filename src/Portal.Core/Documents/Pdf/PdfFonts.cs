using PdfSharp.Fonts;

namespace Portal.Core.Documents.Pdf;

/// <summary>
/// The fonts every PDF of the portal uses, shipped inside the assembly: Noto Serif for official forms and Noto Sans
/// for reports (SIL OFL 1.1, Resources/Fonts/LICENSE-OFL.txt). DejaVu Sans is not used: PDFsharp 6.2 drops the
/// second diacritic of ấ ế ố ễ with it. PDFsharp's resolver is process-wide, so it is registered once.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Serif = "Noto Serif";
    public const string Sans = "Noto Sans";

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, byte[]> Faces = new(StringComparer.Ordinal);

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is PdfFonts)
            {
                return;
            }

            foreach (var face in new[] { "NotoSerif-Regular", "NotoSerif-Bold", "NotoSerif-Italic", "NotoSans-Regular", "NotoSans-Bold" })
            {
                using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream($"Portal.Core.Resources.Fonts.{face}.ttf")
                    ?? throw new InvalidOperationException($"Embedded font {face} is missing.");
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                Faces[face] = memory.ToArray();
            }

            GlobalFontSettings.FontResolver = new PdfFonts();
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var sans = familyName.Contains("Sans", StringComparison.OrdinalIgnoreCase);
        if (sans)
        {
            // No italic Sans face is shipped: PDFsharp simulates the slant.
            return new FontResolverInfo(bold ? "NotoSans-Bold" : "NotoSans-Regular", false, italic);
        }

        return bold
            ? new FontResolverInfo("NotoSerif-Bold", false, italic)
            : new FontResolverInfo(italic ? "NotoSerif-Italic" : "NotoSerif-Regular");
    }

    public byte[]? GetFont(string faceName) => Faces.TryGetValue(faceName, out var bytes) ? bytes : null;
}
