using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Dossiers;
using Portal.Core.Notifications;
using Portal.Core.Processing;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Officials;

/// <summary>
/// A demo portal without a Hangfire server (each test drives the outbox itself), and the moves officials make:
/// a fresh online dossier to work on, signing in, posting a page's form with its antiforgery token.
/// </summary>
public class OfficialsFixture : IAsyncLifetime
{
    public const string Domain = "@demo.haiphong.vn";

    public PortalApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Portal:SeedDemo"] = "true",
            ["Portal:DemoDossiers"] = "400",
            ["Portal:NodeRoles"] = "web",
        };
        Configure(settings);
        App = await PortalApp.StartAsync(settings);
    }

    /// <summary>Settings of a derived fixture, before the portal starts.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    public string MailFolder => Path.Combine(App.DataDirectory, "mail");

    /// <summary>The mails in the pickup folder sent to this address, parsed (subjects are encoded on disk).</summary>
    public List<MimeKit.MimeMessage> MailsTo(string address) =>
        [.. Directory.GetFiles(MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];
    public string SmsFolder => Path.Combine(App.DataDirectory, "sms");

    /// <summary>A citizen files a dossier online (status 1) at the agency, for the first procedure whose name contains <paramref name="procedure"/>.</summary>
    public async Task<long> NewOnlineDossierAsync(string agencySlug = "hongbang", string procedure = "tình trạng hôn nhân", string? email = "an.nguyen@example.vn")
    {
        return await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            var calendar = await sp.GetRequiredService<CalendarProvider>().GetAsync();
            var agency = await db.Agencies.SingleAsync(a => a.Code == AgencyCode(agencySlug));
            var p = await db.Procedures.Include(x => x.CurrentVersion)
                .Where(x => x.Name.Contains(procedure) && db.ProcedureAgencies.Any(pa => pa.ProcedureId == x.Id && pa.AgencyId == agency.Id))
                .OrderBy(x => x.Id).FirstAsync();
            var citizen = await db.Users.SingleAsync(u => u.Email == "congdan" + Domain);
            var applicant = citizen.ToApplicant() with { Email = email };
            var now = DateTime.UtcNow;
            var dossier = Dossier.StartDraft(new ProcedureRef(p.Id, p.CurrentVersionId!.Value, p.SectorId), agency.Id, applicant, citizen.Id, now);
            dossier.SetFormData("{}", now);
            FiledDossiers.AttachMandatoryFiles(dossier, p.CurrentVersion!, citizen.Id, now);

            var code = await sp.GetRequiredService<DossierCodeAllocator>().NextAsync(agency.Code, calendar.LocalDate(now));
            dossier.Submit(code, DossierCodeAllocator.NewPin(), now, citizen.ToActor(Roles.Citizen));
            db.Dossiers.Add(dossier);
            await db.SaveChangesAsync();
            return dossier.Id;
        });
    }

    /// <summary>The counter form opened for the "tình trạng hôn nhân" procedure, as the desk chooses it (walk-in, or post with channel 3).</summary>
    public static async Task<Page> CounterFormAsync(FormClient desk, string channel = "1")
    {
        var chooser = await desk.GetAsync("/can-bo/quay");
        var procedure = chooser.Document.QuerySelectorAll("#thuTuc option").First(o => o.TextContent.Contains("tình trạng hôn nhân", StringComparison.Ordinal)).GetAttribute("value");
        return await desk.GetAsync($"/can-bo/quay?thuTuc={procedure}&kenh={channel}");
    }

    /// <summary>Records a walk-in dossier at the counter ("tình trạng hôn nhân"), handed to processing at once.</summary>
    public static async Task<long> WalkInAsync(FormClient desk, string name, string idNumber, string phone = "0901234568", string? email = null)
    {
        var form = await CounterFormAsync(desk);
        TickMandatoryPapers(form);
        var saved = await desk.SubmitAsync(form, "form#counter-form", new Dictionary<string, string?>
        {
            ["FullName"] = name,
            ["IdNumber"] = idNumber,
            ["Phone"] = phone,
            ["Email"] = email,
            ["f_subject_name"] = name,
            ["f_subject_dob"] = "1990-04-12",
            ["f_subject_gender"] = "Nam",
            ["f_subject_residence"] = "Số 9 Lê Lợi, phường Hồng Bàng",
            ["f_relation"] = "Bản thân",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return long.Parse(saved.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    /// <summary>On the counter form, the desk ticks the mandatory papers the applicant handed in.</summary>
    public static void TickMandatoryPapers(Page counter)
    {
        foreach (var box in counter.Document.QuerySelectorAll("#counter-checklist input.mandatory-paper").OfType<IHtmlInputElement>())
        {
            box.IsChecked = true;
        }
    }

    public static string AgencyCode(string slug) => slug switch
    {
        "hongbang" => "000.20.01.H31",
        "lechan" => "000.20.02.H31",
        "ngoquyen" => "000.20.03.H31",
        "sonnmt" => "000.00.05.H31",
        _ => throw new ArgumentOutOfRangeException(nameof(slug)),
    };

    public Task<Dossier> DossierAsync(long id) => App.WithScopeAsync(sp =>
        sp.GetRequiredService<PortalDb>().Dossiers.AsNoTracking()
            .Include(d => d.Documents).Include(d => d.History).Include(d => d.SupplementRequests).AsSplitQuery()
            .SingleAsync(d => d.Id == id));

    public Task<List<DossierStep>> StepsAsync(long id) => App.WithScopeAsync(sp =>
        sp.GetRequiredService<PortalDb>().DossierSteps.AsNoTracking().Where(s => s.DossierId == id).OrderBy(s => s.Index).ToListAsync());

    public Task<T> QueryAsync<T>(Func<PortalDb, Task<T>> query) => App.WithScopeAsync(sp => query(sp.GetRequiredService<PortalDb>()));

    /// <summary>The demo account (its email) of this user.</summary>
    public Task<string> EmailOfAsync(Guid userId) => QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync());

    /// <summary>Signs in as whoever holds the dossier's active step.</summary>
    public async Task<FormClient> HolderAsync(long id)
    {
        var active = (await StepsAsync(id)).Single(s => s.State == StepState.Active);
        return await SignInAsync(await EmailOfAsync(active.AssigneeId!.Value));
    }

    public async Task<FormClient> SignInAsync(string account)
    {
        var client = FormClient.For(App);
        await client.SignInAsync(account.Contains('@', StringComparison.Ordinal) ? account : account + Domain, DemoSeeder.Password);
        return client;
    }

    /// <summary>Opens the dossier page and submits one of its action forms (by id) with these values.</summary>
    public static async Task<HttpResponseMessage> ActAsync(FormClient client, long id, string form, Dictionary<string, string?>? values = null)
    {
        var page = await client.GetAsync($"/can-bo/ho-so/{id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(page.Document.QuerySelector($"form#{form}") is not null, $"The page offers no form '{form}'.");
        return await client.SubmitAsync(page, $"form#{form}", values ?? []);
    }

    /// <summary>Posts straight to an action, with a valid antiforgery token of this client (as a forged or stale page would).</summary>
    public static async Task<HttpResponseMessage> PostAsync(FormClient client, string url, Dictionary<string, string> values)
    {
        var page = await client.GetAsync("/");
        var token = page.Document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException("No antiforgery token on the home page.");
        values["__RequestVerificationToken"] = token;
        return await client.Http.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>Runs every waiting outbox message (and what they add) the way the Hangfire workers would.</summary>
    public async Task DispatchAllAsync()
    {
        for (var round = 0; round < 5; round++)
        {
            var ids = await QueryAsync(db => db.Outbox.Where(m => m.ProcessedAt == null && m.DeadAt == null).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync());
            if (ids.Count == 0)
            {
                return;
            }

            foreach (var id in ids)
            {
                await using var scope = App.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DispatchOutboxJob>().RunAsync(id, CancellationToken.None);
            }
        }
    }

    public static void AssertRedirectTo(HttpResponseMessage response, string path)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(path, response.Headers.Location?.OriginalString);
    }
}
