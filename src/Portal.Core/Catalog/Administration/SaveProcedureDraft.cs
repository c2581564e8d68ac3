using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Core.Catalog;

/// <summary>
/// The administrator saves a procedure as a draft: a new procedure (its first version, not yet in force), or the next
/// version of an existing one. The definition arrives already validated by <see cref="CatalogueFile.Parse"/> (the editor
/// and the import write a catalogue file and read it back), so the rules of the file format are the rules of the editor.
/// A draft is never in force and no dossier is filed on it until <see cref="PublishProcedureDraft"/>.
/// </summary>
public sealed class SaveProcedureDraft(PortalDb db, AuditTrail audit)
{
    /// <param name="procedureId">The procedure edited; null to create one with the definition's code.</param>
    /// <param name="addOffers">Offer it at the agencies the definition's <c>offeredAt</c> names (an import, a new procedure).</param>
    public async Task<int> HandleAsync(int? procedureId, CatalogueDefinition definition, bool addOffers, AuditActor who, CancellationToken ct)
    {
        var hash = CatalogueFile.Hash(definition);
        Procedure procedure;
        if (procedureId is null)
        {
            DomainException.Ensure(!await db.Procedures.AnyAsync(p => p.Code == definition.Code, ct),
                $"Mã thủ tục {definition.Code} đã có trong danh mục; hãy sửa thủ tục đó thay vì tạo mới.",
                $"The procedure code {definition.Code} is already in the catalogue; edit that procedure instead.");
            var sector = await db.Sectors.SingleOrDefaultAsync(s => s.Code == definition.SectorCode, ct);
            if (sector is null)
            {
                sector = new Sector(definition.SectorCode, definition.SectorName);
                db.Sectors.Add(sector);
                await db.SaveChangesAsync(ct);
            }

            procedure = new Procedure(definition.Code, definition.Facts.Name, sector.Id, definition.Level);
            var first = procedure.AddVersion(definition.Facts, hash, draft: true);
            db.Procedures.Add(procedure);
            audit.Add(who, AuditActions.ProcedureCreate, null, AuditDetail.Change(null, Summary(procedure, first)));
        }
        else
        {
            procedure = await db.Procedures.Include(p => p.Versions).Include(p => p.Sector).AsSplitQuery()
                .SingleOrDefaultAsync(p => p.Id == procedureId, ct)
                ?? throw new DomainException("Không tìm thấy thủ tục.", "The procedure was not found.");
            DomainException.Ensure(definition.Code == procedure.Code,
                $"Mã thủ tục là {procedure.Code} và không đổi giữa các phiên bản.", $"The procedure code is {procedure.Code} and does not change between versions.");
            DomainException.Ensure(definition.Level == procedure.Level,
                "Cấp thực hiện của thủ tục không đổi giữa các phiên bản; cần một thủ tục mới.",
                "The level a procedure is done at does not change between versions; it needs a new procedure.");
            DomainException.Ensure(definition.SectorCode == procedure.Sector!.Code,
                $"Lĩnh vực của thủ tục là {procedure.Sector.Code} và không đổi giữa các phiên bản.",
                $"The procedure's sector is {procedure.Sector.Code} and does not change between versions.");
            var draft = procedure.Draft;
            var before = draft is null ? null : Summary(procedure, draft);
            if (draft is null)
            {
                draft = procedure.AddVersion(definition.Facts, hash, draft: true);
            }
            else
            {
                draft.Revise(definition.Facts, hash);
            }

            audit.Add(who, AuditActions.ProcedureDraft, null, AuditDetail.Change(before, Summary(procedure, draft)));
        }

        await db.SaveChangesAsync(ct);
        if (addOffers)
        {
            await OfferAsync(procedure, definition.OfferedAt, ct);
        }

        return procedure.Id;
    }

    private async Task OfferAsync(Procedure procedure, CatalogueOffering offering, CancellationToken ct)
    {
        await db.Entry(procedure).Collection(p => p.Agencies).LoadAsync(ct);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.IsActive && a.MergedIntoId == null && a.Level == procedure.Level).ToListAsync(ct);
        var added = agencies.Where(offering.Includes).Select(a => procedure.OfferAt(a.Id)).ToList();
        if (added.Contains(true))
        {
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>What the audit trail keeps of a version: enough to see what changed, short enough for one line.</summary>
    public static object Summary(Procedure procedure, ProcedureVersion version) => new
    {
        procedure.Code,
        version.Number,
        State = version.State.ToString(),
        version.Name,
        EffectiveFrom = version.EffectiveFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Fields = version.Form.Count,
        Rules = version.FormRules.Count,
        Documents = version.Documents.Count,
        Fees = version.Fees.Count,
        Steps = version.Steps.Count,
        Hash = version.DefinitionHash?[..12],
    };
}
