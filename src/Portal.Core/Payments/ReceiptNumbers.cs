using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Portal.Core.Calendar;
using Portal.Core.Data;

namespace Portal.Core.Payments;

/// <summary>The per-agency, per-year counter behind the numbers of fee receipts.</summary>
public sealed class ReceiptCounter
{
    public int AgencyId { get; set; }

    /// <summary>The local calendar year: numbering starts again at 0000001 each year.</summary>
    public int Year { get; set; }

    public int Last { get; set; }
}

internal sealed class ReceiptCounterConfiguration : IEntityTypeConfiguration<ReceiptCounter>
{
    public void Configure(EntityTypeBuilder<ReceiptCounter> c) => c.HasKey(x => new { x.AgencyId, x.Year });
}

/// <summary>Raw SQL of the receipt numbering, the same on SQLite and PostgreSQL.</summary>
public static class ReceiptSql
{
    /// <summary>Payments made before the payee was recorded were collected by their dossier's receiving agency, under its name then.</summary>
    public const string BackfillPayee = """
        UPDATE "Payments" SET
            "PayeeAgencyId" = (SELECT d."AgencyId" FROM "Dossiers" d WHERE d."Id" = "Payments"."DossierId"),
            "PayeeName" = (SELECT a."Name" FROM "Dossiers" d JOIN "Agencies" a ON a."Id" = d."AgencyId" WHERE d."Id" = "Payments"."DossierId")
        WHERE "PayeeAgencyId" = 0
        """;
}

/// <summary>A receipt's series and number (ký hiệu, số), as printed on it.</summary>
public sealed record ReceiptNumber(string Series, int Number)
{
    /// <summary>Seven digits, as receipts are numbered from 0000001 each year.</summary>
    public string Printed => Number.ToString("0000000", CultureInfo.InvariantCulture);
}

/// <summary>
/// Hands out the numbers of the fee receipts an agency issues: one sequence per collecting agency and local year, by
/// one atomic upsert (the same statement on SQLite ≥ 3.35 and PostgreSQL, as the dossier codes), so that two nodes
/// confirming payments at the same moment never print the same number. Called inside the transaction that records the
/// payment: a confirmation that fails gives its number back with its rollback.
/// </summary>
public sealed class ReceiptNumbers(PortalDb db, IOptions<PaymentsOptions> options, IOptions<WorkingTimeOptions> workingTime)
{
    private readonly TimeZoneInfo _zone = workingTime.Value.ResolveTimeZone();

    /// <summary>The next number of <paramref name="agencyId"/>'s receipts in the local year of <paramref name="atUtc"/>.</summary>
    public async Task<ReceiptNumber> NextAsync(int agencyId, DateTime atUtc, CancellationToken ct)
    {
        var year = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(atUtc, DateTimeKind.Utc), _zone).Year;
        var next = await db.Database
            .SqlQuery<int>($"""
                INSERT INTO "ReceiptCounters" ("AgencyId", "Year", "Last") VALUES ({agencyId}, {year}, 1)
                ON CONFLICT ("AgencyId", "Year") DO UPDATE SET "Last" = "ReceiptCounters"."Last" + 1
                RETURNING "Last" AS "Value"
                """)
            .ToListAsync(ct);
        return new ReceiptNumber(Series(options.Value.ReceiptSeries, year), next.Single());
    }

    /// <summary>The configured series with "{yy}" replaced by the year's last two digits ("BL{yy}E" → "BL26E").</summary>
    public static string Series(string pattern, int year) =>
        pattern.Replace("{yy}", (year % 100).ToString("00", CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
