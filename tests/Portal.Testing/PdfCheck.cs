using System.Diagnostics;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Portal.Testing;

/// <summary>Reads a PDF back: its text (PdfPig, in reading order) and, for a human to look at, PNG renderings.</summary>
public static class PdfCheck
{
    public static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => ContentOrderTextExtractor.GetText(p)));
    }

    public static int Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    /// <summary>Renders every page with poppler's pdftoppm into artifacts/pdf/; returns the PNG paths.</summary>
    public static IReadOnlyList<string> RenderPng(byte[] pdf, string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
        {
            dir = dir.Parent;
        }

        var outDir = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "pdf");
        Directory.CreateDirectory(outDir);
        var pdfPath = Path.Combine(outDir, name + ".pdf");
        File.WriteAllBytes(pdfPath, pdf);
        using var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "110", pdfPath, Path.Combine(outDir, name)])
        {
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("pdftoppm did not start");
        process.WaitForExit(60_000);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("pdftoppm failed: " + process.StandardError.ReadToEnd());
        }

        return [.. Directory.GetFiles(outDir, name + "*.png").Order()];
    }
}
