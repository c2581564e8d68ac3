using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Dossiers;
using Portal.Core.Exchange;
using Portal.Core.Filing;
using Portal.Core.Notifications;
using Portal.Core.Payments;
using Portal.Testing;

namespace Portal.Web.Tests.Security;

/// <summary>The roles of the authorization matrix, in the order of its columns.</summary>
public enum Who
{
    Anonymous,
    CitizenA,
    CitizenB,
    ReceptionX,
    HandlerX,
    ApproverX,
    ReceptionY,
    HandlerY,
    ApproverY,
    LeaderX,
    ProvinceLeader,
    Admin,
}

/// <summary>
/// The ids the matrix fills route parameters with: dossiers, documents, payments and admin rows that belong to citizen A
/// at agency X (Hồng Bàng), one dossier of citizen B at agency Y (Lê Chân), and the public lookup pair of one of them.
/// The same record with ids that do not exist (<see cref="SecurityFixture.Ghost"/>) proves that someone else's data
/// answers exactly like nothing at all.
/// </summary>
public sealed record MatrixIds(
    long DraftX,
    long DraftDocX,
    long FiledX,
    long FiledDocX,
    long ReceiptDocX,
    long QuarantinedDocX,
    long SupplementX,
    long SupplementDocX,
    long FiledY,
    string PaymentRef,
    string FiledXCode,
    string FiledXPin,
    string SupplementXCode,
    string FiledYCode,
    int ProcedureX,
    int AgencyX,
    int AdjustmentId,
    long DeadOutboxId,
    int AgencyY,
    Guid ImportRunX,
    Guid ImportRunY,
    Guid HandlerXAccount,
    Guid HandlerYAccount,
    Guid ProvinceLeaderAccount);

/// <summary>A signed-in browser of one role: cookies, and the antiforgery token of its own session.</summary>
public sealed class Session(Who who, FormClient client)
{
    public Who Who { get; } = who;
    public FormClient Client { get; private set; } = client;
    public string Token { get; private set; } = string.Empty;

    public async Task RefreshTokenAsync()
    {
        var page = await Client.GetAsync(Who == Who.Anonymous ? "/Account/Login" : "/");
        Token = page.Document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException($"No antiforgery token for {Who}.");
    }

    internal void Replace(FormClient client) => Client = client;
}

/// <summary>
/// A demo portal (no Hangfire server: nothing changes underneath the tests) with one signed-in session per role and
/// fixture data owned by citizen A at agency X, built through the real pages where an official acts.
/// </summary>
public sealed class SecurityFixture : IAsyncLifetime
{
    public const string Domain = "@" + DemoSeeder.EmailDomain;
    public const string AgencyX = "000.20.01.H31";
    public const string AgencyY = "000.20.02.H31";

    /// <summary>Applicant data of A's dossiers that no demo row carries: none of it may reach anyone else.</summary>
    public const string SecretName = "Lã Thị Bảo Mật";
    public const string SecretCitizenId = "031190007731";
    public const string SecretPhone = "0987650731";
    public const string SecretNameB = "Tôn Nữ Kín Đáo";

    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    private readonly Dictionary<Who, Session> _sessions = [];

    public PortalApp App { get; private set; } = null!;
    public MatrixIds Ids { get; private set; } = null!;
    public MatrixIds Ghost { get; private set; } = null!;
    public IReadOnlyDictionary<Who, Session> Sessions => _sessions;

    public static string Account(Who who) => who switch
    {
        Who.CitizenA => "congdan" + Domain,
        Who.CitizenB => "doanhnghiep" + Domain,
        Who.ReceptionX => "motcua.hongbang" + Domain,
        Who.HandlerX => "chuyenvien.hongbang" + Domain,
        Who.ApproverX => "pheduyet.hongbang" + Domain,
        Who.ReceptionY => "motcua.lechan" + Domain,
        Who.HandlerY => "chuyenvien.lechan" + Domain,
        Who.ApproverY => "pheduyet.lechan" + Domain,
        Who.LeaderX => "lanhdao.hongbang" + Domain,
        Who.ProvinceLeader => "lanhdao" + Domain,
        Who.Admin => "admin" + Domain,
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    public async ValueTask InitializeAsync()
    {
        App = await PortalApp.StartAsync(new Dictionary<string, string?>
        {
            ["Portal:SeedDemo"] = "true",
            ["Portal:DemoDossiers"] = "40",
            ["Portal:NodeRoles"] = "web",
            // The sandbox with a known key, so that the matrix can sign a gateway's return (AuthorizationMatrix.SignedReturn).
            ["Payments:Mode"] = "Test",
            ["Payments:Sandbox:Secret"] = AuthorizationMatrix.SandboxKey,
            // The matrix tries A's code with a wrong PIN once per role, twelve times: the limit per code
            // (LookupLockoutTests) would close it after five and every role after would see "closed", not 404.
            ["Lookup:WrongPinsPerCode"] = "1000",
        });
        foreach (var who in Enum.GetValues<Who>())
        {
            _sessions[who] = new Session(who, await NewClientAsync(who));
        }

        Ids = await SeedAsync();
        Ghost = new MatrixIds(9_100_000_001, 9_100_000_002, 9_100_000_003, 9_100_000_004, 9_100_000_005, 9_100_000_006, 9_100_000_007,
            9_100_000_008, 9_100_000_009, "TT00000000DEADBEEF", "000.20.01.H31-991231-9999", "987654", "000.20.01.H31-991231-9998",
            "000.20.02.H31-991231-9997", 2_000_000_001, Ids.AgencyX,
            2_000_000_002, 9_100_000_010, 2_000_000_003, new Guid("00000000-0000-0000-0000-00000000dead"), new Guid("00000000-0000-0000-0000-00000000beef"),
            new Guid("00000000-0000-0000-0000-0000000000a1"), new Guid("00000000-0000-0000-0000-0000000000a2"), new Guid("00000000-0000-0000-0000-0000000000a3"));
        foreach (var session in _sessions.Values)
        {
            await session.RefreshTokenAsync();
        }
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    /// <summary>Signs the role in again (after a request that signed it out).</summary>
    public async Task RenewAsync(Who who)
    {
        _sessions[who].Replace(await NewClientAsync(who));
        await _sessions[who].RefreshTokenAsync();
    }

    private async Task<FormClient> NewClientAsync(Who who)
    {
        var client = FormClient.For(App);
        if (who != Who.Anonymous)
        {
            await client.SignInAsync(Account(who), DemoSeeder.Password);
        }

        return client;
    }

    private Task<T> WithDbAsync<T>(Func<PortalDb, IServiceProvider, Task<T>> work) =>
        App.WithScopeAsync(sp => work(sp.GetRequiredService<PortalDb>(), sp));

    private async Task<MatrixIds> SeedAsync()
    {
        var (agencyX, procedureX) = await WithDbAsync(async (db, _) =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Code == AgencyX);
            var procedure = await db.Procedures.Where(p => p.Name.Contains("tình trạng hôn nhân") && p.IsPublished
                    && db.ProcedureAgencies.Any(pa => pa.ProcedureId == p.Id && pa.AgencyId == agency.Id))
                .OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            return (agency.Id, procedure);
        });

        var (draftX, draftDocuments) = await NewDossierAsync(Who.CitizenA, AgencyX, procedureX, submit: false, "giay-to-nhap.pdf");
        var draftDocX = draftDocuments[0];
        var (filedX, filedDocuments) = await NewDossierAsync(Who.CitizenA, AgencyX, procedureX, submit: true, "giay-to-da-nop.pdf");
        var filedDocX = filedDocuments[0];
        await ActAsync(Who.ReceptionX, filedX, "form-accept", []);
        var quarantinedDocX = await UploadAsync(filedX, "giay-to-cach-ly.pdf", quarantine: true);
        await DispatchAllAsync();

        var (supplementX, _) = await NewDossierAsync(Who.CitizenA, AgencyX, procedureX, submit: true);
        await ActAsync(Who.ReceptionX, supplementX, "form-supplement", new()
        {
            ["OtherDocuments"] = "Bản sao giấy khai sinh có chứng thực",
            ["Reason"] = "Bản chụp tờ khai bị mờ.",
        });
        var supplementDocX = await UploadSupplementAsync(supplementX);

        var procedureY = await WithDbAsync((db, _) => db.ProcedureAgencies.Where(pa => pa.Agency!.Code == AgencyY && pa.ProcedureId == procedureX)
            .Select(pa => pa.ProcedureId).SingleAsync());
        var (filedY, _) = await NewDossierAsync(Who.CitizenB, AgencyY, procedureY, submit: true);
        // Received, so that it counts in Y's statistics and exports (which X's leader must not see).
        await ActAsync(Who.ReceptionY, filedY, "form-accept", []);

        return await WithDbAsync(async (db, sp) =>
        {
            var now = DateTime.UtcNow;
            var filed = await db.Dossiers.Include(d => d.Documents).SingleAsync(d => d.Id == filedX);
            var receipt = filed.Documents.First(d => d.Kind == DocumentKind.Issued);
            var codes = await db.Dossiers.Where(d => d.Id == supplementX || d.Id == filedY).ToDictionaryAsync(d => d.Id, d => d.Code!);
            var userA = await db.Users.Where(u => u.Email == Account(Who.CitizenA)).Select(u => u.Id).SingleAsync();
            var payment = new PaymentTransaction(filedX, "TT" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(), SandboxPaymentGateway.GatewayName,
                "Lệ phí kiểm thử", 8000, userA, now, filed.AgencyId, "UBND phường kiểm thử");
            db.Payments.Add(payment);
            var adjustment = new CalendarAdjustment(new DateOnly(2031, 5, 5), CalendarAdjustmentKind.DayOff, "Điều chỉnh dùng cho ma trận phân quyền");
            db.CalendarAdjustments.Add(adjustment);
            var dead = new OutboxMessage(OutboxKind.Email, "security-matrix", new EmailPayload("hopthu@example.vn", "Thư thử", "Nội dung").Serialize(), null, now);
            dead.MarkFailed("Máy chủ thư từ chối.", now, 1);
            db.Outbox.Add(dead);
            // An import of each agency; Y's names B's dossier in its file name and its error report, which X's leader must never see.
            var agencyY = await db.Agencies.Where(a => a.Code == AgencyY).Select(a => a.Id).SingleAsync();
            var leaderX = await db.Users.Where(u => u.Email == Account(Who.LeaderX)).Select(u => u.Id).SingleAsync();
            var leaderP = await db.Users.Where(u => u.Email == Account(Who.ProvinceLeader)).Select(u => u.Id).SingleAsync();
            var runX = new ImportRun(Guid.NewGuid(), "nhap-hong-bang.csv", "matrix-x.csv", null, agencyX, leaderX, "Lãnh đạo Hồng Bàng", now);
            var runY = new ImportRun(Guid.NewGuid(), $"nhap-{codes[filedY]}.csv", "matrix-y.csv", null, agencyY, leaderP, "Lãnh đạo tỉnh", now);
            db.ImportRuns.AddRange(runX, runY);
            db.ImportRowErrors.Add(new ImportRowError(runY.Id, 2, codes[filedY], "Mã hồ sơ đã tồn tại.", "The dossier code already exists."));
            await db.SaveChangesAsync();
            sp.GetRequiredService<CalendarProvider>().Invalidate();
            return new MatrixIds(draftX, draftDocX, filedX, filedDocX, receipt.Id, quarantinedDocX, supplementX, supplementDocX, filedY,
                payment.Reference, filed.Code!, filed.LookupPin!, codes[supplementX], codes[filedY], procedureX, agencyX, adjustment.Id, dead.Id, agencyY, runX.Id, runY.Id,
                await AccountIdAsync(Who.HandlerX), await AccountIdAsync(Who.HandlerY), leaderP);

            Task<Guid> AccountIdAsync(Who who) => db.Users.Where(u => u.Email == Account(who)).Select(u => u.Id).SingleAsync();
        });
    }

    /// <summary>A draft of the citizen with applicant data that appears nowhere else, and the files of its first slot.</summary>
    private async Task<(long Id, long[] Documents)> NewDossierAsync(Who citizen, string agencyCode, int procedureId, bool submit, params string[] files)
    {
        var id = await WithDbAsync(async (db, sp) =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Code == agencyCode);
            var procedure = await db.Procedures.SingleAsync(p => p.Id == procedureId);
            var user = await db.Users.SingleAsync(u => u.Email == Account(citizen));
            var applicant = citizen == Who.CitizenA
                ? new Applicant(ApplicantKind.Person, SecretName, SecretCitizenId, SecretPhone, "bao.mat@example.vn", "Số 1 Lạch Tray, Hải Phòng")
                : user.ToApplicant() with { FullName = SecretNameB };
            var dossier = Dossier.StartDraft(new ProcedureRef(procedure.Id, procedure.CurrentVersionId!.Value, procedure.SectorId), agency.Id, applicant, user.Id,
                DateTime.UtcNow);
            db.Dossiers.Add(dossier);
            await db.SaveChangesAsync();
            return dossier.Id;
        });
        var documents = new List<long>();
        foreach (var file in files)
        {
            documents.Add(await UploadAsync(id, file));
        }

        if (submit)
        {
            await WithDbAsync(async (db, sp) =>
            {
                var calendar = await sp.GetRequiredService<CalendarProvider>().GetAsync();
                var dossier = await db.Dossiers.Include(d => d.FormData).Include(d => d.Documents).SingleAsync(d => d.Id == id);
                var agency = await db.Agencies.SingleAsync(a => a.Id == dossier.AgencyId);
                var user = await db.Users.SingleAsync(u => u.Id == dossier.ApplicantUserId);
                var now = DateTime.UtcNow;
                dossier.SetFormData("{}", now);
                FiledDossiers.AttachMandatoryFiles(dossier, await db.ProcedureVersions.AsNoTracking().SingleAsync(v => v.Id == dossier.ProcedureVersionId), user.Id, now);
                var code = await sp.GetRequiredService<DossierCodeAllocator>().NextAsync(agency.Code, calendar.LocalDate(now));
                dossier.Submit(code, DossierCodeAllocator.NewPin(), now, user.ToActor(Roles.Citizen));
                await db.SaveChangesAsync();
                return id;
            });
        }

        return (id, [.. documents]);
    }

    /// <summary>Stores a PDF in the dossier through the citizen's upload handler (into the document store, like a real upload).</summary>
    private Task<long> UploadAsync(long dossierId, string name, bool quarantine = false) => WithDbAsync(async (db, sp) =>
    {
        var dossier = await db.Dossiers.Include(d => d.Documents).SingleAsync(d => d.Id == dossierId);
        var uploads = sp.GetRequiredService<UploadDocumentsHandler>();
        var problems = await uploads.HandleAsync(dossier, DocumentKind.Submitted, 0, "Tờ khai", false,
            [new UploadedFile(name, Pdf.Length, () => new MemoryStream(Pdf))], dossier.ApplicantUserId!.Value, CancellationToken.None);
        Assert.Empty(problems);
        var document = dossier.Documents.Single(d => d.FileName == name);
        if (quarantine)
        {
            document.Quarantine();
        }

        await db.SaveChangesAsync();
        return document.Id;
    });

    private async Task ActAsync(Who who, long dossierId, string form, Dictionary<string, string?> values)
    {
        var client = _sessions[who].Client;
        var page = await client.GetAsync($"/can-bo/ho-so/{dossierId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var response = await client.SubmitAsync(page, $"form#{form}", values);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{form} on {dossierId}: {(int)response.StatusCode}");
    }

    /// <summary>Citizen A answers the supplement request with one file, without submitting it yet.</summary>
    private async Task<long> UploadSupplementAsync(long dossierId)
    {
        var client = _sessions[Who.CitizenA].Client;
        var url = $"/ho-so-cua-toi/{dossierId}/bo-sung";
        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var token = page.Document.QuerySelector<IHtmlInputElement>($"form[action='{url}'] input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("luu"), "next" },
            { new ByteArrayContent(Pdf), "slot0", "bo-sung.pdf" },
        };
        var response = await client.Http.PostAsync(url, content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await WithDbAsync((db, _) => db.DossierDocuments.Where(d => d.DossierId == dossierId && d.Kind == DocumentKind.Supplement)
            .Select(d => d.Id).SingleAsync());
    }

    /// <summary>Runs the waiting outbox (the receipt Mẫu 01 and the mails) as the Hangfire workers would.</summary>
    private async Task DispatchAllAsync()
    {
        for (var round = 0; round < 5; round++)
        {
            var ids = await WithDbAsync((db, _) => db.Outbox.Where(m => m.ProcessedAt == null && m.DeadAt == null).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync());
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
}

[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityFixture>
{
    public const string Name = "security-matrix";
}
