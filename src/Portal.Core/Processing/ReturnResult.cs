using FluentValidation;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Core.Processing;

/// <summary>The desk hands the result over (status 10): at the desk, by public post, or online (needs the electronic result).</summary>
public sealed class ReturnResult(PortalDb db, TimeProvider time, CalendarProvider calendars, StepWorkflow steps, AuditTrail audit)
{
    public sealed record Command(long DossierId, int Version, ResultReturnMethod Method);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Method).IsInEnum().WithMessage("Chọn cách trả kết quả. / Choose how the result is returned.");
    }

    /// <summary>The one rule the page asks and the handler enforces: the receiving agency's desk, on a dossier the transition table lets be returned (decided).</summary>
    public static bool IsAvailable(Dossier dossier, OfficialContext who) =>
        who.ActsFor(dossier.AgencyId) && who.Has(Roles.Reception) && dossier.CanMoveTo(DossierStatus.ResultReturned);

    public async Task HandleAsync(Command command, OfficialContext who, CancellationToken ct)
    {
        var dossier = await DossierGate.ForActionAsync(db, command.DossierId, command.Version, who, ct);
        DossierGate.RequireOwnAgency(dossier, who);
        who.Require(Roles.Reception, "trả kết quả", "return results");
        if (!IsAvailable(dossier, who))
        {
            throw dossier.MoveRefusal(DossierStatus.ResultReturned);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var actor = who.As(Roles.Reception);
        dossier.ReturnResult(command.Method, now, actor);
        var method = command.Method switch
        {
            ResultReturnMethod.ByPost => "qua bưu chính công ích",
            ResultReturnMethod.Online => "trực tuyến",
            _ => "tại bộ phận một cửa",
        };
        steps.HandToApplicant(dossier, actor, dossier.AgencyId, $"Trả kết quả {method}", dossier.Outcome((await calendars.GetAsync(ct)).TimeZone), null, now);
        audit.Add(who.Audit, "dossier.return", dossier.Id, command.Method.ToString());
        await db.SaveChangesAsync(ct);
    }
}
