using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Catalog;
using Portal.Core.Data;

namespace Portal.Core.Api;

/// <summary>
/// The catalogue as the API gives it: agencies, and the published procedures with every published version (drafts are
/// never shown), their documents, fees and e-form fields, straight from the catalogue's own records.
/// </summary>
public sealed class ApiCatalogue(PortalDb db)
{
    public async Task<IReadOnlyList<ApiAgency>> AgenciesAsync(CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking().ToListAsync(ct);
        var codes = agencies.ToDictionary(a => a.Id, a => a.Code);
        return [.. agencies.OrderBy(a => a.Code, StringComparer.Ordinal).Select(a => new ApiAgency(a.Code, a.Name, a.Level.ToString(),
            a.ParentId is { } p ? codes.GetValueOrDefault(p) : null, a.IsActive, a.MergedIntoId is { } m ? codes.GetValueOrDefault(m) : null, a.Address))];
    }

    /// <summary>Published procedures, by code; <paramref name="agencyCode"/> keeps those the agency offers.</summary>
    public async Task<IReadOnlyList<ApiProcedureSummary>> ProceduresAsync(string? agencyCode, CancellationToken ct)
    {
        var query = db.Procedures.AsNoTracking().Where(p => p.IsPublished && p.CurrentVersionId != null);
        if (!string.IsNullOrWhiteSpace(agencyCode))
        {
            var code = agencyCode.Trim();
            query = query.Where(p => db.ProcedureAgencies.Any(o => o.ProcedureId == p.Id && db.Agencies.Any(a => a.Id == o.AgencyId && a.Code == code)));
        }

        var rows = await query.Select(p => new
        {
            p.Code,
            p.Name,
            Sector = p.Sector!.Name,
            p.Level,
            Version = p.CurrentVersion!.Number,
            p.CurrentVersion.ServiceType,
            p.CurrentVersion.EffectiveFrom,
        }).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => new ApiProcedureSummary(r.Code, r.Name, r.Sector, r.Level.ToString(), r.Version, r.ServiceType.ToString(), r.EffectiveFrom))];
    }

    public async Task<ApiProcedure?> ProcedureAsync(string code, CancellationToken ct)
    {
        var procedure = await db.Procedures.AsNoTracking().Include(p => p.Sector).Include(p => p.Versions)
            .SingleOrDefaultAsync(p => p.Code == code.Trim() && p.IsPublished, ct);
        if (procedure is null)
        {
            return null;
        }

        var current = procedure.CurrentVersionId;
        var offered = await db.ProcedureAgencies.AsNoTracking().Where(o => o.ProcedureId == procedure.Id)
            .Join(db.Agencies, o => o.AgencyId, a => a.Id, (o, a) => a.Code).ToListAsync(ct);
        var versions = procedure.Versions.Where(v => v.State == ProcedureVersionState.Published).OrderBy(v => v.Number).Select(v => new ApiProcedureVersion(
            v.Number, v.Name, v.EffectiveFrom, v.Id == current, v.ServiceType.ToString(), new ApiTimeLimit(v.TimeLimit.Value, v.TimeLimit.Unit.ToString(), v.TimeLimit.ToVietnamese(), v.TimeLimit.ToEnglish()),
            [.. v.Documents.Select((d, i) => new ApiRequiredDocument(i, d.Name, d.Form.ToString(), d.Count, d.Mandatory, d.TemplateUrl))],
            [.. v.Fees.Select(f => new ApiFee(f.Name, f.AmountVnd, f.Kind.ToString(), f.Note))],
            [.. v.Form.Select(f => new ApiFormField(f.Key, f.Label, f.LabelEn, f.Type.ToString(), f.Required, f.Options, f.MaxLength, f.Min, f.Max, f.VisibleWhenField, f.VisibleWhenValue))],
            v.ResultIsDocument, v.ResultDescription, v.LegalBasis)).ToList();
        return new ApiProcedure(procedure.Code, procedure.Name, procedure.Sector?.Name ?? string.Empty, procedure.Level.ToString(),
            [.. offered.Order(StringComparer.Ordinal)], versions);
    }
}

[Description("Cơ quan. / An agency.")]
public sealed record ApiAgency(
    [property: Description("Mã cơ quan theo QCVN 102:2016. / The QCVN 102:2016 agency code.")] string Code,
    string Name,
    [property: Description("Province, Department hoặc Commune. / Province, Department or Commune.")] string Level,
    string? ParentCode,
    [property: Description("Còn hoạt động. / In service.")] bool InService,
    [property: Description("Mã cơ quan đã sáp nhập vào, nếu có. / The agency it was merged into, if any.")] string? MergedIntoCode,
    string? Address);

[Description("Thủ tục đang công bố, với phiên bản đang có hiệu lực. / A published procedure with its version in force.")]
public sealed record ApiProcedureSummary(
    [property: Description("Mã TTHC quốc gia. / The national procedure code.")] string Code,
    string Name,
    string Sector,
    string Level,
    [property: Description("Số phiên bản đang có hiệu lực. / The number of the version in force.")] int CurrentVersion,
    [property: Description("FullOnline (toàn trình), PartialOnline (một phần) hoặc InformationOnly. / FullOnline, PartialOnline or InformationOnly.")] string ServiceType,
    DateOnly EffectiveFrom);

[Description("Thủ tục với mọi phiên bản đã công bố. / A procedure with every published version.")]
public sealed record ApiProcedure(string Code, string Name, string Sector, string Level,
    [property: Description("Mã các cơ quan cung cấp thủ tục. / The codes of the agencies offering it.")] IReadOnlyList<string> OfferedAt,
    IReadOnlyList<ApiProcedureVersion> Versions);

[Description("Một phiên bản của thủ tục: hồ sơ nộp theo phiên bản nào giữ phiên bản đó. / One version of a procedure: a dossier keeps the version it was filed under.")]
public sealed record ApiProcedureVersion(int Number, string Name, DateOnly EffectiveFrom,
    [property: Description("Phiên bản đang có hiệu lực. / The version in force.")] bool Current,
    string ServiceType, ApiTimeLimit TimeLimit, IReadOnlyList<ApiRequiredDocument> Documents, IReadOnlyList<ApiFee> Fees,
    [property: Description("Các trường của tờ khai điện tử. / The e-form's fields.")] IReadOnlyList<ApiFormField> Form,
    bool ResultIsDocument, string ResultDescription, IReadOnlyList<string> LegalBasis);

public sealed record ApiTimeLimit(int Value,
    [property: Description("WorkingDays, WorkingHours, Days hoặc Months. / WorkingDays, WorkingHours, Days or Months.")] string Unit,
    string Vietnamese, string English);

[Description("Thành phần hồ sơ. / A required document.")]
public sealed record ApiRequiredDocument(
    [property: Description("Số thứ tự trong thành phần hồ sơ, từ 0. / Its index in the list, from 0.")] int Index,
    string Name,
    [property: Description("Original, CertifiedCopy, Copy… / Original, certified copy, copy…")] string Form,
    int Count, bool Mandatory, string? TemplateUrl);

[Description("Phí, lệ phí (VND). / A fee or charge (VND).")]
public sealed record ApiFee(string Name,
    [property: Description("Số tiền (VND); trống khi tỉnh quy định. / The amount (VND); empty when the province sets it.")] long? AmountVnd,
    string Kind, string? Note);

[Description("Một trường của tờ khai. / An e-form field.")]
public sealed record ApiFormField(string Key, string Label, string LabelEn, string Type, bool Required, IReadOnlyList<string>? Options,
    int? MaxLength, decimal? Min, decimal? Max, string? VisibleWhenField, string? VisibleWhenValue);
