using System.Globalization;

namespace Portal.Core.Catalog;

/// <summary>An agency's facts as the audit trail records them before and after a change.</summary>
public static class AgencyAudit
{
    public static object Facts(Agency agency) => new
    {
        agency.Id,
        agency.Code,
        agency.Name,
        Level = agency.Level.ToString(),
        agency.ParentId,
        agency.Address,
        agency.IsActive,
        agency.MergedIntoId,
        MergedAt = agency.MergedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        NamedSince = agency.NamedSince?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
