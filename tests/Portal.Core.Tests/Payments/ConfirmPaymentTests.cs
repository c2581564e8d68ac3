using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Notifications;
using Portal.Core.Payments;
using Portal.Core.Tests.Data;
using Portal.Core.Tests.Dossiers;
using Portal.Testing;

namespace Portal.Core.Tests.Payments;

/// <summary>The IPN of the signed-redirect gateway read and confirmed on a real database (SQLite, or PostgreSQL under PORTAL_TEST_DB=postgres).</summary>
public sealed class ConfirmPaymentTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(DossierScenarios.T0.AddHours(3));
    private readonly SignedRedirectGateway _gateway = new(Options.Create(SignedRedirectGatewayTests.Options()), Options.Create(new WorkingTimeOptions()), new FakeTimeProvider(Now));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A filed dossier with a pending transaction of 8 000 đồng; returns the transaction's reference.</summary>
    private async Task<(long DossierId, string Reference)> PendingAsync(string gateway = SignedRedirectGateway.GatewayName)
    {
        await using var db = fixture.Database.NewContext();
        var agency = await db.Agencies.FirstOrDefaultAsync(Ct);
        if (agency is null)
        {
            agency = new Agency("000.20.02.H31", "UBND phường Lê Chân", AgencyLevel.Commune);
            var sector = new Sector("LV02", "Chứng thực");
            db.AddRange(agency, sector);
            await db.SaveChangesAsync(Ct);
            var procedure = new Procedure("2.000635", "Cấp bản sao trích lục", sector.Id, AgencyLevel.Commune);
            procedure.AddVersion(new ProcedureVersionFacts("Cấp bản sao trích lục", new DateOnly(2025, 7, 1), ServiceType.FullOnline,
                TimeLimit.WorkingDays(1), null, [new Fee("Lệ phí", 8000, null)],
                [new RequiredDocument("Tờ khai", DocumentForm.Original, 1, true)], true, "Bản sao trích lục", ["Luật Hộ tịch 2014"],
                [new FormField("subject_name", "Họ tên", "Full name", FormFieldType.Text, true)],
                [new ProcessingStep("Thẩm định", Roles.Handler, 4)], null, null, null));
            procedure.OfferAt(agency.Id);
            db.Procedures.Add(procedure);
            await db.SaveChangesAsync(Ct);
        }

        var version = await db.ProcedureVersions.FirstAsync(Ct);
        var d = DossierScenarios.InStatus(DossierStatus.Draft);
        typeof(Dossier).GetProperty(nameof(Dossier.ProcedureId))!.SetValue(d, version.ProcedureId);
        typeof(Dossier).GetProperty(nameof(Dossier.ProcedureVersionId))!.SetValue(d, version.Id);
        typeof(Dossier).GetProperty(nameof(Dossier.SectorId))!.SetValue(d, await db.Procedures.Where(p => p.Id == version.ProcedureId).Select(p => p.SectorId).SingleAsync(Ct));
        typeof(Dossier).GetProperty(nameof(Dossier.AgencyId))!.SetValue(d, agency.Id);
        d.Submit(await new DossierCodeAllocator(db).NextAsync(agency.Code, new DateOnly(2026, 3, 2), Ct), "123456", DossierScenarios.T0, DossierScenarios.Citizen);
        db.Dossiers.Add(d);
        await db.SaveChangesAsync(Ct);
        var reference = "TT" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        db.Payments.Add(new PaymentTransaction(d.Id, reference, gateway, "Lệ phí", 8000, DossierScenarios.Citizen.UserId!.Value, DossierScenarios.T0, agency.Id, agency.Name));
        await db.SaveChangesAsync(Ct);
        return (d.Id, reference);
    }

    internal static ReceiptNumbers Receipts(PortalDb db) =>
        new(db, Options.Create(new PaymentsOptions()), Options.Create(new WorkingTimeOptions()));

    /// <summary>What the IPN endpoint does with the gateway's fields.</summary>
    private async Task<IpnAnswer> NotifyAsync(IReadOnlyDictionary<string, string> fields)
    {
        await using var db = fixture.Database.NewContext();
        var reading = _gateway.Read(fields);
        return reading.Message is { } message
            ? IpnAnswer.For(await new ConfirmPaymentHandler(db, Receipts(db), new FakeTimeProvider(Now)).HandleAsync(_gateway.Name, message, Ct))
            : reading.Refusal!;
    }

    private async Task<(PaymentStatus Status, PaymentState Dossier, int Receipts)> StateAsync(long dossierId, string reference)
    {
        await using var db = fixture.Database.NewContext();
        return (await db.Payments.Where(p => p.Reference == reference).Select(p => p.Status).SingleAsync(Ct),
            await db.Dossiers.Where(d => d.Id == dossierId).Select(d => d.Payment).SingleAsync(Ct),
            await db.Outbox.CountAsync(o => o.DossierId == dossierId && o.Kind == OutboxKind.RenderDocument && o.Type == ConfirmPaymentHandler.FeeReceiptType, Ct));
    }

    [Fact]
    public async Task A_paid_notification_records_the_dossier_paid_online_and_asks_for_one_receipt_and_its_replay_changes_nothing()
    {
        var (id, reference) = await PendingAsync();
        var ipn = FakeSignedRedirectGateway.Result(reference, 8000, "00", "14226112");

        Assert.Equal(IpnAnswer.Confirmed, await NotifyAsync(ipn));
        Assert.Equal((PaymentStatus.Paid, PaymentState.PaidOnline, 1), await StateAsync(id, reference));

        Assert.Equal(IpnAnswer.AlreadyConfirmed, await NotifyAsync(ipn));
        Assert.Equal((PaymentStatus.Paid, PaymentState.PaidOnline, 1), await StateAsync(id, reference));
    }

    [Fact]
    public async Task A_cancelled_payment_is_recorded_as_failed_and_confirmed_to_the_gateway()
    {
        var (id, reference) = await PendingAsync();

        Assert.Equal(IpnAnswer.Confirmed, await NotifyAsync(FakeSignedRedirectGateway.Result(reference, 8000, "24", "0")));
        Assert.Equal((PaymentStatus.Failed, PaymentState.None, 0), await StateAsync(id, reference));
    }

    [Fact]
    public async Task A_wrong_hash_a_wrong_merchant_a_wrong_amount_and_an_unknown_order_are_each_refused_with_their_code_and_record_nothing()
    {
        var (id, reference) = await PendingAsync();
        var tampered = FakeSignedRedirectGateway.Result(reference, 8000, "00", "14226112");
        tampered["vnp_Amount"] = "100";

        Assert.Equal("97", (await NotifyAsync(tampered)).RspCode);
        Assert.Equal("01", (await NotifyAsync(FakeSignedRedirectGateway.Result(reference, 8000, "00", "1", merchant: "KHAC0001"))).RspCode);
        Assert.Equal("04", (await NotifyAsync(FakeSignedRedirectGateway.Result(reference, 1, "00", "1"))).RspCode);
        Assert.Equal("01", (await NotifyAsync(FakeSignedRedirectGateway.Result("TT00000000000000", 8000, "00", "1"))).RspCode);
        Assert.Equal("01", (await NotifyAsync(FakeSignedRedirectGateway.Result("TT\u0000", 8000, "00", "1"))).RspCode);
        Assert.Equal((PaymentStatus.Pending, PaymentState.None, 0), await StateAsync(id, reference));
    }

    [Fact]
    public async Task A_transaction_started_with_another_gateway_is_no_order_of_this_one()
    {
        var (id, reference) = await PendingAsync(gateway: SandboxPaymentGateway.GatewayName);

        Assert.Equal(IpnAnswer.OrderNotFound, await NotifyAsync(FakeSignedRedirectGateway.Result(reference, 8000, "00", "1")));
        Assert.Equal((PaymentStatus.Pending, PaymentState.None, 0), await StateAsync(id, reference));
    }

    [Fact]
    public async Task A_payment_the_dossier_takes_gets_the_next_receipt_number_of_its_payee_and_a_replay_keeps_it()
    {
        var (first, firstRef) = await PendingAsync();
        var (second, secondRef) = await PendingAsync();

        await NotifyAsync(FakeSignedRedirectGateway.Result(firstRef, 8000, "00", "1001"));
        await NotifyAsync(FakeSignedRedirectGateway.Result(secondRef, 8000, "00", "1002"));
        await NotifyAsync(FakeSignedRedirectGateway.Result(firstRef, 8000, "00", "1001"));

        await using var db = fixture.Database.NewContext();
        var numbered = await db.Payments.Where(p => p.Reference == firstRef || p.Reference == secondRef).OrderBy(p => p.Id).ToListAsync(Ct);
        Assert.All(numbered, p => Assert.Equal("BL26E", p.ReceiptSeries));
        Assert.Equal(numbered[0].ReceiptNumber + 1, numbered[1].ReceiptNumber);
        Assert.Equal(numbered[0].PayeeAgencyId, await db.Dossiers.Where(d => d.Id == first).Select(d => d.AgencyId).SingleAsync(Ct));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Money_that_arrives_for_a_withdrawn_dossier_is_recorded_as_to_refund_and_gets_no_receipt()
    {
        var (id, reference) = await PendingAsync();
        await using (var db = fixture.Database.NewContext())
        {
            var dossier = await db.Dossiers.SingleAsync(d => d.Id == id, Ct);
            dossier.Withdraw("Tôi nộp nhầm thủ tục.", DossierScenarios.WorkCalendar, DossierScenarios.T0.AddHours(1), DossierScenarios.Citizen);
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(IpnAnswer.Confirmed, await NotifyAsync(FakeSignedRedirectGateway.Result(reference, 8000, "00", "2001")));

        await using var check = fixture.Database.NewContext();
        var payment = await check.Payments.SingleAsync(p => p.Reference == reference, Ct);
        Assert.Equal(PaymentStatus.Paid, payment.Status);
        Assert.NotNull(payment.RefundDueAt);
        Assert.Null(payment.ReceiptNumber);
        Assert.Equal((PaymentStatus.Paid, PaymentState.None, 0), await StateAsync(id, reference));
    }
}
