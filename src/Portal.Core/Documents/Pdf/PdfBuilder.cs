using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Portal.Core.Documents.Pdf;

public enum TextAlign
{
    Left,
    Center,
    Right,
}

/// <summary>A table column: header text and its share of the width.</summary>
public sealed record PdfColumn(string Header, double Weight, TextAlign Align = TextAlign.Left);

/// <summary>
/// Lays out an administrative document top to bottom on A4 (margins of Decree 30/2020: 20 mm top and bottom,
/// 30 mm left, 15 mm right): the national motto header, titles, wrapped paragraphs, label–value lines, tables
/// that continue on the next page with their header, signature blocks and images. Every string is drawn in NFC.
/// </summary>
public sealed class PdfBuilder : IDisposable
{
    private const double Mm = 72 / 25.4;
    private readonly PdfDocument _document = new();
    private readonly string _family;
    private readonly double _baseSize;
    private readonly PageOrientation _orientation;
    private XGraphics _gfx = null!;
    private PdfPage _page = null!;
    private double _y;
    private double _reservedUntilY;
    private double _reservedWidth;

    public PdfBuilder(string title, string family = PdfFonts.Serif, double baseSize = 12, PageOrientation orientation = PageOrientation.Portrait)
    {
        PdfFonts.EnsureRegistered();
        _family = family;
        _baseSize = baseSize;
        _orientation = orientation;
        _document.Info.Title = Nfc(title);
        _document.Info.Creator = "Cổng Dịch vụ công";
        NewPage();
    }

    public double Left => (_orientation == PageOrientation.Portrait ? 30 : 20) * Mm;
    public double Right => _page.Width.Point - ((_orientation == PageOrientation.Portrait ? 15 : 15) * Mm);
    public double Width => Right - Left;

    /// <summary>The width left for text beside a QR code drawn at the right margin.</summary>
    private double ContentWidth => _y < _reservedUntilY ? Width - _reservedWidth : Width;
    public double Bottom => _page.Height.Point - (20 * Mm);
    public double Y => _y;
    public int PageCount => _document.PageCount;

    /// <summary>The two-column heading: the issuing body on the left, the national motto on the right.</summary>
    public PdfBuilder NationalHeader(string issuerParent, string issuer, string? number = null, string? placeAndDate = null)
    {
        var top = _y;
        var leftWidth = Width * 0.42;
        var rightX = Left + leftWidth;
        var rightWidth = Width - leftWidth;
        var small = _baseSize - 1;
        // An agency's name is never broken mid-name ("HẢI / PHÒNG"): a line that does not fit is set a little smaller first,
        // and one that still does not fit breaks where a name does not (HeadingLines).
        var y1 = DrawHeading(issuerParent, Left, top, leftWidth, OneLineFont(issuerParent.ToUpperInvariant(), leftWidth, small, bold: false));
        var y2 = DrawHeading(issuer, Left, y1, leftWidth, OneLineFont(issuer.ToUpperInvariant(), leftWidth, small, bold: true));
        Underline(Left + (leftWidth * 0.3), Left + (leftWidth * 0.7), y2 + 2);
        var leftEnd = y2 + 6;
        if (number is not null)
        {
            leftEnd = DrawWrapped(number, Left, leftEnd, leftWidth, Font(small), TextAlign.Center);
        }

        var r1 = DrawWrapped("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", rightX, top, rightWidth, Font(small, bold: true), TextAlign.Center);
        var r2 = DrawWrapped("Độc lập - Tự do - Hạnh phúc", rightX, r1, rightWidth, Font(small + 1, bold: true), TextAlign.Center);
        Underline(rightX + (rightWidth * 0.22), rightX + (rightWidth * 0.78), r2 + 2);
        var rightEnd = r2 + 6;
        if (placeAndDate is not null)
        {
            rightEnd = DrawWrapped(placeAndDate, rightX, rightEnd, rightWidth, Font(small, italic: true), TextAlign.Center);
        }

        _y = Math.Max(leftEnd, rightEnd) + 14;
        return this;
    }

    public PdfBuilder Title(string title, string? subtitle = null)
    {
        EnsureRoom(40);
        _y = DrawHeading(title, Left, _y, Width, Font(_baseSize + 2, bold: true));
        if (subtitle is not null)
        {
            _y = DrawWrapped(subtitle, Left, _y + 2, Width, Font(_baseSize, italic: true), TextAlign.Center);
        }

        _y += 10;
        return this;
    }

    public PdfBuilder Paragraph(string text, bool bold = false, bool italic = false, TextAlign align = TextAlign.Left, double? size = null, double indent = 0)
    {
        var font = Font(size ?? _baseSize, bold, italic);
        var width = ContentWidth;
        foreach (var line in Wrap(text, font, width - indent))
        {
            EnsureRoom(LineHeight(font));
            DrawLine(line, Left + indent, _y, width - indent, font, align);
            _y += LineHeight(font);
        }

        _y += 3;
        return this;
    }

    /// <summary>"Label: value", the value wrapped under itself.</summary>
    public PdfBuilder Field(string label, string? value)
    {
        var labelFont = Font(_baseSize);
        var valueFont = Font(_baseSize, bold: true);
        var labelText = Nfc(label) + ": ";
        var width = ContentWidth;
        var labelWidth = Math.Min(_gfx.MeasureString(labelText, labelFont).Width, width * 0.45);
        var lines = Wrap(string.IsNullOrWhiteSpace(value) ? "……………………" : value, valueFont, width - labelWidth);
        EnsureRoom(LineHeight(valueFont) * Math.Min(lines.Count, 3));
        DrawLine(labelText, Left, _y, labelWidth, labelFont, TextAlign.Left);
        foreach (var line in lines)
        {
            EnsureRoom(LineHeight(valueFont));
            DrawLine(line, Left + labelWidth, _y, width - labelWidth, valueFont, TextAlign.Left);
            _y += LineHeight(valueFont);
        }

        _y += 2;
        return this;
    }

    public PdfBuilder Table(IReadOnlyList<PdfColumn> columns, IEnumerable<IReadOnlyList<string>> rows, double? size = null, bool boldLastRow = false)
    {
        _y = Math.Max(_y, _reservedUntilY);
        var font = Font(size ?? (_baseSize - 1));
        var headerFont = Font(size ?? (_baseSize - 1), bold: true);
        var total = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => Width * c.Weight / total).ToArray();
        const double pad = 3;

        void Row(IReadOnlyList<string> cells, XFont f, bool shade)
        {
            var wrapped = cells.Select((c, i) => Wrap(c, f, widths[i] - (2 * pad))).ToList();
            var height = (wrapped.Max(w => Math.Max(1, w.Count)) * LineHeight(f)) + (2 * pad);
            if (_y + height > Bottom)
            {
                NewPage();
                if (!ReferenceEquals(f, headerFont))
                {
                    Row(columns.Select(c => c.Header).ToList(), headerFont, true);
                }
            }

            var x = Left;
            for (var i = 0; i < widths.Length; i++)
            {
                var rect = new XRect(x, _y, widths[i], height);
                if (shade)
                {
                    _gfx.DrawRectangle(XBrushes.WhiteSmoke, rect);
                }

                _gfx.DrawRectangle(XPens.Black, rect);
                var ly = _y + pad;
                foreach (var line in wrapped[i])
                {
                    DrawLine(line, x + pad, ly, widths[i] - (2 * pad), f, shade ? TextAlign.Center : columns[i].Align);
                    ly += LineHeight(f);
                }

                x += widths[i];
            }

            _y += height;
        }

        Row(columns.Select(c => c.Header).ToList(), headerFont, true);
        var list = rows.ToList();
        for (var r = 0; r < list.Count; r++)
        {
            Row(list[r], boldLastRow && r == list.Count - 1 ? headerFont : font, false);
        }

        _y += 8;
        return this;
    }

    /// <summary>Signature blocks side by side: a title, a hint in italics, room to sign, the name.</summary>
    public PdfBuilder Signatures(params (string Title, string? Name)[] blocks)
    {
        _y = Math.Max(_y, _reservedUntilY);
        EnsureRoom(110);
        var width = Width / blocks.Length;
        var top = _y;
        // The names stand on one line across the blocks, below the tallest title (one may wrap to two lines).
        var below = top;
        for (var i = 0; i < blocks.Length; i++)
        {
            var x = Left + (i * width);
            var y = DrawHeading(blocks[i].Title, x, top, width, Font(_baseSize, bold: true));
            below = Math.Max(below, DrawWrapped("(Ký, ghi rõ họ tên)", x, y, width, Font(_baseSize - 1, italic: true), TextAlign.Center));
        }

        for (var i = 0; i < blocks.Length; i++)
        {
            if (blocks[i].Name is { } name)
            {
                DrawWrapped(name, Left + (i * width), below + 55, width, Font(_baseSize, bold: true), TextAlign.Center);
            }
        }

        _y = Math.Max(top + 100, below + 80);
        return this;
    }

    /// <summary>A QR code (drawn as vector squares, sharp at any zoom) at the right margin, <paramref name="sizeMm"/> square.</summary>
    public PdfBuilder QrRight(string text, double sizeMm, string? caption = null)
    {
        var size = sizeMm * Mm;
        EnsureRoom(size + 14);
        var modules = QrCode.Modules(text);
        var n = modules.GetLength(0);
        var cell = size / n;
        var x0 = Right - size;
        for (var row = 0; row < n; row++)
        {
            for (var col = 0; col < n; col++)
            {
                if (modules[row, col])
                {
                    _gfx.DrawRectangle(XBrushes.Black, x0 + (col * cell), _y + (row * cell), cell + 0.05, cell + 0.05);
                }
            }
        }

        var bottom = _y + size;
        if (caption is not null)
        {
            bottom = DrawWrapped(caption, x0 - 10, bottom + 2, size + 10, Font(_baseSize - 3, italic: true), TextAlign.Center);
        }

        _reservedUntilY = bottom + 4;
        _reservedWidth = size + 16;
        return this;
    }

    public PdfBuilder Space(double points)
    {
        _y += points;
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        _document.Save(stream, false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _gfx.Dispose();
        _document.Dispose();
    }

    public static string Nfc(string? text) => (text ?? string.Empty).Normalize(NormalizationForm.FormC);

    private void NewPage()
    {
        _gfx?.Dispose();
        _page = _document.AddPage();
        _page.Size = PageSize.A4;
        _page.Orientation = _orientation;
        _gfx = XGraphics.FromPdfPage(_page);
        _y = 20 * Mm;
        _reservedUntilY = 0;
    }

    private void EnsureRoom(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    private XFont Font(double size, bool bold = false, bool italic = false) =>
        new(_family, size, bold && italic ? XFontStyleEx.BoldItalic : bold ? XFontStyleEx.Bold : italic ? XFontStyleEx.Italic : XFontStyleEx.Regular);

    private static double LineHeight(XFont font) => font.Size * 1.35;

    /// <summary>The largest size from <paramref name="size"/> down to 75 % of it at which the text fits one line; that smallest size otherwise (it wraps).</summary>
    private XFont OneLineFont(string text, double width, double size, bool bold)
    {
        for (var s = size; s >= size * 0.75; s -= 0.25)
        {
            var font = Font(s, bold);
            if (_gfx.MeasureString(text, font).Width <= width - 2)
            {
                return font;
            }
        }

        return Font(size, bold);
    }

    private void Underline(double x1, double x2, double y) => _gfx.DrawLine(new XPen(XColors.Black, 0.6), x1, y, x2, y);

    private double DrawWrapped(string text, double x, double y, double width, XFont font, TextAlign align)
    {
        foreach (var line in Wrap(text, font, width))
        {
            DrawLine(line, x, y, width, font, align);
            y += LineHeight(font);
        }

        return y;
    }

    private void DrawLine(string line, double x, double y, double width, XFont font, TextAlign align)
    {
        var format = align switch
        {
            TextAlign.Center => XStringFormats.TopCenter,
            TextAlign.Right => XStringFormats.TopRight,
            _ => XStringFormats.TopLeft,
        };
        var anchorX = align switch
        {
            TextAlign.Center => x + (width / 2),
            TextAlign.Right => x + width,
            _ => x,
        };
        _gfx.DrawString(line, font, XBrushes.Black, new XPoint(anchorX, y), format);
    }

    /// <summary>A heading in capitals, centred, on the lines <see cref="HeadingLines"/> chooses.</summary>
    private double DrawHeading(string text, double x, double y, double width, XFont font)
    {
        foreach (var line in HeadingLines(text, font, width))
        {
            DrawLine(line, x, y, width, font, TextAlign.Center);
            y += LineHeight(font);
        }

        return y;
    }

    /// <summary>
    /// The lines of a heading set in capitals: as few as fit, then broken where the words allow it best, then as even as
    /// possible. The text comes in its own case, which tells the names apart: a break after a capitalised word ("Hồng |
    /// Bàng", "Du | lịch", "Ủy | ban") splits a name and is taken only when nothing else fits; the break a clerk would
    /// make is before the unit of a place ("… nhân dân | thành phố Hải Phòng"), or after a comma. A word wider than the
    /// line falls back to the plain wrap.
    /// </summary>
    internal List<string> HeadingLines(string text, XFont font, double width)
    {
        var words = Nfc(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var upper = words.Select(w => w.ToUpperInvariant()).ToArray();
        if (words.Length == 0 || upper.Any(w => _gfx.MeasureString(w, font).Width > width))
        {
            return Wrap(text.ToUpperInvariant(), font, width);
        }

        // best[j]: the cheapest way to set the first j words; a line costs 1 000 so that fewer lines always win.
        var best = new double[words.Length + 1];
        var from = new int[words.Length + 1];
        Array.Fill(best, double.PositiveInfinity);
        best[0] = 0;
        for (var j = 1; j <= words.Length; j++)
        {
            for (var i = j - 1; i >= 0; i--)
            {
                var lineWidth = _gfx.MeasureString(string.Join(' ', upper[i..j]), font).Width;
                if (lineWidth > width)
                {
                    break;
                }

                var slack = (width - lineWidth) / width;
                var cost = best[i] + 1000 + (i > 0 ? BreakCost(words[i - 1], words[i]) : 0) + (j < words.Length ? 10 * slack * slack : 0);
                if (cost < best[j])
                {
                    best[j] = cost;
                    from[j] = i;
                }
            }
        }

        var lines = new List<string>();
        for (var j = words.Length; j > 0; j = from[j])
        {
            lines.Insert(0, string.Join(' ', upper[from[j]..j]));
        }

        return lines;
    }

    private static readonly string[] PlaceUnits = ["thành", "tỉnh", "phường", "xã", "thị", "đặc", "quận", "huyện"];

    private static double BreakCost(string before, string after) =>
        PlaceUnits.Contains(after, StringComparer.Ordinal) ? 0
        : before.EndsWith(',') || before.EndsWith(';') || before.EndsWith(':') ? 2
        : char.IsUpper(before[0]) ? 100
        : 10;

    /// <summary>Greedy word wrap by measured width; a word longer than the line is cut.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in Nfc(text).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var current = new StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (_gfx.MeasureString(candidate, font).Width <= width)
                {
                    current.Clear().Append(candidate);
                    continue;
                }

                if (current.Length > 0)
                {
                    lines.Add(current.ToString());
                    current.Clear();
                }

                var rest = word;
                while (_gfx.MeasureString(rest, font).Width > width && rest.Length > 1)
                {
                    var cut = rest.Length - 1;
                    while (cut > 1 && _gfx.MeasureString(rest[..cut], font).Width > width)
                    {
                        cut--;
                    }

                    lines.Add(rest[..cut]);
                    rest = rest[cut..];
                }

                current.Append(rest);
            }

            lines.Add(current.ToString());
        }

        return lines;
    }
}
