using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Portal.Core;

namespace Portal.Web.Infrastructure;

/// <summary>
/// The one place where a refused action becomes a response: a page with the Vietnamese and English message
/// (409), or a problem document for API callers. A stale row (someone else acted first) is reported the same way.
/// </summary>
public sealed class DomainExceptionFilter(IModelMetadataProvider metadata) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        var (vi, en) = context.Exception switch
        {
            DomainException d => (d.Vietnamese, d.English),
            DbUpdateConcurrencyException => (
                "Hồ sơ vừa được người khác cập nhật trước bạn. Vui lòng tải lại trang để xem trạng thái mới nhất rồi thao tác lại.",
                "Someone else updated this dossier before you. Reload the page to see its current state, then act again."),
            _ => (null, null),
        };
        if (vi is null || en is null)
        {
            return;
        }

        context.ExceptionHandled = true;
        var wantsJson = context.HttpContext.Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);
        if (wantsJson)
        {
            context.Result = new ObjectResult(new ProblemDetails { Status = 409, Title = vi, Detail = en }) { StatusCode = 409 };
            return;
        }

        context.Result = new ViewResult
        {
            ViewName = "~/Views/Shared/Refused.cshtml",
            StatusCode = 409,
            ViewData = new ViewDataDictionary(metadata, context.ModelState) { Model = new RefusedModel(vi, en, context.HttpContext.Request.Headers.Referer.ToString()) },
        };
    }
}

public sealed record RefusedModel(string Vietnamese, string English, string? Back);
