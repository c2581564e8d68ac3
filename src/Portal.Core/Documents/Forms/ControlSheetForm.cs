using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PdfSharp;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Documents.Pdf;
using Portal.Core.Dossiers;
using Portal.Core.Links;
using Portal.Core.Processing;

namespace Portal.Core.Documents.Forms;

/// <summary>
/// Mẫu 05: Phiếu kiểm soát quá trình giải quyết hồ sơ — one row per hand-off (giver, receiver, time, how the giver's
/// part ended: trước hạn / đúng hạn / quá hạn, notes). Rendered on request, since it grows while the dossier moves.
/// </summary>
public static class ControlSheetForm
{
    public static async Task<IssuedDocument> RenderAsync(PortalDb db, long dossierId, WorkingCalendar calendar, string place, PublicUrls urls, DateTime at, CancellationToken ct)
    {
        var dossier = await db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == dossierId, ct);
        var context = await FormContext.LoadAsync(db, dossier, calendar, place, urls, ct);
        var handOffs = await db.DossierHandOffs.AsNoTracking().Where(h => h.DossierId == dossierId).OrderBy(h => h.At).ThenBy(h => h.Id).ToListAsync(ct);
        // Agencies that coordinate: those holding a liên thông step, and those whose opinion was asked (not withdrawn unanswered).
        var stepAgencies = (await db.DossierSteps.AsNoTracking().Where(s => s.DossierId == dossierId && s.AtOtherAgency).Select(s => s.AgencyId).ToListAsync(ct))
            .Concat(await db.OpinionRequests.AsNoTracking().Where(r => r.DossierId == dossierId && r.State != Processing.OpinionState.Withdrawn)
                .OrderBy(r => r.Id).Select(r => r.ToAgencyId).ToListAsync(ct))
            .Distinct().ToList();
        var agencyIds = handOffs.SelectMany(h => new[] { h.FromAgencyId, h.ToAgencyId }).OfType<int>().Concat(stepAgencies).Append(dossier.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);

        string Party(string? name, string role, int? agencyId) =>
            $"{name ?? "(chờ phân công)"}\n{Roles.Vietnamese(role)}" + (agencyId is { } id && agencies.TryGetValue(id, out var a) ? $"\n{a}" : string.Empty);

        using var pdf = new PdfBuilder("Phiếu kiểm soát quá trình giải quyết hồ sơ", baseSize: 11, orientation: PageOrientation.Landscape);
        pdf.NationalHeader(context.ParentName, context.Agency.Name, $"Mã hồ sơ: {dossier.Code}", context.PlaceAndDate(at))
            .Title("Phiếu kiểm soát quá trình giải quyết hồ sơ")
            .Field("Mã hồ sơ (kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)", dossier.Code)
            .Field("Người nộp", dossier.Applicant.FullName)
            .Field("Thủ tục", context.Version.Name)
            .Field("Cơ quan (bộ phận) giải quyết hồ sơ", context.Agency.Name)
            .Field("Cơ quan phối hợp giải quyết hồ sơ", stepAgencies.Count == 0 ? "Không" : string.Join("; ", stepAgencies.Select(id => agencies[id])))
            .Field("Tiếp nhận lúc", context.Moment(dossier.ReceivedAt))
            .Field("Hẹn trả kết quả", context.Moment(dossier.PromisedAt) + (dossier.DueAt != dossier.PromisedAt ? $" (hạn xử lý hiện tại: {context.Moment(dossier.DueAt)})" : string.Empty))
            .Table(
            [
                new PdfColumn("STT", 0.6, TextAlign.Center),
                new PdfColumn("Bên giao", 3.2),
                new PdfColumn("Bên nhận", 3.2),
                new PdfColumn("Nội dung", 3),
                new PdfColumn("Thời gian giao, nhận", 2.4, TextAlign.Center),
                new PdfColumn("Kết quả", 1.5, TextAlign.Center),
                new PdfColumn("Ghi chú", 2.6),
            ],
            handOffs.Select((h, i) => (IReadOnlyList<string>)
            [
                (i + 1).ToString(CultureInfo.InvariantCulture),
                Party(h.FromName, h.FromRole, h.FromAgencyId),
                Party(h.ToName, h.ToRole, h.ToAgencyId),
                h.Purpose,
                context.Moment(h.At),
                h.Result.Vietnamese(),
                h.Note ?? string.Empty,
            ]))
            .Paragraph(handOffs.Count == 0 ? "Hồ sơ chưa được bàn giao lần nào." : $"Tổng cộng {handOffs.Count} lần bàn giao.", italic: true);
        return new IssuedDocument("Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 05)", $"mau-05-phieu-kiem-soat-{dossier.Code}.pdf", pdf.ToBytes());
    }
}
