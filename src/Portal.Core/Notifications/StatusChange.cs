using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Core.Notifications;

/// <summary>What the outbox row of a status change carries (written by <see cref="PortalDb"/>).</summary>
public sealed record StatusChangedPayload(byte From, byte To, DateTime At, string Action, string Role)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public DossierStatus FromStatus => (DossierStatus)From;
    public DossierStatus ToStatus => (DossierStatus)To;

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static StatusChangedPayload Parse(string json) =>
        JsonSerializer.Deserialize<StatusChangedPayload>(json, Json) ?? throw new InvalidOperationException("Empty status payload.");
}

/// <summary>A status change with what reactions usually need, loaded once.</summary>
public sealed record StatusChange(OutboxMessage Message, StatusChangedPayload Change, Dossier Dossier, ProcedureVersion Version, Agency Agency);

/// <summary>
/// Something that must follow a status change (a mail to the applicant, a document, a sync). A reaction only
/// returns new outbox messages: they are saved with the change's completion, each then retried on its own.
/// </summary>
public interface IDossierStatusReaction
{
    IEnumerable<OutboxMessage> React(StatusChange change);
}

/// <summary>Fans a status change out to every registered reaction.</summary>
public sealed class DossierStatusChangedHandler(IEnumerable<IDossierStatusReaction> reactions) : IOutboxHandler
{
    public OutboxKind Kind => OutboxKind.DossierStatusChanged;

    public async Task HandleAsync(OutboxMessage message, PortalDb db, CancellationToken ct)
    {
        var change = StatusChangedPayload.Parse(message.Payload);
        var dossier = await db.Dossiers.SingleAsync(d => d.Id == message.DossierId, ct);
        var version = await db.ProcedureVersions.AsNoTracking().SingleAsync(v => v.Id == dossier.ProcedureVersionId, ct);
        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == dossier.AgencyId, ct);
        var context = new StatusChange(message, change, dossier, version, agency);
        foreach (var reaction in reactions)
        {
            foreach (var follow in reaction.React(context))
            {
                db.Outbox.Add(follow);
            }
        }
    }
}
