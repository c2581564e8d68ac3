using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DossierImportRun : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ImportRunId",
                table: "Dossiers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_ImportRunId",
                table: "Dossiers",
                column: "ImportRunId",
                filter: "\"ImportRunId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Dossiers_ImportRunId",
                table: "Dossiers");

            migrationBuilder.DropColumn(
                name: "ImportRunId",
                table: "Dossiers");
        }
    }
}
