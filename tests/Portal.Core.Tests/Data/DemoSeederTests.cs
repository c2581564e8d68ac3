using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Dossiers;
using Portal.Testing;

namespace Portal.Core.Tests.Data;

public sealed class DemoSeederTests
{
    [Fact]
    public async Task The_demo_has_every_status_a_growing_online_share_and_codes_the_allocator_continues()
    {
        await using var app = await PortalApp.StartAsync(new Dictionary<string, string?> { ["Portal:SeedDemo"] = "true", ["Portal:DemoDossiers"] = "4000" });
        var ct = TestContext.Current.CancellationToken;
        await app.WithDbAsync(async db =>
        {
            Assert.InRange(await db.Dossiers.CountAsync(ct), 4000, 4020);
            Assert.True(await db.Agencies.CountAsync(ct) >= 6);
            Assert.True(await db.Procedures.CountAsync(ct) >= 25);
            var statuses = await db.Dossiers.Select(d => d.Status).Distinct().ToListAsync(ct);
            Assert.Equal(Enum.GetValues<DossierStatus>().Order(), statuses.Order());
            Assert.Equal(await db.Dossiers.CountAsync(d => d.Code != null, ct), await db.Dossiers.Where(d => d.Code != null).Select(d => d.Code).Distinct().CountAsync(ct));
            // The demo's past is history, not work; only the minute deadline sweep, if it ran since, may have warned of
            // demo dossiers due now (new work, created after the seed).
            Assert.Empty(await db.Outbox.Where(o => o.ProcessedAt == null && o.Type != "deadline-due-soon" && o.Type != "deadline-overdue").Select(o => o.Type).ToListAsync(ct));

            var received = await db.Dossiers.Where(d => d.ReceivedAt != null).Select(d => new { d.ReceivedAt, d.Channel }).ToListAsync(ct);
            var byMonth = received.GroupBy(d => new { d.ReceivedAt!.Value.Year, d.ReceivedAt.Value.Month }).OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Month)
                .Select(g => g.Count(x => x.Channel == Channel.Online) / (double)g.Count()).ToList();
            Assert.InRange(byMonth.Take(3).Average(), 0.12, 0.35);
            Assert.InRange(byMonth.TakeLast(3).Average(), 0.38, 0.65);

            // The allocator goes on after the seeded sequence of a busy day.
            var last = await db.Dossiers.Where(d => d.Code != null).OrderByDescending(d => d.Id).Select(d => new { d.Code, d.AgencyId }).FirstAsync(ct);
            var agency = await db.Agencies.SingleAsync(a => a.Id == last.AgencyId, ct);
            var parts = last.Code!.Split('-');
            var day = DateOnly.ParseExact(parts[1], "yyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            var next = await new DossierCodeAllocator(db).NextAsync(agency.Code, day, ct);
            Assert.False(await db.Dossiers.AnyAsync(d => d.Code == next, ct));
        });

        var users = app.Service<IServiceScopeFactory>().CreateScope().ServiceProvider.GetRequiredService<UserManager<Identity.PortalUser>>();
        foreach (var account in DemoSeeder.Accounts)
        {
            var user = await users.FindByEmailAsync(account.Email);
            Assert.NotNull(user);
            Assert.True(await users.CheckPasswordAsync(user, DemoSeeder.Password), account.Email);
            Assert.True(await users.IsInRoleAsync(user, account.Role), account.Email);
        }
    }

    [Fact]
    public async Task The_demo_offers_the_synced_catalogue_at_the_communes_and_at_the_departments_of_each_sector()
    {
        await using var app = await PortalApp.StartAsync(new Dictionary<string, string?> { ["Portal:SeedDemo"] = "true", ["Portal:DemoDossiers"] = "0" });
        var ct = TestContext.Current.CancellationToken;
        await app.WithDbAsync(async db =>
        {
            var offers = await (from pa in db.ProcedureAgencies
                                join p in db.Procedures on pa.ProcedureId equals p.Id
                                join a in db.Agencies on pa.AgencyId equals a.Id
                                select new { p.Code, Agency = a.Code }).ToListAsync(ct);
            var procedures = await db.Procedures.Select(p => new { p.Code, Sector = p.Sector!.Name, p.Level }).ToListAsync(ct);
            Assert.Equal(30, procedures.Count);
            foreach (var procedure in procedures)
            {
                // The rule the demo seeder applied in code before the catalogue became files.
                var expected = procedure.Level == Portal.Core.Catalog.AgencyLevel.Commune
                    ? DemoCatalog.Communes.Select(c => c.Code)
                    : DemoCatalog.Departments.Where(d => d.Sectors.Contains(procedure.Sector)).Select(d => d.Code);
                Assert.Equal(expected.Order(), offers.Where(o => o.Code == procedure.Code).Select(o => o.Agency).Order());
            }
        });
    }

    [Fact]
    public async Task Every_supplement_of_the_demo_during_processing_has_its_lines_on_the_control_sheet_Mau_05()
    {
        await using var app = await PortalApp.StartAsync(new Dictionary<string, string?> { ["Portal:SeedDemo"] = "true", ["Portal:DemoDossiers"] = "2500" });
        var ct = TestContext.Current.CancellationToken;
        var (requests, handOffs) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            return (await db.Dossiers.SelectMany(d => d.SupplementRequests).Where(r => !r.AtReception).ToListAsync(ct),
                await db.DossierHandOffs.Where(h => h.Purpose.Contains("bổ sung")).ToListAsync(ct));
        });
        Assert.True(requests.Count > 20, $"{requests.Count} supplements during processing");
        foreach (var request in requests)
        {
            var lines = handOffs.Where(h => h.DossierId == request.DossierId).ToList();
            var asked = Assert.Single(lines, h => h.At == request.RequestedAt);
            Assert.Equal((Roles.Citizen, request.RequestedByName, request.Reason), (asked.ToRole, asked.FromName, asked.Note));
            if (request.AnsweredAt is { } answered)
            {
                var back = Assert.Single(lines, h => h.At == answered);
                Assert.Equal(Roles.Citizen, back.FromRole);
            }
        }

        // Online applicants answer online, to whoever asked; walk-ins bring their papers to the desk, in its office hours.
        var calendar = await app.WithScopeAsync(async sp => await sp.GetRequiredService<Portal.Core.Calendar.CalendarProvider>().GetAsync(ct));
        Assert.All(handOffs.Where(h => h.ToRole == Roles.Reception), h =>
        {
            var local = calendar.ToLocal(h.At);
            var time = TimeOnly.FromDateTime(local);
            Assert.True(calendar.IsWorkingDay(DateOnly.FromDateTime(local)) && time >= calendar.Options.MorningStart && time <= calendar.Options.AfternoonEnd, $"{local:dd/MM/yyyy HH:mm}");
        });
        Assert.Contains(handOffs, h => h.FromRole == Roles.Citizen && h.ToRole == Roles.Handler);
        Assert.Contains(handOffs, h => h.FromRole == Roles.Citizen && h.ToRole == Roles.Reception && h.Note!.EndsWith("01 bản", StringComparison.Ordinal));
        Assert.Equal(requests.Count + requests.Count(r => r.AnsweredAt is not null), handOffs.Count);

        var sheet = await app.WithScopeAsync(async sp => await Portal.Core.Documents.Forms.ControlSheetForm.RenderAsync(sp.GetRequiredService<PortalDb>(),
            requests.First(r => r.AnsweredAt is not null).DossierId, await sp.GetRequiredService<Portal.Core.Calendar.CalendarProvider>().GetAsync(ct), "Hải Phòng",
            sp.GetRequiredService<Portal.Core.Links.PublicUrls>(), DateTime.UtcNow, ct));
        var text = System.Text.RegularExpressions.Regex.Replace(PdfCheck.Text(sheet.Pdf), @"\s+", " ");
        Assert.Contains("Yêu cầu bổ sung, hoàn thiện hồ sơ", text, StringComparison.Ordinal);
        Assert.Contains("Nộp hồ sơ bổ sung", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_writes_words_where_its_forms_ask_for_words_and_leaves_hidden_fields_empty()
    {
        await using var app = await PortalApp.StartAsync(new Dictionary<string, string?> { ["Portal:SeedDemo"] = "true", ["Portal:DemoDossiers"] = "1500" });
        var ct = TestContext.Current.CancellationToken;
        await app.WithDbAsync(async db =>
        {
            var forms = await (from d in db.Dossiers
                               join v in db.ProcedureVersions on d.ProcedureVersionId equals v.Id
                               select new { d.Id, d.Applicant.FullName, d.Applicant.Address, d.FormData!.Json, v.Form }).ToListAsync(ct);
            Assert.NotEmpty(forms);
            var seen = new HashSet<string>();
            foreach (var dossier in forms)
            {
                Assert.False(PurelyDigits(dossier.FullName), $"{dossier.Id}: name {dossier.FullName}");
                Assert.False(PurelyDigits(dossier.Address), $"{dossier.Id}: address {dossier.Address}");
                var values = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(dossier.Json)!;
                foreach (var field in dossier.Form)
                {
                    if (!values.TryGetValue(field.Key, out var value))
                    {
                        continue;
                    }

                    Assert.True(Portal.Core.Filing.FormAnswers.IsVisible(field, values), $"{dossier.Id}: {field.Key} is hidden by its condition yet filled");
                    // A field labelled as a number ("Thửa đất số", "Tờ bản đồ số") holds one; any other text field holds words.
                    if (field.Type is Portal.Core.Catalog.FormFieldType.Text or Portal.Core.Catalog.FormFieldType.TextArea && !field.Label.EndsWith(" số", StringComparison.Ordinal))
                    {
                        Assert.False(PurelyDigits(value), $"{dossier.Id}: {field.Key} ({field.Label}) = {value}");
                        seen.Add(field.Key);
                    }
                }
            }

            // The text fields of the catalogue that the check above read at least once.
            Assert.Superset(new HashSet<string> { "subject_name", "relation_to_head", "request" }, seen);
        });

        static bool PurelyDigits(string? text) => text is { Length: > 0 } && text.Trim().All(c => char.IsAsciiDigit(c) || c is '.' or ',' or ' ');
    }
}
