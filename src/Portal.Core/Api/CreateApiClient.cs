using FluentValidation;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Text;

namespace Portal.Core.Api;

/// <summary>
/// An administrator registers another system as an API client: its name, its scopes and the agencies it may see.
/// The secret is made here and returned once; only its hash is kept.
/// </summary>
public sealed class CreateApiClient(PortalDb db, IOpenIddictApplicationManager applications, AuditTrail audit, TimeProvider time)
{
    public sealed record Command(string? Name, IReadOnlyList<string> Scopes, IReadOnlyList<int> AgencyIds);

    public sealed record Result(int Id, string ClientId, string Secret);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).Must(n => VietnameseText.Normalize(n).Length is >= 3 and <= ApiClient.MaxNameLength)
                .WithMessage("Tên hệ thống từ 3 đến 200 ký tự, ví dụ \"Hệ thống một cửa Sở Tư pháp\". / The system's name is 3 to 200 characters, e.g. \"Department of Justice one-stop system\".");
            RuleFor(c => c.Scopes).NotEmpty()
                .WithMessage("Chọn ít nhất một phạm vi truy cập. / Choose at least one scope.");
            RuleForEach(c => c.Scopes).Must(s => ApiScopes.All.Contains(s))
                .WithMessage("Phạm vi truy cập không có trong danh sách. / A scope that is not in the list.");
        }
    }

    public async Task<Result> HandleAsync(Command command, AuditActor who, CancellationToken ct)
    {
        await ApiClientAgencies.EnsureExistAsync(db, command.AgencyIds, ct);
        var client = new ApiClient(ApiClientApplications.NewClientId(), VietnameseText.Normalize(command.Name), command.Scopes, command.AgencyIds,
            time.GetUtcNow().UtcDateTime, who.UserId);
        var secret = ApiClientApplications.NewSecret();
        // The portal's row, OpenIddict's application and the audit line commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ApiClients.Add(client);
        await applications.CreateAsync(ApiClientApplications.Descriptor(client, secret), ct);
        audit.Add(who, AuditActions.ApiClientCreate, null, AuditDetail.Change(null, ApiClientAgencies.Facts(client)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Result(client.Id, client.ClientId, secret);
    }
}

/// <summary>An administrator changes what a client may do: its scopes and its agencies. Tokens already issued carry the old scopes until they expire.</summary>
public sealed class ChangeApiClientAccess(PortalDb db, IOpenIddictApplicationManager applications, AuditTrail audit)
{
    public sealed record Command(int Id, IReadOnlyList<string> Scopes, IReadOnlyList<int> AgencyIds);

    public async Task HandleAsync(Command command, AuditActor who, CancellationToken ct)
    {
        var client = await ApiClientAgencies.LoadAsync(db, command.Id, ct);
        await ApiClientAgencies.EnsureExistAsync(db, command.AgencyIds, ct);
        var before = ApiClientAgencies.Facts(client);
        client.ChangeAccess(command.Scopes, command.AgencyIds);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ApiClientApplications.UpdateAsync(applications, client, null, ct);
        audit.Add(who, AuditActions.ApiClientAccess, null, AuditDetail.Change(before, ApiClientAgencies.Facts(client)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}

/// <summary>A new secret for a client (the old one stops working at once, and so do the tokens issued with it); shown once.</summary>
public sealed class RotateApiClientSecret(PortalDb db, IOpenIddictApplicationManager applications, AuditTrail audit, TimeProvider time)
{
    public async Task<string> HandleAsync(int id, AuditActor who, CancellationToken ct)
    {
        var client = await ApiClientAgencies.LoadAsync(db, id, ct);
        var secret = ApiClientApplications.NewSecret();
        client.SecretRotated(time.GetUtcNow().UtcDateTime);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ApiClientApplications.UpdateAsync(applications, client, secret, ct);
        audit.Add(who, AuditActions.ApiClientRotate, null, AuditDetail.Change(null, new { client.ClientId }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return secret;
    }
}

/// <summary>Revokes a client for good: no new token, and every token it holds is refused at the next call.</summary>
public sealed class RevokeApiClient(PortalDb db, IOpenIddictApplicationManager applications, AuditTrail audit, TimeProvider time)
{
    public async Task HandleAsync(int id, AuditActor who, CancellationToken ct)
    {
        var client = await ApiClientAgencies.LoadAsync(db, id, ct);
        client.Revoke(time.GetUtcNow().UtcDateTime);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await applications.FindByClientIdAsync(client.ClientId, ct) is { } application)
        {
            await applications.DeleteAsync(application, ct);
        }

        audit.Add(who, AuditActions.ApiClientRevoke, null, AuditDetail.Change(ApiClientAgencies.Facts(client), null));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}

internal static class ApiClientAgencies
{
    public static async Task<ApiClient> LoadAsync(PortalDb db, int id, CancellationToken ct) =>
        await db.ApiClients.SingleOrDefaultAsync(c => c.Id == id, ct)
        ?? throw new DomainException("Không có ứng dụng này.", "There is no such client.");

    public static async Task EnsureExistAsync(PortalDb db, IReadOnlyList<int> agencyIds, CancellationToken ct)
    {
        var ids = agencyIds.Distinct().ToList();
        var found = await db.Agencies.CountAsync(a => ids.Contains(a.Id), ct);
        DomainException.Ensure(found == ids.Count, "Một cơ quan được chọn không tồn tại.", "A chosen agency does not exist.");
    }

    public static object Facts(ApiClient client) => new { client.ClientId, client.Name, Scopes = string.Join(' ', client.Scopes), Agencies = string.Join(',', client.AgencyIds) };
}
