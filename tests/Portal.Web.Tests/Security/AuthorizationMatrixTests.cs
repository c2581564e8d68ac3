using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Payments;
using static Portal.Web.Tests.Security.AuthorizationMatrix;

namespace Portal.Web.Tests.Security;

[Collection(SecurityCollection.Name)]
public sealed class AuthorizationMatrixTests(SecurityFixture f)
{
    /// <summary>Roles that may see nothing of citizen A's dossiers at agency X.</summary>
    private static readonly Who[] OutsidersOfX = [Who.Anonymous, Who.CitizenB, Who.ReceptionY, Who.HandlerY, Who.ApproverY];

    /// <summary>Roles that may see nothing of citizen B's dossier at agency Y.</summary>
    private static readonly Who[] OutsidersOfY = [Who.Anonymous, Who.CitizenA, Who.ReceptionX, Who.HandlerX, Who.ApproverX, Who.LeaderX];

    [Fact]
    public void Every_endpoint_of_the_app_has_a_row_in_the_expectation_table_and_every_row_an_endpoint()
    {
        var routed = Endpoints(f.App.Services).Select(e => e.Key).ToHashSet();
        var table = Cases.Select(c => c.Endpoint).ToHashSet();
        var missing = routed.Except(table).Order(StringComparer.Ordinal).ToList();
        var gone = table.Except(routed).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, "Endpoints with no row in the authorization matrix (add one with the outcome of every role):\n" + string.Join('\n', missing));
        Assert.True(gone.Count == 0, "Rows of the matrix for endpoints the app no longer has:\n" + string.Join('\n', gone));
        Assert.Contains("ANY /hangfire/{**path}", routed);
        Assert.All(Cases, c => Assert.All(Enum.GetValues<Who>(), w => Assert.NotEmpty(c.Expected(w))));
    }

    [Fact]
    public async Task Every_role_gets_its_expected_outcome_on_every_endpoint_and_nothing_of_another_user_or_agency_leaks()
    {
        var failures = new List<string>();
        foreach (var row in Cases)
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                var session = f.Sessions[who];
                var request = row.Request(f.Ids);
                var expected = row.Expected(who);
                using var response = await SendAsync(session, request, session.Token);
                var actual = Classify(response);
                var body = await response.Content.ReadAsStringAsync();
                if (actual != expected)
                {
                    failures.Add($"{row} as {who}: expected {expected}, got {actual}");
                }

                failures.AddRange(Leaks(row, who, request, body));
                if (expected == "404" && actual == "404")
                {
                    failures.AddRange(await SameAsNothingAsync(row, session, request, body));
                }

                if (request.SignsOut)
                {
                    await f.RenewAsync(who);
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} cells of the matrix are wrong:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task A_leader_of_agency_X_exports_the_dossiers_of_X_only_and_the_province_leader_those_of_every_agency()
    {
        const string url = "/lanh-dao/ho-so/xuat.csv?chi-so=Received";
        var ofX = await f.Sessions[Who.LeaderX].Client.Http.GetStringAsync(url);
        var ofProvince = await f.Sessions[Who.ProvinceLeader].Client.Http.GetStringAsync(url);

        Assert.Contains(f.Ids.FiledXCode, ofX, StringComparison.Ordinal);
        Assert.DoesNotContain(f.Ids.FiledYCode, ofX, StringComparison.Ordinal);
        Assert.Contains(f.Ids.FiledXCode, ofProvince, StringComparison.Ordinal);
        Assert.Contains(f.Ids.FiledYCode, ofProvince, StringComparison.Ordinal);
    }

    /// <summary>Someone else's row answers exactly like a row that does not exist: same status, same page.</summary>
    private async Task<IEnumerable<string>> SameAsNothingAsync(MatrixCase row, Session session, MatrixRequest request, string body)
    {
        var ghost = row.Request(f.Ghost);
        using var response = await SendAsync(session, ghost, session.Token);
        var ghostBody = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            return [$"{row} as {session.Who}: a row that does not exist answers {(int)response.StatusCode}, someone else's 404"];
        }

        return Comparable(body, request) == Comparable(ghostBody, ghost)
            ? []
            : [$"{row} as {session.Who}: the 404 for someone else's row differs from the 404 for a row that does not exist"];
    }

    private IEnumerable<string> Leaks(MatrixCase row, Who who, MatrixRequest request, string body)
    {
        var asked = request.Url + " " + Uri.UnescapeDataString(request.Url.Replace('+', ' ')) + " " + string.Join(' ', request.Form?.Values ?? []);
        var secrets = new List<string>();
        if (OutsidersOfX.Contains(who))
        {
            secrets.AddRange([SecurityFixture.SecretName, SecurityFixture.SecretCitizenId, SecurityFixture.SecretPhone, "bao.mat@example.vn", f.Ids.SupplementXCode]);
            if (!row.PublicCode)
            {
                secrets.Add(f.Ids.FiledXCode);
            }
        }

        if (OutsidersOfY.Contains(who))
        {
            secrets.AddRange([SecurityFixture.SecretNameB, f.Ids.FiledYCode]);
        }

        return secrets.Where(s => !asked.Contains(s, StringComparison.Ordinal) && body.Contains(s, StringComparison.Ordinal))
            .Select(s => $"{row} as {who}: the answer shows \"{s}\", which is not theirs to see");
    }
}

[Collection(SecurityCollection.Name)]
public sealed class AntiforgeryTests(SecurityFixture f)
{
    /// <summary>Refusals that happen before the token is looked at (authentication and roles): they stay what they are.</summary>
    private static readonly string[] RefusedEarlier = ["login", "denied", "401"];

    [Fact]
    public async Task Every_POST_without_an_antiforgery_token_is_refused_before_it_does_anything()
    {
        var failures = await SweepAsync(_ => null);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_POST_with_the_token_of_another_session_is_refused()
    {
        // Each role presents the token of the next role's session (the anonymous one takes citizen A's).
        var roles = Enum.GetValues<Who>();
        var failures = await SweepAsync(who => f.Sessions[roles[((int)who + 1) % roles.Length]].Token);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Only_the_status_pages_take_a_POST_without_a_token_and_they_change_nothing()
    {
        var posts = Endpoints(f.App.Services).Where(e => e.Methods.Contains("POST")).Select(e => e.Key).ToList();
        Assert.Equal(["ANY /Home/Error", "ANY /Home/Status/{code:int}"], WithoutAntiforgery.Keys.Order(StringComparer.Ordinal));
        Assert.All(WithoutAntiforgery.Keys, k => Assert.Contains(k, posts));
        Assert.True(posts.Count > 40, $"Only {posts.Count} POST endpoints found: the enumeration is broken.");

        var before = await CountRowsAsync();
        var session = f.Sessions[Who.CitizenA];
        using var status = await SendAsync(session, new MatrixRequest("POST", "/Home/Status/404", new Dictionary<string, string>()), token: null);
        using var error = await SendAsync(session, new MatrixRequest("POST", "/Home/Error", new Dictionary<string, string>()), token: null);
        // The gateway's notification is a GET (as VNPAY sends it), authenticated by its signature: a forged one changes nothing either.
        using var ipn = await SendAsync(session, new MatrixRequest("GET", $"/thanh-toan/ipn?ref={f.Ids.PaymentRef}&amount=8000&code=00&txn=1&sig={new string('0', 64)}"), token: null);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal("""{"RspCode":"97","Message":"Invalid signature"}""", await ipn.Content.ReadAsStringAsync());
        Assert.Equal(before, await CountRowsAsync());
    }

    private Task<(int Payments, int History, int Outbox)> CountRowsAsync() => f.App.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PortalDb>();
        return (await db.Payments.CountAsync(p => p.Status != PaymentStatus.Pending), await db.DossierHistory.CountAsync(), await db.Outbox.CountAsync());
    });

    private async Task<List<string>> SweepAsync(Func<Who, string?> token)
    {
        var failures = new List<string>();
        var posts = Endpoints(f.App.Services).Where(e => e.Methods.Contains("POST")).Select(e => e.Key).ToHashSet();
        var swept = 0;
        foreach (var row in Cases.Where(c => posts.Contains(c.Endpoint) && !WithoutAntiforgery.ContainsKey(c.Endpoint)))
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                var request = PostOf(row.Request(f.Ids));
                using var response = await SendAsync(f.Sessions[who], request, token(who));
                var actual = Classify(response);
                var body = await response.Content.ReadAsStringAsync();
                var withToken = row.Expected(who);
                swept++;
                // Refused for the token (the bilingual 400 page), or refused even earlier for who the user is.
                var refusedForToken = actual == "400" && body.Contains("Mã lỗi 400", StringComparison.Ordinal);
                var refusedEarlier = RefusedEarlier.Contains(withToken) && actual == withToken;
                // The dashboard checks the same ASP.NET Core token itself, after its own authorization, and answers 403.
                var refusedByDashboard = request.Url.StartsWith("/hangfire/", StringComparison.Ordinal) && actual == "403";
                if (!refusedForToken && !refusedEarlier && !refusedByDashboard)
                {
                    failures.Add($"{row} as {who}: a POST without a valid token of the session got {actual} instead of the antiforgery refusal");
                }
            }
        }

        Assert.True(swept >= 12 * 40, $"Only {swept} requests swept.");
        return failures;
    }

    [Fact]
    public async Task The_dashboard_takes_a_command_from_an_administrator_only_with_the_token_of_the_session()
    {
        var admin = f.Sessions[Who.Admin];
        var command = PostOf(new MatrixRequest("GET", "/hangfire"));
        using var without = await SendAsync(admin, command, token: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, command.Url) { Content = new FormUrlEncodedContent(command.Form!) };
        request.Headers.Add("RequestVerificationToken", admin.Token);
        using var with = await admin.Client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, without.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, with.StatusCode);
    }

    /// <summary>The POST a row stands for: itself, a dashboard command for the dashboard, an empty POST for pages that take any method.</summary>
    private static MatrixRequest PostOf(MatrixRequest request) => request switch
    {
        { Method: "POST" } => request,
        { Url: var url } when url.StartsWith("/hangfire", StringComparison.Ordinal) =>
            new MatrixRequest("POST", "/hangfire/recurring/trigger", new Dictionary<string, string> { ["jobs[]"] = "outbox-sweep" }),
        _ => request with { Method = "POST", Form = new Dictionary<string, string>() },
    };
}
