using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Documents;
using Portal.Core.Documents.Pdf;
using Portal.Core.Dossiers;
using Portal.Core.Filing;
using Portal.Core.Identity;
using Portal.Core.Processing;

namespace Portal.Core.Data.Seeding;

/// <summary>
/// Demo data for Development: the agencies (offered the synced catalogue), an account for every role, and a year and a half of dossiers
/// created through the domain methods (so their histories, pauses and dates are what the rules produce),
/// with the online share growing from about 25 % to about 55 %. Runs once: it does nothing if agencies exist.
/// </summary>
public sealed class DemoSeeder(PortalDb db, CatalogueSync catalogue, IPasswordHasher<PortalUser> hasher, CalendarProvider calendars, IDocumentStore store, TimeProvider time, ILogger<DemoSeeder> log)
{
    public const string Password = "HaiPhong@2026";
    public const string EmailDomain = "demo.haiphong.vn";

    /// <summary>The one scanned page every demo desk dossier points to (so downloads work in the demo).</summary>
    public const string PlaceholderScanKey = "demo/ban-quet-minh-hoa.pdf";
    private const int Months = 18;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Mai"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Hữu", "Minh", "Thu", "Đức", "Ngọc", "Thanh", "Quốc", "Hải", "Gia", "Khánh"];
    private static readonly string[] GivenNames = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hằng", "Hùng", "Hương", "Khoa", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Yến", "Đạt", "Ánh", "Ước"];
    private static readonly string[] Streets = ["Lạch Tray", "Điện Biên Phủ", "Trần Phú", "Lê Lợi", "Tô Hiệu", "Hoàng Văn Thụ", "Nguyễn Đức Cảnh", "Lê Thánh Tông", "Đà Nẵng", "Cầu Đất"];

    public sealed record DemoAccount(string Email, string Role, string Who);

    /// <summary>The accounts the README lists (all with <see cref="Password"/>).</summary>
    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new($"admin@{EmailDomain}", Roles.Admin, "Quản trị hệ thống"),
        new($"lanhdao@{EmailDomain}", Roles.Leader, "Lãnh đạo UBND thành phố (toàn tỉnh)"),
        new($"lanhdao.hongbang@{EmailDomain}", Roles.Leader, "Lãnh đạo UBND phường Hồng Bàng"),
        new($"motcua.hongbang@{EmailDomain}", Roles.Reception, "Cán bộ một cửa phường Hồng Bàng"),
        new($"chuyenvien.hongbang@{EmailDomain}", Roles.Handler, "Chuyên viên phường Hồng Bàng"),
        new($"pheduyet.hongbang@{EmailDomain}", Roles.Approver, "Lãnh đạo phường Hồng Bàng (phê duyệt)"),
        new($"motcua.sotaichinh@{EmailDomain}", Roles.Reception, "Cán bộ một cửa Sở Tài chính"),
        new($"chuyenvien.sotaichinh@{EmailDomain}", Roles.Handler, "Chuyên viên Sở Tài chính"),
        new($"pheduyet.sotaichinh@{EmailDomain}", Roles.Approver, "Lãnh đạo phòng Sở Tài chính"),
        new($"congdan@{EmailDomain}", Roles.Citizen, "Công dân Nguyễn Văn An (CCCD 031090001234)"),
        new($"doanhnghiep@{EmailDomain}", Roles.Citizen, "Công ty TNHH Cảng Xanh (MST 0201234567)"),
    ];

    private static readonly Dictionary<string, string> AgencySlugs = new()
    {
        ["000.20.01.H31"] = "hongbang",
        ["000.20.02.H31"] = "lechan",
        ["000.20.03.H31"] = "ngoquyen",
        ["000.20.04.H31"] = "haian",
        ["000.00.03.H31"] = "sotaichinh",
        ["000.00.04.H31"] = "sonoivu",
        ["000.00.05.H31"] = "sonnmt",
        ["000.00.06.H31"] = "soyte",
        ["000.00.07.H31"] = "sogddt",
        ["000.00.08.H31"] = "sovhttdl",
        ["000.00.09.H31"] = "congan",
    };

    public async Task SeedAsync(int dossierCount, CancellationToken ct = default)
    {
        if (await db.Agencies.AnyAsync(ct))
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        await SavePlaceholderScanAsync(ct);
        var agencies = await SeedAgenciesAsync(ct);
        var procedures = await OfferCatalogAsync(agencies, ct);
        var staff = await SeedAccountsAsync(agencies, ct);
        var calendar = await calendars.GetAsync(ct);
        var created = await SeedDossiersAsync(dossierCount, procedures, staff, calendar, ct);
        log.LogInformation("Demo data seeded: {Agencies} agencies, {Procedures} procedures, {Dossiers} dossiers in {Seconds:0.0} s",
            agencies.Count, procedures.Count, created, clock.Elapsed.TotalSeconds);
    }

    private async Task SavePlaceholderScanAsync(CancellationToken ct)
    {
        using var pdf = new PdfBuilder("Bản quét minh họa");
        pdf.Title("Bản quét minh họa", "Dữ liệu demo của Cổng Dịch vụ công")
            .Paragraph("Đây là trang minh họa thay cho bản quét giấy tờ của hồ sơ trong dữ liệu demo. Hồ sơ thật lưu bản quét do cán bộ một cửa hoặc người nộp tải lên.");
        await store.SaveAsAsync(PlaceholderScanKey, pdf.ToBytes(), ct);
    }

    private async Task<Dictionary<string, Agency>> SeedAgenciesAsync(CancellationToken ct)
    {
        var province = new Agency(DemoCatalog.Province.Code, DemoCatalog.Province.Name, AgencyLevel.Province, null, DemoCatalog.Province.Address);
        db.Agencies.Add(province);
        await db.SaveChangesAsync(ct);
        var all = new Dictionary<string, Agency> { [province.Code] = province };
        foreach (var seed in DemoCatalog.Departments.Concat(DemoCatalog.Communes))
        {
            var agency = new Agency(seed.Code, seed.Name, seed.Level, province.Id, seed.Address);
            db.Agencies.Add(agency);
            all[seed.Code] = agency;
        }

        await db.SaveChangesAsync(ct);
        return all;
    }

    /// <summary>
    /// The synced catalogue, offered at the demo's agencies by each file's rule (every commune, or the departments it
    /// names): the seeder makes no procedure of its own.
    /// </summary>
    private async Task<List<(Procedure Procedure, ProcedureVersion Version, List<Agency> Agencies)>> OfferCatalogAsync(
        Dictionary<string, Agency> agencies, CancellationToken ct)
    {
        foreach (var agency in agencies.Values.OrderBy(a => a.Id))
        {
            await catalogue.OfferAtAsync(agency.Id, ct);
        }

        var byId = agencies.Values.ToDictionary(a => a.Id);
        var procedures = await db.Procedures.Include(p => p.CurrentVersion).Include(p => p.Agencies).AsSplitQuery()
            .Where(p => p.CurrentVersion != null).OrderBy(p => p.Id).ToListAsync(ct);
        return [.. procedures.Select(p => (p, p.CurrentVersion!, p.Agencies.Select(a => a.AgencyId).Order().Where(byId.ContainsKey).Select(id => byId[id]).ToList()))];
    }

    private async Task<Dictionary<(int AgencyId, string Role), List<PortalUser>>> SeedAccountsAsync(Dictionary<string, Agency> agencies, CancellationToken ct)
    {
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var staff = new Dictionary<(int, string), List<PortalUser>>();
        var hash = hasher.HashPassword(new PortalUser(), Password);
        var now = time.GetUtcNow().UtcDateTime;

        PortalUser Add(string email, string fullName, string role, int? agencyId, Action<PortalUser>? fill = null)
        {
            var user = new PortalUser
            {
                Id = Guid.NewGuid(),
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                PasswordHash = hash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                FullName = fullName,
                AgencyId = agencyId,
                CreatedAt = now,
            };
            fill?.Invoke(user);
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleIds[role] });
            if (agencyId is { } id)
            {
                var key = (id, role);
                if (!staff.TryGetValue(key, out var list))
                {
                    staff[key] = list = [];
                }

                list.Add(user);
            }

            return user;
        }

        Add($"admin@{EmailDomain}", "Quản trị hệ thống", Roles.Admin, null);
        Add($"lanhdao@{EmailDomain}", "Trần Quốc Hưng", Roles.Leader, null);
        var random = new Random(31);
        foreach (var (code, slug) in AgencySlugs)
        {
            var agency = agencies[code];
            Add($"lanhdao.{slug}@{EmailDomain}", RandomName(random), Roles.Leader, agency.Id);
            Add($"motcua.{slug}@{EmailDomain}", RandomName(random), Roles.Reception, agency.Id);
            Add($"chuyenvien.{slug}@{EmailDomain}", RandomName(random), Roles.Handler, agency.Id);
            Add($"chuyenvien2.{slug}@{EmailDomain}", RandomName(random), Roles.Handler, agency.Id);
            Add($"pheduyet.{slug}@{EmailDomain}", RandomName(random), Roles.Approver, agency.Id);
        }

        Add($"congdan@{EmailDomain}", "Nguyễn Văn An", Roles.Citizen, null, u =>
        {
            u.CitizenId = "031090001234";
            u.DateOfBirth = new DateOnly(1990, 5, 12);
            u.PhoneNumber = "0912345678";
            u.Address = "Số 12 Lạch Tray, phường Lê Chân, thành phố Hải Phòng";
        });
        Add($"doanhnghiep@{EmailDomain}", "Phạm Thị Hoa", Roles.Citizen, null, u =>
        {
            u.Kind = ApplicantKind.Business;
            u.TaxCode = "0201234567";
            u.BusinessName = "Công ty TNHH Cảng Xanh";
            u.Representative = "Phạm Thị Hoa";
            u.PhoneNumber = "0987654321";
            u.Address = "Số 5 Đà Nẵng, phường Ngô Quyền, thành phố Hải Phòng";
        });
        for (var i = 0; i < 300; i++)
        {
            var name = RandomName(random);
            Add($"nguoidan{i:000}@{EmailDomain}", name, Roles.Citizen, null, u =>
            {
                u.CitizenId = string.Create(CultureInfo.InvariantCulture, $"031{random.Next(0, 4)}{random.Next(60, 100):00}{random.Next(0, 1_000_000):000000}");
                u.PhoneNumber = string.Create(CultureInfo.InvariantCulture, $"09{random.Next(10_000_000, 99_999_999)}");
                u.Address = RandomAddress(random);
            });
        }

        await db.SaveChangesAsync(ct);
        return staff;
    }

    private async Task<int> SeedDossiersAsync(int count, List<(Procedure Procedure, ProcedureVersion Version, List<Agency> Agencies)> catalog,
        Dictionary<(int AgencyId, string Role), List<PortalUser>> staff, WorkingCalendar calendar, CancellationToken ct)
    {
        var random = new Random(2026);
        var now = time.GetUtcNow().UtcDateTime;
        var citizens = await db.Users.Where(u => u.Email!.StartsWith("nguoidan")).ToListAsync(ct);
        var counters = new Dictionary<(string Agency, DateOnly Day), int>();
        var agencyCodes = catalog.SelectMany(c => c.Agencies).DistinctBy(a => a.Id).ToDictionary(a => a.Id, a => a.Code);

        // Commune civil-status procedures are the bulk of a province's volume.
        var weights = catalog.Select(c => c.Procedure.Level == AgencyLevel.Commune ? (c.Version.Name.Contains("khai sinh", StringComparison.Ordinal) || c.Version.Name.Contains("Chứng thực", StringComparison.Ordinal) ? 9.0 : 4.0) : 2.0).ToArray();
        var totalWeight = weights.Sum();

        // Volume grows month by month; the online share from ~25 % to ~55 %.
        var monthWeights = Enumerable.Range(0, Months).Select(m => 1.0 + (m * 0.04)).ToArray();
        var start = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-(Months - 1));
        var created = 0;
        var seen = new HashSet<DossierStatus>();
        // Mẫu 05's lines, made once the batch's dossiers have their ids.
        var handOffs = new List<Func<DossierHandOff>>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.SignalOutbox = false;
        for (var m = 0; m < Months; m++)
        {
            var inMonth = (int)Math.Round(count * monthWeights[m] / monthWeights.Sum());
            if (m == Months - 1)
            {
                inMonth = count - created;
            }

            var onlineShare = 0.25 + (0.30 * m / (Months - 1));
            var monthStart = start.AddMonths(m);
            var monthEnd = m == Months - 1 ? now.AddHours(-1) : monthStart.AddMonths(1);
            for (var i = 0; i < inMonth; i++)
            {
                var pick = random.NextDouble() * totalWeight;
                var index = 0;
                while (pick > weights[index])
                {
                    pick -= weights[index];
                    index++;
                }

                var (procedure, version, offeredAt) = catalog[index];
                var agency = offeredAt[random.Next(offeredAt.Count)];
                var at = RandomOfficeTime(random, monthStart, monthEnd, calendar);
                var dossier = Simulate(random, procedure, version, agency, at, now, onlineShare, citizens, staff, calendar, counters, agencyCodes, handOffs);
                db.Dossiers.Add(dossier);
                seen.Add(dossier.Status);
                created++;
                if (created % 2000 == 0)
                {
                    await SaveBatchAsync(handOffs, ct);
                }
            }
        }

        // Every screen needs every status: if chance left one out, file more in the last days until each is there.
        for (var attempt = 0; attempt < 5000 && seen.Count < Enum.GetValues<DossierStatus>().Length; attempt++)
        {
            var (procedure, version, offeredAt) = catalog[random.Next(catalog.Count)];
            var agency = offeredAt[random.Next(offeredAt.Count)];
            var lines = new List<Func<DossierHandOff>>();
            var dossier = Simulate(random, procedure, version, agency, now.AddMinutes(-random.Next(30, 4 * 24 * 60)), now, 0.6, citizens, staff, calendar, counters, agencyCodes, lines);
            if (seen.Add(dossier.Status))
            {
                db.Dossiers.Add(dossier);
                handOffs.AddRange(lines);
                created++;
            }
        }

        await SaveBatchAsync(handOffs, ct);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        db.SignalOutbox = true;
        foreach (var ((agencyCode, day), last) in counters)
        {
            db.DossierCodeCounters.Add(new DossierCodeCounter { AgencyCode = agencyCode, Day = day.ToString("yyMMdd", CultureInfo.InvariantCulture), Last = last });
        }

        await db.SaveChangesAsync(ct);

        // The demo's past was never notified; its outbox rows are history, not work for the dispatcher.
        await db.Outbox.Where(o => o.ProcessedAt == null).ExecuteUpdateAsync(s => s.SetProperty(o => o.ProcessedAt, now), ct);
        return created;
    }

    private async Task SaveBatchAsync(List<Func<DossierHandOff>> handOffs, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        db.DossierHandOffs.AddRange(handOffs.Select(make => make()));
        handOffs.Clear();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static Dossier Simulate(Random random, Procedure procedure, ProcedureVersion version, Agency agency, DateTime at, DateTime now,
        double onlineShare, List<PortalUser> citizens, Dictionary<(int AgencyId, string Role), List<PortalUser>> staff, WorkingCalendar calendar,
        Dictionary<(string Agency, DateOnly Day), int> counters, Dictionary<int, string> agencyCodes, List<Func<DossierHandOff>> handOffs)
    {
        var reception = Pick(random, staff, agency.Id, Roles.Reception);
        var handler = Pick(random, staff, agency.Id, Roles.Handler);
        var approver = Pick(random, staff, agency.Id, Roles.Approver);
        var procedureRef = new ProcedureRef(procedure.Id, version.Id, procedure.SectorId);
        var canFileOnline = version.ServiceType != ServiceType.InformationOnly;
        var online = canFileOnline && random.NextDouble() < onlineShare;
        string NextCode(DateTime when)
        {
            var day = calendar.LocalDate(when);
            var key = (agencyCodes[agency.Id], day);
            counters[key] = counters.GetValueOrDefault(key) + 1;
            return DossierCodeAllocator.Format(key.Item1, day, counters[key]);
        }

        Dossier dossier;
        Actor applicantActor;
        // A supplement during processing as RequestSupplement, AnswerSupplement and RecordPaperSupplement record it: the
        // aggregate's move and the same Mẫu 05 line. An online applicant answers online; a walk-in or postal one at the desk.
        void AskSupplement(string reason, string document, DateTime when)
        {
            dossier.RequestSupplement(reason, [document], when, handler);
            var asked = dossier;
            handOffs.Add(() => DossierHandOff.SupplementAsked(asked, handler, asked.AgencyId, reason, when));
        }

        // Online at any hour; at the desk while it is open (never at 23:30).
        DateTime AnswerTime(DateTime at) => dossier.Channel == Channel.Online ? at
            : calendar.AddWorkingMinutes(calendar.StartOfCounting(at), random.Next(0, 4 * 60));

        void AnswerSupplement(string document, DateTime when)
        {
            var answered = dossier.OpenSupplementRequest!;
            var asked = dossier;
            if (dossier.Channel == Channel.Online)
            {
                dossier.SubmitSupplement(calendar, when, applicantActor);
                handOffs.Add(() => DossierHandOff.SupplementFiledOnline(asked, answered, when));
            }
            else
            {
                var received = $"{document}, 01 bản";
                dossier.ReceiveSupplementAtDesk(received, calendar, when, reception);
                handOffs.Add(() => DossierHandOff.SupplementAtDesk(asked, reception, received, when));
            }
        }

        if (online)
        {
            var citizen = citizens[random.Next(citizens.Count)];
            applicantActor = citizen.ToActor(Roles.Citizen);
            dossier = Dossier.StartDraft(procedureRef, agency.Id, citizen.ToApplicant(), citizen.Id, at.AddMinutes(-random.Next(5, 90)));
            dossier.SetFormData(SampleForm(random, version), at.AddMinutes(-3));
            if (random.NextDouble() < 0.01)
            {
                return dossier;
            }

            dossier.Submit(NextCode(at), DossierCodeAllocator.NewPin(), at, applicantActor);
            if (version.HasFees && random.NextDouble() < 0.4 + onlineShare)
            {
                dossier.RecordPayment(true, at.AddMinutes(2), applicantActor);
            }

            var receiveAt = calendar.AddWorkingMinutes(calendar.StartOfCounting(at), random.Next(10, 960));
            if (receiveAt > now)
            {
                return dossier;
            }

            var roll = random.NextDouble();
            if (roll < 0.03)
            {
                dossier.RefuseAtReception("Thủ tục không thuộc thẩm quyền giải quyết của cơ quan; đề nghị nộp tại cơ quan có thẩm quyền.", receiveAt, reception);
                return dossier;
            }

            if (roll < 0.09)
            {
                dossier.RequestSupplement("Bản chụp giấy tờ không rõ nét, không đọc được thông tin.", [version.Documents[0].Name], receiveAt, reception);
                var answerAt = receiveAt.AddHours(random.Next(4, 96));
                if (answerAt > now || random.NextDouble() < 0.05)
                {
                    return dossier;
                }

                dossier.SubmitSupplement(calendar, answerAt, applicantActor);
                receiveAt = calendar.AddWorkingMinutes(calendar.StartOfCounting(answerAt), random.Next(10, 960));
                if (receiveAt > now)
                {
                    return dossier;
                }
            }

            dossier.Accept(calendar.PromisedAt(receiveAt, version.TimeLimit), receiveAt, reception);
        }
        else
        {
            var applicant = new Applicant(ApplicantKind.Person, RandomName(random),
                string.Create(CultureInfo.InvariantCulture, $"031{random.Next(0, 4)}{random.Next(60, 100):00}{random.Next(0, 1_000_000):000000}"),
                string.Create(CultureInfo.InvariantCulture, $"09{random.Next(10_000_000, 99_999_999)}"), null, RandomAddress(random));
            applicantActor = new Actor(null, applicant.FullName, Roles.Citizen);
            var channel = random.NextDouble() < 0.06 ? Channel.Postal : Channel.InPerson;
            dossier = Dossier.RegisterAtDesk(procedureRef, agency.Id, applicant, channel, NextCode(at), DossierCodeAllocator.NewPin(),
                calendar.PromisedAt(at, version.TimeLimit), at, reception);
            dossier.SetFormData(SampleForm(random, version), at);
            if (random.NextDouble() < 0.5 + onlineShare / 2)
            {
                // Scanned at the desk: the dossier counts as digitised.
                dossier.AddDocument(new DossierDocument(DocumentKind.Submitted, 0, version.Documents[0].Name, "ban-quet.pdf", "application/pdf",
                    random.Next(80_000, 900_000), Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant().PadRight(64, '0'),
                    PlaceholderScanKey, at, reception.UserId), at);
            }

            if (version.HasFees && random.NextDouble() < 0.7)
            {
                dossier.RecordPayment(random.NextDouble() < onlineShare / 3, at.AddMinutes(5), reception);
            }
        }

        var receivedAt = dossier.ReceivedAt!.Value;
        var cursor = calendar.AddWorkingMinutes(calendar.StartOfCounting(receivedAt), random.Next(5, 960));
        if (cursor > now)
        {
            return dossier;
        }

        dossier.StartProcessing(cursor, handler);
        if (random.NextDouble() < 0.015)
        {
            var withdrawAt = cursor.AddHours(random.Next(2, 48));
            if (withdrawAt < now)
            {
                dossier.Withdraw("Người nộp không còn nhu cầu giải quyết.", calendar, withdrawAt, applicantActor);
            }

            return dossier;
        }

        var budget = calendar.WorkingMinutesBetween(cursor, dossier.DueAt!.Value);
        var lateness = random.NextDouble();
        // About 12 % late, the rest finish with some of their budget to spare.
        var factor = lateness < 0.12 ? 1.05 + (random.NextDouble() * 0.8) : 0.2 + (random.NextDouble() * 0.75);
        var workMinutes = (long)Math.Max(30, budget * factor);

        if (random.NextDouble() < 0.08)
        {
            var pauseAt = calendar.AddWorkingMinutes(cursor, Math.Max(10, workMinutes / 3));
            if (pauseAt > now)
            {
                return dossier;
            }

            AskSupplement("Cần bổ sung giấy tờ chứng minh theo quy định.", version.Documents[^1].Name, pauseAt);
            if (random.NextDouble() < 0.08)
            {
                var stopAt = pauseAt.AddDays(random.Next(15, 40));
                if (stopAt < now)
                {
                    dossier.Stop("Quá thời hạn bổ sung hồ sơ mà người nộp không bổ sung.", calendar, stopAt, handler);
                }

                return dossier;
            }

            var resumeAt = AnswerTime(pauseAt.AddHours(random.Next(20, 200)));
            if (resumeAt > now)
            {
                return dossier;
            }

            AnswerSupplement(version.Documents[^1].Name, resumeAt);
            cursor = resumeAt;
            workMinutes -= workMinutes / 3;
            if (random.NextDouble() < 0.1)
            {
                var again = calendar.AddWorkingMinutes(cursor, 60);
                var back = AnswerTime(again.AddHours(random.Next(20, 100)));
                if (back > now)
                {
                    if (again < now)
                    {
                        AskSupplement("Giấy tờ bổ sung chưa đúng mẫu quy định.", version.Documents[0].Name, again);
                    }

                    return dossier;
                }

                AskSupplement("Giấy tờ bổ sung chưa đúng mẫu quy định.", version.Documents[0].Name, again);
                AnswerSupplement(version.Documents[0].Name, back);
                cursor = back;
            }
        }

        if (version.HasFees && dossier.Payment == PaymentState.None && random.NextDouble() < 0.5)
        {
            var askAt = calendar.AddWorkingMinutes(cursor, 30);
            if (askAt > now)
            {
                return dossier;
            }

            dossier.RequestPayment(version.Fees.First(f => f.AmountVnd > 0).AmountFor()!.Value, "Đề nghị nộp lệ phí theo quy định.", askAt, handler);
            var paidAt = askAt.AddHours(random.Next(1, 72));
            if (paidAt > now)
            {
                return dossier;
            }

            dossier.RecordPayment(dossier.Channel == Channel.Online && random.NextDouble() < 0.8, paidAt, applicantActor);
            cursor = paidAt;
        }

        if (random.NextDouble() < 0.01)
        {
            var stopAt = calendar.AddWorkingMinutes(cursor, workMinutes / 2);
            if (stopAt < now)
            {
                dossier.Stop("Hồ sơ không đủ điều kiện giải quyết theo quy định.", calendar, stopAt, approver);
            }

            return dossier;
        }

        var decideAt = calendar.AddWorkingMinutes(cursor, workMinutes);
        if (lateness < 0.12 && dossier.DueAt is { } due && random.NextDouble() < 0.6)
        {
            var apologyAt = calendar.AddWorkingMinutes(cursor, Math.Max(10, calendar.WorkingMinutesBetween(cursor, due) - calendar.MinutesPerDay));
            if (apologyAt < now && apologyAt < due)
            {
                dossier.IssueApology(calendar.AddWorkingMinutes(due, calendar.MinutesPerDay * 3), "Hồ sơ cần xác minh thêm thông tin tại cơ quan liên quan.", calendar, apologyAt, approver);
            }
        }

        if (decideAt > now)
        {
            return dossier;
        }

        var electronic = version.ResultIsDocument && random.NextDouble() < (dossier.Channel == Channel.Online ? 0.92 : 0.35 + onlineShare / 2);
        dossier.Decide(electronic, null, calendar, decideAt, approver);
        if (random.NextDouble() < 0.96)
        {
            dossier.MarkSynced(DossierStatus.Decided, decideAt.AddMinutes(random.Next(1, 30)));
        }

        // The desk returns results in office hours (never at 23:23), within three working days of the decision.
        var returnAt = calendar.AddWorkingMinutes(decideAt, random.Next(30, 3 * calendar.MinutesPerDay));
        if (returnAt > now)
        {
            return dossier;
        }

        var method = electronic && dossier.Channel == Channel.Online && random.NextDouble() < 0.7 ? ResultReturnMethod.Online
            : dossier.Channel == Channel.Postal ? ResultReturnMethod.ByPost : ResultReturnMethod.AtDesk;
        dossier.ReturnResult(method, returnAt, method == ResultReturnMethod.Online ? Actor.System : reception);
        if (random.NextDouble() < 0.35)
        {
            var score = (byte)(random.NextDouble() switch { < 0.55 => 5, < 0.85 => 4, < 0.95 => 3, < 0.98 => 2, _ => 1 });
            dossier.Rate(score, score >= 4 ? "Cán bộ hướng dẫn tận tình." : "Thời gian chờ còn lâu.", returnAt.AddHours(2));
        }

        return dossier;
    }

    private static Actor Pick(Random random, Dictionary<(int AgencyId, string Role), List<PortalUser>> staff, int agencyId, string role) =>
        staff.TryGetValue((agencyId, role), out var list) ? list[random.Next(list.Count)].ToActor(role) : new Actor(null, "Cán bộ", role);

    private static DateTime RandomOfficeTime(Random random, DateTime from, DateTime to, WorkingCalendar calendar)
    {
        for (var attempt = 0; ; attempt++)
        {
            var at = from.AddMinutes(random.NextDouble() * (to - from).TotalMinutes);
            var local = calendar.ToLocal(at);
            var t = TimeOnly.FromDateTime(local);
            var inHours = (t >= calendar.Options.MorningStart && t < calendar.Options.MorningEnd) || (t >= calendar.Options.AfternoonStart && t < calendar.Options.AfternoonEnd);
            // A few dossiers are filed online in the evening or at weekends, as people do.
            if ((inHours && calendar.IsWorkingDay(DateOnly.FromDateTime(local))) || attempt > 20 || random.NextDouble() < 0.02)
            {
                return at;
            }
        }
    }

    private static readonly string[] Relatives = ["Cháu ruột", "Anh ruột", "Chị ruột", "Em ruột", "Cô ruột", "Chú ruột", "Con dâu", "Con rể"];
    private static readonly string[] HouseholdRelations = ["Vợ", "Chồng", "Con", "Cháu", "Bố", "Mẹ", "Em ruột"];
    private static readonly string[] Trades = ["Bán lẻ hàng tạp hóa, đồ uống", "Dịch vụ ăn uống (quán cơm bình dân)", "Sửa chữa, bảo dưỡng xe máy",
        "Cắt tóc, gội đầu", "May mặc, sửa quần áo", "Bán lẻ thủy sản tươi sống", "Kinh doanh vật liệu xây dựng", "Dịch vụ giặt là"];
    private static readonly string[] Businesses = ["Cửa hàng tạp hóa", "Quán cơm", "Tiệm sửa xe", "Tiệm may", "Cửa hàng vật liệu xây dựng"];

    /// <summary>
    /// An e-form filled as an applicant would: names and relations in words, numbers only where the field asks for one ("Thửa đất
    /// số", a count), nothing in a field its condition hides.
    /// </summary>
    private static string SampleForm(Random random, ProcedureVersion version)
    {
        var values = new Dictionary<string, string>();
        foreach (var field in version.Form)
        {
            values[field.Key] = field.Type switch
            {
                FormFieldType.Text => SampleText(random, field),
                FormFieldType.Number => SampleNumber(random, field.Key).ToString(CultureInfo.InvariantCulture),
                FormFieldType.Date => new DateOnly(1960 + random.Next(0, 60), random.Next(1, 13), random.Next(1, 28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                FormFieldType.Select => field.Options![random.Next(field.Options.Count)],
                FormFieldType.Checkbox => field.Required ? "true" : "false",
                FormFieldType.Address => RandomAddress(random),
                FormFieldType.CitizenId => string.Create(CultureInfo.InvariantCulture, $"031{random.Next(0, 4)}{random.Next(60, 100):00}{random.Next(0, 1_000_000):000000}"),
                FormFieldType.TaxCode => string.Create(CultureInfo.InvariantCulture, $"02{random.Next(10_000_000, 99_999_999)}"),
                FormFieldType.Phone => string.Create(CultureInfo.InvariantCulture, $"09{random.Next(10_000_000, 99_999_999)}"),
                FormFieldType.Email => "lienhe@example.vn",
                _ => field.Key switch
                {
                    "activities" => Trades[random.Next(Trades.Length)],
                    "change_other" => "Cập nhật thông tin người sử dụng đất theo thẻ căn cước.",
                    _ => "Đề nghị giải quyết theo quy định.",
                },
            };
        }

        foreach (var hidden in version.Form.Where(f => !FormAnswers.IsVisible(f, values)).ToList())
        {
            values.Remove(hidden.Key);
        }

        return JsonSerializer.Serialize(values, Json);
    }

    /// <summary>A count, an area or a capital of the size the field asks about (1–3 copies, not 273).</summary>
    private static long SampleNumber(Random random, string key) => key switch
    {
        "copies" => random.Next(1, 4),
        "floors" => random.Next(1, 7),
        "area" => random.Next(40, 301),
        "floor_area" => random.Next(60, 901),
        "capital" => random.Next(5, 200) * 10_000_000L,
        _ => random.Next(1, 11),
    };

    private static string SampleText(Random random, FormField field) => field.Key switch
    {
        "business_name" => $"{Businesses[random.Next(Businesses.Length)]} {GivenNames[random.Next(GivenNames.Length)]} {Streets[random.Next(Streets.Length)]}",
        "relation_other" => Relatives[random.Next(Relatives.Length)],
        "relation_to_head" => HouseholdRelations[random.Next(HouseholdRelations.Length)],

        // A land parcel's sheet and plot are numbers by name ("Tờ bản đồ số", "Thửa đất số").
        "map_sheet" => string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 60)}"),
        "plot_no" => string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 900)}"),
        _ when field.Key.Contains("name", StringComparison.Ordinal) => RandomName(random),
        _ => "Theo giấy tờ kèm theo",
    };

    private static string RandomName(Random random) =>
        $"{FamilyNames[random.Next(FamilyNames.Length)]} {MiddleNames[random.Next(MiddleNames.Length)]} {GivenNames[random.Next(GivenNames.Length)]}";

    private static string RandomAddress(Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"Số {random.Next(1, 300)} {Streets[random.Next(Streets.Length)]}, thành phố Hải Phòng");
}
