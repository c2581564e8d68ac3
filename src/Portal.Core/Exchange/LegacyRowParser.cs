using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Core.Dossiers;
using Portal.Core.Text;

namespace Portal.Core.Exchange;

/// <summary>A message about a row, in Vietnamese and English.</summary>
public sealed record RowProblem(string Vietnamese, string English);

/// <summary>The catalogue a file is checked against: codes of procedures and agencies, and which agency offers what.</summary>
public sealed record ImportCatalog(
    IReadOnlyDictionary<string, ImportCatalog.ProcedureEntry> Procedures,
    IReadOnlyDictionary<string, int> Agencies,
    IReadOnlySet<(int ProcedureId, int AgencyId)> Offered)
{
    /// <summary>A procedure and its versions by the date they took effect (oldest first).</summary>
    public sealed record ProcedureEntry(int ProcedureId, int SectorId, int CurrentVersionId, IReadOnlyList<(DateOnly EffectiveFrom, int VersionId)> Versions)
    {
        /// <summary>The version in force on the day the dossier was received (the current one if it never was).</summary>
        public int VersionAt(DateOnly? day) =>
            day is { } d && Versions.LastOrDefault(v => v.EffectiveFrom <= d) is { VersionId: > 0 } version ? version.VersionId : CurrentVersionId;
    }
}

/// <summary>
/// Turns one row of the exchange format into a <see cref="LegacyDossierRecord"/>, or says everything wrong with it:
/// shape (column count, numbers, dates with their offset), codes unknown to the catalogue, and statuses that contradict
/// the dates (a received dossier without a promised date, a finished one without its end, an end before the reception…).
/// </summary>
public sealed partial class LegacyRowParser
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];
    private static readonly DateTime Earliest = new(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly ImportCatalog _catalog;
    private readonly int[] _index;
    private readonly int _columns;
    private readonly DateTime _now;
    private readonly int? _agencyScope;
    private readonly TimeSpan _offset;

    /// <param name="header">The file's header row, in whatever order the columns come.</param>
    public LegacyRowParser(IReadOnlyList<string> header, ImportCatalog catalog, DateTime nowUtc, int? agencyScope, TimeSpan localOffset)
    {
        _offset = localOffset;
        _catalog = catalog;
        _now = nowUtc;
        _agencyScope = agencyScope;
        _columns = header.Count;
        _index = ExchangeCsv.Columns.Select(c => IndexOf(header, c)).ToArray();
    }

    /// <summary>What is wrong with the header, or null when it names exactly the exchange columns.</summary>
    public static RowProblem? CheckHeader(IReadOnlyList<string> header)
    {
        var names = header.Select(h => h.Trim()).ToList();
        var missing = ExchangeCsv.Columns.Where(c => IndexOf(names, c) < 0).ToList();
        // Names quoted back are cleaned and cut short: a file without a header row has data (of any length) there.
        var unknown = Quoted(names.Where(n => !ExchangeCsv.Columns.Contains(n, StringComparer.OrdinalIgnoreCase)));
        var duplicated = Quoted(names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key));
        if (missing.Count == 0 && unknown.Count == 0 && duplicated.Count == 0)
        {
            return null;
        }

        var vi = new List<string>();
        var en = new List<string>();
        if (missing.Count > 0)
        {
            vi.Add("thiếu cột " + string.Join(", ", missing));
            en.Add("missing column(s) " + string.Join(", ", missing));
        }

        if (unknown.Count > 0)
        {
            vi.Add("cột không thuộc định dạng trao đổi " + string.Join(", ", unknown));
            en.Add("column(s) not in the exchange format " + string.Join(", ", unknown));
        }

        if (duplicated.Count > 0)
        {
            vi.Add("cột trùng tên " + string.Join(", ", duplicated));
            en.Add("duplicated column(s) " + string.Join(", ", duplicated));
        }

        return new RowProblem("Dòng tiêu đề không đúng định dạng trao đổi: " + string.Join("; ", vi) + ".",
            "The header row does not match the exchange format: " + string.Join("; ", en) + ".");
    }

    /// <summary>A value as a message quotes it: a file may hold a whole page in one field.</summary>
    private static string Short(string value) => ImportText.Clip(value, 41);

    private static List<string> Quoted(IEnumerable<string> names)
    {
        var cleaned = names.Select(n => Short(VietnameseText.Normalize(n))).ToList();
        return cleaned.Count > 10 ? [.. cleaned.Take(10), "…"] : cleaned;
    }

    public (LegacyDossierRecord? Record, string? Code, List<RowProblem> Problems) Parse(CsvRecord row)
    {
        var problems = new List<RowProblem>();
        if (row.Malformed)
        {
            problems.Add(new RowProblem(
                $"Dấu ngoặc kép mở ở dòng {row.Line} không bao giờ đóng: dòng {row.Line} không được nhập; các dòng sau vẫn được đọc, từ dòng {row.Line + 1}.",
                $"A quote opened on line {row.Line} never closes: line {row.Line} is not imported; the lines after it are still read, from line {row.Line + 1}."));
            return (null, null, problems);
        }

        if (row.Fields.Count != _columns)
        {
            problems.Add(new RowProblem($"Dòng có {row.Fields.Count} cột, cần đúng {_columns} cột như dòng tiêu đề.",
                $"The row has {row.Fields.Count} columns; the header has {_columns}."));
            return (null, row.Fields.Count > _index[0] ? Field(row, 0) : null, problems);
        }

        var code = Field(row, 0);
        if (code.Length == 0)
        {
            problems.Add(new RowProblem("Thiếu MaHoSo (mã hồ sơ).", "MaHoSo (the dossier code) is missing."));
        }
        else if (code.Length > 40 || !CodePattern().IsMatch(row.Fields[_index[0]].Trim()))
        {
            // A code is shown, linked, searched and exported everywhere: only the characters dossier codes are made of.
            problems.Add(new RowProblem("MaHoSo không hợp lệ (tối đa 40 ký tự, chỉ gồm chữ cái không dấu, chữ số và các dấu . - _ /).",
                "MaHoSo is invalid (at most 40 characters: unaccented letters, digits and . - _ / only)."));
        }

        var procedureCode = Field(row, 1);
        var agencyCode = Field(row, 2);
        var hasProcedure = _catalog.Procedures.TryGetValue(procedureCode, out var procedure);
        var hasAgency = _catalog.Agencies.TryGetValue(agencyCode, out var agencyId);
        if (!hasProcedure)
        {
            problems.Add(procedureCode.Length == 0
                ? new RowProblem("Thiếu MaTTHC (mã thủ tục).", "MaTTHC (the procedure code) is missing.")
                : new RowProblem($"Mã thủ tục \"{Short(procedureCode)}\" không có trong danh mục.", $"Procedure code \"{Short(procedureCode)}\" is not in the catalogue."));
        }

        if (!hasAgency)
        {
            problems.Add(agencyCode.Length == 0
                ? new RowProblem("Thiếu MaCoQuan (mã cơ quan).", "MaCoQuan (the agency code) is missing.")
                : new RowProblem($"Mã cơ quan \"{Short(agencyCode)}\" không có trong danh mục.", $"Agency code \"{Short(agencyCode)}\" is not in the catalogue."));
        }
        else if (_agencyScope is { } scope && agencyId != scope)
        {
            problems.Add(new RowProblem($"Hồ sơ của cơ quan \"{agencyCode}\": bạn chỉ được nhập hồ sơ của cơ quan mình.", $"A dossier of agency \"{agencyCode}\": you may only import your own agency's dossiers."));
        }

        if (hasProcedure && hasAgency && !_catalog.Offered.Contains((procedure!.ProcedureId, agencyId)))
        {
            problems.Add(new RowProblem($"Cơ quan \"{agencyCode}\" không thực hiện thủ tục \"{procedureCode}\".", $"Agency \"{agencyCode}\" does not handle procedure \"{procedureCode}\"."));
        }

        // A missing channel is in person (DOMAIN.md, exchange format: KenhThucHien empty = in person).
        var channel = Integer(row, 3, 1, 3, false, problems) ?? (int)Channel.InPerson;
        var status = Integer(row, 4, 1, 10, true, problems);
        var received = Date(row, 5, problems, allowFuture: false);
        var promised = Date(row, 6, problems, allowFuture: true);
        var finished = Date(row, 7, problems, allowFuture: false);
        var returned = Date(row, 8, problems, allowFuture: false);
        var supplements = Integer(row, 9, 0, 99, false, problems) ?? 0;
        var pausedHours = Hours(row, 10, problems);
        var electronic = Integer(row, 11, 0, 1, false, problems) ?? 0;
        var payment = Integer(row, 12, 0, 2, false, problems) ?? 0;
        var synced = Integer(row, 13, 0, 1, false, problems) ?? 0;
        var rating = Integer(row, 14, 1, 5, false, problems);

        if (status is { } s)
        {
            CheckContradictions((DossierStatus)s, (Channel)channel, Field(row, 5).Length > 0, received, promised, finished, returned, pausedHours, electronic, rating, problems);
        }

        if (problems.Count > 0)
        {
            return (null, code.Length == 0 ? null : code, problems);
        }

        var receivedDay = received is { } at ? DateOnly.FromDateTime(at.Add(_offset)) : (DateOnly?)null;
        var record = new LegacyDossierRecord(code, new ProcedureRef(procedure!.ProcedureId, procedure.VersionAt(receivedDay), procedure.SectorId), agencyId,
            (Channel)channel, (DossierStatus)status!.Value, received, promised, finished, returned, supplements,
            (long)Math.Round(pausedHours * 60, MidpointRounding.AwayFromZero), electronic == 1, (PaymentState)payment, synced == 1,
            rating is { } r ? (byte)r : null);
        return (record, code, problems);
    }

    private void CheckContradictions(DossierStatus status, Channel channel, bool hasReceived, DateTime? received, DateTime? promised,
        DateTime? finished, DateTime? returned, double pausedHours, int electronic, int? rating, List<RowProblem> problems)
    {
        void Add(string vi, string en) => problems.Add(new RowProblem(vi, en));
        var name = $"{(int)status} ({status.Vietnamese()})";
        var nameEn = $"{(int)status} ({status.English()})";

        if (status is DossierStatus.Submitted or DossierStatus.RefusedAtReception)
        {
            if (hasReceived)
            {
                Add($"Trạng thái {name} là hồ sơ chưa được tiếp nhận nhưng có NgayTiepNhan.", $"Status {nameEn} is never received, yet NgayTiepNhan is given.");
            }

            if (status == DossierStatus.Submitted && channel != Channel.Online)
            {
                Add("Trạng thái 1 (chờ tiếp nhận) chỉ có ở hồ sơ nộp trực tuyến (KenhThucHien = 2).", "Status 1 (awaiting reception) exists only for online dossiers (KenhThucHien = 2).");
            }
        }
        else if (status != DossierStatus.Withdrawn && !hasReceived)
        {
            Add($"Trạng thái {name} cần NgayTiepNhan.", $"Status {nameEn} needs NgayTiepNhan.");
        }

        if (received is { } r)
        {
            if (promised is null)
            {
                Add("Hồ sơ đã tiếp nhận phải có NgayHenTra.", "A received dossier needs NgayHenTra.");
            }
            else if (promised < r)
            {
                Add("NgayHenTra trước NgayTiepNhan.", "NgayHenTra is before NgayTiepNhan.");
            }
        }
        else if (promised is not null && !hasReceived)
        {
            Add("Có NgayHenTra nhưng hồ sơ chưa được tiếp nhận (không có NgayTiepNhan).", "NgayHenTra is given but the dossier was never received (no NgayTiepNhan).");
        }

        var finishedStatus = status.IsFinished() && hasReceived;
        if (finishedStatus && finished is null)
        {
            Add($"Trạng thái {name} cần NgayKetThucXuLy.", $"Status {nameEn} needs NgayKetThucXuLy.");
        }
        else if (!finishedStatus && finished is not null)
        {
            Add($"Trạng thái {name} không thể có NgayKetThucXuLy.", $"Status {nameEn} cannot have NgayKetThucXuLy.");
        }

        if (finished is { } f && received is { } r2)
        {
            if (f < r2)
            {
                Add("NgayKetThucXuLy trước NgayTiepNhan.", "NgayKetThucXuLy is before NgayTiepNhan.");
            }
            else if (pausedHours * 60 > (f - r2).TotalMinutes + 1)
            {
                Add("ThoiGianTamDungGio dài hơn cả thời gian từ tiếp nhận đến kết thúc xử lý.", "ThoiGianTamDungGio is longer than the time from reception to the end of processing.");
            }
        }
        else if (received is { } r3 && pausedHours * 60 > (_now - r3).TotalMinutes + 1)
        {
            Add("ThoiGianTamDungGio dài hơn thời gian từ tiếp nhận đến nay.", "ThoiGianTamDungGio is longer than the time since reception.");
        }

        if (status == DossierStatus.ResultReturned)
        {
            if (returned is null)
            {
                Add("Trạng thái 10 (đã trả kết quả) cần NgayTraKetQua.", "Status 10 (result returned) needs NgayTraKetQua.");
            }
            else if (finished is { } f2 && returned < f2)
            {
                Add("NgayTraKetQua trước NgayKetThucXuLy.", "NgayTraKetQua is before NgayKetThucXuLy.");
            }
        }
        else if (returned is not null)
        {
            Add($"Trạng thái {name} không thể có NgayTraKetQua.", $"Status {nameEn} cannot have NgayTraKetQua.");
        }

        if (electronic == 1 && status is not (DossierStatus.Decided or DossierStatus.ResultReturned))
        {
            Add("CoKetQuaDienTu = 1 nhưng hồ sơ chưa có quyết định (trạng thái 9 hoặc 10).", "CoKetQuaDienTu = 1 but the dossier is not decided (status 9 or 10).");
        }

        if (rating is not null && status is not (DossierStatus.Decided or DossierStatus.ResultReturned or DossierStatus.RefusedAtReception or DossierStatus.Stopped))
        {
            Add("DanhGiaHaiLong chỉ có khi hồ sơ đã có kết quả (trạng thái 3, 8, 9 hoặc 10).", "DanhGiaHaiLong exists only once the dossier has an outcome (status 3, 8, 9 or 10).");
        }
    }

    /// <summary>A field as stored and quoted back: NFC, without control characters (legacy files come from any keyboard).</summary>
    private string Field(CsvRecord row, int column) => VietnameseText.Normalize(row.Fields[_index[column]]);

    private int? Integer(CsvRecord row, int column, int min, int max, bool required, List<RowProblem> problems)
    {
        var text = Field(row, column);
        var name = ExchangeCsv.Columns[column];
        if (text.Length == 0)
        {
            if (required)
            {
                problems.Add(new RowProblem($"Thiếu {name}.", $"{name} is missing."));
            }

            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            problems.Add(new RowProblem($"{name} = \"{Short(text)}\" không hợp lệ: cần số nguyên từ {min} đến {max}.", $"{name} = \"{Short(text)}\" is invalid: a whole number from {min} to {max} is expected."));
            return null;
        }

        return value;
    }

    private double Hours(CsvRecord row, int column, List<RowProblem> problems)
    {
        var text = Field(row, column);
        if (text.Length == 0)
        {
            return 0;
        }

        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hours) || hours < 0 || hours > 100_000)
        {
            problems.Add(new RowProblem($"ThoiGianTamDungGio = \"{Short(text)}\" không hợp lệ: cần số giờ không âm, dấu thập phân là dấu chấm.",
                $"ThoiGianTamDungGio = \"{Short(text)}\" is invalid: a non-negative number of hours with a decimal point is expected."));
            return 0;
        }

        return hours;
    }

    private DateTime? Date(CsvRecord row, int column, List<RowProblem> problems, bool allowFuture)
    {
        var text = Field(row, column);
        var name = ExchangeCsv.Columns[column];
        if (text.Length == 0)
        {
            return null;
        }

        if (ImpossibleDay(text) is { } day)
        {
            problems.Add(new RowProblem($"{name} = \"{Short(text)}\": ngày {day.Day:00}/{day.Month:00}/{day.Year:0000} không tồn tại.",
                $"{name} = \"{Short(text)}\": {day.Day} {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(day.Month)} {day.Year} does not exist."));
            return null;
        }

        if (!OffsetSuffix().IsMatch(text)
            || !DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            problems.Add(new RowProblem($"{name} = \"{Short(text)}\" không phải ngày giờ ISO 8601 có múi giờ (ví dụ 2026-03-02T09:15:00+07:00).",
                $"{name} = \"{Short(text)}\" is not an ISO 8601 date-time with its offset (e.g. 2026-03-02T09:15:00+07:00)."));
            return null;
        }

        // Whole seconds: what the exchange format carries, and the same on both databases' timestamp precisions.
        var utc = new DateTime(value.UtcDateTime.Ticks - (value.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        if (utc < Earliest || (!allowFuture && utc > _now.AddMinutes(5)))
        {
            problems.Add(new RowProblem($"{name} = \"{Short(text)}\" nằm ngoài khoảng hợp lệ (từ 01/01/1990 đến nay).", $"{name} = \"{Short(text)}\" is out of range (from 1 January 1990 to now)."));
            return null;
        }

        return utc;
    }

    /// <summary>A date written the ISO way whose day is past its month's end (2022-02-30, 2023-04-31): not a typo of format.</summary>
    private static (int Year, int Month, int Day)? ImpossibleDay(string text)
    {
        var match = DayPrefix().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var (year, month, day) = (int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[3].ValueSpan, CultureInfo.InvariantCulture));
        return year >= 1 && month is >= 1 and <= 12 && day > DateTime.DaysInMonth(year, month) ? (year, month, day) : null;
    }

    private static int IndexOf(IReadOnlyList<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim(), column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/\-]*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})(?:$|T)")]
    private static partial Regex DayPrefix();

    [GeneratedRegex(@"(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex OffsetSuffix();
}
