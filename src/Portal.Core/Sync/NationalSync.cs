using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Notifications;

namespace Portal.Core.Sync;

/// <summary>Section "NationalSync": where status changes are posted (the national portal's endpoint); empty turns syncing off.</summary>
public sealed class NationalSyncOptions
{
    public const string Section = "NationalSync";

    public string? Endpoint { get; set; }

    /// <summary>Sent as the X-Api-Key header when set.</summary>
    public string? ApiKey { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);
}

/// <summary>The dossier as the national portal receives it, with the exchange field names of DOMAIN.md.</summary>
public sealed record NationalDossier(
    string MaHoSo,
    string MaTTHC,
    string MaCoQuan,
    int KenhThucHien,
    int TrangThaiHoSo,
    string? NgayTiepNhan,
    string? NgayHenTra,
    string? NgayKetThucXuLy,
    string? NgayTraKetQua,
    int SoLanBoSung,
    decimal ThoiGianTamDungGio,
    int CoKetQuaDienTu,
    int DuocThanhToanTrucTuyen,
    string ThoiDiemCapNhat)
{
    public static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.Never };
}

/// <summary>Every status change of a filed dossier is synced to the national portal (when an endpoint is configured).</summary>
public sealed class NationalSyncReaction(IOptions<NationalSyncOptions> options) : IDossierStatusReaction
{
    public IEnumerable<OutboxMessage> React(StatusChange change)
    {
        if (!options.Value.Enabled || change.Change.ToStatus == DossierStatus.Draft || change.Dossier.Code is null)
        {
            yield break;
        }

        yield return OutboxMessage.ForDossier(change.Dossier, OutboxKind.NationalSync, "status-" + change.Change.ToStatus,
            change.Message.Payload, change.Change.At);
    }
}

/// <summary>
/// Posts the dossier's current state to the national portal, with the outbox id as the idempotency key (a retry
/// after a crash may post twice; the receiver keeps one). On success the synced fact is recorded on the dossier
/// (<see cref="Dossier.MarkSynced"/>) in the same save that completes the message; statistics count it.
/// </summary>
public sealed class NationalSyncHandler(IHttpClientFactory clients, IOptions<NationalSyncOptions> options, IOptions<WorkingTimeOptions> workingTime,
    TimeProvider time) : IOutboxHandler
{
    public const string ClientName = "national-sync";

    public OutboxKind Kind => OutboxKind.NationalSync;

    public async Task HandleAsync(OutboxMessage message, PortalDb db, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            throw new InvalidOperationException("NationalSync:Endpoint is not configured; the message waits for an administrator to resend it.");
        }

        var dossier = await db.Dossiers.SingleAsync(d => d.Id == message.DossierId, ct);
        var facts = await (from p in db.Procedures
                           join a in db.Agencies on dossier.AgencyId equals a.Id
                           where p.Id == dossier.ProcedureId
                           select new { Procedure = p.Code, Agency = a.Code }).AsNoTracking().SingleAsync(ct);
        var zone = workingTime.Value.ResolveTimeZone();
        var now = time.GetUtcNow().UtcDateTime;
        var body = new NationalDossier(
            dossier.Code!, facts.Procedure, facts.Agency, (int)dossier.Channel, (int)dossier.Status,
            Iso(dossier.ReceivedAt, zone), Iso(dossier.PromisedAt, zone), Iso(dossier.FinishedAt, zone), Iso(dossier.ResultReturnedAt, zone),
            dossier.SupplementCount, Math.Round(dossier.PausedMinutes / 60m, 2), dossier.HasElectronicResult ? 1 : 0, (int)dossier.Payment, Iso(now, zone)!);
        using var request = new HttpRequestMessage(HttpMethod.Post, o.Endpoint) { Content = JsonContent.Create(body, options: NationalDossier.Json) };
        request.Headers.Add("Idempotency-Key", $"outbox-{message.Id}");
        if (!string.IsNullOrEmpty(o.ApiKey))
        {
            request.Headers.Add("X-Api-Key", o.ApiKey);
        }

        var client = clients.CreateClient(ClientName);
        client.Timeout = o.Timeout;
        using var response = await client.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The national portal answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        dossier.MarkSynced(dossier.Status, now);
    }

    private static string? Iso(DateTime? utc, TimeZoneInfo zone) =>
        utc is { } value ? new DateTimeOffset(TimeZoneInfo.ConvertTimeFromUtc(value, zone), zone.GetUtcOffset(value)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : null;
}
