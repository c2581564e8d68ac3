using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ImportSummary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Encoding",
                table: "ImportRuns",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Separator",
                table: "ImportRuns",
                type: "character varying(1)",
                maxLength: 1,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Tally_CarriedOver",
                table: "ImportRuns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Tally_CarriedOverOverdue",
                table: "ImportRuns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Tally_CountedOn",
                table: "ImportRuns",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Tally_FirstReceivedOn",
                table: "ImportRuns",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Tally_LastReceivedOn",
                table: "ImportRuns",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Tally_Received",
                table: "ImportRuns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Tally_Unfinished",
                table: "ImportRuns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Tally_UnfinishedOverdue",
                table: "ImportRuns",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Encoding",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "Separator",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "Tally_CarriedOver",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "Tally_CarriedOverOverdue",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "Tally_CountedOn",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "Tally_FirstReceivedOn",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "Tally_LastReceivedOn",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "Tally_Received",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "Tally_Unfinished",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "Tally_UnfinishedOverdue",
                table: "ImportRuns");
        }
    }
}
