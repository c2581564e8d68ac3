using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Payments;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Citizen;

[Collection(CitizenCollection.Name)]
public sealed class PaymentTests(CitizenFixture fixture)
{
    private CitizenApp App => fixture.App;

    private Task<T> DbAsync<T>(Func<PortalDb, Task<T>> query) => App.WithScopeAsync(sp => query(sp.GetRequiredService<PortalDb>()));

    private async Task<(FormClient Client, long Id)> FiledFeeDossierAsync(string? copies = null)
    {
        var client = await Citizen.RegisterAsync(fixture);
        var form = Citizen.BirthForm();
        form["f.copies"] = copies;
        var id = await Citizen.CompleteDraftAsync(client, App, Citizen.ExtractCopy, form);
        Assert.Equal(HttpStatusCode.Redirect, (await Citizen.SubmitAsync(client, id)).StatusCode);
        return (client, id);
    }

    private static async Task<string> StartPaymentAsync(FormClient client, long id)
    {
        var page = await client.GetAsync($"/ho-so-cua-toi/{id}");
        Assert.Contains("8.000 đồng", page.Text.Replace(',', '.'), StringComparison.Ordinal);
        var response = await client.SubmitAsync(page, $"form[action='/ho-so-cua-toi/{id}/thanh-toan']", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var gateway = response.Headers.Location!.ToString();
        Assert.StartsWith(SandboxPaymentGateway.PagePath + "?", gateway, StringComparison.Ordinal);
        return gateway;
    }

    [Fact]
    public async Task Paying_through_the_sandbox_is_confirmed_server_side_recorded_as_paid_online_and_issues_a_fee_receipt()
    {
        var (client, id) = await FiledFeeDossierAsync();
        var gatewayUrl = await StartPaymentAsync(client, id);

        var tampered = await client.Http.GetAsync(gatewayUrl.Replace("amount=8000", "amount=1", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Contains("Yêu cầu thanh toán không hợp lệ", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var gatewayPage = await client.GetAsync(gatewayUrl);
        Assert.Contains("8.000 đồng", gatewayPage.Text.Replace(',', '.'), StringComparison.Ordinal);
        Assert.NotNull(gatewayPage.Document.QuerySelector("#test-banner"));
        // A request naming another Host is refused at the door (host filtering follows the public address); the notification
        // and the return go to the configured public address, never one taken from the request.
        client.Http.DefaultRequestHeaders.Host = "evil.example";
        HttpResponseMessage forgedHost;
        try
        {
            forgedHost = await client.SubmitAsync(gatewayPage, "form[action^='/cong-thanh-toan-thu']", new Dictionary<string, string?> { ["outcome"] = "pay" }, submitter: "button[value=pay]");
        }
        finally
        {
            client.Http.DefaultRequestHeaders.Host = null;
        }

        Assert.Equal(HttpStatusCode.BadRequest, forgedHost.StatusCode);
        var paid = await client.SubmitAsync(gatewayPage, "form[action^='/cong-thanh-toan-thu']", new Dictionary<string, string?> { ["outcome"] = "pay" }, submitter: "button[value=pay]");
        var publicBase = App.Service<Portal.Core.Links.PublicUrls>().BaseUrl;
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.StartsWith(publicBase + "/thanh-toan/ket-qua?", paid.Headers.Location!.ToString(), StringComparison.Ordinal);
        var reference = System.Web.HttpUtility.ParseQueryString(paid.Headers.Location!.Query)["ref"]!;
        var notified = Assert.Single(App.SandboxNotifications, u => u.Query.Contains("ref=" + reference, StringComparison.Ordinal));
        Assert.Equal(publicBase + "/thanh-toan/ipn", notified.GetLeftPart(UriPartial.Path));

        // The gateway's signed callback has already settled it, before the browser comes back.
        var payment = await App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Payments.AsNoTracking().SingleAsync(p => p.DossierId == id));
        Assert.Equal(PaymentStatus.Paid, payment.Status);
        Assert.StartsWith("SBX", payment.GatewayTransactionId, StringComparison.Ordinal);
        var page = await client.FollowAsync(paid);
        Assert.Contains("Đã thanh toán 8", page.Text, StringComparison.Ordinal);
        Assert.Contains("Đã thanh toán trực tuyến", page.Text, StringComparison.Ordinal);
        var dossier = await Citizen.DossierAsync(App, id);
        Assert.Equal(PaymentState.PaidOnline, dossier.Payment);

        var receipt = await Citizen.WaitForAsync(async () => (await Citizen.DossierAsync(App, id)).Documents.FirstOrDefault(d => d.Title.StartsWith("Biên lai", StringComparison.Ordinal)));
        var pdf = await (await client.Http.GetAsync($"/tai-lieu/{receipt.Id}")).Content.ReadAsByteArrayAsync();
        var text = PdfCheck.Text(pdf);
        Assert.Contains("BIÊN LAI THU PHÍ, LỆ PHÍ", text, StringComparison.Ordinal);
        Assert.Contains(dossier.Code!, text, StringComparison.Ordinal);
        Assert.Contains("8.000", text, StringComparison.Ordinal);
        Assert.Contains(payment.GatewayTransactionId!, text, StringComparison.Ordinal);
        PdfCheck.RenderPng(pdf, "citizen-fee-receipt");

        // The notification again (the gateway retries): nothing changes. A forged one is refused.
        var gateway = App.Service<SandboxPaymentGateway>();
        var again = await client.Http.GetAsync(gateway.NotifyUrl(gateway.Complete(payment.Reference, 8000, true)));
        Assert.Equal("02", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("RspCode").GetString());
        var forged = new Dictionary<string, string>(gateway.Complete(payment.Reference, 8000, true)) { ["amount"] = "1" };
        Assert.Equal("97", (await (await client.Http.GetAsync(gateway.NotifyUrl(forged))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("RspCode").GetString());
        await App.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.Payments.CountAsync(p => p.DossierId == id && p.Status == PaymentStatus.Paid));
            Assert.Equal(1, await db.DossierDocuments.CountAsync(d => d.DossierId == id && d.Title.StartsWith("Biên lai")));
        });
        Assert.Empty(Portal.Core.Payments.StartPaymentHandler.Payable(await Citizen.DossierAsync(App, id),
            await App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().ProcedureVersions.SingleAsync(v => v.Id == dossier.ProcedureVersionId))));
    }

    private static string ReferenceOf(string gatewayUrl) => System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + gatewayUrl).Query)["ref"]!;

    [Fact]
    public async Task The_return_address_is_never_trusted_and_a_failed_payment_leaves_the_fee_unpaid()
    {
        var (client, id) = await FiledFeeDossierAsync();
        var unpaid = ReferenceOf(await StartPaymentAsync(client, id));

        // The browser claims success without paying: an unsigned return is refused.
        var claimed = await client.Http.GetAsync($"/thanh-toan/ket-qua?ref={unpaid}&code=00");
        Assert.Equal(HttpStatusCode.BadRequest, claimed.StatusCode);
        Assert.Contains("Không xác thực được kết quả", await claimed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A correctly signed return whose notification never came shows "not confirmed" and records nothing.
        var gateway = App.Service<SandboxPaymentGateway>();
        var signedReturn = await client.FollowAsync(await client.Http.GetAsync(gateway.ReturnUrl(gateway.Complete(unpaid, 8000, true))));
        Assert.Contains("chưa xác nhận giao dịch", signedReturn.Text, StringComparison.Ordinal);
        Assert.Equal(PaymentState.None, (await Citizen.DossierAsync(App, id)).Payment);
        Assert.Equal(PaymentStatus.Pending, await App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Payments.Where(p => p.Reference == unpaid).Select(p => p.Status).SingleAsync()));

        var gatewayUrl = await StartPaymentAsync(client, id);
        var reference = ReferenceOf(gatewayUrl);
        var gatewayPage = await client.GetAsync(gatewayUrl);
        var failed = await client.SubmitAsync(gatewayPage, "form[action^='/cong-thanh-toan-thu']", new Dictionary<string, string?> { ["outcome"] = "fail" }, submitter: "button[value=fail]");
        var page = await client.FollowAsync(failed);
        Assert.Contains("Thanh toán không thành công", page.Text, StringComparison.Ordinal);
        Assert.Equal(PaymentState.None, (await Citizen.DossierAsync(App, id)).Payment);
        Assert.Equal(PaymentStatus.Failed, await App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Payments.Where(p => p.Reference == reference).Select(p => p.Status).SingleAsync()));
        Assert.NotNull(page.Document.QuerySelector($"form[action='/ho-so-cua-toi/{id}/thanh-toan']"));

        // Another citizen cannot use the return page of this payment, signed as it is.
        var other = await Citizen.RegisterAsync(fixture);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(failed.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task A_payment_requested_by_the_agency_resumes_processing_once_paid()
    {
        var (client, id) = await FiledFeeDossierAsync();
        var at = DateTime.UtcNow.AddHours(-1);
        await Citizen.AsDeskAsync(App, id, (d, desk) =>
        {
            d.Accept(at.AddDays(2), at, desk);
            d.StartProcessing(at, desk);
            d.RequestPayment(16_000, "Cấp 2 bản sao trích lục.", at.AddMinutes(5), desk);
        });
        var page = await client.GetAsync($"/ho-so-cua-toi/{id}");
        Assert.Contains("16.000 đồng", page.Text.Replace(',', '.'), StringComparison.Ordinal);
        var response = await client.SubmitAsync(page, $"form[action='/ho-so-cua-toi/{id}/thanh-toan']", new Dictionary<string, string?>());
        var gatewayPage = await client.GetAsync(response.Headers.Location!.ToString());
        await client.FollowAsync(await client.SubmitAsync(gatewayPage, "form[action^='/cong-thanh-toan-thu']", new Dictionary<string, string?> { ["outcome"] = "pay" }, submitter: "button[value=pay]"));
        var dossier = await Citizen.DossierAsync(App, id);
        Assert.Equal(DossierStatus.InProcess, dossier.Status);
        Assert.Equal(PaymentState.PaidOnline, dossier.Payment);
    }

    private static async Task<HttpResponseMessage> PayInSandboxAsync(FormClient client, string gatewayUrl)
    {
        var gatewayPage = await client.GetAsync(gatewayUrl);
        return await client.SubmitAsync(gatewayPage, "form[action^='/cong-thanh-toan-thu']", new Dictionary<string, string?> { ["outcome"] = "pay" }, submitter: "button[value=pay]");
    }

    [Fact]
    public async Task Two_copies_cost_two_fees_the_gateway_and_the_receipt_name_the_same_ward_and_the_receipt_reads_the_amount_in_words_under_its_number()
    {
        var (client, id) = await FiledFeeDossierAsync(copies: "2");
        var dossier = await Citizen.DossierAsync(App, id);
        var ward = await DbAsync(db => db.Agencies.Where(a => a.Id == dossier.AgencyId).Select(a => a.Name).SingleAsync());

        var page = await client.GetAsync($"/ho-so-cua-toi/{id}");
        Assert.Contains("(2 bản × 8.000 đồng): 16.000 đồng", page.Text.Replace(',', '.'), StringComparison.Ordinal);
        var started = await client.SubmitAsync(page, $"form[action='/ho-so-cua-toi/{id}/thanh-toan']", new Dictionary<string, string?>());
        var gatewayPage = await client.GetAsync(started.Headers.Location!.ToString());
        Assert.Equal(ward, gatewayPage.Document.QuerySelector("#payee")?.TextContent);
        Assert.Contains("16.000 đồng", gatewayPage.Text.Replace(',', '.'), StringComparison.Ordinal);
        Assert.Contains($"cho {ward}", gatewayPage.Text, StringComparison.Ordinal);
        await client.FollowAsync(await PayInSandboxAsync(client, started.Headers.Location!.ToString()));

        var payment = await DbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.DossierId == id && p.Status == PaymentStatus.Paid));
        Assert.Equal((16_000L, ward, dossier.AgencyId), (payment.AmountVnd, payment.PayeeName, payment.PayeeAgencyId));
        Assert.NotNull(payment.ReceiptNumber);
        var receipt = await Citizen.WaitForAsync(async () => (await Citizen.DossierAsync(App, id)).Documents.FirstOrDefault(d => d.Title.StartsWith("Biên lai", StringComparison.Ordinal)));
        var pdf = await (await client.Http.GetAsync($"/tai-lieu/{receipt.Id}")).Content.ReadAsByteArrayAsync();
        var text = PdfCheck.Text(pdf).Replace('\n', ' ');
        Assert.Contains("Mười sáu nghìn đồng", text, StringComparison.Ordinal);
        Assert.Contains($"Ký hiệu: {payment.ReceiptSeries} – Số: {payment.ReceiptNumber:0000000}", text, StringComparison.Ordinal);
        Assert.Contains($"Đơn vị thu: {ward}", text, StringComparison.Ordinal);
        Assert.Contains("16.000", text, StringComparison.Ordinal);
        PdfCheck.RenderPng(pdf, "citizen-fee-receipt-two-copies");
    }

    [Fact]
    public async Task Copies_outside_the_form_s_range_or_not_whole_are_refused_on_the_form_with_what_to_type()
    {
        var client = await Citizen.RegisterAsync(fixture);
        var id = await Citizen.StartAsync(client, await Citizen.ProcedureIdAsync(App, Citizen.ExtractCopy));
        Assert.Equal(HttpStatusCode.Redirect, (await Citizen.PostStepAsync(client, $"/nop-ho-so/{id}/nguoi-nop", new Dictionary<string, string?>())).StatusCode);
        foreach (var (typed, message) in new[] { ("15", "phải trong khoảng 1 đến 10"), ("0", "phải trong khoảng 1 đến 10"), ("2.5", "là một số nguyên, ví dụ 2") })
        {
            var form = Citizen.BirthForm();
            form["f.copies"] = typed;
            var refused = await Citizen.PostStepAsync(client, $"/nop-ho-so/{id}/to-khai", form);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var again = await Page.ReadAsync(refused);
            Assert.Contains("\"Số bản sao yêu cầu cấp\" " + message, again.Text, StringComparison.Ordinal);
            Assert.Equal(typed, again.Document.QuerySelector("#f_copies")?.GetAttribute("value"));
        }
    }

    [Fact]
    public async Task A_paid_dossier_withdrawn_before_reception_says_before_and_after_that_the_fee_is_refunded_records_it_and_mails_it()
    {
        var (client, id) = await FiledFeeDossierAsync();
        await client.FollowAsync(await PayInSandboxAsync(client, await StartPaymentAsync(client, id)));
        Assert.Equal(PaymentState.PaidOnline, (await Citizen.DossierAsync(App, id)).Payment);

        var confirm = await client.GetAsync($"/ho-so-cua-toi/{id}/rut");
        Assert.Contains("hoàn trả khoản đã nộp", confirm.Document.QuerySelector("#withdraw-fee")?.TextContent, StringComparison.Ordinal);
        var withdrawn = await client.FollowAsync(await client.SubmitAsync(confirm, $"form[action='/ho-so-cua-toi/{id}/rut']",
            new Dictionary<string, string?> { ["Reason"] = "Tôi nộp nhầm thủ tục." }));
        Assert.Contains("hoàn trả phí, lệ phí đã nộp (8.000 đồng)", withdrawn.Document.QuerySelector("#withdrawn-fee")?.TextContent, StringComparison.Ordinal);

        var payment = await DbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.DossierId == id && p.Status == PaymentStatus.Paid));
        Assert.NotNull(payment.RefundDueAt);
        var code = (await Citizen.DossierAsync(App, id)).Code!;
        var mail = await Citizen.WaitForMailAsync(fixture, m => (m.Subject ?? string.Empty).Contains(code, StringComparison.Ordinal) && (m.TextBody ?? string.Empty).Contains("đã được rút", StringComparison.Ordinal));
        Assert.Contains("sẽ được", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("hoàn trả", mail.TextBody, StringComparison.Ordinal);

        // The agency sees what it owes back on the dossier's page.
        var leader = FormClient.For(App);
        await leader.SignInAsync("lanhdao@demo.haiphong.vn", "HaiPhong@2026");
        var official = await leader.GetAsync($"/can-bo/ho-so/{id}");
        Assert.Contains("8.000 đ", official.Document.QuerySelector(".refund-due")?.TextContent.Replace(',', '.'), StringComparison.Ordinal);
        Assert.Contains("công dân rút hồ sơ", official.Document.QuerySelector(".refund-due")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paid_dossier_withdrawn_after_reception_says_the_fee_is_kept_and_records_no_refund()
    {
        var (client, id) = await FiledFeeDossierAsync();
        await client.FollowAsync(await PayInSandboxAsync(client, await StartPaymentAsync(client, id)));
        var at = DateTime.UtcNow.AddHours(-1);
        await Citizen.AsDeskAsync(App, id, (d, desk) => d.Accept(at.AddDays(2), at, desk));

        var confirm = await client.GetAsync($"/ho-so-cua-toi/{id}/rut");
        Assert.Contains("không được hoàn trả", confirm.Document.QuerySelector("#withdraw-fee")?.TextContent, StringComparison.Ordinal);
        var withdrawn = await client.FollowAsync(await client.SubmitAsync(confirm, $"form[action='/ho-so-cua-toi/{id}/rut']",
            new Dictionary<string, string?> { ["Reason"] = "Tôi không cần bản sao nữa." }));
        Assert.Contains("không được hoàn trả", withdrawn.Document.QuerySelector("#withdrawn-fee")?.TextContent, StringComparison.Ordinal);
        Assert.Null(await DbAsync(db => db.Payments.Where(p => p.DossierId == id && p.Status == PaymentStatus.Paid).Select(p => p.RefundDueAt).SingleAsync()));
    }
}
