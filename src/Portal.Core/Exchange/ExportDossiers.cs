using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Statistics;
using Portal.Core.Text;

namespace Portal.Core.Exchange;

/// <summary>Writes the dossiers behind a figure (by default: received in the period) in the exchange format, streaming.</summary>
public sealed class ExportDossiers(PortalDb db, DossierSets sets)
{
    public async Task WriteAsync(DossierSetFilter filter, Stream output, TimeZoneInfo zone, CancellationToken ct)
    {
        var procedures = await db.Procedures.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(SpreadsheetText.CsvLine([.. ExchangeCsv.Columns]));
        var rows = sets.Apply(db, filter).AsNoTracking()
            .Where(d => d.Code != null && d.Status != Dossiers.DossierStatus.Draft)
            .OrderBy(d => d.Id)
            .Select(d => new
            {
                d.Code,
                d.ProcedureId,
                d.AgencyId,
                d.Channel,
                d.Status,
                d.ReceivedAt,
                d.PromisedAt,
                d.FinishedAt,
                d.ResultReturnedAt,
                d.SupplementCount,
                d.PausedMinutes,
                d.HasElectronicResult,
                d.Payment,
                d.SyncedAt,
                d.Rating,
            })
            .AsAsyncEnumerable();
        await foreach (var d in rows.WithCancellation(ct))
        {
            await writer.WriteLineAsync(SpreadsheetText.CsvLine(
            [
                d.Code, procedures.GetValueOrDefault(d.ProcedureId), agencies.GetValueOrDefault(d.AgencyId), (int)d.Channel, (int)d.Status,
                ExchangeCsv.Date(d.ReceivedAt, zone), ExchangeCsv.Date(d.PromisedAt, zone), ExchangeCsv.Date(d.FinishedAt, zone), ExchangeCsv.Date(d.ResultReturnedAt, zone),
                d.SupplementCount, (d.PausedMinutes / 60m).ToString("0.####", CultureInfo.InvariantCulture), d.HasElectronicResult ? 1 : 0,
                (int)d.Payment, d.SyncedAt is null ? 0 : 1, d.Rating is { } r ? r : string.Empty,
            ]));
        }

        await writer.FlushAsync(ct);
    }
}
