using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Text;

namespace Portal.Core.Catalog;

/// <summary>
/// The administrator renames an agency (or corrects where results are collected). The old name is kept with the
/// dates it was in use: receipts and reports of earlier periods keep their meaning.
/// </summary>
public sealed class RenameAgency(PortalDb db, AuditTrail audit)
{
    public sealed record Command(int AgencyId, string? Name, string? Address, DateOnly? From);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).Must(n => VietnameseText.Normalize(n).Length is >= 3 and <= 200)
                .WithMessage("Tên cơ quan từ 3 đến 200 ký tự. / The name is 3 to 200 characters.");
            RuleFor(c => c.Address).Must(a => VietnameseText.Normalize(a).Length <= 400)
                .WithMessage("Địa chỉ tối đa 400 ký tự. / The address is at most 400 characters.");
            RuleFor(c => c.From).Must(d => d is { Year: >= 2000 and <= 2100 })
                .WithMessage("Nhập ngày bắt đầu dùng tên mới (từ năm 2000 đến 2100). / Enter the date the new name is used from (years 2000 to 2100).");
        }
    }

    public async Task HandleAsync(Command command, AuditActor who, CancellationToken ct)
    {
        var agency = await db.Agencies.Include(a => a.FormerNames).SingleOrDefaultAsync(a => a.Id == command.AgencyId, ct)
            ?? throw new DomainException("Không tìm thấy cơ quan.", "The agency was not found.");
        var before = AgencyAudit.Facts(agency);
        var address = VietnameseText.Normalize(command.Address);
        agency.Rename(VietnameseText.Normalize(command.Name), address.Length == 0 ? null : address, command.From!.Value);
        audit.Add(who, AuditActions.AgencyRename, null, AuditDetail.Change(before, AgencyAudit.Facts(agency)));
        await db.SaveChangesAsync(ct);
    }
}
