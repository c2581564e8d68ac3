using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OpinionRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OpinionRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DossierId = table.Column<long>(type: "INTEGER", nullable: false),
                    StepId = table.Column<long>(type: "INTEGER", nullable: false),
                    FromAgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToAgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AskedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    AskedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AskedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BudgetMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<byte>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AnsweredById = table.Column<Guid>(type: "TEXT", nullable: true),
                    AnsweredByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Result = table.Column<byte>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpinionRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpinionRequests_Agencies_FromAgencyId",
                        column: x => x.FromAgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OpinionRequests_Agencies_ToAgencyId",
                        column: x => x.ToAgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OpinionRequests_DossierSteps_StepId",
                        column: x => x.StepId,
                        principalTable: "DossierSteps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OpinionRequests_Dossiers_DossierId",
                        column: x => x.DossierId,
                        principalTable: "Dossiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OpinionRequests_DossierId",
                table: "OpinionRequests",
                column: "DossierId");

            migrationBuilder.CreateIndex(
                name: "IX_OpinionRequests_FromAgencyId",
                table: "OpinionRequests",
                column: "FromAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_OpinionRequests_StepId",
                table: "OpinionRequests",
                column: "StepId");

            migrationBuilder.CreateIndex(
                name: "IX_OpinionRequests_ToAgencyId_State_DueAt",
                table: "OpinionRequests",
                columns: new[] { "ToAgencyId", "State", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OpinionRequests");
        }
    }
}
