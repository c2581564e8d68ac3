using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Text;

namespace Portal.Core.Catalog;

/// <summary>
/// The administrator creates an agency of the two-tier structure: a province department (sở, ban, ngành) or a commune,
/// ward or special zone under the province, with its QCVN 102:2016 code. A new commune offers the commune-level
/// procedures at once (<see cref="AgencyOfferings"/>).
/// </summary>
public sealed class CreateAgency(PortalDb db, AuditTrail audit, CatalogueSync catalogue)
{
    public sealed record Command(string? Code, string? Name, AgencyLevel Level, int? ParentId, string? Address);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Code).Must(c => AgencyCode.IsWellFormed(AgencyCode.Clean(c)))
                .WithMessage("Mã cơ quan theo QCVN 102:2016 gồm bốn nhóm, ví dụ 000.00.05.H31 hoặc 000.20.01.H31. / "
                    + "The QCVN 102:2016 code has four groups, e.g. 000.00.05.H31 or 000.20.01.H31.");
            RuleFor(c => c.Name).Must(n => VietnameseText.Normalize(n).Length is >= 3 and <= 200)
                .WithMessage("Tên cơ quan từ 3 đến 200 ký tự. / The name is 3 to 200 characters.");
            RuleFor(c => c.Address).Must(a => VietnameseText.Normalize(a).Length <= 400)
                .WithMessage("Địa chỉ tối đa 400 ký tự. / The address is at most 400 characters.");
            RuleFor(c => c.Level).IsInEnum()
                .WithMessage("Chọn cấp của cơ quan. / Choose the agency's level.");
            RuleFor(c => c.ParentId).NotNull().When(c => c.Level != AgencyLevel.Province)
                .WithMessage("Chọn cơ quan cấp trên. / Choose the parent agency.");
        }
    }

    public async Task<int> HandleAsync(Command command, AuditActor who, CancellationToken ct)
    {
        var code = AgencyCode.Clean(command.Code);
        DomainException.Ensure(!await db.Agencies.AnyAsync(a => a.Code == code, ct),
            $"Mã {code} đã được dùng cho một cơ quan khác.", $"The code {code} is already used by another agency.");
        var province = await db.Agencies.AsNoTracking().Where(a => a.Level == AgencyLevel.Province).Select(a => new { a.Id, a.Code }).FirstOrDefaultAsync(ct);
        if (command.Level == AgencyLevel.Province)
        {
            DomainException.Ensure(province is null, "Đã có UBND cấp tỉnh; mỗi cổng chỉ có một.", "The province already exists; a portal has exactly one.");
        }
        else
        {
            DomainException.Ensure(province is null || AgencyCode.ProvinceSegment(code) == AgencyCode.ProvinceSegment(province.Code),
                $"Nhóm cuối của mã phải là {(province is null ? string.Empty : AgencyCode.ProvinceSegment(province.Code))} như mọi cơ quan của tỉnh.",
                $"The last group of the code must be {(province is null ? string.Empty : AgencyCode.ProvinceSegment(province.Code))}, like every agency of the province.");
            var parent = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == command.ParentId, ct);
            DomainException.Ensure(parent is { IsActive: true }, "Cơ quan cấp trên không tồn tại hoặc đã ngừng hoạt động.",
                "The parent agency does not exist or is no longer in service.");
            // Two tiers since 1/7/2025: a commune or ward answers to the province; a department may sit under the
            // province or, as a sub-department (chi cục), under a department.
            DomainException.Ensure(command.Level == AgencyLevel.Commune ? parent!.Level == AgencyLevel.Province : parent!.Level != AgencyLevel.Commune,
                "Xã, phường, đặc khu trực thuộc UBND tỉnh; sở, ban, ngành trực thuộc UBND tỉnh hoặc một sở.",
                "A commune, ward or special zone answers to the province; a department to the province or to a department.");
        }

        var address = VietnameseText.Normalize(command.Address);
        var agency = new Agency(code, VietnameseText.Normalize(command.Name), command.Level,
            command.Level == AgencyLevel.Province ? null : command.ParentId, address.Length == 0 ? null : address);
        // The agency, its offerings and the audit line commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Agencies.Add(agency);
        await db.SaveChangesAsync(ct);
        // What the catalogue files offer at this agency (by its level or its code), then what administrators offer at every
        // other commune in service (procedures created in the administration have no file).
        var offered = await catalogue.OfferAtAsync(agency.Id, ct) + await AgencyOfferings.OfferLevelWideAsync(db, agency, ct);
        audit.Add(who, AuditActions.AgencyCreate, null, AuditDetail.Change(null, new { agency = AgencyAudit.Facts(agency), offered }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return agency.Id;
    }
}
