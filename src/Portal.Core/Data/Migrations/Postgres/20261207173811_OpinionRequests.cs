using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Core.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DossierId = table.Column<long>(type: "bigint", nullable: false),
                    StepId = table.Column<long>(type: "bigint", nullable: false),
                    FromAgencyId = table.Column<int>(type: "integer", nullable: false),
                    ToAgencyId = table.Column<int>(type: "integer", nullable: false),
                    Question = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    AskedById = table.Column<Guid>(type: "uuid", nullable: true),
                    AskedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AskedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    BudgetMinutes = table.Column<int>(type: "integer", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<byte>(type: "smallint", nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AnsweredById = table.Column<Guid>(type: "uuid", nullable: true),
                    AnsweredByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Result = table.Column<byte>(type: "smallint", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
