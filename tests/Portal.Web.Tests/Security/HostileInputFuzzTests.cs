using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Dossiers;
using Portal.Core.Exchange;
using Portal.Core.Statistics;
using Portal.Testing;

namespace Portal.Web.Tests.Security;

/// <summary>A demo portal of its own (the fuzz changes a lot), no Hangfire server, with the sessions the forms need.</summary>
public sealed class FuzzFixture : IAsyncLifetime
{
    private readonly Dictionary<Who, Session> _sessions = [];

    public PortalApp App { get; private set; } = null!;
    public IReadOnlyDictionary<Who, Session> Sessions => _sessions;

    public async ValueTask InitializeAsync()
    {
        App = await PortalApp.StartAsync(new Dictionary<string, string?>
        {
            ["Portal:SeedDemo"] = "true",
            ["Portal:DemoDossiers"] = "20",
            ["Portal:NodeRoles"] = "web",
            ["Payments:Mode"] = "Test",
            ["Payments:Sandbox:Secret"] = AuthorizationMatrix.SandboxKey,
        });
        foreach (var who in new[] { Who.Anonymous, Who.CitizenA, Who.ReceptionX, Who.HandlerX, Who.ApproverX, Who.LeaderX, Who.ProvinceLeader, Who.Admin })
        {
            await RenewAsync(who);
        }
    }

    public async Task RenewAsync(Who who)
    {
        var client = FormClient.For(App);
        if (who != Who.Anonymous)
        {
            await client.SignInAsync(SecurityFixture.Account(who), DemoSeeder.Password);
        }

        var session = new Session(who, client);
        await session.RefreshTokenAsync();
        _sessions[who] = session;
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>One form of the portal as the fuzz posts it: its endpoint, who posts it, where, and its fields.</summary>
public sealed record FuzzForm(string Endpoint, Who Role, Func<FuzzState, FuzzInputs, Task<string>> Url, Func<FuzzState, IReadOnlyList<FuzzField>> Fields, int Weight = 2,
    bool WithToken = true)
{
    public string Method => Endpoint.StartsWith("GET ", StringComparison.Ordinal) ? "GET" : "POST";
}

/// <summary>The rows the forms work on: citizen A's drafts (one per procedure) and a pool of A's dossiers at agency X.</summary>
public sealed class FuzzState(PortalApp app)
{
    private readonly Dictionary<int, long> _drafts = [];
    private readonly List<long> _pool = [];

    public int AgencyX { get; private set; }
    public IReadOnlyList<string> ProcedureIds { get; private set; } = [];
    public IReadOnlyList<string> AgencyIds { get; private set; } = [];
    public IReadOnlyList<int> FilingProcedures { get; private set; } = [];
    public IReadOnlyList<int> CounterProcedures { get; private set; } = [];
    public IReadOnlyList<string> HandlersX { get; private set; } = [];
    public Dictionary<int, IReadOnlyList<FormField>> Forms { get; } = [];
    public int Replenished { get; private set; }

    /// <summary>The version and step ids of the dossier the last action was aimed at (the page an official would have).</summary>
    public IReadOnlyList<string> LastVersion { get; private set; } = ["1"];
    public IReadOnlyList<string> LastSteps { get; private set; } = ["1"];

    public async Task<long> AimAsync(FuzzInputs inputs)
    {
        var id = await DossierAsync(inputs);
        var (version, steps) = await QueryAsync(async db => (
            await db.Dossiers.Where(d => d.Id == id).Select(d => d.Version).SingleAsync(),
            await db.DossierSteps.Where(s => s.DossierId == id).Select(s => s.Id).ToListAsync()));
        LastVersion = [version.ToString(CultureInfo.InvariantCulture)];
        LastSteps = steps.Count == 0 ? ["1"] : [.. steps.Select(x => x.ToString(CultureInfo.InvariantCulture))];
        return id;
    }

    public static async Task<FuzzState> CreateAsync(PortalApp app)
    {
        var state = new FuzzState(app);
        await app.WithDbAsync(async db =>
        {
            state.AgencyX = await db.Agencies.Where(a => a.Code == SecurityFixture.AgencyX).Select(a => a.Id).SingleAsync();
            var versions = await db.Procedures.Where(p => p.IsPublished).Select(p => new { p.Id, p.CurrentVersion }).ToListAsync();
            foreach (var v in versions)
            {
                state.Forms[v.Id] = v.CurrentVersion!.Form;
            }

            state.ProcedureIds = [.. versions.Select(v => v.Id.ToString(CultureInfo.InvariantCulture))];
            state.AgencyIds = [.. await db.Agencies.Select(a => a.Id.ToString(CultureInfo.InvariantCulture)).ToListAsync()];
            state.FilingProcedures = [.. versions.Where(v => v.CurrentVersion!.ServiceType != ServiceType.InformationOnly).Select(v => v.Id).Take(12)];
            state.CounterProcedures = [.. await db.ProcedureAgencies.Where(pa => pa.AgencyId == state.AgencyX).Select(pa => pa.ProcedureId).ToListAsync()];
            state.HandlersX = [.. await db.Users.Where(u => u.AgencyId == state.AgencyX).Select(u => u.Id.ToString()).ToListAsync()];
        });
        await state.ReplenishAsync(40);
        return state;
    }

    /// <summary>A's draft of the procedure, opened again once the fuzz has filed the previous one.</summary>
    public async Task<long> DraftAsync(int procedureId)
    {
        if (_drafts.TryGetValue(procedureId, out var id) && await QueryAsync(db => db.Dossiers.AnyAsync(d => d.Id == id && d.Status == DossierStatus.Draft)))
        {
            return id;
        }

        return _drafts[procedureId] = await QueryAsync(async db =>
        {
            var procedure = await db.Procedures.SingleAsync(p => p.Id == procedureId);
            var agency = await db.ProcedureAgencies.Where(pa => pa.ProcedureId == procedureId).OrderBy(pa => pa.AgencyId).Select(pa => pa.AgencyId).FirstAsync();
            var user = await db.Users.SingleAsync(u => u.Email == SecurityFixture.Account(Who.CitizenA));
            var draft = Dossier.StartDraft(new ProcedureRef(procedure.Id, procedure.CurrentVersionId!.Value, procedure.SectorId), agency, user.ToApplicant(), user.Id, DateTime.UtcNow);
            db.Dossiers.Add(draft);
            await db.SaveChangesAsync();
            return draft.Id;
        });
    }

    /// <summary>One of A's dossiers at X; the pool is topped up while the fuzz refuses, stops and withdraws them.</summary>
    public async Task<long> DossierAsync(FuzzInputs inputs)
    {
        var open = await QueryAsync(db => db.Dossiers.CountAsync(d => _pool.Contains(d.Id) && !DossierStatusFinal.Contains(d.Status)));
        if (open < 10)
        {
            await ReplenishAsync(10);
            Replenished += 10;
        }

        return inputs.Pick(_pool);
    }

    public Task<T> QueryAsync<T>(Func<PortalDb, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<PortalDb>()));

    private static readonly DossierStatus[] DossierStatusFinal =
        [DossierStatus.RefusedAtReception, DossierStatus.Withdrawn, DossierStatus.Stopped, DossierStatus.Decided, DossierStatus.ResultReturned];

    private async Task ReplenishAsync(int count) => await app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PortalDb>();
        var calendar = await sp.GetRequiredService<Portal.Core.Calendar.CalendarProvider>().GetAsync();
        var codes = sp.GetRequiredService<DossierCodeAllocator>();
        var agency = await db.Agencies.SingleAsync(a => a.Id == AgencyX);
        var user = await db.Users.SingleAsync(u => u.Email == SecurityFixture.Account(Who.CitizenA));
        var procedures = await db.Procedures.Include(p => p.CurrentVersion).Where(p => CounterProcedures.Contains(p.Id)).ToListAsync();
        for (var i = 0; i < count; i++)
        {
            var p = procedures[i % procedures.Count];
            var now = DateTime.UtcNow;
            var dossier = Dossier.StartDraft(new ProcedureRef(p.Id, p.CurrentVersionId!.Value, p.SectorId), agency.Id, user.ToApplicant(), user.Id, now);
            dossier.SetFormData("{}", now);
            FiledDossiers.AttachMandatoryFiles(dossier, p.CurrentVersion!, user.Id, now);
            dossier.Submit(await codes.NextAsync(agency.Code, calendar.LocalDate(now)), DossierCodeAllocator.NewPin(), now, user.ToActor(Roles.Citizen));
            db.Dossiers.Add(dossier);
            await db.SaveChangesAsync();
            _pool.Add(dossier.Id);
        }

        return 0;
    });
}

public sealed class HostileInputFuzzTests(FuzzFixture f) : IClassFixture<FuzzFixture>
{
    private const int Seed = 20_260_601;
    private const int Posts = 10_000;
    private const int Gets = 1_500;

    /// <summary>POST endpoints the fuzz leaves alone, and why.</summary>
    private static readonly Dictionary<string, string> NotFuzzed = new()
    {
        ["POST /Account/Logout"] = "takes no input; posting it ends the session the other posts need",
        ["ANY /hangfire/{**path}"] = "the Hangfire dashboard's own forms (administrators only; its refusals are in the authorization matrix)",
    };

    [Fact]
    public async Task Ten_thousand_hostile_form_posts_get_no_server_error_or_open_redirect_and_what_they_store_is_NFC_and_renders_escaped()
    {
        var clock = Stopwatch.StartNew();
        var state = await FuzzState.CreateAsync(f.App);
        var forms = Forms();
        var posts = AuthorizationMatrix.Endpoints(f.App.Services).Where(e => e.Methods.Contains("POST")).Select(e => e.Key).ToHashSet();
        var fuzzed = forms.Select(x => x.Endpoint).ToHashSet();
        Assert.Empty(posts.Except(fuzzed).Except(NotFuzzed.Keys).Order(StringComparer.Ordinal));

        var inputs = new FuzzInputs(Seed);
        var failures = new List<string>();
        var counts = new Dictionary<string, int>();
        var weighted = forms.Where(x => x.Method == "POST").SelectMany(x => Enumerable.Repeat(x, x.Weight)).ToList();
        var gets = forms.Where(x => x.Method == "GET").ToList();
        for (var i = 0; i < Posts + Gets; i++)
        {
            var form = i < Posts ? weighted[inputs.Random.Next(weighted.Count)] : gets[i % gets.Count];
            counts[form.Endpoint] = counts.GetValueOrDefault(form.Endpoint) + 1;
            failures.AddRange(await SendAsync(i, form, state, inputs));
            if (failures.Count > 30)
            {
                break;
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} hostile requests broke the portal:\n" + string.Join('\n', failures.Take(30)));
        Assert.True(counts.Where(c => !c.Key.StartsWith("GET ", StringComparison.Ordinal)).Sum(c => c.Value) >= Posts);
        Assert.All(forms, x => Assert.True(counts.GetValueOrDefault(x.Endpoint) >= 20, $"{x.Endpoint} was posted only {counts.GetValueOrDefault(x.Endpoint)} times"));
        var imports = await RunImportsAsync();
        var posted = clock.Elapsed;

        var stored = await StoredTextAsync();
        Assert.True(stored.Problems.Count == 0, $"{stored.Problems.Count} stored texts are not clean NFC; one of each kind:\n"
            + string.Join('\n', stored.Problems.DistinctBy(p => p[..p.IndexOf(" in \"", StringComparison.Ordinal)]).Take(40)));
        Assert.True(stored.Scripts > 0, "No hostile text got stored: the fuzz proved nothing about rendering.");

        var rendered = await RenderedAsync(state);
        Assert.True(rendered.Problems.Count == 0, "Stored input rendered as markup:\n" + string.Join('\n', rendered.Problems.Take(30)));
        Assert.True(rendered.EscapedScripts > 0, "No page showed the stored script as text: the rendering check proved nothing.");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Fuzz: {Posts} posts and {Gets} gets in {posted.TotalSeconds:0} s ({imports} imports run), checks in {(clock.Elapsed - posted).TotalSeconds:0} s; {rendered.Pages} pages rendered.");
    }

    /// <summary>Runs the imports the fuzz queued, as the Hangfire worker would: their rows are stored text too.</summary>
    private async Task<int> RunImportsAsync()
    {
        var ids = await f.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().ImportRuns.Where(r => r.Status == ImportStatus.Queued).Select(r => r.Id).ToListAsync());
        foreach (var id in ids)
        {
            await using var scope = f.App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ImportDossiersJob>().RunAsync(id, CancellationToken.None);
        }

        return ids.Count;
    }

    private async Task<IEnumerable<string>> SendAsync(int i, FuzzForm form, FuzzState state, FuzzInputs inputs)
    {
        var session = f.Sessions[form.Role];
        var url = await form.Url(state, inputs);
        var values = inputs.Post(form.Fields(state));
        HttpResponseMessage response;
        try
        {
            if (form.Method == "GET")
            {
                var query = FuzzInputs.Query(values);
                response = await session.Client.Http.GetAsync(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query);
            }
            else
            {
                if (form.WithToken)
                {
                    values.Add(new FuzzValue("__RequestVerificationToken", session.Token));
                }

                using var body = inputs.Body(values);
                response = await session.Client.Http.PostAsync(url, body);
            }
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
        {
            return [$"#{i} {form.Endpoint} as {form.Role}: {e.GetType().Name} {e.Message} — {Describe(values)}"];
        }

        using (response)
        {
            var failures = new List<string>();
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"#{i} {form.Endpoint} as {form.Role} → {(int)response.StatusCode} — {Describe(values)}");
            }

            if (AuthorizationMatrix.IsRedirect(response.StatusCode))
            {
                var location = response.Headers.Location?.OriginalString ?? string.Empty;
                var local = location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal) && !location.StartsWith("/\\", StringComparison.Ordinal);
                var sameHost = location.StartsWith("http://localhost/", StringComparison.OrdinalIgnoreCase);
                var offSite = !local && !sameHost;
                if (offSite)
                {
                    failures.Add($"#{i} {form.Endpoint} as {form.Role} redirects off the site to {location} — {Describe(values)}");
                }

                if (form.Role != Who.Anonymous && AuthorizationMatrix.Classify(response) == "login")
                {
                    await f.RenewAsync(form.Role);
                }
            }

            return failures;
        }
    }

    private static string Describe(IEnumerable<FuzzValue> values) =>
        string.Join("&", values.Where(v => v.Name != "__RequestVerificationToken")
            .Select(v => $"{Short(v.Name)}={Short(v.Value)}{(v.Raw ? "(raw)" : string.Empty)}"));

    private static string Short(string text)
    {
        var visible = string.Concat(text.Take(60).Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return text.Length > 60 ? $"{visible}…({text.Length})" : visible;
    }

    /// <summary>Every form of the portal, with its fields as the pages name them.</summary>
    private static List<FuzzForm> Forms()
    {
        static Func<FuzzState, FuzzInputs, Task<string>> At(string url) => (_, _) => Task.FromResult(url);
        static FuzzField F(string name, FieldKind kind, params string[] samples) => new(name, kind, samples.Length == 0 ? null : samples);
        static FuzzField[] None(FuzzState _) => [];
        var kinds = new[] { "Person", "Business", "0", "1", "2" };
        var fuzzForms = new List<FuzzForm>
        {
            new("POST /Account/Login", Who.Anonymous, At("/Account/Login"),
                _ => [F("Email", FieldKind.Email), F("Password", FieldKind.Password), F("RememberMe", FieldKind.Bool), F("ReturnUrl", FieldKind.Url)]),
            new("POST /Account/Register", Who.Anonymous, At("/Account/Register"), _ =>
            [
                F("Kind", FieldKind.Choice, kinds), F("FullName", FieldKind.Name), F("CitizenId", FieldKind.CitizenId), F("DateOfBirth", FieldKind.Date, "1990-03-15"),
                F("TaxCode", FieldKind.TaxCode), F("BusinessName", FieldKind.Name), F("Representative", FieldKind.Name), F("Phone", FieldKind.Phone),
                F("Email", FieldKind.Email), F("Address", FieldKind.Text), F("Password", FieldKind.Password), F("ConfirmPassword", FieldKind.Password),
            ], Weight: 3),
            new("POST /Account/ResendConfirmation", Who.Anonymous, At("/Account/ResendConfirmation"), _ => [F("Email", FieldKind.Email)], Weight: 1),
            new("POST /Account/ForgotPassword", Who.Anonymous, At("/Account/ForgotPassword"), _ => [F("Email", FieldKind.Email)], Weight: 1),
            new("POST /Account/ResetPassword", Who.Anonymous, At("/Account/ResetPassword"),
                _ => [F("UserId", FieldKind.Identifier), F("Code", FieldKind.Text), F("Password", FieldKind.Password), F("ConfirmPassword", FieldKind.Password)], Weight: 1),
            new("POST /Account/Unlock", Who.Anonymous, At("/Account/Unlock"), _ => [F("UserId", FieldKind.Identifier), F("Code", FieldKind.Text)], Weight: 1),
            new("POST /Account/TwoFactor", Who.Anonymous, At("/Account/TwoFactor"),
                _ => [F("Code", FieldKind.Text, "123456"), F("RememberMe", FieldKind.Bool), F("RememberMachine", FieldKind.Bool), F("ReturnUrl", FieldKind.Url)], Weight: 1),
            new("POST /Account/ExternalLogin", Who.Anonymous, At("/Account/ExternalLogin"), _ => [F("returnUrl", FieldKind.Url)], Weight: 1),
            new("POST /Account/ExternalLink", Who.Anonymous, At("/Account/ExternalLink"),
                _ => [F("Password", FieldKind.Password), F("NotMine", FieldKind.Bool), F("ReturnUrl", FieldKind.Url)], Weight: 1),
            new("ANY /Home/Index", Who.Anonymous, At("/"), _ => [F("q", FieldKind.Text)], Weight: 1),
            new("ANY /Account/AccessDenied", Who.Anonymous, At("/Account/AccessDenied"), _ => [F("ReturnUrl", FieldKind.Url)], Weight: 1),
            new("ANY /Home/Status/{code:int}", Who.Anonymous, (_, i) => Task.FromResult($"/Home/Status/{i.Pick(["400", "404", "500", "-1", "2147483647"])}"),
                _ => [F("code", FieldKind.Number)], Weight: 1),
            new("ANY /Home/Error", Who.Anonymous, At("/Home/Error"), _ => [F("q", FieldKind.Text)], Weight: 1),
            new("POST /tra-cuu", Who.Anonymous, At("/tra-cuu"), _ => [F("Code", FieldKind.Text, "000.20.01.H31-260115-0001"), F("Pin", FieldKind.Number, "123456")], Weight: 3),
            new("POST /cong-thanh-toan-thu", Who.Anonymous,
                (_, i) => Task.FromResult("/cong-thanh-toan-thu?" + FuzzInputs.Query([i.Value(F("ref", FieldKind.Text)), i.Value(F("amount", FieldKind.Number)),
                    i.Value(F("return", FieldKind.Url)), i.Value(F("sig", FieldKind.Text))])),
                _ => [F("outcome", FieldKind.Choice, "pay", "fail")], Weight: 1),

            new("POST /Account/Profile", Who.CitizenA, At("/Account/Profile"), _ =>
            [
                F("FullName", FieldKind.Name), F("CitizenId", FieldKind.CitizenId, "031090001234"), F("DateOfBirth", FieldKind.Date, "1990-01-01"),
                F("Phone", FieldKind.Phone), F("Address", FieldKind.Text), F("Kind", FieldKind.Choice, kinds), F("TaxCode", FieldKind.TaxCode), F("BusinessName", FieldKind.Name),
                F("CurrentPassword", FieldKind.Password), F("Code", FieldKind.Number, "123456"),
            ], Weight: 3),
            new("POST /Account/ConfirmPhone", Who.CitizenA, At("/Account/ConfirmPhone"),
                _ => [F("Pending", FieldKind.Text), F("Code", FieldKind.Number, "123456"), F("Resend", FieldKind.Bool)], Weight: 1),
            new("POST /Account/Authenticator", Who.CitizenA, At("/Account/Authenticator"), _ => [F("code", FieldKind.Number, "123456")], Weight: 1),
            new("POST /Account/DisableAuthenticator", Who.CitizenA, At("/Account/DisableAuthenticator"), None, Weight: 1),
            new("POST /nop-ho-so/bat-dau", Who.CitizenA, At("/nop-ho-so/bat-dau"),
                s => [F("procedureId", FieldKind.Number, [.. s.ProcedureIds]), F("agencyId", FieldKind.Number, [.. s.AgencyIds])]),
            new("POST /nop-ho-so/{id:long}/nguoi-nop", Who.CitizenA, async (s, i) => $"/nop-ho-so/{await s.DraftAsync(i.Pick(s.FilingProcedures))}/nguoi-nop", _ =>
            [
                F("Kind", FieldKind.Choice, kinds), F("FullName", FieldKind.Name), F("IdNumber", FieldKind.CitizenId), F("Phone", FieldKind.Phone),
                F("Email", FieldKind.Email), F("Address", FieldKind.Text),
            ], Weight: 4),
            new("POST /nop-ho-so/{id:long}/to-khai", Who.CitizenA, async (s, i) => $"/nop-ho-so/{await s.DraftAsync(i.Pick(s.FilingProcedures))}/to-khai",
                s => [.. s.FilingProcedures.SelectMany(p => s.Forms[p]).DistinctBy(x => x.Key).Select(x => EFormField("f." + x.Key, x))], Weight: 6),
            new("POST /nop-ho-so/{id:long}/giay-to", Who.CitizenA, async (s, i) => $"/nop-ho-so/{await s.DraftAsync(i.Pick(s.FilingProcedures))}/giay-to",
                _ => [F("next", FieldKind.Choice, "luu", "tiep", "tai")], Weight: 1),
            new("POST /nop-ho-so/{id:long}/giay-to/xoa/{documentId:long}", Who.CitizenA,
                async (s, i) => $"/nop-ho-so/{await s.DraftAsync(i.Pick(s.FilingProcedures))}/giay-to/xoa/{i.Pick(["1", "0", "-1", "99999999999", "abc"])}", None, Weight: 1),
            new("POST /nop-ho-so/{id:long}/nop", Who.CitizenA, async (s, i) => $"/nop-ho-so/{await s.DraftAsync(i.Pick(s.FilingProcedures))}/nop", None, Weight: 1),
            new("POST /nop-ho-so/{id:long}/xoa", Who.CitizenA, async (s, i) => $"/nop-ho-so/{await s.DraftAsync(i.Pick(s.FilingProcedures))}/xoa", None, Weight: 1),
            new("POST /ho-so-cua-toi/{id:long}/bo-sung", Who.CitizenA, async (s, i) => $"/ho-so-cua-toi/{await s.DossierAsync(i)}/bo-sung",
                _ => [F("next", FieldKind.Choice, "luu", "nop")], Weight: 1),
            new("POST /ho-so-cua-toi/{id:long}/bo-sung/xoa/{documentId:long}", Who.CitizenA,
                async (s, i) => $"/ho-so-cua-toi/{await s.DossierAsync(i)}/bo-sung/xoa/{i.Pick(["1", "0", "99999999999"])}", None, Weight: 1),
            new("POST /ho-so-cua-toi/{id:long}/rut", Who.CitizenA, async (s, i) => $"/ho-so-cua-toi/{await s.DossierAsync(i)}/rut", _ => [F("Reason", FieldKind.Multiline)]),
            new("POST /ho-so-cua-toi/{id:long}/danh-gia", Who.CitizenA, async (s, i) => $"/ho-so-cua-toi/{await s.DossierAsync(i)}/danh-gia",
                _ => [F("Score", FieldKind.Number, "1", "3", "5"), F("Comment", FieldKind.Multiline)]),
            new("POST /ho-so-cua-toi/{id:long}/thanh-toan", Who.CitizenA, async (s, i) => $"/ho-so-cua-toi/{await s.DossierAsync(i)}/thanh-toan",
                _ => [F("fee", FieldKind.Number, "0", "1", "-1")], Weight: 1),

            new("POST /can-bo/quay", Who.ReceptionX, At("/can-bo/quay"), s =>
            [
                F("Channel", FieldKind.Choice, "1", "3", "InPerson", "Postal", "2"), F("ProcedureId", FieldKind.Number, [.. s.CounterProcedures.Select(p => p.ToString(CultureInfo.InvariantCulture))]),
                F("Kind", FieldKind.Choice, kinds), F("FullName", FieldKind.Name), F("IdNumber", FieldKind.CitizenId), F("Phone", FieldKind.Phone),
                F("Email", FieldKind.Email), F("Address", FieldKind.Text), F("StartNow", FieldKind.Bool),
                F("Received", FieldKind.Number, "0", "1", "4", "-1", "99"), F("Copies[0]", FieldKind.Number, "1", "2", "0", "100"),
                F("Staged", FieldKind.Text), F("Unstage", FieldKind.Text),
                .. s.CounterProcedures.SelectMany(p => s.Forms[p]).DistinctBy(x => x.Key).Select(x => EFormField("f_" + x.Key, x)),
            ], Weight: 6),
            Act("tiep-nhan", Who.ReceptionX, _ => [F("StartNow", FieldKind.Bool), F("Received", FieldKind.Number, "0", "1", "4", "-1"), F("Copies[1]", FieldKind.Number, "1", "3", "0")]),
            Act("yeu-cau-bo-sung", Who.ReceptionX, _ => [F("Reason", FieldKind.Multiline), F("Documents", FieldKind.Text), F("OtherDocuments", FieldKind.Multiline)]),
            Act("tu-choi", Who.ReceptionX, _ => [F("Reason", FieldKind.Multiline)]),
            Act("chuyen-xu-ly", Who.ReceptionX, _ => []),
            Act("hoan-thanh-buoc", Who.HandlerX, s => [new("StepId", FieldKind.Number, s.LastSteps, Stable: true), F("Note", FieldKind.Multiline), F("NextAssignee", FieldKind.Identifier, [.. s.HandlersX])]),
            Act("phan-cong", Who.HandlerX, s => [new("StepId", FieldKind.Number, s.LastSteps, Stable: true), F("Assignee", FieldKind.Identifier, [.. s.HandlersX]), F("Note", FieldKind.Text)]),
            Act("yeu-cau-thanh-toan", Who.HandlerX, _ => [F("Amount", FieldKind.Number, "30000", "1000"), F("Note", FieldKind.Text)]),
            Act("thu-phi", Who.ReceptionX, _ => []),
            Act("dung-xu-ly", Who.ApproverX, _ => [F("Reason", FieldKind.Multiline)]),
            Act("quyet-dinh", Who.ApproverX, _ => [F("Note", FieldKind.Multiline), F("Result", FieldKind.Choice, "Generate", "PaperOnly", "Upload", "0", "7")]),
            Act("ket-qua-dien-tu", Who.ApproverX, _ => []),
            Act("tra-ket-qua", Who.ReceptionX, _ => [F("Method", FieldKind.Choice, "AtDesk", "ByPost", "Online", "9")]),
            Act("xin-loi", Who.ApproverX, _ => [F("Reason", FieldKind.Multiline), F("NewDate", FieldKind.Date)]),
            Act("bo-sung-tai-quay", Who.ReceptionX, _ => [F("Received", FieldKind.Multiline)]),
            Act("tra-lai", Who.ApproverX, s => [new("StepId", FieldKind.Number, s.LastSteps, Stable: true), F("Reason", FieldKind.Multiline)]),
            Act("xin-y-kien", Who.HandlerX, s =>
            [
                new("StepId", FieldKind.Number, s.LastSteps, Stable: true), F("ToAgencyId", FieldKind.Number, [.. s.AgencyIds]),
                F("BudgetDays", FieldKind.Number, "1", "3", "0", "11", "-1"), F("Question", FieldKind.Multiline),
            ]),
            new("POST /can-bo/ho-so/{id:long}/y-kien/{requestId:long}/tra-loi", Who.HandlerX,
                async (s, i) => $"/can-bo/ho-so/{await s.AimAsync(i)}/y-kien/{i.Pick(["1", "2", "0", "99999999999"])}/tra-loi",
                _ => [F("Version", FieldKind.Number, "0", "1", "2"), F("Answer", FieldKind.Multiline)], Weight: 1),
            new("POST /can-bo/ho-so/{id:long}/y-kien/{requestId:long}/rut", Who.HandlerX,
                async (s, i) => $"/can-bo/ho-so/{await s.AimAsync(i)}/y-kien/{i.Pick(["1", "2", "0", "99999999999"])}/rut",
                s => [new("Version", FieldKind.Number, s.LastVersion, Stable: true)], Weight: 1),

            new("POST /quan-tri/lich", Who.Admin, At("/quan-tri/lich"),
                _ => [F("Date", FieldKind.Date), F("Kind", FieldKind.Choice, "DayOff", "WorkingDay", "1", "2", "0"), F("Note", FieldKind.Text)], Weight: 3),
            new("POST /quan-tri/lich/xoa/{id:int}", Who.Admin, (_, i) => Task.FromResult($"/quan-tri/lich/xoa/{i.Pick(["1", "2", "0", "-1", "2147483647"])}"), None, Weight: 1),
            new("POST /quan-tri/thu-gui/gui-lai/{id:long}", Who.Admin, (_, i) => Task.FromResult($"/quan-tri/thu-gui/gui-lai/{i.Pick(["1", "0", "99999999999"])}"), None, Weight: 1),

            new("POST /quan-tri/co-quan/them", Who.Admin, At("/quan-tri/co-quan/them"), s =>
            [
                F("Code", FieldKind.Text, "000.20.99.H31", "H31"), F("Name", FieldKind.Name), F("Level", FieldKind.Choice, "1", "2", "3", "Commune", "9"),
                F("ParentId", FieldKind.Number, [.. s.AgencyIds]), F("Address", FieldKind.Text),
            ], Weight: 1),
            new("POST /quan-tri/co-quan/{id:int}/doi-ten", Who.Admin, (s, i) => Task.FromResult($"/quan-tri/co-quan/{i.Pick([.. s.AgencyIds, "0", "-1"])}/doi-ten"),
                _ => [F("Name", FieldKind.Name), F("Address", FieldKind.Text), F("From", FieldKind.Date)], Weight: 1),
            // Merging or closing a real agency would take away the agencies the other posts need: these aim at ids that do not exist.
            new("POST /quan-tri/co-quan/{id:int}/sap-nhap", Who.Admin, (_, i) => Task.FromResult($"/quan-tri/co-quan/{i.Pick(["0", "-1", "2147483647"])}/sap-nhap"),
                s => [F("IntoId", FieldKind.Number, [.. s.AgencyIds]), F("At", FieldKind.Date), F("MoveOfficials", FieldKind.Bool), F("MoveOfferings", FieldKind.Bool)], Weight: 1),
            new("POST /quan-tri/co-quan/{id:int}/ngung", Who.Admin, (_, i) => Task.FromResult($"/quan-tri/co-quan/{i.Pick(["0", "-1", "2147483647"])}/ngung"), None, Weight: 1),
            // The API's clients: a new client from any input; the changes aim at ids that do not exist (the API tests own the real ones).
            new("POST /quan-tri/ung-dung-api/them", Who.Admin, At("/quan-tri/ung-dung-api/them"), s =>
            [
                F("Name", FieldKind.Name), F("Scopes", FieldKind.Choice, "catalogue:read", "dossiers:read", "dossiers:write", "statistics:read", "admin", ""),
                F("AgencyIds", FieldKind.Number, [.. s.AgencyIds, "0", "-1", "x"]),
            ], Weight: 1),
            new("POST /quan-tri/ung-dung-api/{id:int}/quyen", Who.Admin, (_, i) => Task.FromResult($"/quan-tri/ung-dung-api/{i.Pick(["0", "-1", "2147483647"])}/quyen"),
                s => [F("Scopes", FieldKind.Choice, "catalogue:read", "x"), F("AgencyIds", FieldKind.Number, [.. s.AgencyIds])], Weight: 1),
            new("POST /quan-tri/ung-dung-api/{id:int}/doi-khoa", Who.Admin, (_, i) => Task.FromResult($"/quan-tri/ung-dung-api/{i.Pick(["0", "-1", "2147483647"])}/doi-khoa"), None, Weight: 1),
            new("POST /quan-tri/ung-dung-api/{id:int}/thu-hoi", Who.Admin, (_, i) => Task.FromResult($"/quan-tri/ung-dung-api/{i.Pick(["0", "-1", "2147483647"])}/thu-hoi"), None, Weight: 1),
            // The procedure editor: a new procedure's every field, rows included (the reader refuses most; what it takes is a draft nobody sees).
            new("POST /quan-tri/thu-tuc/moi", Who.Admin, At("/quan-tri/thu-tuc/moi"), _ =>
            [
                F("Code", FieldKind.Text, "31.DP.901", "1.001193", "x y"), F("Name", FieldKind.Name), F("SectorCode", FieldKind.Text, "LV01", "LV99"),
                F("SectorName", FieldKind.Text), F("Level", FieldKind.Choice, "commune", "department", "province", "x"),
                F("ServiceType", FieldKind.Choice, "full-online", "partial-online", "information-only", "1"), F("ResultDescription", FieldKind.Text),
                F("ResultIsDocument", FieldKind.Bool), F("LegalBasis", FieldKind.Multiline), F("TimeLimitValue", FieldKind.Number, "3", "0", "-1"),
                F("TimeLimitUnit", FieldKind.Choice, "working-days", "working-hours", "days", "months", "weeks"), F("EffectiveFrom", FieldKind.Date),
                F("Documents[0].Name", FieldKind.Text), F("Documents[0].Count", FieldKind.Number, "1", "0"), F("Documents[0].Form", FieldKind.Choice, "original", "copy", "x"),
                F("Fees[0].Name", FieldKind.Text), F("Fees[0].AmountVnd", FieldKind.Number, "8000", "8.000", ""), F("Fees[0].Kind", FieldKind.Choice, "flat", "per-copy", "per-page", "x"),
                F("Fields[0].Key", FieldKind.Identifier, "ho_ten", "Ho Ten"), F("Fields[0].Label", FieldKind.Name), F("Fields[0].LabelEn", FieldKind.Name),
                F("Fields[0].Type", FieldKind.Choice, "text", "select", "date", "x"), F("Fields[0].Options", FieldKind.Multiline), F("Fields[0].Min", FieldKind.Text),
                F("Rules[0].Rule", FieldKind.Choice, "not-in-future", "range", "x"), F("Rules[0].Field", FieldKind.Identifier, "ho_ten"),
                F("Steps[0].Name", FieldKind.Text), F("Steps[0].Role", FieldKind.Choice, "Handler", "Approver", "Admin"), F("Steps[0].Hours", FieldKind.Number, "8", "0"),
                F("Steps[0].Agency", FieldKind.Text, "receiving", "000.00.05.H31", "x"), F("Steps[1].Order", FieldKind.Number, "0", "-1", "1"),
            ], Weight: 2),
            // Drafts, publishing and offers of real procedures would change what the other posts file on: these aim at ids that do not exist.
            new("POST /quan-tri/thu-tuc/{id:int}/ban-nhap", Who.Admin, (_, i) => Task.FromResult($"/quan-tri/thu-tuc/{i.Pick(["0", "-1", "2147483647"])}/ban-nhap"),
                _ => [F("Name", FieldKind.Name), F("Fields[0].Key", FieldKind.Identifier)], Weight: 1),
            new("POST /quan-tri/thu-tuc/{id:int}/ban-nhap/xem-truoc", Who.Admin, (_, i) => Task.FromResult($"/quan-tri/thu-tuc/{i.Pick(["0", "-1", "2147483647"])}/ban-nhap/xem-truoc"),
                _ => [F("f.ho_ten", FieldKind.Name)], Weight: 1),
            new("POST /quan-tri/thu-tuc/{id:int}/ban-nhap/cong-bo", Who.Admin, (_, i) => Task.FromResult($"/quan-tri/thu-tuc/{i.Pick(["0", "-1", "2147483647"])}/ban-nhap/cong-bo"),
                _ => [F("effectiveFrom", FieldKind.Date)], Weight: 1),
            new("POST /quan-tri/thu-tuc/{id:int}/ban-nhap/huy", Who.Admin, (_, i) => Task.FromResult($"/quan-tri/thu-tuc/{i.Pick(["0", "-1", "2147483647"])}/ban-nhap/huy"), None, Weight: 1),
            new("POST /quan-tri/thu-tuc/{id:int}/co-quan", Who.Admin, (_, i) => Task.FromResult($"/quan-tri/thu-tuc/{i.Pick(["0", "-1", "2147483647"])}/co-quan"),
                s => [F("agencyIds", FieldKind.Number, [.. s.AgencyIds]), F("all", FieldKind.Bool)], Weight: 1),
            new("POST /quan-tri/thu-tuc/nhap", Who.Admin, At("/quan-tri/thu-tuc/nhap"), _ => [F("file", FieldKind.File)], Weight: 1),
            new("POST /quan-tri/tai-khoan/moi", Who.Admin, At("/quan-tri/tai-khoan/moi"), s =>
            [
                F("FullName", FieldKind.Name), F("Email", FieldKind.Email), F("Phone", FieldKind.Phone), F("AgencyId", FieldKind.Number, [.. s.AgencyIds]),
                F("Roles", FieldKind.Choice, "Reception", "Handler", "Approver", "Leader", "Admin", "Citizen", "x"),
            ], Weight: 2),
            // Account changes carry the account's stamp; the fuzz's stamps are never the current one, so nothing changes (409) or the input is refused.
            new("POST /quan-tri/tai-khoan/{id:guid}", Who.Admin, (s, i) => Task.FromResult($"/quan-tri/tai-khoan/{i.Pick([.. s.HandlersX, Guid.Empty.ToString(), "abc"])}"),
                s => [F("Stamp", FieldKind.Text), F("AgencyId", FieldKind.Number, [.. s.AgencyIds]), F("Roles", FieldKind.Choice, "Handler", "Approver", "Admin", "x")], Weight: 1),
            new("POST /quan-tri/tai-khoan/{id:guid}/gui-loi-moi", Who.Admin,
                (s, i) => Task.FromResult($"/quan-tri/tai-khoan/{i.Pick([.. s.HandlersX, Guid.Empty.ToString(), "abc"])}/gui-loi-moi"), _ => [F("Stamp", FieldKind.Text)], Weight: 1),
            new("POST /quan-tri/tai-khoan/{id:guid}/vo-hieu-hoa", Who.Admin,
                (s, i) => Task.FromResult($"/quan-tri/tai-khoan/{i.Pick([.. s.HandlersX, Guid.Empty.ToString(), "abc"])}/vo-hieu-hoa"), _ => [F("Stamp", FieldKind.Text)], Weight: 1),
            new("POST /quan-tri/tai-khoan/{id:guid}/kich-hoat", Who.Admin,
                (s, i) => Task.FromResult($"/quan-tri/tai-khoan/{i.Pick([.. s.HandlersX, Guid.Empty.ToString(), "abc"])}/kich-hoat"), _ => [F("Stamp", FieldKind.Text)], Weight: 1),
            new("POST /quan-tri/tai-khoan/{id:guid}/mo-khoa", Who.Admin,
                (s, i) => Task.FromResult($"/quan-tri/tai-khoan/{i.Pick([.. s.HandlersX, Guid.Empty.ToString(), "abc"])}/mo-khoa"), _ => [F("Stamp", FieldKind.Text)], Weight: 1),
            new("POST /quan-tri/tai-khoan/{id:guid}/dat-lai-xac-thuc", Who.Admin,
                (s, i) => Task.FromResult($"/quan-tri/tai-khoan/{i.Pick([.. s.HandlersX, Guid.Empty.ToString(), "abc"])}/dat-lai-xac-thuc"), _ => [F("Stamp", FieldKind.Text)], Weight: 1),
            new("POST /quan-tri/tai-khoan/{id:guid}/buoc-doi-mat-khau", Who.Admin,
                (s, i) => Task.FromResult($"/quan-tri/tai-khoan/{i.Pick([.. s.HandlersX, Guid.Empty.ToString(), "abc"])}/buoc-doi-mat-khau"), _ => [F("Stamp", FieldKind.Text)], Weight: 1),
            // The current password is never the account's (text, not the password samples): the citizen keeps signing in.
            new("POST /Account/ChangePassword", Who.CitizenA, At("/Account/ChangePassword"),
                _ => [F("CurrentPassword", FieldKind.Text), F("NewPassword", FieldKind.Password), F("ConfirmPassword", FieldKind.Password)], Weight: 1),

            new("POST /lanh-dao/muc-tieu", Who.ProvinceLeader, At("/lanh-dao/muc-tieu"),
                _ => [F("nam", FieldKind.Number, "2026", "2027", "1999"), .. Enum.GetNames<TargetMetric>().Select(m => F(m, FieldKind.Number, "0", "50", "95,5", "100", "101"))]),
            new("POST /lanh-dao/nhap-du-lieu", Who.LeaderX, At("/lanh-dao/nhap-du-lieu"), _ => [F("tep", FieldKind.File)]),

            new("GET /thu-tuc", Who.Anonymous, At("/thu-tuc"),
                _ => [F("q", FieldKind.Text, "ho tich"), F("linhVuc", FieldKind.Number), F("coQuan", FieldKind.Number), F("muc", FieldKind.Choice, "1", "2", "FullOnline"), F("trang", FieldKind.Number)]),
            new("GET /tra-cuu", Who.Anonymous, At("/tra-cuu"), _ => [F("ma", FieldKind.Text)]),
            new("GET /Home/Language", Who.Anonymous, At("/Home/Language"), _ => [F("culture", FieldKind.Choice, "vi-VN", "en-US"), F("returnUrl", FieldKind.Url)]),
            new("GET /Account/Login", Who.Anonymous, At("/Account/Login"), _ => [F("returnUrl", FieldKind.Url)]),
            new("GET /Account/Register", Who.Anonymous, At("/Account/Register"), _ => [F("kind", FieldKind.Choice, kinds)]),
            new("GET /Account/ConfirmEmail", Who.Anonymous, At("/Account/ConfirmEmail"), _ => [F("userId", FieldKind.Identifier), F("code", FieldKind.Text)]),
            new("GET /Account/ResetPassword", Who.Anonymous, At("/Account/ResetPassword"), _ => [F("userId", FieldKind.Identifier), F("code", FieldKind.Text)]),
            new("GET /ho-so-cua-toi", Who.CitizenA, At("/ho-so-cua-toi"), _ => [F("trang", FieldKind.Number)]),
            new("GET /thanh-toan/ket-qua", Who.CitizenA, At("/thanh-toan/ket-qua"), _ => [F("ref", FieldKind.Text)]),
            new("GET /thanh-toan/ipn", Who.Anonymous, At("/thanh-toan/ipn"), _ =>
            [
                F("ref", FieldKind.Text, "TT0011223344556677"), F("amount", FieldKind.Number, "8000"), F("code", FieldKind.Choice, "00", "24", "97"),
                F("txn", FieldKind.Text), F("sig", FieldKind.Text, new string('a', 64)),
            ]),
            new("GET /can-bo/ho-so", Who.ReceptionX, At("/can-bo/ho-so"), s => Worklist(s)),
            new("GET /can-bo", Who.HandlerX, At("/can-bo"), s => Worklist(s)),
            new("GET /can-bo/tiep-nhan", Who.ReceptionX, At("/can-bo/tiep-nhan"), s => Worklist(s)),
            new("GET /can-bo/quay", Who.ReceptionX, At("/can-bo/quay"), s => [F("thuTuc", FieldKind.Number, [.. s.ProcedureIds]), F("kenh", FieldKind.Choice, "1", "3", "Postal")]),
            new("GET /quan-tri/lich", Who.Admin, At("/quan-tri/lich"), _ => [F("nam", FieldKind.Number, "2026", "1999", "2101")]),
            new("GET /quan-tri/thu-gui", Who.Admin, At("/quan-tri/thu-gui"), _ => [F("cho", FieldKind.Bool), F("trang", FieldKind.Number)]),
            new("GET /lanh-dao", Who.LeaderX, At("/lanh-dao"),
                s => [.. Period(s), F("sx", FieldKind.Choice, "ten", "nhan", "tl766", "quahan"), F("chieu", FieldKind.Choice, "tang", "giam"), F("tatca", FieldKind.Bool)]),
            new("GET /lanh-dao/ho-so", Who.ProvinceLeader, At("/lanh-dao/ho-so"), s => [.. Period(s), Figure(), F("trang", FieldKind.Number, "1", "2")]),
            new("GET /lanh-dao/ho-so/xuat.csv", Who.LeaderX, At("/lanh-dao/ho-so/xuat.csv"), s => [.. Period(s), Figure()]),
            new("GET /lanh-dao/bao-cao-ii06a", Who.ProvinceLeader, At("/lanh-dao/bao-cao-ii06a"), Period),
            new("GET /lanh-dao/bao-cao-ii06a/csv", Who.ProvinceLeader, At("/lanh-dao/bao-cao-ii06a/csv"), Period),
            new("GET /lanh-dao/bao-cao-ii06a/xlsx", Who.LeaderX, At("/lanh-dao/bao-cao-ii06a/xlsx"), Period),
            new("GET /lanh-dao/bao-cao-ii06a/pdf", Who.ProvinceLeader, At("/lanh-dao/bao-cao-ii06a/pdf"), Period),
            new("GET /lanh-dao/chi-so-766", Who.ProvinceLeader, At("/lanh-dao/chi-so-766"), Period),
            new("GET /lanh-dao/chuyen-kenh", Who.LeaderX, At("/lanh-dao/chuyen-kenh"), Period),
            new("GET /lanh-dao/muc-tieu", Who.ProvinceLeader, At("/lanh-dao/muc-tieu"), _ => [F("nam", FieldKind.Number, "2026", "1999", "2101")]),
        };
        return fuzzForms;

        static FuzzField[] Period(FuzzState s) =>
        [
            F("ky", FieldKind.Choice, "thang", "quy", "nam", "khoang"), F("nam", FieldKind.Number, "2026", "2025"), F("thang", FieldKind.Number, "1", "11", "12"),
            F("quy", FieldKind.Number, "1", "4"), F("tu", FieldKind.Date, "2026-01-01"), F("den", FieldKind.Date, "2026-11-30"),
            F("coquan", FieldKind.Number, [.. s.AgencyIds, s.AgencyX.ToString(CultureInfo.InvariantCulture)]), F("linhvuc", FieldKind.Number), F("thutuc", FieldKind.Number, [.. s.ProcedureIds]),
        ];

        static FuzzField Figure() => F("chi-so", FieldKind.Choice, "Received", "ReceivedOnline", "FinishedOnTime", "InProgress", "Overdue");

        static FuzzField[] Worklist(FuzzState s) =>
        [
            F("trangThai", FieldKind.Choice, "1", "2", "4", "5", "9", "Submitted"), F("thuTuc", FieldKind.Number, [.. s.ProcedureIds]), F("kenh", FieldKind.Choice, "1", "2", "3"),
            F("quaHan", FieldKind.Bool), F("sapDenHan", FieldKind.Bool), F("tatCa", FieldKind.Bool), F("q", FieldKind.Text, "nguyen van", "031090001234"),
            F("coQuan", FieldKind.Number, [.. s.AgencyIds]), F("sau", FieldKind.Text), F("truoc", FieldKind.Text),
        ];
    }

    /// <summary>An official's action on one of A's dossiers at X, by the role it belongs to, with the dossier's version most of the time.</summary>
    private static FuzzForm Act(string action, Who role, Func<FuzzState, FuzzField[]> fields) =>
        new($"POST /can-bo/ho-so/{{id:long}}/{action}", role, async (s, i) => $"/can-bo/ho-so/{await s.AimAsync(i)}/{action}",
            s => [new("Version", FieldKind.Number, s.LastVersion, Stable: true), .. fields(s)], Weight: 3);

    private static FuzzField EFormField(string name, FormField field) => field.Type switch
    {
        FormFieldType.Number => new(name, FieldKind.Number),
        FormFieldType.Date => new(name, FieldKind.Date),
        FormFieldType.Select => new(name, FieldKind.Choice, field.Options),
        FormFieldType.Checkbox => new(name, FieldKind.Bool),
        FormFieldType.TextArea => new(name, FieldKind.Multiline),
        FormFieldType.CitizenId => new(name, FieldKind.CitizenId),
        FormFieldType.TaxCode => new(name, FieldKind.TaxCode),
        FormFieldType.Phone => new(name, FieldKind.Phone),
        FormFieldType.Email => new(name, FieldKind.Email),
        FormFieldType.Address => new(name, FieldKind.Text),
        _ => new(name, FieldKind.Name),
    };

    /// <summary>Every text column of every table: NFC, no control characters but line breaks and tabs (JSON documents read value by value).</summary>
    private async Task<(List<string> Problems, int Scripts)> StoredTextAsync()
    {
        var problems = new List<string>();
        var scripts = 0;
        await f.App.WithDbAsync(async db =>
        {
            var columns = new HashSet<(string Table, string Column)>();
            foreach (var entity in db.Model.GetEntityTypes())
            {
                if (entity.GetTableName() is not { } table)
                {
                    continue;
                }

                var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
                foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string)))
                {
                    if (property.GetColumnName(store) is { } column)
                    {
                        columns.Add((table, column));
                    }
                }
            }

            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            foreach (var (table, column) in columns)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT \"{column}\" FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    if (await reader.IsDBNullAsync(0))
                    {
                        continue;
                    }

                    foreach (var text in Texts(reader.GetString(0)))
                    {
                        scripts += text.Contains("<script>", StringComparison.Ordinal) ? 1 : 0;
                        if (Problem(text) is { } problem)
                        {
                            problems.Add($"{table}.{column}: {problem} in \"{Short(text)}\"");
                        }
                    }
                }
            }
        });
        return (problems, scripts);
    }

    private static List<string> Texts(string value)
    {
        if (value.Length > 1 && value[0] is '{' or '[')
        {
            List<string> strings = [];
            try
            {
                using var json = JsonDocument.Parse(value);
                Collect(json.RootElement, strings);
                return strings;
            }
            catch (JsonException)
            {
            }
        }

        return [value];

        static void Collect(JsonElement e, List<string> into)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String:
                    into.Add(e.GetString()!);
                    break;
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        into.Add(p.Name);
                        Collect(p.Value, into);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var x in e.EnumerateArray())
                    {
                        Collect(x, into);
                    }

                    break;
            }
        }
    }

    private static string? Problem(string text)
    {
        try
        {
            if (!text.IsNormalized(NormalizationForm.FormC))
            {
                return "not NFC";
            }
        }
        catch (ArgumentException)
        {
            return "invalid Unicode";
        }

        var control = text.FirstOrDefault(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
        return control == default ? null : $"control character U+{(int)control:X4}";
    }

    /// <summary>The pages that show what the fuzz stored, parsed: nothing in them may have become markup.</summary>
    private async Task<(List<string> Problems, int EscapedScripts, int Pages)> RenderedAsync(FuzzState state)
    {
        var urls = new List<(Who, string)>
        {
            (Who.CitizenA, "/ho-so-cua-toi"), (Who.CitizenA, "/Account/Profile"), (Who.ReceptionX, "/can-bo/ho-so?tatCa=true"),
            (Who.Admin, "/quan-tri/thu-gui"), (Who.Admin, "/quan-tri/thu-gui?cho=true"),
            (Who.LeaderX, "/lanh-dao/nhap-du-lieu"), (Who.ProvinceLeader, "/lanh-dao/nhap-du-lieu"), (Who.ProvinceLeader, "/lanh-dao/muc-tieu"),
            (Who.ProvinceLeader, "/lanh-dao/ho-so?ky=khoang&tu=1990-01-01&den=1999-12-31"), (Who.ProvinceLeader, "/lanh-dao/ho-so?ky=khoang&tu=2020-01-01&den=2026-12-31"),
        };
        await state.QueryAsync(async db =>
        {
            var years = await db.CalendarAdjustments.Select(a => a.Date.Year).Distinct().ToListAsync();
            urls.AddRange(years.Select(y => (Who.Admin, $"/quan-tri/lich?nam={y}")));
            var runs = await db.ImportRuns.Select(r => r.Id).ToListAsync();
            urls.AddRange(runs.Select(id => (Who.ProvinceLeader, $"/lanh-dao/nhap-du-lieu/{id}")));
            var atX = await db.Dossiers.Where(d => d.AgencyId == state.AgencyX && d.Status != DossierStatus.Draft).OrderByDescending(d => d.Version).Select(d => d.Id).Take(60).ToListAsync();
            urls.AddRange(atX.Select(id => (Who.LeaderX, $"/can-bo/ho-so/{id}")));
            var userA = await db.Users.Where(u => u.Email == SecurityFixture.Account(Who.CitizenA)).Select(u => u.Id).SingleAsync();
            var own = await db.Dossiers.Where(d => d.ApplicantUserId == userA).Select(d => new { d.Id, d.Status }).ToListAsync();
            urls.AddRange(own.Where(d => d.Status != DossierStatus.Draft).Select(d => (Who.CitizenA, $"/ho-so-cua-toi/{d.Id}")));
            urls.AddRange(own.Where(d => d.Status == DossierStatus.Draft).SelectMany(d => new[]
                { (Who.CitizenA, $"/nop-ho-so/{d.Id}/nguoi-nop"), (Who.CitizenA, $"/nop-ho-so/{d.Id}/to-khai"), (Who.CitizenA, $"/nop-ho-so/{d.Id}/kiem-tra") }));
            return 0;
        });

        var problems = new List<string>();
        var escaped = 0;
        var browsing = BrowsingContext.New(Configuration.Default);
        foreach (var (who, url) in urls)
        {
            using var response = await f.Sessions[who].Client.Http.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            var document = await browsing.OpenAsync(r => r.Content(html));
            escaped += (document.Body?.TextContent ?? string.Empty).Contains("<script>", StringComparison.Ordinal) ? 1 : 0;
            problems.AddRange(Markup(document).Select(p => $"{url} as {who}: {p}"));
        }

        return (problems, escaped, urls.Count);
    }

    private static IEnumerable<string> Markup(IDocument document)
    {
        foreach (var element in document.All)
        {
            var tag = element.LocalName;
            if (tag == "script" && !(element.GetAttribute("src") ?? string.Empty).StartsWith('/'))
            {
                yield return "an inline <script>";
            }

            if (tag is "iframe" or "object" or "embed" or "svg" && element.Closest("[role=img]") is null)
            {
                yield return $"an injected <{tag}>";
            }

            if (tag == "img" && element.GetAttribute("src") == "x")
            {
                yield return "an injected <img src=x>";
            }

            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                {
                    yield return $"an event handler {attribute.Name} on <{tag}>";
                }

                if (attribute.Name is "href" or "src" or "action" or "formaction"
                    && attribute.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
                {
                    yield return $"a javascript: address in {attribute.Name} of <{tag}>";
                }
            }
        }
    }
}
