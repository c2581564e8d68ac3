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
    public sealed record Command(long DossierId, int Version, bool StartProcessing, IReadOnlyList<Checked>? Received = null);

    public sealed record Checked(int Index, int Copies);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DossierId).GreaterThan(0);
            RuleForEach(c => c.Received).Must(r => r.Copies is >= 1 and <= 99)
                .WithMessage("Số bản của mỗi giấy tờ đã nhận từ 1 đến 99. / Each received document counts 1 to 99 copies.");
        }
    }

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct, withDocuments: true);
        DossierGate.RequireOwnAgency(dossier, who);
        who.Require(Roles.Reception, "tiếp nhận hồ sơ", "receive dossiers");
        var now = time.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(ct);
        var version = await db.ProcedureVersions.AsNoTracking().SingleAsync(v => v.Id == dossier.ProcedureVersionId, ct);
        var desk = who.As(Roles.Reception);
        dossier.EnsureCanMoveTo(DossierStatus.Received);
        dossier.Accept(calendar.PromisedAt(now, version.TimeLimit), now, desk, Checklist(dossier, version, command.Received));
        audit.Add(who.Audit, "dossier.accept", dossier.Id, $"Hẹn trả {calendar.ToLocal(dossier.PromisedAt!.Value):HH:mm dd/MM/yyyy}");
        if (command.StartProcessing)
        {
            dossier.StartProcessing(now, desk);
            await steps.StartAsync(dossier, desk, calendar, now, ct);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>What the form offers checked: the documents that came with files (an online dossier's own uploads).</summary>
    public static IReadOnlyList<Checked> Offered(Dossier dossier, ProcedureVersion version) =>
        [.. version.Documents.Select((r, i) => (r, i))
            .Where(x => dossier.Documents.Any(d => d.RequirementIndex == x.i && d.Kind is DocumentKind.Submitted or DocumentKind.Supplement))
            .Select(x => new Checked(x.i, x.r.Count))];

    private static List<ReceivedDocument> Checklist(Dossier dossier, ProcedureVersion version, IReadOnlyList<Checked>? received)
    {
        var chosen = (received ?? Offered(dossier, version)).Where(c => c.Index >= 0 && c.Index < version.Documents.Count).DistinctBy(c => c.Index).ToDictionary(c => c.Index);
        var missing = version.Documents.Select((r, i) => (r, i)).Where(x => x.r.Mandatory && !chosen.ContainsKey(x.i)).Select(x => x.r.Name).ToList();
        DomainException.Ensure(missing.Count == 0,
            $"Chưa nhận đủ giấy tờ bắt buộc: {string.Join("; ", missing)}. Đánh dấu giấy tờ đã nhận, hoặc yêu cầu bổ sung thay vì tiếp nhận.",
            $"Mandatory documents not received: {string.Join("; ", missing)}. Tick what was received, or ask for a supplement instead.");
        return [.. chosen.Values.OrderBy(c => c.Index).Select(c =>
        {
            var requirement = version.Documents[c.Index];
            var files = dossier.Documents.Count(d => d.RequirementIndex == c.Index && d.Kind is DocumentKind.Submitted or DocumentKind.Supplement);
            return new ReceivedDocument(c.Index, requirement.Name, requirement.Form, c.Copies, files);
        })];
    }
}
