using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Api;
using Portal.Core.Audit;
using Portal.Core.Dossiers;
using Portal.Web.Tests.Security;
using static Portal.Web.Tests.Api.ApiClients;

namespace Portal.Web.Tests.Api;

/// <summary>One API operation, a request that exercises it, and the scope it needs.</summary>
public sealed record ApiRoute(string Endpoint, string Scope, Func<ApiSamples, string> Url, string Note = "");

public sealed record ApiSamples(string Procedure, string DossierOfX);

/// <summary>The API's authorization matrix: every /api/v1 route × every scope (and no token): 401 without, 403 with another scope, 200 with its own.</summary>
public static class ApiMatrix
{
    public static readonly IReadOnlyList<ApiRoute> Routes =
    [
        new("GET /api/v1/agencies", ApiScopes.CatalogueRead, _ => "/api/v1/agencies"),
        new("GET /api/v1/procedures", ApiScopes.CatalogueRead, _ => "/api/v1/procedures"),
        new("GET /api/v1/procedures/{code}", ApiScopes.CatalogueRead, s => "/api/v1/procedures/" + s.Procedure),
        new("GET /api/v1/dossiers", ApiScopes.DossiersRead, _ => "/api/v1/dossiers?limit=5"),
        new("GET /api/v1/dossiers/{code}", ApiScopes.DossiersRead, s => "/api/v1/dossiers/" + s.DossierOfX),
    ];
}

public sealed class ApiTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private HttpClient NewClient() => fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task A_client_gets_a_token_with_its_secret_and_none_with_a_wrong_secret_an_unknown_scope_a_scope_it_lacks_or_once_revoked()
    {
        var http = NewClient();
        var client = await CreateAsync(fixture.App, "Hệ thống thử cấp token", [ApiScopes.CatalogueRead]);

        using var good = await RequestTokenAsync(http, client.ClientId, client.Secret, ApiScopes.CatalogueRead);
        var body = JsonNode.Parse(await good.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("Bearer", (string?)body["token_type"]);
        Assert.InRange((int)body["expires_in"]!, 60, 3600);

        using var wrong = await RequestTokenAsync(http, client.ClientId, client.Secret + "x");
        Assert.Equal("invalid_client", (string?)JsonNode.Parse(await wrong.Content.ReadAsStringAsync())!["error"]);
        Assert.False(wrong.IsSuccessStatusCode);

        using var unknown = await RequestTokenAsync(http, client.ClientId, client.Secret, "everything:write");
        Assert.Equal("invalid_scope", (string?)JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["error"]);

        using var lacking = await RequestTokenAsync(http, client.ClientId, client.Secret, ApiScopes.DossiersRead);
        Assert.False(lacking.IsSuccessStatusCode);
        Assert.Equal("invalid_request", (string?)JsonNode.Parse(await lacking.Content.ReadAsStringAsync())!["error"]);

        var token = await TokenAsync(http, client);
        using (var before = await GetAsync(http, "/api/v1/agencies", token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await fixture.App.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<RevokeApiClient>().HandleAsync(client.Id, AuditActor.System, CancellationToken.None);
            return 0;
        });
        using var revoked = await RequestTokenAsync(http, client.ClientId, client.Secret);
        Assert.Equal("invalid_client", (string?)JsonNode.Parse(await revoked.Content.ReadAsStringAsync())!["error"]);
        // The token it already held is refused at the next call.
        using var after = await GetAsync(http, "/api/v1/agencies", token);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_token_issued_by_one_node_is_accepted_by_another_node_of_the_same_database()
    {
        var client = await CreateAsync(fixture.App, "Hệ thống gọi hai máy chủ", [ApiScopes.CatalogueRead]);
        var token = await TokenAsync(NewClient(), client);

        // A second host on the same database: its own process state, the data-protection keys of the database.
        await using var other = new Portal.Testing.PortalApp(fixture.App.Database) { OwnsDatabase = false };
        using var response = await GetAsync(other.CreateClient(), "/api/v1/agencies", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_rotated_secret_replaces_the_old_one_and_the_tokens_issued_with_it()
    {
        var http = NewClient();
        var client = await CreateAsync(fixture.App, "Hệ thống thử đổi khóa", [ApiScopes.CatalogueRead]);
        var old = await TokenAsync(http, client);
        await Task.Delay(1100); // tokens carry their issue time to the second
        var secret = await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<RotateApiClientSecret>().HandleAsync(client.Id, AuditActor.System, CancellationToken.None));

        using var oldSecret = await RequestTokenAsync(http, client.ClientId, client.Secret);
        Assert.Equal("invalid_client", (string?)JsonNode.Parse(await oldSecret.Content.ReadAsStringAsync())!["error"]);
        using var oldToken = await GetAsync(http, "/api/v1/agencies", old);
        Assert.Equal(HttpStatusCode.Unauthorized, oldToken.StatusCode);
        var fresh = await TokenAsync(http, client with { Secret = secret });
        using var ok = await GetAsync(http, "/api/v1/agencies", fresh);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Every_api_route_answers_401_without_a_token_403_with_another_scope_and_200_with_its_own_and_every_route_has_a_row()
    {
        var routed = AuthorizationMatrix.Endpoints(fixture.App.Services).Select(e => e.Key).Where(k => k.Contains(" /api/v1", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(string.Join('\n', routed.Order(StringComparer.Ordinal)), string.Join('\n', ApiMatrix.Routes.Select(r => r.Endpoint).Distinct().Order(StringComparer.Ordinal)));

        var http = NewClient();
        var samples = await SamplesAsync(fixture.App);
        var s = new ApiSamples(samples.Procedure, samples.DossierOfX);
        var tokens = new Dictionary<string, string>();
        foreach (var scope in ApiScopes.All)
        {
            tokens[scope] = await TokenAsync(http, await CreateAsync(fixture.App, "Ma trận " + scope, [scope]));
        }

        var failures = new List<string>();
        foreach (var route in ApiMatrix.Routes)
        {
            using (var anonymous = await GetAsync(http, route.Url(s), null))
            {
                Expect(route, "no token", anonymous, 401, failures);
            }

            using (var forged = await GetAsync(http, route.Url(s), "not-a-token"))
            {
                Expect(route, "a forged token", forged, 401, failures);
            }

            foreach (var scope in ApiScopes.All)
            {
                using var response = await GetAsync(http, route.Url(s), tokens[scope]);
                Expect(route, scope, response, scope == route.Scope ? 200 : 403, failures);
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static void Expect(ApiRoute route, string who, HttpResponseMessage response, int status, List<string> failures)
    {
        if ((int)response.StatusCode != status)
        {
            failures.Add($"{route.Endpoint} with {who}: expected {status}, got {(int)response.StatusCode}");
        }
        else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            failures.Add($"{route.Endpoint} with {who}: {status} without problem details ({response.Content.Headers.ContentType})");
        }
    }

    [Fact]
    public async Task A_client_limited_to_agency_X_lists_only_its_dossiers_and_a_dossier_of_Y_answers_like_one_that_does_not_exist()
    {
        var http = NewClient();
        var s = await SamplesAsync(fixture.App);
        var token = await TokenAsync(http, await CreateAsync(fixture.App, "Hệ thống một cửa của X", [ApiScopes.DossiersRead], [s.AgencyXId]));

        var codes = new List<string>();
        string? next = null;
        do
        {
            using var page = await GetAsync(http, "/api/v1/dossiers?limit=200" + (next is null ? string.Empty : "&after=" + next), token);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var body = JsonNode.Parse(await page.Content.ReadAsStringAsync())!;
            foreach (var item in body["items"]!.AsArray())
            {
                Assert.Equal(s.AgencyX, (string?)item!["agency"]);
                codes.Add((string)item["code"]!);
            }

            next = (string?)body["next"];
        }
        while (next is not null);

        var expected = await DbAsync(fixture.App, db => db.Dossiers.AsNoTracking().Where(d => d.AgencyId == s.AgencyXId && d.Status != DossierStatus.Draft).CountAsync());
        Assert.Equal(expected, codes.Count);

        using var ofY = await GetAsync(http, "/api/v1/dossiers/" + s.DossierOfY, token);
        using var ghost = await GetAsync(http, "/api/v1/dossiers/000.00.00.H31-990101-9999", token);
        Assert.Equal(HttpStatusCode.NotFound, ofY.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ghost.StatusCode);
        Assert.Equal(await ghost.Content.ReadAsStringAsync(), await ofY.Content.ReadAsStringAsync());
        using var filteredToY = await GetAsync(http, "/api/v1/dossiers?agency=" + s.AgencyY, token);
        Assert.Empty(JsonNode.Parse(await filteredToY.Content.ReadAsStringAsync())!["items"]!.AsArray());
        using var ofX = await GetAsync(http, "/api/v1/dossiers/" + s.DossierOfX, token);
        Assert.Equal(HttpStatusCode.OK, ofX.StatusCode);
    }

    [Fact]
    public async Task Keyset_pages_cover_the_filtered_list_once_each_in_order_and_filters_narrow_it()
    {
        var http = NewClient();
        var s = await SamplesAsync(fixture.App);
        var token = await TokenAsync(http, await CreateAsync(fixture.App, "Hệ thống đọc hồ sơ", [ApiScopes.DossiersRead]));
        var from = new DateOnly(2020, 1, 1);

        var expected = await DbAsync(fixture.App, db => db.Dossiers.AsNoTracking()
            .Where(d => d.AgencyId == s.AgencyXId && d.Status == DossierStatus.ResultReturned).OrderBy(d => d.Id).Select(d => d.Code!).ToListAsync());
        Assert.True(expected.Count > 7, $"The demo has {expected.Count} returned dossiers at {s.AgencyX}: too few to page.");

        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            using var page = await GetAsync(http, $"/api/v1/dossiers?agency={s.AgencyX}&status=10&receivedFrom={from:yyyy-MM-dd}&limit=7" + (next is null ? string.Empty : "&after=" + next), token);
            var body = JsonNode.Parse(await page.Content.ReadAsStringAsync())!;
            var items = body["items"]!.AsArray();
            Assert.InRange(items.Count, 1, 7);
            Assert.All(items, i => Assert.Equal(10, (int)i!["status"]!));
            seen.AddRange(items.Select(i => (string)i!["code"]!));
            next = (string?)body["next"];
            pages++;
        }
        while (next is not null && pages < 1000);

        Assert.Equal(expected, seen);
        Assert.Equal((expected.Count + 6) / 7, pages);

        // A window of reception days keeps exactly the dossiers received in it (Viet Nam dates).
        using var none = await GetAsync(http, $"/api/v1/dossiers?agency={s.AgencyX}&receivedFrom=2001-01-01&receivedTo=2001-12-31", token);
        Assert.Empty(JsonNode.Parse(await none.Content.ReadAsStringAsync())!["items"]!.AsArray());

        using var bad = await GetAsync(http, "/api/v1/dossiers?status=42&limit=9999", token, "en");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!;
        Assert.Equal("Bad request", (string?)problem["title"]);
        Assert.Contains("status is 1 to 10", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dossier_carries_its_history_its_documents_and_its_version_as_ETag_and_an_unchanged_one_answers_304()
    {
        var http = NewClient();
        var token = await TokenAsync(http, await CreateAsync(fixture.App, "Hệ thống theo dõi hồ sơ", [ApiScopes.DossiersRead]));
        var sample = await DbAsync(fixture.App, db => db.Dossiers.AsNoTracking().Where(d => d.Code != null && d.Documents.Any())
            .OrderByDescending(d => d.Id).Select(d => new { d.Code, d.Version, History = d.History.Count, Documents = d.Documents.Count(x => !x.Quarantined) }).FirstAsync());

        using var response = await GetAsync(http, "/api/v1/dossiers/" + sample.Code, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"\"{sample.Version}\"", response.Headers.ETag?.Tag);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(sample.Code, (string?)body["code"]);
        Assert.Equal(sample.Version, (int)body["version"]!);
        Assert.Equal(sample.History, body["history"]!.AsArray().Count);
        Assert.Equal(sample.Documents, body["documents"]!.AsArray().Count);
        Assert.All(body["documents"]!.AsArray(), d => Assert.Equal(64, ((string)d!["sha256"]!).Length));

        using var unchanged = await GetAsync(http, "/api/v1/dossiers/" + sample.Code, token, ifNoneMatch: $"\"{sample.Version}\"");
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        using var stale = await GetAsync(http, "/api/v1/dossiers/" + sample.Code, token, ifNoneMatch: $"\"{sample.Version - 1}\"");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
    }

    [Fact]
    public async Task The_catalogue_gives_published_procedures_with_versions_documents_fees_and_form_fields()
    {
        var http = NewClient();
        var token = await TokenAsync(http, await CreateAsync(fixture.App, "Cổng quốc gia đọc danh mục", [ApiScopes.CatalogueRead]));
        using var list = await GetAsync(http, "/api/v1/procedures", token);
        var procedures = JsonNode.Parse(await list.Content.ReadAsStringAsync())!.AsArray();
        var published = await DbAsync(fixture.App, db => db.Procedures.CountAsync(p => p.IsPublished && p.CurrentVersionId != null));
        Assert.Equal(published, procedures.Count);

        var withForm = await DbAsync(fixture.App, db => db.ProcedureVersions.AsNoTracking().Where(v => v.State == Portal.Core.Catalog.ProcedureVersionState.Published)
            .Select(v => new { v.Procedure!.Code, v.Form, v.Fees, v.Documents }).ToListAsync());
        var sample = withForm.First(v => v.Form.Count > 0 && v.Fees.Count > 0 && v.Documents.Count > 0);
        using var one = await GetAsync(http, "/api/v1/procedures/" + sample.Code, token);
        var procedure = JsonNode.Parse(await one.Content.ReadAsStringAsync())!;
        var version = procedure["versions"]!.AsArray().Single(v => (bool)v!["current"]!)!;
        Assert.Equal(sample.Form.Select(f => f.Key), version["form"]!.AsArray().Select(f => (string)f!["key"]!));
        Assert.Equal(sample.Fees.Select(f => f.Name), version["fees"]!.AsArray().Select(f => (string)f!["name"]!));
        Assert.Equal(sample.Documents.Select(d => d.Name), version["documents"]!.AsArray().Select(d => (string)d!["name"]!));

        using var missing = await GetAsync(http, "/api/v1/procedures/9.999999.000.00.00.H31", token);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var problem = JsonNode.Parse(await missing.Content.ReadAsStringAsync())!;
        Assert.Equal("Không tìm thấy", (string?)problem["title"]);
        Assert.Equal(404, (int)problem["status"]!);
        using var english = await GetAsync(http, "/api/v1/procedures/9.999999.000.00.00.H31", token, "en-GB,en;q=0.8");
        Assert.Equal("Not found", (string?)JsonNode.Parse(await english.Content.ReadAsStringAsync())!["title"]);
    }

    [Fact]
    public async Task Every_call_is_audited_with_the_client_the_route_and_the_status()
    {
        var http = NewClient();
        var client = await CreateAsync(fixture.App, "Hệ thống được ghi nhật ký", [ApiScopes.CatalogueRead]);
        var token = await TokenAsync(http, client);
        (await GetAsync(http, "/api/v1/agencies", token)).Dispose();
        (await GetAsync(http, "/api/v1/dossiers", token)).Dispose();

        var lines = await DbAsync(fixture.App, db => db.AuditTrail.AsNoTracking().Where(a => a.Action == AuditActions.ApiCall && a.UserName == client.ClientId)
            .OrderBy(a => a.Id).Select(a => a.Detail).ToListAsync());
        Assert.Equal(["GET /api/v1/agencies 200", "GET /api/v1/dossiers 403"], lines);
    }

    [Fact]
    public async Task Each_operation_is_in_the_OpenAPI_document_with_its_scope_and_its_answers_match_the_documented_statuses_and_fields()
    {
        var http = NewClient();
        using var documentResponse = await http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, documentResponse.StatusCode);
        var document = JsonNode.Parse(await documentResponse.Content.ReadAsStringAsync())!;
        Assert.StartsWith("3.1", (string?)document["openapi"], StringComparison.Ordinal);
        Assert.Contains("client credentials", (string?)document["info"]!["description"], StringComparison.Ordinal);
        Assert.Equal("/connect/token", (string?)document["components"]!["securitySchemes"]!["oauth2"]!["flows"]!["clientCredentials"]!["tokenUrl"]);

        var samples = await SamplesAsync(fixture.App);
        var s = new ApiSamples(samples.Procedure, samples.DossierOfX);
        var tokens = new Dictionary<string, string>();
        foreach (var scope in ApiScopes.All)
        {
            tokens[scope] = await TokenAsync(http, await CreateAsync(fixture.App, "Hợp đồng " + scope, [scope]));
        }

        var failures = new List<string>();
        foreach (var route in ApiMatrix.Routes)
        {
            var (method, path) = (route.Endpoint.Split(' ')[0].ToLowerInvariant(), route.Endpoint.Split(' ')[1]);
            var operation = document["paths"]?[path]?[method];
            if (operation is null)
            {
                failures.Add($"{route.Endpoint}: not in the OpenAPI document");
                continue;
            }

            if (operation["security"]?[0]?["oauth2"]?[0]?.GetValue<string>() != route.Scope)
            {
                failures.Add($"{route.Endpoint}: the document does not name the scope {route.Scope}");
            }

            if (string.IsNullOrWhiteSpace((string?)operation["summary"]) || !((string)operation["summary"]!).Contains(" / ", StringComparison.Ordinal))
            {
                failures.Add($"{route.Endpoint}: no Vietnamese / English summary");
            }

            var responses = operation["responses"]!.AsObject();
            var other = ApiScopes.All.First(x => x != route.Scope);
            foreach (var (token, label) in new[] { ((string?)null, "no token"), (tokens[other], other), (tokens[route.Scope], route.Scope) })
            {
                using var response = await GetAsync(http, route.Url(s), token);
                var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!responses.ContainsKey(status))
                {
                    failures.Add($"{route.Endpoint} with {label}: answered {status}, which the document does not list ({string.Join(", ", responses.Select(r => r.Key))})");
                    continue;
                }

                var content = responses[status]?["content"]?.AsObject();
                var media = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
                var schema = content?[media]?["schema"];
                if (schema is null)
                {
                    failures.Add($"{route.Endpoint} with {label}: {status} {media} has no schema in the document");
                    continue;
                }

                failures.AddRange(Conforms(document, schema, JsonNode.Parse(await response.Content.ReadAsStringAsync()), $"{route.Endpoint} {status}"));
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>The answer's fields against the documented schema: every field documented, every required one present, types agreeing (arrays and objects recursively).</summary>
    private static IEnumerable<string> Conforms(JsonNode document, JsonNode schema, JsonNode? value, string where)
    {
        schema = Resolve(document, schema);
        if (value is null)
        {
            yield break;
        }

        var types = schema["type"] switch
        {
            JsonArray many => many.Select(t => (string)t!).ToHashSet(),
            JsonValue one => [(string)one!],
            _ => [],
        };
        if (value is JsonArray array)
        {
            if (types.Count > 0 && !types.Contains("array"))
            {
                yield return $"{where}: an array where the document says {string.Join('|', types)}";
                yield break;
            }

            foreach (var problem in array.Take(3).SelectMany(item => schema["items"] is { } items ? Conforms(document, items, item, where + "[]") : []))
            {
                yield return problem;
            }
        }
        else if (value is JsonObject obj)
        {
            var properties = Resolve(document, schema)["properties"]?.AsObject();
            if (properties is null)
            {
                yield break;
            }

            foreach (var (name, child) in obj)
            {
                if (!properties.ContainsKey(name))
                {
                    yield return $"{where}: the field {name} is not in the document";
                }
                else
                {
                    foreach (var problem in Conforms(document, properties[name]!, child, where + "." + name))
                    {
                        yield return problem;
                    }
                }
            }

            foreach (var required in schema["required"]?.AsArray().Select(r => (string)r!) ?? [])
            {
                if (!obj.ContainsKey(required) && required != "extensions")
                {
                    yield return $"{where}: the required field {required} is missing";
                }
            }
        }
    }

    private static JsonNode Resolve(JsonNode document, JsonNode schema)
    {
        while (schema["$ref"] is { } reference)
        {
            var name = ((string)reference!).Split('/')[^1];
            schema = document["components"]!["schemas"]![name]!;
        }

        // A nullable reference is written oneOf [null, $ref] in OpenAPI 3.1.
        if (schema["oneOf"] is JsonArray options && options.FirstOrDefault(o => o?["$ref"] is not null) is { } target)
        {
            return Resolve(document, target);
        }

        return schema;
    }
}

/// <summary>A portal whose clients may make three calls a minute.</summary>
public sealed class ApiRateLimitTests : IAsyncLifetime
{
    private Portal.Testing.PortalApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await Portal.Testing.PortalApp.StartAsync(new Dictionary<string, string?> { ["Api:RequestsPerMinute"] = "3" });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_client_over_its_limit_gets_429_with_Retry_After_and_another_client_keeps_its_own_count()
    {
        var http = _app.CreateClient();
        var busy = await TokenAsync(http, await CreateAsync(_app, "Hệ thống gọi nhiều", [ApiScopes.CatalogueRead]));
        var quiet = await TokenAsync(http, await CreateAsync(_app, "Hệ thống gọi ít", [ApiScopes.CatalogueRead]));

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await GetAsync(http, "/api/v1/agencies", busy);
            statuses.Add((int)response.StatusCode);
            if (i == 3)
            {
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal("Quá nhiều yêu cầu", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["title"]);
            }
        }

        Assert.Equal([200, 200, 200, 429], statuses);
        using var other = await GetAsync(http, "/api/v1/agencies", quiet);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
