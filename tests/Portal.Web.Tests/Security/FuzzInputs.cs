using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Portal.Web.Tests.Security;

/// <summary>What a form field expects, which decides its well-formed samples and its wrong types.</summary>
public enum FieldKind
{
    Text,
    Multiline,
    Name,
    Email,
    Phone,
    CitizenId,
    TaxCode,
    Date,
    Number,
    Bool,
    Choice,
    Identifier,
    Password,
    Url,
    File,
}

/// <summary>A field of a form. A <see cref="Stable"/> field (a page's version, a step id) is well-formed most of the time, so actions get through.</summary>
public sealed record FuzzField(string Name, FieldKind Kind, IReadOnlyList<string>? Samples = null, bool Stable = false);

/// <summary>
/// One value of a posted form. <see cref="Raw"/> values go into the body as they are (percent-escapes of bytes that are not UTF-8);
/// a <see cref="FileName"/> makes the value an uploaded file's content (the body is then multipart).
/// </summary>
public sealed record FuzzValue(string Name, string Value, bool Raw = false, string? FileName = null);

/// <summary>
/// Hostile values for form fields, from a seeded random: well-formed ones (so that some posts pass validation and get
/// stored) carrying script and SQL, decomposed (NFD) Vietnamese, control characters, huge strings, wrong types, and
/// missing, duplicated and unknown fields. The same seed gives the same posts.
/// </summary>
public sealed class FuzzInputs(int seed)
{
    /// <summary>Vietnamese as some keyboards send it: decomposed (NFD).</summary>
    public static readonly string Decomposed = "Nguyễn Thị Ánh Tuyết, phường Hồng Bàng, Hải Phòng".Normalize(NormalizationForm.FormD);

    public static readonly string[] Payloads =
    [
        "<script>alert('xss')</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><svg/onload=alert(document.cookie)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "javascript:alert(1)",
        "</textarea><script>alert(2)</script>",
        "' OR '1'='1' --",
        "'; DROP TABLE \"Dossiers\"; --",
        "1; SELECT pg_sleep(3); --",
        "\" OR \"\"=\"",
        "%' AND 1=(SELECT COUNT(*) FROM \"AspNetUsers\") --",
        "\0",
        "trước\0sau",
        "\u0001\u0002\u0003\u0007\u001b[31mđỏ\u001b[0m",
        "\r\nSet-Cookie: portal.auth=x\r\n",
        "\u202Etxt.exe",
        "\uFEFF\u200B\u200C\u200D\u2060",
        Decomposed,
        "Đ\u0303\u0301\u0323\u0300\u0309",
        "{{7*7}} ${7*7} @(7*7) <%= 7*7 %> #{7*7}",
        "%s%s%s%n {0} {1}",
        "../../../../etc/passwd",
        "C:\\Windows\\win.ini",
        "😀👨‍👩‍👧‍👦 𝕳𝖆𝖎 𝕻𝖍𝖔𝖓𝖌",
        "ﷺ ﷽ ꧅ ᾜ",
        "null",
        "undefined",
        "__proto__",
        "[object Object]",
        "",
        " ",
    ];

    private static readonly string[] WrongTypes =
    [
        "abc", "1.5", "-1", "-0", "0", "99999999999999999999999", "1e309", "NaN", "Infinity", "0x1A", " 7 ", "--1",
        "١٢٣", "１２", "2026-13-45", "2026-02-30", "31/12/2026", "0001-01-01", "9999-12-31T23:59:59Z", "true", "on",
        "00000000-0000-0000-0000-000000000000", "{}", "[]", "-2147483649", "9223372036854775808",
    ];

    /// <summary>Percent-escapes that do not decode to UTF-8 (overlong, lone continuation bytes, a surrogate half).</summary>
    private static readonly string[] BadBytes = ["%FF%FE", "%C0%AF", "%80%80", "%ED%A0%80", "%E0%80", "a%F4%90%80%80b", "%"];

    private readonly Random _random = new(seed);

    public Random Random => _random;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public bool Chance(double p) => _random.NextDouble() < p;

    /// <summary>The values of one post of a form: each field well-formed, hostile, of a wrong type, missing or repeated; sometimes unknown fields too.</summary>
    public List<FuzzValue> Post(IReadOnlyList<FuzzField> fields)
    {
        var values = new List<FuzzValue>();
        foreach (var field in fields)
        {
            if (Chance(0.12))
            {
                continue;
            }

            var copies = Chance(0.1) ? _random.Next(2, 5) : 1;
            for (var i = 0; i < copies; i++)
            {
                values.Add(Value(field));
            }
        }

        if (Chance(0.08))
        {
            var junk = _random.Next(1, 6);
            for (var i = 0; i < junk; i++)
            {
                values.Add(new(Pick(["Version[0]", "__proto__", "f.", "Documents[99999]", "a.b.c.d", "Input.Kind", "id", "Applicant.FullName", "x"]), Hostile()));
            }
        }

        if (Chance(0.003))
        {
            // More fields than the form reader takes, or a name longer than it allows: refused before any binding.
            var name = Chance(0.5) ? "f" : new string('k', 3000);
            for (var i = 0; i < (name.Length > 1 ? 1 : 1500); i++)
            {
                values.Add(new(name, "1"));
            }
        }

        return values;
    }

    public FuzzValue Value(FuzzField field)
    {
        var roll = field.Stable && Chance(0.7) ? 0 : _random.NextDouble();
        var value = roll switch
        {
            < 0.40 => WellFormed(field),
            < 0.62 => Hostile(),
            < 0.77 => Pick(WrongTypes),
            < 0.85 => WellFormed(field) + " " + Hostile(),
            < 0.90 => Huge(),
            < 0.94 => Decomposed,
            _ => null,
        };
        if (value is null)
        {
            return new(field.Name, Pick(BadBytes), Raw: true);
        }

        return field.Kind == FieldKind.File && Chance(0.9) ? new(field.Name, value, FileName: Pick(FileNames)) : new(field.Name, value);
    }

    /// <summary>Names an uploaded file may claim: ordinary, traversing, scripted, decomposed, with control characters, or none.</summary>
    private static readonly string[] FileNames =
    [
        "du-lieu-cu.csv", "../../../etc/passwd.csv", "..\\..\\boot.csv", "<script>alert(1)</script>.csv", "Hồ sơ cũ".Normalize(NormalizationForm.FormD) + ".csv",
        "a\u0001b\u0007.csv", "tệp.csv.exe", "tệp.exe", " .csv", new string('x', 300) + ".csv", "\u202Evsc.exe",
    ];

    public string Hostile() => Pick(Payloads);

    /// <summary>A value the field's validator should accept, sometimes with hostile text inside it.</summary>
    public string WellFormed(FuzzField field)
    {
        if (field.Samples is { Count: > 0 } samples && (field.Kind is FieldKind.Choice or FieldKind.Number or FieldKind.Identifier || Chance(0.5)))
        {
            return Pick(samples);
        }

        var n = _random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        return field.Kind switch
        {
            FieldKind.Name => Pick(["Nguyễn Văn Bình", "Trần Thị Ánh".Normalize(NormalizationForm.FormD), "Lê <b>Hoa</b>", "Phạm <script>alert(1)</script> Đức", "O'Brien Nguyễn"]),
            FieldKind.Text => Pick(["Số 8 Lạch Tray, phường Lê Chân, Hải Phòng", "Hồ sơ đủ điều kiện <img src=x onerror=alert(1)>",
                "Thiếu bản sao giấy khai sinh'; DROP TABLE \"Dossiers\"; --", Decomposed, "Ghi chú: " + Hostile()]),
            FieldKind.Multiline => Pick(["Dòng một\r\nDòng hai <script>alert(1)</script>", "Lý do: thiếu giấy tờ.\nBổ sung bản sao.", Decomposed + "\n" + Hostile(),
                "Người nộp đề nghị dừng xử lý hồ sơ vì đã chuyển nơi cư trú."]),
            FieldKind.Email => Pick([$"nguoi.dung{n}@example.vn", $"a{n}+tag@example.vn", "<script>@example.vn", $"\"x\"@example.vn", $"tên{n}@example.vn"]),
            FieldKind.Phone => Pick(["0912345678", "+84912345678", "0912 345 678", "091234567", "0912345678<script>"]),
            FieldKind.CitizenId => "031090" + n,
            FieldKind.TaxCode => Pick(["0201234567", "0201234567-001", "0" + n + "123"]),
            FieldKind.Date => new DateOnly(2026, 1, 1).AddDays(_random.Next(-30_000, 2_000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            FieldKind.Number => _random.Next(-5, 100_000).ToString(CultureInfo.InvariantCulture),
            FieldKind.Bool => Pick(["true", "false"]),
            FieldKind.Identifier => new Guid(Bytes(16)).ToString(),
            FieldKind.Password => "Matkhau@2026",
            FieldKind.File => Csv(),
            FieldKind.Url => Pick(["/", "/ho-so-cua-toi", "//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "http:evil.example"]),
            _ => Hostile(),
        };
    }

    /// <summary>A form's body, URL-encoded (or now and then multipart, always when it carries a file), with raw escapes kept.</summary>
    public HttpContent Body(IReadOnlyList<FuzzValue> values)
    {
        if ((values.Any(v => v.FileName is not null) || Chance(0.15)) && values.All(v => !v.Raw))
        {
            var multipart = new MultipartFormDataContent();
            foreach (var v in values)
            {
                if (v.FileName is { } fileName)
                {
                    var file = new ByteArrayContent(Encoding.UTF8.GetBytes(v.Value));
                    file.Headers.ContentType = new MediaTypeHeaderValue(Pick(["text/csv", "application/octet-stream", "text/html"]));
                    multipart.Add(file, v.Name, fileName);
                }
                else
                {
                    multipart.Add(new StringContent(v.Value, Encoding.UTF8), v.Name);
                }
            }

            return multipart;
        }

        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(Query(values)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }

    public static string Query(IEnumerable<FuzzValue> values) =>
        string.Join('&', values.Select(v => Escape(v.Name) + "=" + (v.Raw ? v.Value : Escape(v.Value))));

    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_' or (byte)'.')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
            }
        }

        return sb.ToString();
    }

    private string Huge() => Pick<Func<string>>([
        () => new string('A', _random.Next(5_000, 120_000)),
        () => string.Concat(Enumerable.Repeat("ằ", _random.Next(2_000, 40_000))),
        () => string.Concat(Enumerable.Repeat(Decomposed, 300)),
        () => string.Concat(Enumerable.Repeat("<script>alert(1)</script>", 2_000)),
    ])();

    /// <summary>A legacy exchange file: its header and a few rows, some well-formed, some carrying hostile text in every column.</summary>
    private string Csv()
    {
        var sb = new StringBuilder();
        if (Chance(0.9))
        {
            sb.Append("MaHoSo,MaTTHC,MaCoQuan,KenhThucHien,TrangThaiHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTraKetQua,SoLanBoSung,")
                .Append("ThoiGianTamDungGio,CoKetQuaDienTu,DuocThanhToanTrucTuyen,DaDongBo,DanhGiaHaiLong\r\n");
        }

        var rows = _random.Next(0, 6);
        for (var i = 0; i < rows; i++)
        {
            var code = Chance(0.5) ? $"000.20.01.H31-2401{_random.Next(10, 28)}-{_random.Next(1000, 9999)}" : Hostile();
            string[] fields = Chance(0.5)
                ? [code, "1.000894", "000.20.01.H31", "1", "4", "2024-01-15T08:30:00+07:00", "2024-01-20T17:00:00+07:00", "", "", "0", "0", "0", "0", "0", ""]
                : [.. Enumerable.Range(0, 15).Select(_ => Chance(0.5) ? Hostile() : Pick(WrongTypes))];
            sb.Append(string.Join(',', fields.Select(f => "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""))).Append(Chance(0.5) ? "\r\n" : "\n");
        }

        return sb.ToString();
    }

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }
}
