namespace Portal.Core.Statistics;

/// <summary>One numbered column of form II.06a (Circular 01/2018/TT-VPCP), with the figure whose dossiers it lists.</summary>
public sealed record ReportColumn(string Number, Figure Figure, string Group, string GroupEn, string Name, string NameEn);

/// <summary>A line of the report: the total, a sector, or a procedure under its sector.</summary>
public sealed record ReportLine(int Level, string Number, string Name, int? SectorId, int? ProcedureId, Figures Figures);

/// <summary>
/// Báo cáo II.06a: per sector and per procedure, dossiers to handle (carried over + received online / in person or by
/// post), resolved (early / on time / late) and in progress (within deadline / overdue) at the end of the period,
/// with dossiers paused for a supplement shown apart.
/// </summary>
public sealed record ReportII06a(Period Period, DateOnly AsOf, string ScopeName, int? AgencyId, IReadOnlyList<ReportLine> Lines, DateTime GeneratedAt)
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        new("(1)", Figure.ReportTotal, "Số hồ sơ nhận giải quyết", "Dossiers to handle", "Tổng số", "Total"),
        new("(2)", Figure.CarriedOver, "Số hồ sơ nhận giải quyết", "Dossiers to handle", "Kỳ trước chuyển qua", "Carried over"),
        new("(3)", Figure.ReceivedOnline, "Số hồ sơ nhận giải quyết", "Dossiers to handle", "Mới tiếp nhận trực tuyến", "New, online"),
        new("(4)", Figure.ReceivedInPersonOrPostal, "Số hồ sơ nhận giải quyết", "Dossiers to handle", "Mới tiếp nhận trực tiếp, bưu chính", "New, in person or by post"),
        new("(5)", Figure.Finished, "Đã giải quyết", "Resolved", "Tổng số", "Total"),
        new("(6)", Figure.FinishedEarly, "Đã giải quyết", "Resolved", "Trước hạn", "Early"),
        new("(7)", Figure.FinishedOnTime, "Đã giải quyết", "Resolved", "Đúng hạn", "On time"),
        new("(8)", Figure.FinishedLate, "Đã giải quyết", "Resolved", "Quá hạn", "Late"),
        new("(9)", Figure.InProgress, "Đang giải quyết", "In progress", "Tổng số", "Total"),
        new("(10)", Figure.WithinDeadline, "Đang giải quyết", "In progress", "Trong hạn", "Within deadline"),
        new("(11)", Figure.Overdue, "Đang giải quyết", "In progress", "Quá hạn", "Overdue"),
    ];

    /// <summary>Shown apart, as the form asks: in progress and waiting for the applicant's supplement at the end of the period.</summary>
    public static readonly ReportColumn PausedColumn =
        new("(12)", Figure.Paused, "Tạm dừng", "Paused", "Chờ bổ sung", "Awaiting supplement");

    public static IEnumerable<ReportColumn> AllColumns => Columns.Append(PausedColumn);

    public ReportLine Total => Lines[0];

    public static ReportII06a Build(StatisticsSnapshot snapshot, StatisticsCatalog catalog, string scopeName, int? agencyId, DateTime generatedAt)
    {
        var lines = new List<ReportLine> { new(0, string.Empty, "Tổng cộng", null, null, snapshot.Total) };
        // Grouped by the sector each dossier was filed under (the buckets' key), not the procedure's sector in today's
        // catalogue: a line then counts exactly the dossiers its link lists, also for a procedure that changed sector.
        var byProcedure = snapshot.ByKey.GroupBy(p => (p.Key.SectorId, p.Key.ProcedureId))
            .Select(g => (g.Key.SectorId, g.Key.ProcedureId, Figures: Figures.Sum(g.Select(p => p.Value))))
            .Where(p => HasAnything(p.Figures)).ToList();
        var sectors = byProcedure.GroupBy(p => p.SectorId)
            .OrderBy(g => catalog.SectorName(g.Key), StringComparer.Ordinal).ToList();
        var s = 0;
        foreach (var sector in sectors)
        {
            s++;
            lines.Add(new ReportLine(1, Roman(s), catalog.SectorName(sector.Key), sector.Key, null, Figures.Sum(sector.Select(p => p.Figures))));
            var n = 0;
            foreach (var (_, procedureId, figures) in sector.OrderBy(p => catalog.ProcedureName(p.ProcedureId), StringComparer.Ordinal))
            {
                lines.Add(new ReportLine(2, $"{++n}", catalog.ProcedureName(procedureId), sector.Key, procedureId, figures));
            }
        }

        return new ReportII06a(snapshot.Period, snapshot.AsOf, scopeName, agencyId, lines, generatedAt);
    }

    private static bool HasAnything(Figures f) => f[Figure.ReportTotal] != 0 || f[Figure.Paused] != 0;

    private static string Roman(int n)
    {
        string[] numerals = ["M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"];
        int[] values = [1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1];
        var text = string.Empty;
        for (var i = 0; i < values.Length; i++)
        {
            while (n >= values[i])
            {
                text += numerals[i];
                n -= values[i];
            }
        }

        return text;
    }
}
