using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Portal.Web.Tests.Areas.Citizen;

/// <summary>A portal outside Development with no gateway configured and not in test mode.</summary>
public sealed class NoGatewayFixture : CitizenFixture
{
    protected override Task ConfigureAsync(Dictionary<string, string?> settings)
    {
        settings.Remove("Payments:Mode");
        settings["Portal:DemoDossiers"] = "0";
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class NoGatewayCollection : ICollectionFixture<NoGatewayFixture>
{
    public const string Name = "no-gateway";
}

[Collection(NoGatewayCollection.Name)]
public sealed class PayAtDeskTests(NoGatewayFixture fixture)
{
    [Fact]
    public async Task Without_a_gateway_the_dossier_page_says_to_pay_at_the_desk_and_the_pay_endpoint_refuses_with_a_message()
    {
        var client = await Citizen.RegisterAsync(fixture);
        var id = await Citizen.CompleteDraftAsync(client, fixture.App, Citizen.ExtractCopy);
        Assert.Equal(HttpStatusCode.Redirect, (await Citizen.SubmitAsync(client, id)).StatusCode);

        var page = await client.GetAsync($"/ho-so-cua-toi/{id}");
        Assert.Contains("Vui lòng nộp phí, lệ phí tại bộ phận một cửa", page.Document.QuerySelector("#pay-at-desk")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("8.000 đồng", page.Text.Replace(',', '.'), StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector($"form[action='/ho-so-cua-toi/{id}/thanh-toan']"));
        Assert.Null(page.Document.QuerySelector("#test-banner"));

        // A pay request anyway (an old tab): a clear refusal, not a 500, and no transaction.
        var token = page.Document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var refused = await client.Http.PostAsync($"/ho-so-cua-toi/{id}/thanh-toan",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["fee"] = "0" }));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("chưa kết nối cổng thanh toán trực tuyến", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await fixture.App.WithDbAsync(async db => Assert.Equal(0, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Payments, p => p.DossierId == id)));
    }
}
