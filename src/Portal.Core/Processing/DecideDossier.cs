using FluentValidation;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Dossiers;
using Portal.Core.Filing;
using Portal.Core.Text;

namespace Portal.Core.Processing;

public enum ResultMode : byte
{
    /// <summary>A paper result only.</summary>
    PaperOnly = 0,

    /// <summary>The signed result uploaded as a PDF.</summary>
    Upload = 1,

    /// <summary>The portal generates the electronic result from the decision.</summary>
    Generate = 2,
}

/// <summary>
/// The decision (status 9) by whoever holds the last step (an approver of the agency when the dossier has no steps):
/// the last step completes, the dossier goes back to the desk, and the electronic result is attached or generated.
/// </summary>
public sealed class DecideDossier(PortalDb db, TimeProvider time, CalendarProvider calendars, StepWorkflow steps, IDocumentStore store, IDocumentScanner scanner,
    IOptions<FilingOptions> filing, AuditTrail audit)
{
    public sealed record Command(long DossierId, int Version, string? Note, ResultMode Result, OfficialFile? File);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Result).IsInEnum().WithMessage("Chọn hình thức kết quả. / Choose the form of the result.");
            RuleFor(c => c.File).NotNull().When(c => c.Result == ResultMode.Upload)
                .WithMessage("Chọn tệp PDF kết quả đã ký. / Choose the signed result PDF.");
            RuleFor(c => c.Note).Must(n => (n ?? string.Empty).Length <= 2000).WithMessage("Nội dung tối đa 2000 ký tự. / The text is at most 2000 characters.");
        }
    }

    /// <summary>
    /// The one rule the page asks and the handler enforces: a dossier in process at the receiving agency whose last step
    /// is active and held by the official, or, having no steps (carried over), an approver of that agency.
    /// </summary>
    public static bool IsAvailable(Dossier dossier, IReadOnlyList<DossierStep> all, OfficialContext who) =>
        who.ActsFor(dossier.AgencyId) && dossier.Status == DossierStatus.InProcess
        && (all.Count == 0 ? who.Has(Roles.Approver) : all[^1].State == StepState.Active && StepWorkflow.Holds(all[^1], who));

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct, withSupplements: true);
        DossierGate.RequireOwnAgency(dossier, who);
        DomainException.Ensure(dossier.Status == DossierStatus.InProcess,
            $"Không thể ghi nhận quyết định: hồ sơ đang ở trạng thái \"{dossier.Status.Vietnamese()}\".",
            $"No decision can be recorded: the dossier is \"{dossier.Status.English()}\".");
        var all = await steps.LoadAsync(dossier.Id, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var note = string.IsNullOrWhiteSpace(command.Note) ? null : VietnameseText.NormalizeMultiline(command.Note);
        var open = all.FirstOrDefault(s => s.State == StepState.Active);
        var last = all.Count > 0 && open?.Id == all[^1].Id ? open : null;
        if (all.Count == 0)
        {
            who.Require(Roles.Approver, "quyết định giải quyết hồ sơ", "decide dossiers");
        }

        var actor = last is null ? who.As(Roles.Approver) : CompleteStep.Holder(last, who);
        DomainException.Ensure(IsAvailable(dossier, all, who),
            $"Hồ sơ còn bước \"{open?.Name}\" chưa hoàn thành.", $"Step \"{open?.Name}\" is not finished yet.");
        if (last is not null)
        {
            await steps.EnsureNoOpinionAwaitedAsync(last, ct);
        }

        if (command.Result == ResultMode.Upload)
        {
            var document = await OfficialUploads.StoreAsync(store, scanner, command.File!, DocumentKind.Result, "Kết quả giải quyết (bản điện tử)",
                filing.Value.MaxFileBytes, now, who.UserId, ct, pdfOnly: true);
            dossier.AddDocument(document, now);
        }

        var calendar = await calendars.GetAsync(ct);
        if (last is not null)
        {
            steps.CompleteLast(dossier, last, actor, note, calendar, now);
        }

        dossier.Decide(command.Result != ResultMode.PaperOnly, note, calendar, now, actor);
        if (command.Result == ResultMode.Generate)
        {
            db.Outbox.Add(IssuedForms.Render(dossier, IssuedForms.Result, now));
        }

        audit.Add(who.Audit, "dossier.decide", dossier.Id, command.Result.ToString());
        await db.SaveChangesAsync(ct);
    }
}
