using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReceiptNumbersAndPayee : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PayeeAgencyId",
                table: "Payments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PayeeName",
                table: "Payments",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ReceiptNumber",
                table: "Payments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReceiptSeries",
                table: "Payments",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RefundDueAt",
                table: "Payments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReceiptCounters",
                columns: table => new
                {
                    AgencyId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Last = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceiptCounters", x => new { x.AgencyId, x.Year });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_PayeeAgencyId_ReceiptSeries_ReceiptNumber",
                table: "Payments",
                columns: new[] { "PayeeAgencyId", "ReceiptSeries", "ReceiptNumber" },
                unique: true);

            migrationBuilder.Sql(Portal.Core.Payments.ReceiptSql.BackfillPayee);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReceiptCounters");

            migrationBuilder.DropIndex(
                name: "IX_Payments_PayeeAgencyId_ReceiptSeries_ReceiptNumber",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "PayeeAgencyId",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "PayeeName",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "ReceiptNumber",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "ReceiptSeries",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "RefundDueAt",
                table: "Payments");
        }
    }
}
