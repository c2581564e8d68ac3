using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Links;

namespace Portal.Core.Documents.Forms;

/// <summary>What a form needs about its dossier, loaded once: the procedure version, the agency and its parent, the calendar.</summary>
public sealed record FormContext(Dossier Dossier, ProcedureVersion Version, string ProcedureCode, Agency Agency, Agency? Parent, WorkingCalendar Calendar,
    string Place, PublicUrls Urls)
{
    public static async Task<FormContext> LoadAsync(PortalDb db, Dossier dossier, WorkingCalendar calendar, string place, PublicUrls urls, CancellationToken ct)
    {
        var version = await db.ProcedureVersions.AsNoTracking().SingleAsync(v => v.Id == dossier.ProcedureVersionId, ct);
        var code = await db.Procedures.AsNoTracking().Where(p => p.Id == dossier.ProcedureId).Select(p => p.Code).SingleAsync(ct);
        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == dossier.AgencyId, ct);
        var parent = agency.ParentId is { } pid ? await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == pid, ct) : null;
        return new FormContext(dossier, version, code, agency, parent, calendar, place, urls);
    }

    /// <summary>"Hải Phòng, ngày 02 tháng 3 năm 2026" (the place is configuration).</summary>
    public string PlaceAndDate(DateTime utc)
    {
        var d = Calendar.LocalDate(utc);
        var date = string.Create(CultureInfo.InvariantCulture, $"ngày {d.Day:00} tháng {d.Month} năm {d.Year}");
        return string.IsNullOrWhiteSpace(Place) ? char.ToUpperInvariant(date[0]) + date[1..] : $"{Place}, {date}";
    }

    /// <summary>"14 giờ 05 phút, ngày 02/03/2026".</summary>
    public string Moment(DateTime? utc) => utc is { } v
        ? Calendar.ToLocal(v).ToString("HH 'giờ' mm 'phút, ngày' dd/MM/yyyy", CultureInfo.InvariantCulture)
        : "……";

    public string Day(DateTime? utc) => utc is { } v ? Calendar.ToLocal(v).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : "……";

    public string LookupUrl => Urls.Lookup(Dossier.Code);

    public string ParentName => Parent?.Name ?? Agency.Name;
}
