using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Portal.Testing;

/// <summary>
/// A local stand-in for an OpenID Connect provider (VNeID-like, authorization code with PKCE). The portal's real OIDC
/// handler talks to it through its backchannel (this handler: discovery, JWKS, token, userinfo); the browser's part is
/// <see cref="Authorize"/>: given the authorization request the portal redirected to, it authenticates a person and
/// returns the form the browser posts back to the portal's callback. The token endpoint checks the code (once), the
/// client, the redirect address and the PKCE verifier; the id_token is RS256-signed with this provider's own key and
/// carries the portal's nonce. Written from the protocol, not from the portal's configuration.
/// </summary>
public sealed class FakeOpenIdProvider : HttpMessageHandler
{
    public const string Authority = "https://vneid.example.gov.vn";
    public const string ClientId = "cong-dvc-hai-phong";

    private static readonly Dictionary<string, object> Discovery = new()
    {
        ["issuer"] = Authority,
        ["authorization_endpoint"] = Authority + "/authorize",
        ["token_endpoint"] = Authority + "/token",
        ["userinfo_endpoint"] = Authority + "/userinfo",
        ["jwks_uri"] = Authority + "/jwks",
        ["response_types_supported"] = new[] { "code" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
    };

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Person> _accessTokens = new(StringComparer.Ordinal);

    public FakeOpenIdProvider()
    {
        _key = new RsaSecurityKey(_rsa) { KeyId = "fake-vneid-1" };
    }

    /// <summary>
    /// Someone the provider knows: the subject is the provider's own stable identifier. The email is sent with
    /// email_verified as given; the CCCD (claim citizen_id, what VNeID verifies) only when there is one.
    /// </summary>
    public sealed record Person(string Subject, string Email, string Name, bool EmailVerified = true, string? CitizenId = null)
    {
        /// <summary>The claims of the id_token and of the userinfo answer, besides the protocol's own.</summary>
        public Dictionary<string, object> Claims()
        {
            var claims = new Dictionary<string, object> { ["sub"] = Subject, ["email"] = Email, ["email_verified"] = EmailVerified, ["name"] = Name };
            if (CitizenId is not null)
            {
                claims["citizen_id"] = CitizenId;
            }

            return claims;
        }
    }

    /// <summary>The portal's settings that point its external sign-in at this provider.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Authentication:OpenIdConnect:Enabled"] = "true",
        ["Authentication:OpenIdConnect:Authority"] = Authority,
        ["Authentication:OpenIdConnect:ClientId"] = ClientId,
        ["Authentication:OpenIdConnect:DisplayName"] = "VNeID",
    };

    /// <summary>Every token request the provider answered successfully.</summary>
    public int TokensIssued => _accessTokens.Count;

    /// <summary>
    /// The provider's sign-in page for <paramref name="person"/>: checks the authorization request and returns where
    /// the browser posts back (response_mode form_post) and the fields it posts.
    /// </summary>
    public (Uri Callback, Dictionary<string, string> Form) Authorize(Uri request, Person person)
    {
        if (!request.AbsoluteUri.StartsWith(Authority + "/authorize?", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Not this provider's authorization endpoint: " + request);
        }

        var query = QueryHelpers.ParseQuery(request.Query);
        string Required(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v)
            ? v.ToString()
            : throw new InvalidOperationException($"The authorization request has no {name}: {request}");
        if (Required("client_id") != ClientId || Required("response_type") != "code" || Required("code_challenge_method") != "S256"
            || !Required("scope").Split(' ').Contains("openid", StringComparer.Ordinal))
        {
            throw new InvalidOperationException("The authorization request is not an OIDC code request with PKCE: " + request);
        }

        if (!query.TryGetValue("response_mode", out var mode) || mode != "form_post")
        {
            throw new InvalidOperationException("This provider answers code requests by form_post only, as the portal asks: " + request);
        }

        var redirect = Required("redirect_uri");
        var code = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24));
        _codes[code] = new Grant(person, redirect, Required("nonce"), Required("code_challenge"));
        return (new Uri(redirect), new Dictionary<string, string> { ["code"] = code, ["state"] = Required("state") });
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.GetLeftPart(UriPartial.Path);
        return url switch
        {
            Authority + "/.well-known/openid-configuration" => Json(Discovery),
            Authority + "/jwks" => Jwks(),
            Authority + "/token" when request.Method == HttpMethod.Post => Token(await request.Content!.ReadAsStringAsync(cancellationToken)),
            Authority + "/userinfo" => UserInfo(request.Headers.Authorization),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        };
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rsa.Dispose();
        }

        base.Dispose(disposing);
    }

    private HttpResponseMessage Jwks()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return Json(new Dictionary<string, object>
        {
            ["keys"] = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = "RS256",
                    ["kid"] = _key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                },
            },
        });
    }

    private HttpResponseMessage Token(string body)
    {
        var form = QueryHelpers.ParseQuery(body);
        string Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : string.Empty;
        if (Field("grant_type") != "authorization_code" || Field("client_id") != ClientId
            || !_codes.TryRemove(Field("code"), out var grant) || grant.RedirectUri != Field("redirect_uri"))
        {
            return Error("invalid_grant");
        }

        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(Field("code_verifier"))));
        if (challenge != grant.CodeChallenge)
        {
            return Error("invalid_grant");
        }

        var accessToken = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        _accessTokens[accessToken] = grant.Person;
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(accessToken));
        var now = DateTime.UtcNow;
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object>(grant.Person.Claims())
            {
                ["nonce"] = grant.Nonce,
                ["at_hash"] = Base64UrlEncoder.Encode(hash[..(hash.Length / 2)]),
            },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
        return Json(new Dictionary<string, object>
        {
            ["access_token"] = accessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["id_token"] = idToken,
        });
    }

    private HttpResponseMessage UserInfo(AuthenticationHeaderValue? authorization)
    {
        if (authorization is not { Scheme: "Bearer", Parameter: { } token } || !_accessTokens.TryGetValue(token, out var person))
        {
            return new HttpResponseMessage(HttpStatusCode.Unauthorized);
        }

        return Json(person.Claims());
    }

    private static HttpResponseMessage Error(string code) =>
        new(HttpStatusCode.BadRequest) { Content = new StringContent(JsonSerializer.Serialize(new { error = code }), Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Json(object value) =>
        new(HttpStatusCode.OK) { Content = new StringContent(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json") };

    private sealed record Grant(Person Person, string RedirectUri, string Nonce, string CodeChallenge);
}
