using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CatalogueFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AgencyDescription",
                table: "ProcedureVersions",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DefinitionHash",
                table: "ProcedureVersions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FormRules",
                table: "ProcedureVersions",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<byte>(
                name: "State",
                table: "ProcedureVersions",
                type: "smallint",
                nullable: false,
                defaultValue: (byte)2);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AgencyDescription",
                table: "ProcedureVersions");

            migrationBuilder.DropColumn(
                name: "DefinitionHash",
                table: "ProcedureVersions");

            migrationBuilder.DropColumn(
                name: "FormRules",
                table: "ProcedureVersions");

            migrationBuilder.DropColumn(
                name: "State",
                table: "ProcedureVersions");
        }
    }
}
