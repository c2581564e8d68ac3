using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Statistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ImportRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<byte>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TotalRows = table.Column<int>(type: "INTEGER", nullable: false),
                    ProcessedRows = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportedRows = table.Column<int>(type: "INTEGER", nullable: false),
                    UnchangedRows = table.Column<int>(type: "INTEGER", nullable: false),
                    ErrorRows = table.Column<int>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    MessageEn = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatisticsBuckets",
                columns: table => new
                {
                    Level = table.Column<byte>(type: "INTEGER", nullable: false),
                    Grain = table.Column<byte>(type: "INTEGER", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    SectorId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProcedureId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceivedInPerson = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceivedOnline = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceivedPostal = table.Column<int>(type: "INTEGER", nullable: false),
                    Online766 = table.Column<int>(type: "INTEGER", nullable: false),
                    Synced = table.Column<int>(type: "INTEGER", nullable: false),
                    Decided = table.Column<int>(type: "INTEGER", nullable: false),
                    ElectronicResult = table.Column<int>(type: "INTEGER", nullable: false),
                    Digitised = table.Column<int>(type: "INTEGER", nullable: false),
                    PaidOnline = table.Column<int>(type: "INTEGER", nullable: false),
                    PaidOffline = table.Column<int>(type: "INTEGER", nullable: false),
                    Rated = table.Column<int>(type: "INTEGER", nullable: false),
                    RatingSum = table.Column<int>(type: "INTEGER", nullable: false),
                    Satisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    FinishedEarly = table.Column<int>(type: "INTEGER", nullable: false),
                    FinishedOnTime = table.Column<int>(type: "INTEGER", nullable: false),
                    FinishedLate = table.Column<int>(type: "INTEGER", nullable: false),
                    Promised = table.Column<int>(type: "INTEGER", nullable: false),
                    KeptByFinish = table.Column<int>(type: "INTEGER", nullable: false),
                    KeptByPromise = table.Column<int>(type: "INTEGER", nullable: false),
                    PauseStarts = table.Column<int>(type: "INTEGER", nullable: false),
                    PauseEnds = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsBuckets", x => new { x.Level, x.Grain, x.Day, x.AgencyId, x.SectorId, x.ProcedureId });
                });

            migrationBuilder.CreateTable(
                name: "StatisticsTargets",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Metric = table.Column<byte>(type: "INTEGER", nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsTargets", x => new { x.Year, x.Metric });
                });

            migrationBuilder.CreateTable(
                name: "ImportRowErrors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportRunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RowNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    MessageEn = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportRowErrors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportRowErrors_ImportRuns_ImportRunId",
                        column: x => x.ImportRunId,
                        principalTable: "ImportRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_FinishedAt",
                table: "Dossiers",
                column: "FinishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ImportRowErrors_ImportRunId_RowNumber",
                table: "ImportRowErrors",
                columns: new[] { "ImportRunId", "RowNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportRuns_CreatedAt",
                table: "ImportRuns",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsBuckets_Level_AgencyId_Grain_Day",
                table: "StatisticsBuckets",
                columns: new[] { "Level", "AgencyId", "Grain", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportRowErrors");

            migrationBuilder.DropTable(
                name: "StatisticsBuckets");

            migrationBuilder.DropTable(
                name: "StatisticsTargets");

            migrationBuilder.DropTable(
                name: "ImportRuns");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_FinishedAt",
                table: "Dossiers");
        }
    }
}
