using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Core.Processing;

/// <summary>
/// The desk accepts an online dossier (status 1 → 2) with the checklist of the documents it actually received: every
/// mandatory one must be there (else it asks for a supplement instead). The reception time and the promised date are
/// fixed, the receipt (Mẫu 01) lists the checklist; optionally handed straight to the agency's first step.
/// </summary>
public sealed class AcceptDossier(PortalDb db, TimeProvider time, CalendarProvider calendars, StepWorkflow steps, AuditTrail audit)
{
    /// <param name="Received">The procedure's documents checked as received, by index, with their copies; null takes those with uploaded files.</param>
    public sealed record Command(long DossierId, int Version, bool StartProcessing, IReadOnlyList<ReceptionChecklist.Checked>? Received = null);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DossierId).GreaterThan(0).WithMessage(DossierGate.MissingDossier);
            RuleForEach(c => c.Received).Must(r => r.Copies is >= 1 and <= 99)
                .WithMessage("Số bản của mỗi giấy tờ đã nhận từ 1 đến 99. / Each received document counts 1 to 99 copies.");
        }
    }

    /// <summary>The one rule the page asks and the handler enforces: the receiving agency's desk, on a dossier the transition table lets be received.</summary>
    public static bool IsAvailable(Dossier dossier, OfficialContext who) =>
        who.ActsFor(dossier.AgencyId) && who.Has(Roles.Reception) && dossier.CanMoveTo(DossierStatus.Received);

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct, withDocuments: true);
        DossierGate.RequireOwnAgency(dossier, who);
        who.Require(Roles.Reception, "tiếp nhận hồ sơ", "receive dossiers");
        if (!IsAvailable(dossier, who))
        {
            throw dossier.MoveRefusal(DossierStatus.Received);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(ct);
        var version = await db.ProcedureVersions.AsNoTracking().SingleAsync(v => v.Id == dossier.ProcedureVersionId, ct);
        var desk = who.As(Roles.Reception);
        dossier.Accept(calendar.PromisedAt(now, version.TimeLimit), now, desk,
            ReceptionChecklist.Build(version, command.Received ?? Offered(dossier, version), ReceptionChecklist.FilesOf(dossier), scannedAtTheDesk: false));
        audit.Add(who.Audit, "dossier.accept", dossier.Id, $"Hẹn trả {calendar.ToLocal(dossier.PromisedAt!.Value):HH:mm dd/MM/yyyy}");
        if (command.StartProcessing)
        {
            dossier.StartProcessing(now, desk);
            await steps.StartAsync(dossier, desk, calendar, now, ct);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>What the form offers checked: the documents that came with files (an online dossier's own uploads).</summary>
    private static IReadOnlyList<ReceptionChecklist.Checked> Offered(Dossier dossier, ProcedureVersion version) =>
        [.. ReceptionChecklist.FilesOf(dossier).Where(f => f.Key < version.Documents.Count).OrderBy(f => f.Key)
            .Select(f => new ReceptionChecklist.Checked(f.Key, version.Documents[f.Key].Count))];
}
