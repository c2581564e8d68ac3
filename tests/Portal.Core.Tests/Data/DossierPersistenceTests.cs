using Microsoft.EntityFrameworkCore;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Notifications;
using Portal.Core.Tests.Dossiers;

namespace Portal.Core.Tests.Data;

public sealed class DossierPersistenceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static async Task<ProcedureRef> CatalogAsync(PortalDb db)
    {
        var ct = TestContext.Current.CancellationToken;
        if (await db.Procedures.AnyAsync(ct))
        {
            var p = await db.Procedures.Include(x => x.Versions).FirstAsync(ct);
            return new ProcedureRef(p.Id, p.Versions[0].Id, p.SectorId);
        }

        var agency = new Agency("000.20.01.H31", "UBND phường Hồng Bàng", AgencyLevel.Commune);
        var sector = new Sector("LV01", "Hộ tịch");
        db.AddRange(agency, sector);
        await db.SaveChangesAsync(ct);
        var procedure = new Procedure("1.001193", "Đăng ký khai sinh", sector.Id, AgencyLevel.Commune);
        var version = procedure.AddVersion(new ProcedureVersionFacts("Đăng ký khai sinh", new DateOnly(2025, 7, 1), ServiceType.FullOnline,
            Portal.Core.Calendar.TimeLimit.WorkingDays(1), null, [new Fee("Lệ phí", 0, null)],
            [new RequiredDocument("Tờ khai", DocumentForm.Original, 1, true)], true, "Giấy khai sinh", ["Luật Hộ tịch 2014"],
            [new FormField("subject_name", "Họ tên", "Full name", FormFieldType.Text, true)],
            [new ProcessingStep("Thẩm định", Roles.Handler, 4)], null, null, null));
        procedure.OfferAt(agency.Id);
        db.Procedures.Add(procedure);
        await db.SaveChangesAsync(ct);
        procedure.MakeCurrent(version);
        await db.SaveChangesAsync(ct);
        return new ProcedureRef(procedure.Id, version.Id, sector.Id);
    }

    private async Task<long> SavedDossierAsync(DossierStatus status)
    {
        await using var db = fixture.Database.NewContext();
        var procedure = await CatalogAsync(db);
        var agencyId = await db.Agencies.Select(a => a.Id).FirstAsync(TestContext.Current.CancellationToken);
        var d = DossierScenarios.InStatus(DossierStatus.Draft);
        typeof(Dossier).GetProperty(nameof(Dossier.ProcedureId))!.SetValue(d, procedure.ProcedureId);
        typeof(Dossier).GetProperty(nameof(Dossier.ProcedureVersionId))!.SetValue(d, procedure.VersionId);
        typeof(Dossier).GetProperty(nameof(Dossier.SectorId))!.SetValue(d, procedure.SectorId);
        typeof(Dossier).GetProperty(nameof(Dossier.AgencyId))!.SetValue(d, agencyId);
        d.SetFormData("""{"subject_name":"Nguyễn Văn Bé"}""", DossierScenarios.T0);
        if (status != DossierStatus.Draft)
        {
            d.Submit(await new DossierCodeAllocator(db).NextAsync("000.20.01.H31", new DateOnly(2026, 3, 2), TestContext.Current.CancellationToken), "123456", DossierScenarios.T0, DossierScenarios.Citizen);
        }

        if (status == DossierStatus.Received)
        {
            d.Accept(DossierScenarios.T0.AddDays(2), DossierScenarios.T0.AddHours(1), DossierScenarios.Desk);
        }

        db.Dossiers.Add(d);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return d.Id;
    }

    [Fact]
    public async Task A_dossier_round_trips_with_its_applicant_form_history_and_utc_times()
    {
        var id = await SavedDossierAsync(DossierStatus.Received);
        await using var db = fixture.Database.NewContext();
        var d = await db.Dossiers.Include(x => x.History).Include(x => x.FormData).SingleAsync(x => x.Id == id, TestContext.Current.CancellationToken);
        Assert.Equal(DossierStatus.Received, d.Status);
        Assert.Equal("Nguyễn Văn An", d.Applicant.FullName);
        Assert.Equal("nguyen van an", d.ApplicantNameKey);
        Assert.Contains("Nguyễn Văn Bé", d.FormData!.Json, StringComparison.Ordinal);
        Assert.Equal([DossierStatus.Submitted, DossierStatus.Received], d.History.OrderBy(h => h.At).Select(h => h.To));
        Assert.Equal(DateTimeKind.Utc, d.ReceivedAt!.Value.Kind);
        Assert.Equal(DossierScenarios.T0.AddHours(1), d.ReceivedAt);
    }

    [Fact]
    public async Task Each_state_change_leaves_an_outbox_row_in_the_same_save()
    {
        var id = await SavedDossierAsync(DossierStatus.Received);
        await using var db = fixture.Database.NewContext();
        var rows = await db.Outbox.Where(o => o.DossierId == id).OrderBy(o => o.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["Submit", "Accept"], rows.Select(r => r.Type));
        Assert.All(rows, r => Assert.Equal(OutboxKind.DossierStatusChanged, r.Kind));
        Assert.All(rows, r => Assert.Null(r.ProcessedAt));
    }

    [Fact]
    public async Task A_stale_dossier_cannot_overwrite_a_newer_one()
    {
        var id = await SavedDossierAsync(DossierStatus.Received);
        var ct = TestContext.Current.CancellationToken;
        await using var first = fixture.Database.NewContext();
        await using var second = fixture.Database.NewContext();
        var a = await first.Dossiers.SingleAsync(x => x.Id == id, ct);
        var b = await second.Dossiers.SingleAsync(x => x.Id == id, ct);

        a.StartProcessing(DossierScenarios.T0.AddHours(2), DossierScenarios.Handler);
        await first.SaveChangesAsync(ct);

        b.Withdraw("Không còn nhu cầu.", DossierScenarios.WorkCalendar, DossierScenarios.T0.AddHours(2), DossierScenarios.Citizen);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(ct));

        await using var check = fixture.Database.NewContext();
        var saved = await check.Dossiers.SingleAsync(x => x.Id == id, ct);
        Assert.Equal(DossierStatus.InProcess, saved.Status);
        Assert.Equal(0, await check.Outbox.CountAsync(o => o.DossierId == id && o.Type == "Withdraw", ct));
    }

    [Fact]
    public async Task Two_dossiers_with_one_code_are_refused_by_the_database()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = fixture.Database.NewContext();
        var procedure = await CatalogAsync(db);
        var agencyId = await db.Agencies.Select(a => a.Id).FirstAsync(ct);
        var one = Dossier.RegisterAtDesk(procedure, agencyId, DossierScenarios.AnApplicant, Channel.InPerson, "DUP-260302-0001", "1", DossierScenarios.T0.AddDays(1), DossierScenarios.T0, DossierScenarios.Desk);
        var two = Dossier.RegisterAtDesk(procedure, agencyId, DossierScenarios.AnApplicant, Channel.InPerson, "DUP-260302-0001", "1", DossierScenarios.T0.AddDays(1), DossierScenarios.T0, DossierScenarios.Desk);
        db.Dossiers.Add(one);
        await db.SaveChangesAsync(ct);
        db.Dossiers.Add(two);
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(ct));
    }
}
