using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AgenciesAndAuditSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every agency that exists today is in service.
            migrationBuilder.AddColumn<bool>(
                name: "IsActive",
                table: "Agencies",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "MergedAt",
                table: "Agencies",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MergedIntoId",
                table: "Agencies",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "NamedSince",
                table: "Agencies",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AgencyNameHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AgencyId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: true),
                    Until = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgencyNameHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgencyNameHistory_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrail_Action_At_Id",
                table: "AuditTrail",
                columns: new[] { "Action", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrail_AgencyId_At_Id",
                table: "AuditTrail",
                columns: new[] { "AgencyId", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrail_At_Id",
                table: "AuditTrail",
                columns: new[] { "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrail_IpAddress_At_Id",
                table: "AuditTrail",
                columns: new[] { "IpAddress", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_MergedIntoId",
                table: "Agencies",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_ParentId",
                table: "Agencies",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyNameHistory_AgencyId_Until",
                table: "AgencyNameHistory",
                columns: new[] { "AgencyId", "Until" });

            migrationBuilder.AddForeignKey(
                name: "FK_Agencies_Agencies_MergedIntoId",
                table: "Agencies",
                column: "MergedIntoId",
                principalTable: "Agencies",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Agencies_Agencies_MergedIntoId",
                table: "Agencies");

            migrationBuilder.DropTable(
                name: "AgencyNameHistory");

            migrationBuilder.DropIndex(
                name: "IX_AuditTrail_Action_At_Id",
                table: "AuditTrail");

            migrationBuilder.DropIndex(
                name: "IX_AuditTrail_AgencyId_At_Id",
                table: "AuditTrail");

            migrationBuilder.DropIndex(
                name: "IX_AuditTrail_At_Id",
                table: "AuditTrail");

            migrationBuilder.DropIndex(
                name: "IX_AuditTrail_IpAddress_At_Id",
                table: "AuditTrail");

            migrationBuilder.DropIndex(
                name: "IX_Agencies_MergedIntoId",
                table: "Agencies");

            migrationBuilder.DropIndex(
                name: "IX_Agencies_ParentId",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "IsActive",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "MergedAt",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "NamedSince",
                table: "Agencies");
        }
    }
}
