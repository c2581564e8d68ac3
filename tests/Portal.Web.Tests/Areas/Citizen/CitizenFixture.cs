using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Testing;
using Portal.Web.Areas.Citizen.Controllers;

namespace Portal.Web.Tests.Areas.Citizen;

/// <summary>
/// One demo portal for every citizen test class (a collection fixture: one host, tests in turn), in payments test
/// mode. The sandbox gateway's server-to-server notification is routed into the test server.
/// </summary>
public sealed class CitizenApp(TestDatabase database, IDictionary<string, string?> settings) : PortalApp(database, settings)
{
    /// <summary>Every address the sandbox sent its notification to.</summary>
    public ConcurrentQueue<Uri> SandboxNotifications { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddHttpClient(SandboxGatewayController.CallbackClient)
            .ConfigurePrimaryHttpMessageHandler(() => new Recording(SandboxNotifications) { InnerHandler = Server.CreateHandler() }));
    }

    private sealed class Recording(ConcurrentQueue<Uri> sent) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Enqueue(request.RequestUri!);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

public class CitizenFixture : IAsyncLifetime
{
    public CitizenApp App { get; private set; } = null!;

    public string MailFolder => Path.Combine(App.DataDirectory, "mail");

    public async ValueTask InitializeAsync()
    {
        var database = await TestDatabase.CreateAsync(migrate: false);
        var settings = new Dictionary<string, string?>
        {
            ["Portal:SeedDemo"] = "true",
            ["Portal:DemoDossiers"] = "60",
            ["RateLimits:LookupPerMinute"] = "6",
            ["Filing:MaxFileBytes"] = "200000",
            ["Filing:PlaceName"] = "Hải Phòng",
            ["Payments:Mode"] = "Test",
        };
        await ConfigureAsync(settings);
        App = new CitizenApp(database, settings);
        _ = App.Server;
        Started();
    }

    /// <summary>Settings of a derived fixture (another gateway), before the portal starts.</summary>
    protected virtual Task ConfigureAsync(Dictionary<string, string?> settings) => Task.CompletedTask;

    protected virtual void Started()
    {
    }

    public virtual async ValueTask DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class CitizenCollection : ICollectionFixture<CitizenFixture>
{
    public const string Name = "citizen";
}

/// <summary>What a citizen does, step by step, through the real pages (no JavaScript, like FormClient).</summary>
public static class Citizen
{
    public const string Password = "Matkhau@2026";
    public const string BirthRegistration = "1.001193";
    public const string ExtractCopy = "2.000635";
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    private static int _sequence;

    public static string NewEmail() => $"nguoimoi{Interlocked.Increment(ref _sequence)}.{Guid.NewGuid().ToString("N")[..8]}@example.vn";

    /// <summary>A valid CCCD for someone born in Hải Phòng (031) in 1990, male.</summary>
    public static string NewCitizenId() => "0310" + "90" + RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);

    public static Dictionary<string, string?> PersonForm(string email, string citizenId) => new()
    {
        ["Kind"] = "Person",
        ["FullName"] = "Trần Thị Bích Ngọc",
        ["CitizenId"] = citizenId,
        ["DateOfBirth"] = "1990-03-15",
        ["Phone"] = "0912 345 678",
        ["Email"] = email,
        ["Address"] = "Số 8 Lạch Tray, phường Lê Chân, thành phố Hải Phòng",
        ["Password"] = Password,
        ["ConfirmPassword"] = Password,
    };

    /// <summary>Registers a person, opens the confirmation link from the pickup folder, and signs in.</summary>
    public static async Task<FormClient> RegisterAsync(CitizenFixture fixture, string? email = null)
    {
        email ??= NewEmail();
        var client = FormClient.For(fixture.App);
        var page = await client.GetAsync("/Account/Register");
        var response = await client.SubmitAsync(page, "form[action='/Account/Register']", PersonForm(email, NewCitizenId()));
        var done = await Page.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, done.Text);
        Assert.Contains("Kiểm tra hộp thư", done.Text, StringComparison.Ordinal);
        var link = await ConfirmationLinkAsync(fixture, email);
        var confirmed = await client.GetAsync(link);
        Assert.Contains("Đã xác nhận tài khoản", confirmed.Text, StringComparison.Ordinal);
        await client.SignInAsync(email, Password);
        return client;
    }

    public static async Task<MimeKit.MimeMessage> WaitForMailAsync(CitizenFixture fixture, Func<MimeKit.MimeMessage, bool> match, int seconds = 60)
    {
        for (var i = 0; i < seconds * 4; i++)
        {
            if (Directory.Exists(fixture.MailFolder))
            {
                foreach (var file in Directory.GetFiles(fixture.MailFolder, "*.eml"))
                {
                    var message = await MimeKit.MimeMessage.LoadAsync(file);
                    if (match(message))
                    {
                        return message;
                    }
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The expected mail never reached the pickup folder.");
    }

    public static async Task<string> ConfirmationLinkAsync(CitizenFixture fixture, string email)
    {
        var mail = await WaitForMailAsync(fixture, m => m.To.ToString().Contains(email, StringComparison.OrdinalIgnoreCase) && (m.Subject ?? string.Empty).StartsWith("Xác nhận", StringComparison.Ordinal));
        var url = Regex.Match(mail.TextBody ?? string.Empty, @"http\S+/Account/ConfirmEmail\S+").Value;
        return new Uri(url).PathAndQuery;
    }

    public static async Task<int> ProcedureIdAsync(PortalApp app, string code) =>
        await app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Procedures.Where(p => p.Code == code).Select(p => p.Id).SingleAsync());

    /// <summary>Opens a draft from the procedure page (at the ward the page chose, or at <paramref name="agencyId"/>); returns its id.</summary>
    public static async Task<long> StartAsync(FormClient client, int procedureId, int? agencyId = null)
    {
        var page = await client.GetAsync($"/thu-tuc/{procedureId}");
        var response = await client.SubmitAsync(page, "form[action='/nop-ho-so/bat-dau']",
            agencyId is { } agency ? new Dictionary<string, string?> { ["agencyId"] = agency.ToString(System.Globalization.CultureInfo.InvariantCulture) } : new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return long.Parse(Regex.Match(response.Headers.Location!.ToString(), @"/nop-ho-so/(\d+)/").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<HttpResponseMessage> PostStepAsync(FormClient client, string url, IDictionary<string, string?> values)
    {
        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return await client.SubmitAsync(page, $"form[action='{url}']", values);
    }

    public static Dictionary<string, string?> BirthForm() => new()
    {
        ["f.subject_name"] = "Trần Minh Khang",
        ["f.subject_dob"] = "2026-11-20",
        ["f.subject_gender"] = "Nam",
        ["f.subject_residence"] = "Số 8 Lạch Tray, phường Lê Chân, thành phố Hải Phòng",
        ["f.relation"] = "Mẹ",
    };

    /// <summary>Uploads files into slots; returns the response (the page itself when something was refused).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(FormClient client, string url, IEnumerable<(int Slot, string Name, byte[] Content)> files, string next = "tiep")
    {
        var page = await client.GetAsync(url);
        var form = page.Document.QuerySelector<IHtmlFormElement>($"form[action='{url}']") ?? throw new InvalidOperationException("No upload form on " + url);
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(next), "next" },
        };
        foreach (var (slot, name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, $"slot{slot}", name);
        }

        return await client.Http.PostAsync(url, content);
    }

    /// <summary>A complete birth-registration draft (applicant, form, both required documents); returns its id.</summary>
    public static async Task<long> CompleteDraftAsync(FormClient client, PortalApp app, string procedureCode = BirthRegistration, Dictionary<string, string?>? form = null,
        int? agencyId = null)
    {
        var id = await StartAsync(client, await ProcedureIdAsync(app, procedureCode), agencyId);
        var applicant = await PostStepAsync(client, $"/nop-ho-so/{id}/nguoi-nop", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, applicant.StatusCode);
        var filled = await PostStepAsync(client, $"/nop-ho-so/{id}/to-khai", form ?? BirthForm());
        Assert.True(filled.StatusCode == HttpStatusCode.Redirect, (await Page.ReadAsync(filled)).Text);
        var mandatory = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            var versionId = await db.Dossiers.Where(d => d.Id == id).Select(d => d.ProcedureVersionId).SingleAsync();
            var version = await db.ProcedureVersions.SingleAsync(v => v.Id == versionId);
            return version.Documents.Select((d, i) => (d, i)).Where(x => x.d.Mandatory).Select(x => x.i).ToList();
        });
        var uploaded = await UploadAsync(client, $"/nop-ho-so/{id}/giay-to", mandatory.Select(i => (i, $"giay-to-{i}.pdf", Pdf)));
        Assert.True(uploaded.StatusCode == HttpStatusCode.Redirect, (await Page.ReadAsync(uploaded)).Text);
        Assert.EndsWith("/kiem-tra", uploaded.Headers.Location!.ToString(), StringComparison.Ordinal);
        return id;
    }

    public static async Task<HttpResponseMessage> SubmitAsync(FormClient client, long id)
    {
        var page = await client.GetAsync($"/nop-ho-so/{id}/kiem-tra");
        return await client.SubmitAsync(page, $"form[action='/nop-ho-so/{id}/nop']", new Dictionary<string, string?>());
    }

    public static async Task<Dossier> DossierAsync(PortalApp app, long id) =>
        await app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Dossiers.AsNoTracking()
            .Include(d => d.Documents).Include(d => d.SupplementRequests).SingleAsync(d => d.Id == id));

    /// <summary>What a desk official's action does, through the aggregate.</summary>
    public static async Task AsDeskAsync(PortalApp app, long id, Action<Dossier, Actor> act) =>
        await app.WithDbAsync(async db =>
        {
            var dossier = await db.Dossiers.Include(d => d.SupplementRequests).SingleAsync(d => d.Id == id);
            act(dossier, new Actor(null, "Nguyễn Thị Một Cửa", Roles.Reception));
            await db.SaveChangesAsync();
        });

    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, int seconds = 60)
        where T : class
    {
        for (var i = 0; i < seconds * 4; i++)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The background work did not finish in time.");
    }
}
