using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Portal.Core.Data;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Portal.Web.Api;

/// <summary>
/// The token endpoint's last step for the client-credentials grant: OpenIddict has already checked the client's
/// secret and that it may ask for the scopes it named; this signs in the client as itself, with those scopes (all of
/// its scopes when it named none). A client revoked since is refused here as well.
/// </summary>
public sealed class IssueClientToken(PortalDb db) : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    public async ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.IsClientCredentialsGrantType())
        {
            return;
        }

        var client = await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == context.ClientId && c.RevokedAt == null);
        if (client is null)
        {
            context.Reject(Errors.InvalidClient, "The client is not known or was revoked.");
            return;
        }

        var requested = context.Request.GetScopes();
        var identity = new ClaimsIdentity("portal-api-client", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, client.ClientId);
        identity.SetClaim(Claims.Name, client.Name);
        identity.SetScopes(requested.IsEmpty ? client.Scopes : requested);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        context.SignIn(new ClaimsPrincipal(identity));
    }
}
