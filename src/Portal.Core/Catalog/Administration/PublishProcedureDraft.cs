using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Data;

namespace Portal.Core.Catalog;

/// <summary>
/// The administrator publishes a procedure's draft as its next version, in force from a date (today or later). Dossiers
/// filed before that date, and those in progress, keep the version they were filed on; from that date filing uses the new
/// one (<see cref="Procedure.VersionInForce"/>; the hourly <see cref="CatalogueSync.RefreshInForceAsync"/> moves what lists show).
/// </summary>
public sealed class PublishProcedureDraft(PortalDb db, AuditTrail audit, TimeProvider time, IOptions<WorkingTimeOptions> workingTime)
{
    public async Task<int> HandleAsync(int procedureId, DateOnly? effectiveFrom, AuditActor who, CancellationToken ct)
    {
        var procedure = await db.Procedures.Include(p => p.Versions).Include(p => p.Sector).AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == procedureId, ct)
            ?? throw new DomainException("Không tìm thấy thủ tục.", "The procedure was not found.");
        var draft = procedure.Draft ?? throw new DomainException("Thủ tục không có bản nháp để công bố.", "The procedure has no draft to publish.");
        var today = CatalogueSync.LocalToday(time, workingTime.Value);
        DomainException.Ensure(effectiveFrom is not null, "Nhập ngày phiên bản mới có hiệu lực.", "Enter the date the new version takes effect.");
        var from = effectiveFrom!.Value;
        DomainException.Ensure(from >= today,
            $"Ngày có hiệu lực không được trước hôm nay ({today:dd/MM/yyyy}): hồ sơ đã nộp giữ phiên bản của mình, một phiên bản không áp dụng ngược.",
            $"The effective date cannot be before today ({today:dd/MM/yyyy}): dossiers already filed keep their version, and a version does not apply backwards.");
        DomainException.Ensure(from.Year <= today.Year + 5, "Ngày có hiệu lực quá xa (tối đa 5 năm tới).", "The effective date is too far ahead (at most five years).");
        var published = procedure.Versions.Where(v => v.State == ProcedureVersionState.Published).ToList();
        if (published.Where(v => v.Number > draft.Number).MaxBy(v => v.Number) is { } newer)
        {
            throw new DomainException(
                $"Phiên bản {newer.Number} đã được công bố sau khi bản nháp này được lập; hãy hủy bản nháp và sửa lại từ phiên bản đang áp dụng.",
                $"Version {newer.Number} was published after this draft was started; discard the draft and edit again from the version in force.");
        }

        if (published.MaxBy(v => v.EffectiveFrom) is { } latest && from < latest.EffectiveFrom)
        {
            throw new DomainException(
                $"Ngày có hiệu lực phải từ {latest.EffectiveFrom:dd/MM/yyyy} trở đi: phiên bản {latest.Number} có hiệu lực từ ngày đó.",
                $"The effective date must be {latest.EffectiveFrom:dd/MM/yyyy} or later: version {latest.Number} takes effect on that date.");
        }

        // The same content as a published version, whatever the date: nothing to publish.
        string Content(ProcedureVersion v) => CatalogueFile.Hash(new CatalogueDefinition(procedure.Code, procedure.Sector!.Code, procedure.Sector.Name,
            procedure.Level, v.ToFacts() with { EffectiveFrom = DateOnly.MinValue }, CatalogueOffering.At()));
        var content = Content(draft);
        if (published.FirstOrDefault(v => Content(v) == content) is { } same)
        {
            throw new DomainException(
                $"Bản nháp giống hệt phiên bản {same.Number} (ngoài ngày hiệu lực); không có thay đổi nào để công bố.",
                $"The draft says exactly what version {same.Number} says (but for the date); there is no change to publish.");
        }

        draft.PublishOn(from, v => CatalogueFile.Hash(ProcedureCatalogue.Definition(procedure, procedure.Sector!, v, CatalogueOffering.At())));
        procedure.Publish(true);
        procedure.RefreshVersionInForce(today);
        audit.Add(who, AuditActions.ProcedurePublish, null, AuditDetail.Change(null, SaveProcedureDraft.Summary(procedure, draft)));
        await db.SaveChangesAsync(ct);
        return draft.Number;
    }
}
