using System.Security.Cryptography;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Portal.Core.Api;

/// <summary>
/// OpenIddict's side of an <see cref="ApiClient"/>: a confidential application that may use the token endpoint with
/// the client-credentials grant and request exactly the client's scopes. OpenIddict hashes the secret; the portal never
/// stores it in clear and shows it once.
/// </summary>
public static class ApiClientApplications
{
    public static string NewClientId() => "cdvc-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>256 random bits, base64url: what an administrator copies into the other system's configuration.</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static OpenIddictApplicationDescriptor Descriptor(ApiClient client, string? secret)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = client.Name,
        };
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        foreach (var scope in client.Scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        return descriptor;
    }

    /// <summary>Writes the client's scopes (and, when given, a new secret) to its OpenIddict application.</summary>
    public static async Task UpdateAsync(IOpenIddictApplicationManager applications, ApiClient client, string? secret, CancellationToken ct)
    {
        var application = await applications.FindByClientIdAsync(client.ClientId, ct)
            ?? throw new DomainException("Không thấy ứng dụng trong máy chủ cấp token.", "The client is missing from the token server.");
        var descriptor = Descriptor(client, secret);
        if (secret is null)
        {
            // Keep the current hash: PopulateAsync would otherwise write an empty secret.
            var current = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(current, application, ct);
            descriptor.ClientSecret = current.ClientSecret;
            await applications.PopulateAsync(application, descriptor, ct);
            await applications.UpdateAsync(application, ct);
        }
        else
        {
            await applications.PopulateAsync(application, descriptor, ct);
            await applications.UpdateAsync(application, secret, ct);
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
