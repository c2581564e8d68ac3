using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Portal.Core.Administration.Accounts;
using Portal.Core.Dossiers;
using Portal.Core.Processing;
using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Admin.Controllers;

/// <summary>
/// Official accounts at /quan-tri/tai-khoan: administrators manage every staff account, an agency's leader the
/// officials of their own agency (<see cref="AccountScope"/> decides, in Core). An account out of reach answers 404,
/// a person without the right 403; every change form carries the account's stamp, so a stale page gets 409.
/// </summary>
[Area("Admin")]
[Authorize(Roles = $"{Roles.Admin},{Roles.Leader}")]
[Route("quan-tri/tai-khoan")]
[TypeFilter(typeof(AccountsExceptionFilter))]
public sealed class AccountsController(OfficialAccounts accounts, TimeProvider time) : Controller
{
    private AccountScope Scope => AccountScope.For(OfficialContext.From(User, HttpContext.Connection.RemoteIpAddress?.ToString()));

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int? coquan, AccountStatusFilter trangthai = AccountStatusFilter.All, string? sau = null,
        CancellationToken ct = default)
    {
        var scope = Scope;
        var filter = new AccountFilter(q, coquan, Enum.IsDefined(trangthai) ? trangthai : AccountStatusFilter.All, sau);
        var page = await accounts.ListAsync(scope, filter.Search, filter.AgencyId, filter.Status, filter.After, ct);
        return View(new AccountListPage(filter, page, await accounts.AgenciesAsync(scope, ct), scope));
    }

    [HttpGet("moi")]
    public async Task<IActionResult> New(CancellationToken ct)
    {
        var scope = Scope;
        return View(new AccountFormPage(new AccountInput { AgencyId = scope.AgencyId }, await accounts.AgenciesAsync(scope, ct), scope));
    }

    [HttpPost("moi")]
    public async Task<IActionResult> Create(AccountInput input, [FromServices] CreateOfficialAccount handler, [FromServices] IValidator<CreateOfficialAccount.Command> validator,
        CancellationToken ct)
    {
        var scope = Scope;
        var command = new CreateOfficialAccount.Command(input.FullName, input.Email, input.Phone, input.AgencyId, input.Roles ?? []);
        ModelState.Clear();
        if (Check(validator, command))
        {
            try
            {
                var id = await handler.HandleAsync(command, scope, ct);
                TempData["Message"] = Bilingual.T("Đã tạo tài khoản và gửi thư mời đặt mật khẩu.", "The account was created and the invitation mailed.");
                return RedirectToAction(nameof(Show), new { id });
            }
            catch (AccountFormException e)
            {
                ModelState.AddModelError(e.Field, Localize(e.Message));
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("New", new AccountFormPage(input, await accounts.AgenciesAsync(scope, ct), scope));
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show(Guid id, CancellationToken ct)
    {
        var scope = Scope;
        var detail = await accounts.GetAsync(scope, id, ct);
        var input = new AccountInput { AgencyId = detail.User.AgencyId, Roles = [.. detail.Roles], Stamp = detail.User.ConcurrencyStamp };
        return View(new AccountShowPage(detail, input, await accounts.AgenciesAsync(scope, ct), scope, time.GetUtcNow().UtcDateTime));
    }

    [HttpPost("{id:guid}")]
    public async Task<IActionResult> ChangeAssignment(Guid id, AccountInput input, [FromServices] ChangeAccountAssignment handler,
        [FromServices] IValidator<ChangeAccountAssignment.Command> validator, CancellationToken ct)
    {
        var scope = Scope;
        var command = new ChangeAccountAssignment.Command(id, input.Stamp, input.AgencyId, input.Roles ?? []);
        ModelState.Clear();
        if (Check(validator, command))
        {
            try
            {
                await handler.HandleAsync(command, scope, ct);
                TempData["Message"] = Bilingual.T("Đã lưu cơ quan và vai trò; các phiên đăng nhập của tài khoản đã kết thúc.",
                    "Agency and roles saved; the account's sessions were ended.");
                return RedirectToAction(nameof(Show), new { id });
            }
            catch (AccountFormException e)
            {
                ModelState.AddModelError(e.Field, Localize(e.Message));
            }
        }

        var detail = await accounts.GetAsync(scope, id, ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Show", new AccountShowPage(detail, input, await accounts.AgenciesAsync(scope, ct), scope, time.GetUtcNow().UtcDateTime));
    }

    [HttpPost("{id:guid}/gui-loi-moi")]
    public Task<IActionResult> Resend(Guid id, StampInput input, [FromServices] ResendInvitation handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(new ResendInvitation.Command(id, input.Stamp), Scope, ct),
            "Đã gửi lại thư mời.", "The invitation was sent again.");

    [HttpPost("{id:guid}/vo-hieu-hoa")]
    public Task<IActionResult> Deactivate(Guid id, StampInput input, [FromServices] DeactivateAccount handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(new DeactivateAccount.Command(id, input.Stamp), Scope, ct),
            "Đã vô hiệu hóa tài khoản; các phiên đăng nhập của tài khoản đã kết thúc.", "The account was deactivated and its sessions ended.");

    [HttpPost("{id:guid}/kich-hoat")]
    public Task<IActionResult> Reactivate(Guid id, StampInput input, [FromServices] ReactivateAccount handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(new ReactivateAccount.Command(id, input.Stamp), Scope, ct),
            "Đã kích hoạt lại tài khoản.", "The account was reactivated.");

    [HttpPost("{id:guid}/mo-khoa")]
    public Task<IActionResult> Unlock(Guid id, StampInput input, [FromServices] UnlockAccount handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(new UnlockAccount.Command(id, input.Stamp), Scope, ct),
            "Đã mở khóa tài khoản.", "The account was unlocked.");

    [HttpPost("{id:guid}/dat-lai-xac-thuc")]
    public Task<IActionResult> ResetTwoFactor(Guid id, StampInput input, [FromServices] ResetTwoFactor handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(new ResetTwoFactor.Command(id, input.Stamp), Scope, ct),
            "Đã đặt lại xác thực hai bước; người dùng sẽ cài lại ứng dụng khi đăng nhập.", "Two-step verification was reset; the person enrols again at sign-in.");

    [HttpPost("{id:guid}/buoc-doi-mat-khau")]
    public Task<IActionResult> ForcePasswordChange(Guid id, StampInput input, [FromServices] ForcePasswordChange handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(new ForcePasswordChange.Command(id, input.Stamp), Scope, ct),
            "Người dùng sẽ phải đổi mật khẩu ở lần đăng nhập tới.", "The person must change their password at the next sign-in.");

    /// <summary>One action on an account, then back to its page; refusals are the exception filters' (404, 403, 409).</summary>
    private async Task<IActionResult> ActAsync(Guid id, Func<Task> act, string doneVi, string doneEn)
    {
        await act();
        TempData["Message"] = Bilingual.T(doneVi, doneEn);
        return RedirectToAction(nameof(Show), new { id });
    }

    private bool Check<T>(IValidator<T> validator, T command)
    {
        foreach (var error in validator.Validate(command).Errors)
        {
            ModelState.AddModelError(error.PropertyName, Localize(error.ErrorMessage));
        }

        return ModelState.IsValid;
    }

    private static string Localize(string message)
    {
        var parts = message.Split(" / ", 2);
        return parts.Length == 2 ? Bilingual.T(parts[0], parts[1]) : message;
    }
}

public sealed class AccountInput
{
    public string? FullName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public int? AgencyId { get; set; }
    public List<string>? Roles { get; set; }
    public string? Stamp { get; set; }
}

public sealed class StampInput
{
    public string? Stamp { get; set; }
}

public sealed record AccountFilter(string? Search, int? AgencyId, AccountStatusFilter Status, string? After);

public sealed record AccountListPage(AccountFilter Filter, AccountPage Page, IReadOnlyList<AgencyChoice> Agencies, AccountScope Scope);

public sealed record AccountFormPage(AccountInput Input, IReadOnlyList<AgencyChoice> Agencies, AccountScope Scope);

public sealed record AccountShowPage(AccountDetail Detail, AccountInput Input, IReadOnlyList<AgencyChoice> Agencies, AccountScope Scope, DateTime Now);

/// <summary>An account out of reach is 404; no right to manage accounts is 403 with the page saying who may.</summary>
public sealed class AccountsExceptionFilter(IModelMetadataProvider metadata) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        switch (context.Exception)
        {
            case AccountNotFoundException:
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
