using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Portal.Core.Audit;
using Portal.Core.Dossiers;
using Portal.Core.Processing;
using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Officials.Controllers;

/// <summary>
/// The officials' area at /can-bo: the one-stop desk and the agencies' handlers and approvers act; leaders and
/// administrators look (read-only, and they see the audit trail). A dossier outside one's reach answers 404, an
/// action outside one's role 403.
/// </summary>
[Area("Officials")]
[Authorize(Roles = $"{Roles.Reception},{Roles.Handler},{Roles.Approver},{Roles.Leader},{Roles.Admin}")]
[TypeFilter(typeof(OfficialsExceptionFilter))]
public abstract class OfficialsControllerBase : Controller
{
    protected OfficialContext Who => OfficialContext.From(User, HttpContext.Connection.RemoteIpAddress?.ToString());

    protected bool IsOfficial => User.IsInRole(Roles.Reception) || User.IsInRole(Roles.Handler) || User.IsInRole(Roles.Approver);

    /// <summary>Copies the validator's messages into ModelState, in the language of the page ("vi / en" messages split).</summary>
    protected bool Check<T>(IValidator<T> validator, T command)
    {
        foreach (var error in validator.Validate(command).Errors)
        {
            ModelState.AddModelError(error.PropertyName, Localize(error.ErrorMessage));
        }

        return ModelState.IsValid;
    }

    /// <summary>A dossier outside the person's reach: 404, and a line of refused access in the audit trail.</summary>
    protected async Task<IActionResult> NotYoursAsync(long dossierId, CancellationToken ct)
    {
        await HttpContext.RequestServices.GetRequiredService<AuditTrail>().RecordAsync(Who.Audit, AuditActions.AccessDenied, dossierId,
            $"404 {Request.Method} {Request.Path}", ct: ct);
        return NotFound();
    }

    protected static string Localize(string message)
    {
        var parts = message.Split(" / ", 2);
        return parts.Length == 2 ? Bilingual.T(parts[0], parts[1]) : message;
    }
}

/// <summary>
/// Turns "not yours" into 404 and "not your role" into a 403 page that says who may do it; both are refused access
/// and written to the audit trail (<see cref="AuditActions.AccessDenied"/>) with the dossier asked for.
/// </summary>
public sealed class OfficialsExceptionFilter(IModelMetadataProvider metadata, AuditTrail audit) : IAsyncExceptionFilter
{
    public async Task OnExceptionAsync(ExceptionContext context)
    {
        switch (context.Exception)
        {
            case DossierNotFoundException:
                context.Result = new NotFoundResult();
                context.ExceptionHandled = true;
                await RecordAsync(context, "404");
                break;
            case ActionNotPermittedException e:
                context.Result = new ViewResult
                {
                    ViewName = "~/Views/Shared/Refused.cshtml",
                    StatusCode = StatusCodes.Status403Forbidden,
                    ViewData = new ViewDataDictionary(metadata, context.ModelState)
                    {
                        Model = new RefusedModel(e.Vietnamese, e.English, context.HttpContext.Request.Headers.Referer.ToString()),
                    },
                };
                context.ExceptionHandled = true;
                await RecordAsync(context, "403");
                break;
        }
    }

    private async Task RecordAsync(ExceptionContext context, string status)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        long? dossierId = context.RouteData.Values.TryGetValue("id", out var raw)
            && long.TryParse(raw?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id : null;
        // The refused action's own changes were never saved; the line goes on a fresh unit of work all the same.
        audit.DiscardPending();
        await audit.RecordAsync(AuditTrail.ActorOf(http.User, http.Connection.RemoteIpAddress?.ToString()), AuditActions.AccessDenied, dossierId,
            $"{status} {http.Request.Method} {http.Request.Path}", ct: http.RequestAborted);
    }
}
