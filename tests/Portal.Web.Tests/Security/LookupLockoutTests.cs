using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Dossiers;
using Portal.Core.Notifications;
using Portal.Testing;

namespace Portal.Web.Tests.Security;

/// <summary>The portal on a real port behind loopback as its known proxy (so that each client is the address it names), on a clock the tests move.</summary>
public sealed class LookupLockoutFixture : IAsyncLifetime
{
    public const string OwnerEmail = "chu.ho.so@example.vn";

    /// <summary>Monday 02/03/2026 09:00 in Hải Phòng.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));

    public PortalApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var database = await TestDatabase.CreateAsync(migrate: false);
        var port = PortalApp.FreePort();
        App = new ClockedApp(database, new Dictionary<string, string?>
        {
            ["Portal:SeedDemo"] = "true",
            ["Portal:DemoDossiers"] = "0",
            ["Portal:NodeRoles"] = "web",
            ["Portal:PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            ["AllowedHosts"] = "127.0.0.1;localhost",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        }, Clock);
        App.UseKestrel(port);
        App.StartServer();
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    /// <summary>A dossier of the demo citizen, filed online now, with an e-mail address of its own: its code and PIN.</summary>
    public async Task<(long Id, string Code, string Pin)> NewDossierAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        var agency = await db.Agencies.SingleAsync(a => a.Code == SecurityFixture.AgencyX);
        var procedure = await db.Procedures.Where(p => p.IsPublished && db.ProcedureAgencies.Any(pa => pa.ProcedureId == p.Id && pa.AgencyId == agency.Id))
            .OrderBy(p => p.Id).FirstAsync();
        var user = await db.Users.SingleAsync(u => u.Email == "congdan@" + DemoSeeder.EmailDomain);
        var now = Clock.GetUtcNow().UtcDateTime;
        var dossier = Dossier.StartDraft(new ProcedureRef(procedure.Id, procedure.CurrentVersionId!.Value, procedure.SectorId), agency.Id,
            new Applicant(ApplicantKind.Person, "Đỗ Thị Khóa", "031190001234", "0912345678", OwnerEmail, "Số 5 Lạch Tray, Hải Phòng"), user.Id, now);
        dossier.SetFormData("{}", now);
        var code = await scope.ServiceProvider.GetRequiredService<DossierCodeAllocator>().NextAsync(agency.Code, DateOnly.FromDateTime(now));
        // A PIN none of the tests' wrong guesses can hit.
        dossier.Submit(code, "731904", now, user.ToActor(Roles.Citizen));
        db.Dossiers.Add(dossier);
        await db.SaveChangesAsync();
        return (dossier.Id, code, dossier.LookupPin!);
    }

    /// <summary>The lookup-closed mails queued for the dossier.</summary>
    public Task<List<EmailPayload>> ClosedMailsAsync(long dossierId) => App.WithScopeAsync(async sp =>
        (await sp.GetRequiredService<PortalDb>().Outbox.AsNoTracking()
            .Where(m => m.DossierId == dossierId && m.Kind == OutboxKind.Email && m.Type == "lookup-closed").ToListAsync())
        .Select(m => EmailPayload.Parse(m.Payload)).ToList());

    /// <summary>A browser at <paramref name="address"/>: its own cookies and antiforgery token, and its address in X-Forwarded-For.</summary>
    public Visitor Visit(string address) => new(App.BaseUrl, address);

    private sealed class ClockedApp(TestDatabase database, IDictionary<string, string?> settings, TimeProvider clock) : PortalApp(database, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton(clock));
        }
    }
}

public sealed class Visitor(string baseUrl, string address) : IDisposable
{
    private readonly HttpClient _http = NewClient(baseUrl, address);

    private static HttpClient NewClient(string baseUrl, string address)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return http;
    }

    /// <summary>The lookup form, then the code and PIN posted through it; <paramref name="english"/> asks for the English page.</summary>
    public async Task<Page> LookupAsync(string code, string pin, bool english = false)
    {
        var query = english ? "?culture=en-US&ui-culture=en-US" : string.Empty;
        var form = await new FormClient(_http).GetAsync("/tra-cuu" + query);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var token = form.Document.QuerySelector("form[action='/tra-cuu'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var response = await _http.PostAsync("/tra-cuu" + query, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Code"] = code,
            ["Pin"] = pin,
        }), TestContext.Current.CancellationToken);
        return await Page.ReadAsync(response);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>
/// ASVS 2.2.1 / 11.1.x: the public lookup's limit per dossier code, whatever the client. Five wrong PINs for an existing
/// code close it to anonymous lookup for an hour, the right PIN included, and the owner is mailed once.
/// </summary>
public sealed class LookupLockoutTests(LookupLockoutFixture f) : IClassFixture<LookupLockoutFixture>
{
    private const string NotFound = "Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này";
    private const string Closed = "Tra cứu công khai hồ sơ này tạm khóa trong một giờ";

    private static string Wrong(int i) => $"{100000 + i:000000}";

    [Fact]
    public async Task The_right_PIN_after_five_wrong_ones_is_refused_for_an_hour_with_a_clear_message_and_works_after_it()
    {
        var (_, code, pin) = await f.NewDossierAsync();
        using var visitor = f.Visit("203.0.113.7");
        var first = await visitor.LookupAsync(code, Wrong(1));
        Assert.Equal(HttpStatusCode.NotFound, first.Status);
        for (var i = 2; i <= 4; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.LookupAsync(code, Wrong(i))).Status);
        }

        var closedUntil = f.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).AddHours(1).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);
        var fifth = await visitor.LookupAsync(code, Wrong(5));
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.Status);
        Assert.Contains(Closed, fifth.Text, StringComparison.Ordinal);

        var refused = await visitor.LookupAsync(code, pin);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains(Closed, refused.Text, StringComparison.Ordinal);
        Assert.Contains(closedUntil, refused.Text, StringComparison.Ordinal);
        Assert.NotNull(refused.Document.QuerySelector("#lookup-closed a[href='/ho-so-cua-toi']"));
        Assert.DoesNotContain("Đ. T. K.", refused.Text, StringComparison.Ordinal);
        Assert.Null(refused.Document.QuerySelector("#h-ket-qua"));

        var english = await visitor.LookupAsync(code, pin, english: true);
        Assert.Contains("The public lookup of this dossier is closed for an hour", english.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("tạm khóa", english.Text, StringComparison.Ordinal);

        // An unknown code is not counted and says nothing new, however often it is tried: exactly what a wrong PIN said.
        for (var i = 0; i < 6; i++)
        {
            var unknown = await visitor.LookupAsync(SecurityFixture.AgencyX + "-991231-9999", Wrong(i));
            Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
            Assert.Equal(first.Document.QuerySelector("[role=alert]")!.TextContent, unknown.Document.QuerySelector("[role=alert]")!.TextContent);
        }

        f.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await visitor.LookupAsync(code, pin)).Status);

        f.Clock.Advance(TimeSpan.FromMinutes(1));
        var open = await visitor.LookupAsync(code, pin);
        Assert.Equal(HttpStatusCode.OK, open.Status);
        Assert.Contains("Đ. T. K.", open.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Closed, open.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_PINs_from_different_clients_sent_at_once_count_together_and_the_owner_is_mailed_exactly_once()
    {
        var (id, code, pin) = await f.NewDossierAsync();
        string[] addresses = ["203.0.113.20", "198.51.100.21", "2001:db8:a::1", "2001:db8:b::1", "::ffff:192.0.2.23"];
        var visitors = addresses.Select(f.Visit).ToList();
        try
        {
            var answers = await Task.WhenAll(visitors.Select((v, i) => v.LookupAsync(code, Wrong(i))));
            Assert.Equal(4, answers.Count(a => a.Status == HttpStatusCode.NotFound));
            Assert.Single(answers, a => a.Status == HttpStatusCode.TooManyRequests && a.Text.Contains(Closed, StringComparison.Ordinal));

            using var stranger = f.Visit("192.0.2.99");
            Assert.Equal(HttpStatusCode.TooManyRequests, (await stranger.LookupAsync(code, pin)).Status);
            // Wrong PINs while closed, and the code closed again an hour later: still the one mail.
            Assert.Equal(HttpStatusCode.TooManyRequests, (await stranger.LookupAsync(code, Wrong(7))).Status);
            f.Clock.Advance(TimeSpan.FromHours(1));
            for (var i = 0; i < 5; i++)
            {
                await stranger.LookupAsync(code, Wrong(10 + i));
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, (await stranger.LookupAsync(code, pin)).Status);
            f.Clock.Advance(TimeSpan.FromHours(1));

            var mail = Assert.Single(await f.ClosedMailsAsync(id));
            Assert.Equal(LookupLockoutFixture.OwnerEmail, mail.To);
            Assert.Contains(code, mail.Subject, StringComparison.Ordinal);
            Assert.Contains($"{f.App.BaseUrl}/ho-so-cua-toi", mail.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(pin, mail.Text, StringComparison.Ordinal);
        }
        finally
        {
            visitors.ForEach(v => v.Dispose());
        }
    }
}
