using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
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

    protected static string Localize(string message)
    {
        var parts = message.Split(" / ", 2);
        return parts.Length == 2 ? Bilingual.T(parts[0], parts[1]) : message;
    }
}

/// <summary>Turns "not yours" into 404 and "not your role" into a 403 page that says who may do it.</summary>
public sealed class OfficialsExceptionFilter(IModelMetadataProvider metadata) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        switch (context.Exception)
        {
            case DossierNotFoundException:
                context.Result = new NotFoundResult();
                context.ExceptionHandled = true;
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
                break;
        }
    }
}
