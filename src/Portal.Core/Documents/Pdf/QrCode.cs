using QRCoder;

namespace Portal.Core.Documents.Pdf;

public static class QrCode
{
    /// <summary>The QR code for <paramref name="text"/> as a square matrix of dark modules (error correction M, quiet zone included).</summary>
    public static bool[,] Modules(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var size = data.ModuleMatrix.Count;
        var modules = new bool[size, size];
        for (var row = 0; row < size; row++)
        {
            for (var col = 0; col < size; col++)
            {
                modules[row, col] = data.ModuleMatrix[row][col];
            }
        }

        return modules;
    }
}
