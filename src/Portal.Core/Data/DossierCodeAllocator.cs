using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace Portal.Core.Data;

/// <summary>
/// Hands out dossier codes <c>&lt;agency code&gt;-&lt;yymmdd&gt;-&lt;NNNN&gt;</c>. One atomic upsert per code
/// (the same statement on SQLite ≥ 3.35 and PostgreSQL) makes the daily sequence safe across threads,
/// processes and nodes; the unique index on the code is the last guard.
/// <para>
/// The upsert commits on its own, before the caller's transaction: the agency's row for the day is locked for that one
/// statement, not for the whole filing (its statistics, its outbox, its durable commit), so that submissions at one
/// agency on one day do not queue behind each other on it. A filing that fails afterwards leaves a gap in the day's
/// sequence, never a duplicate.
/// </para>
/// </summary>
public sealed class DossierCodeAllocator(PortalDb db)
{
    public async Task<string> NextAsync(string agencyCode, DateOnly localDay, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("Take the dossier code before beginning the transaction: inside it the day's counter row stays locked until the commit.");
        }

        var day = localDay.ToString("yyMMdd", CultureInfo.InvariantCulture);
        var next = await db.Database
            .SqlQuery<int>($"""
                INSERT INTO "DossierCodeCounters" ("AgencyCode", "Day", "Last") VALUES ({agencyCode}, {day}, 1)
                ON CONFLICT ("AgencyCode", "Day") DO UPDATE SET "Last" = "DossierCodeCounters"."Last" + 1
                RETURNING "Last" AS "Value"
                """)
            .ToListAsync(ct);
        return Format(agencyCode, localDay, next.Single());
    }

    public static string Format(string agencyCode, DateOnly localDay, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{agencyCode}-{localDay:yyMMdd}-{sequence:0000}");

    /// <summary>A 6-digit lookup PIN (mã tra cứu) from a cryptographic generator.</summary>
    public static string NewPin() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("000000", CultureInfo.InvariantCulture);
}
