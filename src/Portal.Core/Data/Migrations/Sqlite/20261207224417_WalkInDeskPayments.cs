using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WalkInDeskPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PaidOfflineInPersonOrPostal",
                table: "StatisticsBuckets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // The walk-ins paid at the desk, counted into the rows that exist (each such dossier already counts as received
            // in person or by post on the same row). The rows' days are local dates: the portal keeps Viet Nam time, UTC+7
            // without daylight saving (DossierSets.FixedOffset), which a migration cannot read from the settings.
            migrationBuilder.Sql("""
                WITH paid AS (
                    SELECT "AgencyId" AS a, "SectorId" AS s, "ProcedureId" AS p, CAST(strftime('%Y%m%d', "ReceivedAt", '+7 hours') AS INTEGER) AS k
                    FROM "Dossiers" WHERE "ReceivedAt" IS NOT NULL AND "Payment" = 2 AND "Channel" <> 2
                ), keyed AS (
                    SELECT 0 AS lvl, a, s, p, k FROM paid
                    UNION ALL SELECT 1, 0, s, p, k FROM paid
                    UNION ALL SELECT 2, a, 0, 0, k FROM paid
                ), counted AS (
                    SELECT lvl, 1 AS g, k AS d, a, s, p, COUNT(*) AS n FROM keyed GROUP BY lvl, k, a, s, p
                    UNION ALL SELECT lvl, 2, k / 100 * 100 + 1, a, s, p, COUNT(*) FROM keyed GROUP BY lvl, k / 100 * 100 + 1, a, s, p
                    UNION ALL SELECT lvl, 3, k / 10000 * 10000 + 101, a, s, p, COUNT(*) FROM keyed GROUP BY lvl, k / 10000 * 10000 + 101, a, s, p
                )
                UPDATE "StatisticsBuckets" AS b SET "PaidOfflineInPersonOrPostal" = c.n
                FROM counted c
                WHERE b."Level" = c.lvl AND b."Grain" = c.g AND b."Day" = c.d AND b."AgencyId" = c.a AND b."SectorId" = c.s AND b."ProcedureId" = c.p;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PaidOfflineInPersonOrPostal",
                table: "StatisticsBuckets");
        }
    }
}
