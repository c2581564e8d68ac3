using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ClockEffectiveEnd : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EffectiveEndAt",
                table: "Dossiers",
                type: "timestamp with time zone",
                nullable: true);

            // Dossiers finished before this migration keep the effective end they were counted with (their pauses were
            // measured on the clock then); from now on the aggregate fixes it in working time when it finishes a dossier.
            migrationBuilder.Sql("""
                UPDATE "Dossiers" SET "EffectiveEndAt" = "FinishedAt" - make_interval(mins => "PausedMinutes"::int) WHERE "FinishedAt" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EffectiveEndAt",
                table: "Dossiers");
        }
    }
}
