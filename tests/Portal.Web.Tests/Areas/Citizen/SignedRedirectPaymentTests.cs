using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Dossiers;
using Portal.Core.Notifications;
using Portal.Core.Payments;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Citizen;

/// <summary>The demo portal paying through the signed-redirect adapter against the local fake gateway.</summary>
public sealed class SignedRedirectFixture : CitizenFixture
{
    public FakeSignedRedirectGateway Gateway { get; private set; } = null!;

    protected override async Task ConfigureAsync(Dictionary<string, string?> settings)
    {
        Gateway = await FakeSignedRedirectGateway.StartAsync();
        // A test installation against a gateway's sandbox (test mode lets the fake answer on plain HTTP).
        settings["Payments:Gateway"] = "SignedRedirect";
        settings["Payments:SignedRedirect:PaymentUrl"] = Gateway.PaymentUrl;
        settings["Payments:SignedRedirect:MerchantCode"] = FakeSignedRedirectGateway.MerchantCode;
        settings["Payments:SignedRedirect:Secret"] = FakeSignedRedirectGateway.Secret;
        settings["Payments:SignedRedirect:ReturnUrl"] = Gateway.ReturnUrl;
        settings["Payments:SignedRedirect:NotifyUrl"] = Gateway.NotifyUrl;
    }

    protected override void Started() => Gateway.PortalHandler = () => App.Server.CreateHandler();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Gateway.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SignedRedirectCollection : ICollectionFixture<SignedRedirectFixture>
{
    public const string Name = "signed-redirect";
}

[Collection(SignedRedirectCollection.Name)]
public sealed class SignedRedirectPaymentTests(SignedRedirectFixture fixture)
{
    private CitizenApp App => fixture.App;
    private FakeSignedRedirectGateway Gateway => fixture.Gateway;

    private async Task<(FormClient Client, long Id)> FiledFeeDossierAsync()
    {
        var client = await Citizen.RegisterAsync(fixture);
        var id = await Citizen.CompleteDraftAsync(client, App, Citizen.ExtractCopy);
        Assert.Equal(HttpStatusCode.Redirect, (await Citizen.SubmitAsync(client, id)).StatusCode);
        return (client, id);
    }

    /// <summary>Presses "Pay" on the dossier page; returns the gateway address the portal redirected to and the transaction's reference.</summary>
    private async Task<(string Url, string Reference)> StartPaymentAsync(FormClient client, long id)
    {
        var page = await client.GetAsync($"/ho-so-cua-toi/{id}");
        var response = await client.SubmitAsync(page, $"form[action='/ho-so-cua-toi/{id}/thanh-toan']", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var url = response.Headers.Location!.ToString();
        Assert.StartsWith(Gateway.PaymentUrl + "?", url, StringComparison.Ordinal);
        var reference = await App.WithScopeAsync(sp => sp.GetRequiredService<Portal.Core.Data.PortalDb>().Payments
            .Where(p => p.DossierId == id).OrderByDescending(p => p.Id).Select(p => p.Reference).FirstAsync());
        return (url, reference);
    }

    /// <summary>The citizen's browser on the gateway's page (which pays or cancels); returns where the gateway sends it back.</summary>
    private static async Task<string> AtGatewayAsync(string url, string outcome = "pay")
    {
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(url + "&outcome=" + outcome);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.ToString();
    }

    private Task<(PaymentStatus Status, PaymentState Dossier, int Receipts)> StateAsync(long id, string reference) => App.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<Portal.Core.Data.PortalDb>();
        return (await db.Payments.Where(p => p.Reference == reference).Select(p => p.Status).SingleAsync(),
            await db.Dossiers.Where(d => d.Id == id).Select(d => d.Payment).SingleAsync(),
            await db.Outbox.CountAsync(o => o.DossierId == id && o.Kind == OutboxKind.RenderDocument && o.Type == ConfirmPaymentHandler.FeeReceiptType));
    });

    private static string Code(JsonElement answer) => answer.GetProperty("RspCode").GetString()!;

    [Fact]
    public async Task Paying_through_the_adapter_is_recorded_from_the_IPN_as_paid_online_with_one_e_receipt_even_when_the_IPN_comes_twice()
    {
        var (client, id) = await FiledFeeDossierAsync();
        var (url, reference) = await StartPaymentAsync(client, id);

        var back = await AtGatewayAsync(url);
        Assert.Equal("800000", Gateway.Orders[reference]["vnp_Amount"]);
        var (_, answer) = Assert.Single(Gateway.Notifications, n => n.Reference == reference);
        Assert.Equal("""{"RspCode":"00","Message":"Confirm Success"}""", answer.GetRawText());
        Assert.Equal((PaymentStatus.Paid, PaymentState.PaidOnline, 1), await StateAsync(id, reference));

        var page = await client.FollowAsync(await client.Http.GetAsync(back));
        Assert.Contains("Đã thanh toán 8", page.Text, StringComparison.Ordinal);
        Assert.Contains("Đã thanh toán trực tuyến", page.Text, StringComparison.Ordinal);
        var receipt = await Citizen.WaitForAsync(async () => (await Citizen.DossierAsync(App, id)).Documents.FirstOrDefault(d => d.Title.StartsWith("Biên lai", StringComparison.Ordinal)));
        var text = PdfCheck.Text(await (await client.Http.GetAsync($"/tai-lieu/{receipt.Id}")).Content.ReadAsByteArrayAsync());
        Assert.Contains("8.000", text, StringComparison.Ordinal);

        // The gateway retries its notification: "already confirmed", and still one payment and one receipt.
        var again = await Gateway.NotifyAsync(FakeSignedRedirectGateway.Result(reference, 8000, "00", "14999999"));
        Assert.Equal("02", Code(again));
        Assert.Equal((PaymentStatus.Paid, PaymentState.PaidOnline, 1), await StateAsync(id, reference));
        await App.WithDbAsync(async db => Assert.Equal(1, await db.DossierDocuments.CountAsync(d => d.DossierId == id && d.Title.StartsWith("Biên lai"))));
    }

    [Fact]
    public async Task A_wrong_hash_a_wrong_merchant_a_wrong_amount_and_an_unknown_order_are_each_refused_with_their_code_and_nothing_is_recorded()
    {
        var (client, id) = await FiledFeeDossierAsync();
        var (_, reference) = await StartPaymentAsync(client, id);
        var tampered = FakeSignedRedirectGateway.Result(reference, 8000, "00", "1");
        tampered["vnp_TransactionNo"] = "2";

        Assert.Equal("97", Code(await Gateway.NotifyAsync(tampered)));
        Assert.Equal("01", Code(await Gateway.NotifyAsync(FakeSignedRedirectGateway.Result(reference, 8000, "00", "1", merchant: "KHAC0001"))));
        Assert.Equal("04", Code(await Gateway.NotifyAsync(FakeSignedRedirectGateway.Result(reference, 800, "00", "1"))));
        Assert.Equal("01", Code(await Gateway.NotifyAsync(FakeSignedRedirectGateway.Result("TT0000000000000000", 8000, "00", "1"))));
        Assert.Equal("97", Code(await Gateway.NotifyAsync(new Dictionary<string, string> { ["vnp_TxnRef"] = reference })));
        Assert.Equal((PaymentStatus.Pending, PaymentState.None, 0), await StateAsync(id, reference));
    }

    [Fact]
    public async Task The_return_address_alone_without_the_IPN_does_not_mark_the_fee_paid_and_a_tampered_one_is_refused()
    {
        var (client, id) = await FiledFeeDossierAsync();
        var (url, reference) = await StartPaymentAsync(client, id);
        Gateway.DeliverNotifications = false;
        string back;
        try
        {
            back = await AtGatewayAsync(url);
        }
        finally
        {
            Gateway.DeliverNotifications = true;
        }

        var page = await client.FollowAsync(await client.Http.GetAsync(back));
        Assert.Contains("chưa xác nhận giao dịch", page.Text, StringComparison.Ordinal);
        Assert.Equal((PaymentStatus.Pending, PaymentState.None, 0), await StateAsync(id, reference));

        var tampered = await client.Http.GetAsync(back.Replace("vnp_Amount=800000", "vnp_Amount=100", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Equal((PaymentStatus.Pending, PaymentState.None, 0), await StateAsync(id, reference));
    }

    [Fact]
    public async Task A_payment_cancelled_at_the_gateway_is_shown_as_failed_and_the_fee_can_be_paid_again()
    {
        var (client, id) = await FiledFeeDossierAsync();
        var (url, reference) = await StartPaymentAsync(client, id);

        var page = await client.FollowAsync(await client.Http.GetAsync(await AtGatewayAsync(url, "cancel")));

        Assert.Contains("Thanh toán không thành công", page.Text, StringComparison.Ordinal);
        Assert.Equal((PaymentStatus.Failed, PaymentState.None, 0), await StateAsync(id, reference));
        Assert.NotNull(page.Document.QuerySelector($"form[action='/ho-so-cua-toi/{id}/thanh-toan']"));
    }
}
