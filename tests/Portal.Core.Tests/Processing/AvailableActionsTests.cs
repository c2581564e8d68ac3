using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Dossiers;
using Portal.Core.Identity;
using Portal.Core.Processing;
using Portal.Testing;

namespace Portal.Core.Tests.Processing;

/// <summary>
/// The work page and the handlers agree: for dossiers in every status and every kind of official, the page offers an
/// action exactly when its handler succeeds. Each handler runs inside a transaction that is rolled back, so every try
/// starts from the same dossier.
/// </summary>
public sealed class AvailableActionsTests : IAsyncLifetime
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Each action's button on the page and its handler, run with a valid command (only availability can refuse it).</summary>
    private static readonly IReadOnlyList<Act> Acts =
    [
        new("accept", a => a.Accept, (sp, c, who) => sp.GetRequiredService<AcceptDossier>().HandleAsync(new(c.Id, c.Version, StartProcessing: false), who, None)),
        new("refuse", a => a.RefuseAtReception, (sp, c, who) =>
            sp.GetRequiredService<RefuseDossier>().HandleAsync(new(c.Id, c.Version, "Không thuộc thẩm quyền giải quyết."), who, None)),
        new("supplement", a => a.SupplementAtReception || a.SupplementInProcess, (sp, c, who) =>
            sp.GetRequiredService<RequestSupplement>().HandleAsync(new(c.Id, c.Version, "Bản chụp tờ khai bị mờ.", ["Bản sao giấy khai sinh"]), who, None)),
        new("start or plan", a => a.Start || a.PlanSteps, (sp, c, who) => sp.GetRequiredService<StartProcessing>().HandleAsync(new(c.Id, c.Version), who, None)),
        new("complete step", a => a.CompleteStep, (sp, c, who) =>
            sp.GetRequiredService<CompleteStep>().HandleAsync(new(c.Id, c.Version, c.StepId, "Đủ điều kiện.", null), who, None)),
        new("decide", a => a.Decide, (sp, c, who) =>
            sp.GetRequiredService<DecideDossier>().HandleAsync(new(c.Id, c.Version, "Cấp giấy xác nhận.", ResultMode.PaperOnly, null), who, None)),
        new("reassign", a => a.Reassign, (sp, c, who) =>
            sp.GetRequiredService<AssignStep>().HandleAsync(new(c.Id, c.Version, c.StepId, c.OtherCandidate, null), who, None)),
        new("request payment", a => a.RequestPayment, (sp, c, who) =>
            sp.GetRequiredService<RequestPayment>().HandleAsync(new(c.Id, c.Version, 50_000, null), who, None)),
        new("record payment", a => a.RecordPayment, (sp, c, who) => sp.GetRequiredService<RecordPayment>().HandleAsync(new(c.Id, c.Version), who, None)),
        new("stop", a => a.Stop, (sp, c, who) =>
            sp.GetRequiredService<StopProcessing>().HandleAsync(new(c.Id, c.Version, "Người yêu cầu không đủ điều kiện."), who, None)),
        new("apology", a => a.Apology, (sp, c, who) =>
            sp.GetRequiredService<IssueApology>().HandleAsync(new(c.Id, c.Version, "Cần xác minh thêm tại nơi cư trú.", c.ApologyDate), who, None)),
        new("attach result", a => a.AttachResult, (sp, c, who) =>
            sp.GetRequiredService<AttachResult>().HandleAsync(new(c.Id, c.Version, new OfficialFile("ket-qua.pdf", Pdf.Length, () => new MemoryStream(Pdf))), who, None)),
        new("return result", a => a.ReturnResult, (sp, c, who) =>
            sp.GetRequiredService<ReturnResult>().HandleAsync(new(c.Id, c.Version, ResultReturnMethod.AtDesk), who, None)),
        new("paper supplement", a => a.PaperSupplement, (sp, c, who) =>
            sp.GetRequiredService<RecordPaperSupplement>().HandleAsync(new(c.Id, c.Version, "Bản sao giấy khai sinh, 01 bản", null), who, None)),
        new("send back", a => a.SendBack, (sp, c, who) =>
            sp.GetRequiredService<SendBackStep>().HandleAsync(new(c.Id, c.Version, c.StepId, "Cần thẩm định lại hồ sơ."), who, None)),
        new("request opinion", a => a.RequestOpinion, async (sp, c, who) =>
        {
            // An agency that is neither the dossier's nor the official's: which one is asked is input, not availability.
            var db = sp.GetRequiredService<PortalDb>();
            var agencyId = await db.Dossiers.Where(d => d.Id == c.Id).Select(d => d.AgencyId).SingleAsync();
            var other = (await db.Agencies.Where(a => a.IsActive && a.Id != agencyId).Select(a => a.Id).ToListAsync()).First(a => !who.ActsFor(a));
            await sp.GetRequiredService<RequestOpinion>().HandleAsync(new(c.Id, c.Version, c.StepId, other, "Đề nghị cho ý kiến về hồ sơ này.", 1), who, None);
        }),
    ];

    private PortalApp _app = null!;
    private readonly Dictionary<string, OfficialContext> _people = [];

    private OfficialContext Desk => _people["motcua.hongbang"];
    private OfficialContext Approver => _people["pheduyet.hongbang"];

    public async ValueTask InitializeAsync()
    {
        _app = await PortalApp.StartAsync(new Dictionary<string, string?>
        {
            ["Portal:SeedDemo"] = "true",
            ["Portal:DemoDossiers"] = "0",
            ["Portal:NodeRoles"] = "web",
        });

        // A second approver at the ward, so that the approver's step, too, has someone else to be reassigned to.
        await _app.WithScopeAsync(async sp =>
        {
            var ward = await sp.GetRequiredService<PortalDb>().Agencies.SingleAsync(a => a.Code == "000.20.01.H31");
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            var email = $"pheduyet2.hongbang@{DemoSeeder.EmailDomain}";
            var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "Phó Chủ tịch phường Hồng Bàng", AgencyId = ward.Id, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Approver)).Succeeded);
            return user.Id;
        });

        // The ward's desk, both handlers, both approvers, its leader; the land office's handlers and approver (a liên
        // thông agency); another ward's desk (for whom no dossier here exists).
        foreach (var account in new[]
        {
            "motcua.hongbang", "chuyenvien.hongbang", "chuyenvien2.hongbang", "pheduyet.hongbang", "pheduyet2.hongbang", "lanhdao.hongbang",
            "chuyenvien.sonnmt", "chuyenvien2.sonnmt", "pheduyet.sonnmt", "motcua.lechan",
        })
        {
            _people[account] = await OfficialAsync(account);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_page_offers_an_action_exactly_when_its_handler_succeeds_for_every_status_and_every_official()
    {
        var scenarios = await ScenariosAsync();
        Assert.Equal(
            [DossierStatus.Submitted, DossierStatus.Received, DossierStatus.RefusedAtReception, DossierStatus.InProcess, DossierStatus.AwaitingSupplement,
                DossierStatus.AwaitingPayment, DossierStatus.Withdrawn, DossierStatus.Stopped, DossierStatus.Decided, DossierStatus.ResultReturned],
            (await Task.WhenAll(scenarios.Select(s => StatusAsync(s.Id)))).Distinct().Order());

        var disagreements = new List<string>();
        var succeeded = new HashSet<string>();
        var held = 0;
        foreach (var (name, id) in scenarios)
        {
            var (dossier, steps, opinions, state) = await PageStateAsync(id);
            var active = steps.FirstOrDefault(s => s.State == StepState.Active);
            if (active?.AssigneeId is { } assignee)
            {
                // Whoever holds the active step is one of the officials tried: the holder and those who do not hold it both get their turn.
                Assert.Contains(_people.Values, p => p.UserId == assignee);
                held++;
            }

            foreach (var (account, who) in _people)
            {
                var offered = AvailableActions.For(dossier, steps, who, opinions);
                foreach (var act in Acts)
                {
                    var outcome = await TryAsync(state, who, act);
                    if (act.Offered(offered) != (outcome == "done"))
                    {
                        disagreements.Add($"{name} / {account} / {act.Name}: the page {(act.Offered(offered) ? "offers it" : "does not offer it")}, the handler: {outcome}");
                    }

                    if (outcome == "done")
                    {
                        succeeded.Add(act.Name);
                    }

                    // Someone the dossier does not exist for gets 404 from every handler, whatever the action.
                    if (account == "motcua.lechan" || (account.EndsWith(".sonnmt", StringComparison.Ordinal) && !name.StartsWith("liên thông", StringComparison.Ordinal)))
                    {
                        Assert.True(outcome.StartsWith("404", StringComparison.Ordinal), $"{name} / {account} / {act.Name}: {outcome}");
                    }
                }
            }
        }

        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
        // Not a table of refusals that agree by never succeeding: every action succeeded for someone somewhere.
        Assert.Equal(Acts.Select(a => a.Name).Order(), succeeded.Order());
        Assert.True(held >= 8, $"Only {held} scenarios with an active step.");
    }

    /// <summary>Runs the handler inside a transaction rolled back: "done", or how it refused (404, 403, or the state's 409).</summary>
    private async Task<string> TryAsync(CaseState state, OfficialContext who, Act act)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            await act.Run(scope.ServiceProvider, state, who);
            return "done";
        }
        catch (DossierNotFoundException)
        {
            return "404";
        }
        catch (ActionNotPermittedException e)
        {
            return $"403 {e.English}";
        }
        catch (DomainException e)
        {
            return $"409 {e.English}";
        }
        finally
        {
            await transaction.RollbackAsync();
        }
    }

    /// <summary>The dossier and its steps as the work page reads them, and what a valid command for each action needs.</summary>
    private Task<(Dossier Dossier, List<DossierStep> Steps, List<OpinionRequest> Opinions, CaseState State)> PageStateAsync(long id) => _app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PortalDb>();
        var dossier = await db.Dossiers.AsNoTracking().Include(d => d.SupplementRequests).SingleAsync(d => d.Id == id);
        var steps = await db.DossierSteps.AsNoTracking().Where(s => s.DossierId == id).OrderBy(s => s.Index).ToListAsync();
        var opinions = await db.OpinionRequests.AsNoTracking().Where(r => r.DossierId == id).ToListAsync();
        var active = steps.FirstOrDefault(s => s.State == StepState.Active);
        var other = active is null ? Guid.NewGuid()
            : (await sp.GetRequiredService<AssigneePicker>().CandidatesAsync(active.AgencyId, active.Role, None)).First(c => c.Id != active.AssigneeId).Id;
        var calendar = await sp.GetRequiredService<CalendarProvider>().GetAsync();
        var after = dossier.DueAt is { } due && due > DateTime.UtcNow ? due : DateTime.UtcNow;
        var apologyDate = calendar.NextWorkingDay(calendar.NextWorkingDay(calendar.LocalDate(after)));
        return (dossier, steps, opinions, new CaseState(id, dossier.Version, (active ?? steps.LastOrDefault())?.Id ?? 0, other, apologyDate));
    });

    /// <summary>Dossiers in every status, and in process at each kind of step, made by the use cases themselves.</summary>
    private async Task<List<(string Name, long Id)>> ScenariosAsync()
    {
        var list = new List<(string, long)>();

        list.Add(("filed", await FiledAsync()));

        var askedAtReception = await FiledAsync();
        await SupplementAsync(askedAtReception, Desk);
        list.Add(("supplement asked at reception", askedAtReception));

        var refused = await FiledAsync();
        await DoAsync(refused, (sp, v) => sp.GetRequiredService<RefuseDossier>().HandleAsync(new(refused, v, "Không thuộc thẩm quyền."), Desk, None));
        list.Add(("refused at reception", refused));

        var withdrawnFiled = await FiledAsync();
        await WithdrawAsync(withdrawnFiled);
        list.Add(("withdrawn before reception", withdrawnFiled));

        var received = await FiledAsync();
        await DoAsync(received, (sp, v) => sp.GetRequiredService<AcceptDossier>().HandleAsync(new(received, v, StartProcessing: false), Desk, None));
        list.Add(("received", received));

        list.Add(("first step", await InProcessAsync()));

        var second = await InProcessAsync();
        await CompleteAsync(second);
        list.Add(("second step, the first done", second));

        var last = await InProcessAsync();
        await CompleteAsync(last);
        await CompleteAsync(last);
        list.Add(("last step", last));

        // The step waits for another agency's opinion: it is not completed, decided or sent back until the answer comes.
        var awaiting = await InProcessAsync();
        await CompleteAsync(awaiting);
        var asker = await HolderAsync(awaiting);
        await DoAsync(awaiting, async (sp, v) =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            var step = await db.DossierSteps.SingleAsync(s => s.DossierId == awaiting && s.State == StepState.Active);
            var landOffice = await db.Agencies.Where(a => a.Code == DemoCatalog.LandOfficeCode).Select(a => a.Id).SingleAsync();
            await sp.GetRequiredService<RequestOpinion>().HandleAsync(new(awaiting, v, step.Id, landOffice, "Đề nghị xác nhận thửa đất không tranh chấp.", 1), asker, None);
        });
        list.Add(("second step, awaiting the land office's opinion", awaiting));

        var askedInProcess = await InProcessAsync();
        await SupplementAsync(askedInProcess, await HolderAsync(askedInProcess));
        list.Add(("supplement asked in process", askedInProcess));

        var payment = await InProcessAsync();
        var holder = await HolderAsync(payment);
        await DoAsync(payment, (sp, v) => sp.GetRequiredService<RequestPayment>().HandleAsync(new(payment, v, 30_000, null), holder, None));
        list.Add(("awaiting payment", payment));

        var apologised = await InProcessAsync();
        await DoAsync(apologised, async (sp, v) =>
        {
            var calendar = await sp.GetRequiredService<CalendarProvider>().GetAsync();
            var due = (await sp.GetRequiredService<PortalDb>().Dossiers.SingleAsync(d => d.Id == apologised)).DueAt!.Value;
            await sp.GetRequiredService<IssueApology>().HandleAsync(new(apologised, v, "Cần xác minh tại nơi cư trú cũ.",
                calendar.NextWorkingDay(calendar.NextWorkingDay(calendar.LocalDate(due)))), Approver, None);
        });
        list.Add(("in process, apology issued", apologised));

        var stopped = await InProcessAsync();
        await DoAsync(stopped, (sp, v) => sp.GetRequiredService<StopProcessing>().HandleAsync(new(stopped, v, "Không đủ điều kiện theo quy định."), Approver, None));
        list.Add(("stopped", stopped));

        var withdrawn = await InProcessAsync();
        await WithdrawAsync(withdrawn);
        list.Add(("withdrawn in process", withdrawn));

        var decided = await DecidedAsync();
        list.Add(("decided", decided));

        var returned = await DecidedAsync();
        await DoAsync(returned, (sp, v) => sp.GetRequiredService<ReturnResult>().HandleAsync(new(returned, v, ResultReturnMethod.AtDesk), Desk, None));
        list.Add(("result returned", returned));

        list.Add(("carried over in process without steps", await CarriedOverAsync()));

        var land = await FiledAsync("cấp Giấy chứng");
        await DoAsync(land, (sp, v) => sp.GetRequiredService<AcceptDossier>().HandleAsync(new(land, v, StartProcessing: true), Desk, None));
        list.Add(("liên thông: the land office's step", land));

        // A step nobody was assigned to (its agency had no one with its role at the hand-off) is held by anyone there with that role.
        var wardUnassigned = await InProcessAsync();
        await UnassignAsync(wardUnassigned);
        list.Add(("first step, nobody assigned yet", wardUnassigned));

        var landUnassigned = await FiledAsync("cấp Giấy chứng");
        await DoAsync(landUnassigned, (sp, v) => sp.GetRequiredService<AcceptDossier>().HandleAsync(new(landUnassigned, v, StartProcessing: true), Desk, None));
        await UnassignAsync(landUnassigned);
        list.Add(("liên thông: the land office's step, nobody assigned yet", landUnassigned));

        return list;
    }

    private Task UnassignAsync(long id) => _app.WithDbAsync(db => db.DossierSteps.Where(s => s.DossierId == id && s.State == StepState.Active)
        .ExecuteUpdateAsync(u => u.SetProperty(s => s.AssigneeId, (Guid?)null).SetProperty(s => s.AssigneeName, (string?)null).SetProperty(s => s.AssignedAt, (DateTime?)null)));

    private async Task<long> InProcessAsync()
    {
        var id = await FiledAsync();
        await DoAsync(id, (sp, v) => sp.GetRequiredService<AcceptDossier>().HandleAsync(new(id, v, StartProcessing: true), Desk, None));
        return id;
    }

    private async Task<long> DecidedAsync()
    {
        var id = await InProcessAsync();
        await CompleteAsync(id);
        await CompleteAsync(id);
        var holder = await HolderAsync(id);
        await DoAsync(id, (sp, v) => sp.GetRequiredService<DecideDossier>().HandleAsync(new(id, v, null, ResultMode.PaperOnly, null), holder, None));
        return id;
    }

    private async Task CompleteAsync(long id)
    {
        var holder = await HolderAsync(id);
        var step = await ActiveStepAsync(id);
        await DoAsync(id, (sp, v) => sp.GetRequiredService<CompleteStep>().HandleAsync(new(id, v, step.Id, null, null), holder, None));
    }

    private Task SupplementAsync(long id, OfficialContext who) =>
        DoAsync(id, (sp, v) => sp.GetRequiredService<RequestSupplement>().HandleAsync(new(id, v, "Cần bản sao giấy khai sinh.", ["Bản sao giấy khai sinh"]), who, None));

    private Task WithdrawAsync(long id) => _app.WithDbAsync(async db =>
    {
        var dossier = await db.Dossiers.SingleAsync(d => d.Id == id);
        var citizen = await db.Users.SingleAsync(u => u.Id == dossier.ApplicantUserId);
        dossier.Withdraw("Không còn nhu cầu.", await _app.Service<CalendarProvider>().GetAsync(), DateTime.UtcNow, citizen.ToActor(Roles.Citizen));
        await db.SaveChangesAsync();
    });

    /// <summary>A walk-in dossier handed to processing without its steps (as one carried over from a legacy system arrives).</summary>
    private Task<long> CarriedOverAsync() => _app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PortalDb>();
        var calendar = await sp.GetRequiredService<CalendarProvider>().GetAsync();
        var agency = await db.Agencies.SingleAsync(a => a.Code == "000.20.01.H31");
        var procedure = await ProcedureAsync(db, agency.Id, "tình trạng hôn nhân");
        var now = DateTime.UtcNow;
        var desk = new Actor(Desk.UserId, Desk.Name, Roles.Reception);
        var dossier = Dossier.RegisterAtDesk(new ProcedureRef(procedure.Id, procedure.CurrentVersionId!.Value, procedure.SectorId), agency.Id,
            new Applicant(ApplicantKind.Person, "Vũ Văn Hùng", "031088001122", "0912000111", null, "Số 1 Lạch Tray"), Channel.InPerson,
            await sp.GetRequiredService<DossierCodeAllocator>().NextAsync(agency.Code, calendar.LocalDate(now)), DossierCodeAllocator.NewPin(),
            calendar.PromisedAt(now, TimeLimit.WorkingDays(3)), now, desk);
        dossier.StartProcessing(now, desk);
        db.Dossiers.Add(dossier);
        await db.SaveChangesAsync();
        return dossier.Id;
    });

    /// <summary>A citizen files a dossier online at the ward (status 1), with its mandatory files.</summary>
    private Task<long> FiledAsync(string procedureName = "tình trạng hôn nhân") => _app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PortalDb>();
        var calendar = await sp.GetRequiredService<CalendarProvider>().GetAsync();
        var agency = await db.Agencies.SingleAsync(a => a.Code == "000.20.01.H31");
        var procedure = await ProcedureAsync(db, agency.Id, procedureName);
        var citizen = await db.Users.SingleAsync(u => u.Email == $"congdan@{DemoSeeder.EmailDomain}");
        var now = DateTime.UtcNow;
        var dossier = Dossier.StartDraft(new ProcedureRef(procedure.Id, procedure.CurrentVersionId!.Value, procedure.SectorId), agency.Id, citizen.ToApplicant(),
            citizen.Id, now);
        dossier.SetFormData("{}", now);
        FiledDossiers.AttachMandatoryFiles(dossier, procedure.CurrentVersion!, citizen.Id, now);
        dossier.Submit(await sp.GetRequiredService<DossierCodeAllocator>().NextAsync(agency.Code, calendar.LocalDate(now)), DossierCodeAllocator.NewPin(), now,
            citizen.ToActor(Roles.Citizen));
        db.Dossiers.Add(dossier);
        await db.SaveChangesAsync();
        return dossier.Id;
    });

    private static Task<Procedure> ProcedureAsync(PortalDb db, int agencyId, string name) =>
        db.Procedures.Include(p => p.CurrentVersion)
            .Where(p => p.Name.Contains(name) && db.ProcedureAgencies.Any(pa => pa.ProcedureId == p.Id && pa.AgencyId == agencyId))
            .OrderBy(p => p.Id).FirstAsync();

    /// <summary>Acts on the dossier at its current version, in a scope of its own (committed).</summary>
    private async Task DoAsync(long id, Func<IServiceProvider, int, Task> act)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var version = await scope.ServiceProvider.GetRequiredService<PortalDb>().Dossiers.Where(d => d.Id == id).Select(d => d.Version).SingleAsync();
        await act(scope.ServiceProvider, version);
    }

    private Task<DossierStep> ActiveStepAsync(long id) =>
        _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().DossierSteps.AsNoTracking().SingleAsync(s => s.DossierId == id && s.State == StepState.Active));

    private async Task<OfficialContext> HolderAsync(long id)
    {
        var step = await ActiveStepAsync(id);
        return _people.Values.Single(p => p.UserId == step.AssigneeId);
    }

    private Task<DossierStatus> StatusAsync(long id) =>
        _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Dossiers.Where(d => d.Id == id).Select(d => d.Status).SingleAsync());

    private Task<OfficialContext> OfficialAsync(string account) => _app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PortalDb>();
        var email = $"{account}@{DemoSeeder.EmailDomain}";
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name!).ToListAsync();
        return new OfficialContext(user.Id, user.FullName, roles.ToHashSet(StringComparer.Ordinal), user.AgencyId, "127.0.0.1");
    });

    /// <summary>What a valid command for each action needs: the version the page carries, the active step, someone else to reassign it to, a date the apology may promise.</summary>
    private sealed record CaseState(long Id, int Version, long StepId, Guid OtherCandidate, DateOnly ApologyDate);

    private sealed record Act(string Name, Func<AvailableActions, bool> Offered, Func<IServiceProvider, CaseState, OfficialContext, Task> Run);
}
