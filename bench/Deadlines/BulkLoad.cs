using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Text;

namespace Portal.Bench.Deadlines;

/// <summary>
/// Fills the Dossiers table with a province's years of work in set-based SQL (a million rows in a minute or two):
/// 95 % finished over three years, the rest open with deadlines from twenty days ago to a month ahead, spread over
/// the agencies and procedures of the demo catalogue. Indexes are dropped while loading and rebuilt after.
/// </summary>
internal static class BulkLoad
{
    private const int Chunk = 500_000;

    private static readonly string[] Family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"];
    private static readonly string[] Middle = ["Văn", "Thị", "Minh", "Đức", "Ngọc"];
    private static readonly string[] Given = ["An", "Bình", "Cường", "Dũng", "Hà", "Hùng", "Lan", "Long", "Mai", "Nam"];

    public static async Task<TimeSpan> RunAsync(PortalDb db, int count, DateTime now)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
        var pg = db.IsPostgres;
        var agencies = await db.Agencies.Where(a => a.ParentId != null).OrderBy(a => a.Id).Select(a => new { a.Id, a.Code }).ToListAsync();
        var procedures = await db.Procedures.OrderBy(p => p.Id).Select(p => new { p.Id, Version = p.CurrentVersionId!.Value, p.SectorId }).ToListAsync();
        var names = (from f in Family from m in Middle from g in Given select $"{f} {m} {g}").ToList();

        var indexes = pg
            ? await db.Database.SqlQueryRaw<string>("""SELECT indexdef AS "Value" FROM pg_indexes WHERE tablename = 'Dossiers' AND indexname <> 'PK_Dossiers'""").ToListAsync()
            : await db.Database.SqlQueryRaw<string>("""SELECT sql AS "Value" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Dossiers' AND sql IS NOT NULL""").ToListAsync();
        var indexNames = pg
            ? await db.Database.SqlQueryRaw<string>("""SELECT indexname AS "Value" FROM pg_indexes WHERE tablename = 'Dossiers' AND indexname <> 'PK_Dossiers'""").ToListAsync()
            : await db.Database.SqlQueryRaw<string>("""SELECT name AS "Value" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Dossiers' AND sql IS NOT NULL""").ToListAsync();
        foreach (var name in indexNames)
        {
            // The names come from the database's own catalogue, not from input.
            var drop = $"DROP INDEX \"{name}\"";
            await db.Database.ExecuteSqlRawAsync(drop);
        }

        if (pg)
        {
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Dossiers" DISABLE TRIGGER ALL""");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = OFF; PRAGMA cache_size = -400000;");
        }

        var nowUnix = new DateTimeOffset(now).ToUnixTimeSeconds();
        var past = nowUnix - (3L * 365 * 86400);
        var span = (3L * 365 * 86400) - (30L * 86400);
        var watch = Stopwatch.StartNew();
        for (var start = 1; start <= count; start += Chunk)
        {
            var end = Math.Min(count, start + Chunk - 1);
            var sql = Insert(pg, start, end, count, nowUnix, past, span, agencies.Select(a => (a.Id, a.Code)).ToList(), procedures.Select(p => (p.Id, p.Version, p.SectorId)).ToList(), names);
            await db.Database.ExecuteSqlRawAsync(sql);
            Console.WriteLine($"  {end:N0} rows after {watch.Elapsed.TotalSeconds:0} s");
        }

        var rebuild = Stopwatch.StartNew();
        if (pg)
        {
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Dossiers" ENABLE TRIGGER ALL""");
            await db.Database.ExecuteSqlRawAsync("SET maintenance_work_mem = '512MB'");
        }

        foreach (var ddl in indexes)
        {
            await db.Database.ExecuteSqlRawAsync(ddl);
        }

        // PostgreSQL: what autovacuum does in production (the visibility map makes index-only scans skip the heap).
        await db.Database.ExecuteSqlRawAsync(pg ? "VACUUM ANALYZE \"Dossiers\"" : "ANALYZE");
        return rebuild.Elapsed;
    }

    private static string Insert(bool pg, int start, int end, int count, long now, long past, long span, List<(int Id, string Code)> agencies,
        List<(int Id, int Version, int Sector)> procedures, List<string> names)
    {
        string Ts(string seconds) => pg ? $"to_timestamp({seconds})" : $"strftime('%Y-%m-%d %H:%M:%S', {seconds}, 'unixepoch')";
        var f = pg ? "false" : "0";
        var digits9 = pg ? "lpad(x.i::text, 9, '0')" : "printf('%09d', x.i)";
        var day = pg ? "lpad((x.i / 10000)::text, 6, '0')" : "printf('%06d', x.i / 10000)";
        var seq = pg ? "lpad((x.i % 10000)::text, 4, '0')" : "printf('%04d', x.i % 10000)";
        var digits8 = pg ? "lpad((x.i % 100000000)::text, 8, '0')" : "printf('%08d', x.i % 100000000)";
        var sb = new StringBuilder();
        sb.Append("""
            INSERT INTO "Dossiers" ("Code", "LookupPin", "ProcedureId", "ProcedureVersionId", "SectorId", "AgencyId", "ApplicantNameKey", "Channel", "Status",
                "CreatedAt", "UpdatedAt", "SubmittedAt", "ReceivedAt", "PromisedAt", "DueAt", "PausedSince", "PausedMinutes", "ProcessingSupplementCount",
                "SupplementCount", "FinishedAt", "EffectiveEndAt", "HasElectronicResult", "IsDigitised", "Payment", "Version", "Applicant_FullName", "Applicant_IdNumber",
                "Applicant_Kind", "Applicant_Phone")
            """);
        sb.Append(pg ? " WITH " : " WITH RECURSIVE ");
        if (!pg)
        {
            sb.Append(CultureInfo.InvariantCulture, $"seq(i) AS (SELECT {start} UNION ALL SELECT i + 1 FROM seq WHERE i < {end}), ");
        }

        sb.Append("p(k, pid, vid, sid) AS (VALUES ")
            .AppendJoin(", ", procedures.Select((p, k) => string.Create(CultureInfo.InvariantCulture, $"({k}, {p.Id}, {p.Version}, {p.Sector})"))).Append("), ");
        sb.Append("a(k, aid, code) AS (VALUES ").AppendJoin(", ", agencies.Select((a, k) => string.Create(CultureInfo.InvariantCulture, $"({k}, {a.Id}, '{a.Code}')"))).Append("), ");
        sb.Append("n(k, fullname, namekey) AS (VALUES ")
            .AppendJoin(", ", names.Select((name, k) => string.Create(CultureInfo.InvariantCulture, $"({k}, '{name}', '{VietnameseText.SearchKey(name)}')"))).Append("), ");
        sb.Append(CultureInfo.InvariantCulture, $"""
            x AS (SELECT i,
                CASE WHEN i % 200 < 190 THEN 10 WHEN i % 200 < 192 THEN 9 WHEN i % 200 < 196 THEN 4 WHEN i % 200 = 196 THEN 2
                     WHEN i % 200 = 197 THEN 5 WHEN i % 200 = 198 THEN 6 ELSE 1 END AS st,
                CASE WHEN i % 200 < 192 THEN {past} + (CAST(i AS BIGINT) * {span}) / {count}
                     ELSE {now} - 1728000 + ((CAST(i AS BIGINT) * 7919) % 4320000) END AS due
              FROM {(pg ? $"generate_series({start}, {end}) AS seq(i)" : "seq")})
            SELECT a.code || '-' || {day} || '-' || {seq}, '000000', p.pid, p.vid, p.sid, a.aid, n.namekey, (x.i % 3) + 1, x.st,
                {Ts("x.due - 864000")}, {Ts("x.due - 432000")}, {Ts("x.due - 864000")},
                CASE WHEN x.st = 1 THEN NULL ELSE {Ts("x.due - 864000")} END,
                CASE WHEN x.st = 1 THEN NULL ELSE {Ts("x.due")} END,
                CASE WHEN x.st = 1 THEN NULL ELSE {Ts("x.due")} END,
                CASE WHEN x.st = 5 THEN {Ts("x.due - 86400")} ELSE NULL END,
                0, 0, 0,
                CASE WHEN x.st IN (9, 10) THEN {Ts("x.due - 3600")} ELSE NULL END,
                CASE WHEN x.st IN (9, 10) THEN {Ts("x.due - 3600")} ELSE NULL END,
                {f}, {f}, 0, 1, n.fullname, '031' || {digits9}, 1, '09' || {digits8}
            FROM x JOIN p ON p.k = x.i % {procedures.Count} JOIN a ON a.k = x.i % {agencies.Count} JOIN n ON n.k = x.i % {names.Count}
            """);
        return sb.ToString();
    }
}
