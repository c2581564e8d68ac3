using System.Net;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Citizen;

[Collection(CitizenCollection.Name)]
public sealed class LookupTests(CitizenFixture fixture)
{
    [Fact]
    public async Task The_public_lookup_needs_code_and_PIN_shows_initials_only_and_is_rate_limited()
    {
        var citizen = await Citizen.RegisterAsync(fixture);
        var id = await Citizen.CompleteDraftAsync(citizen, fixture.App);
        await Citizen.SubmitAsync(citizen, id);
        var dossier = await Citizen.DossierAsync(fixture.App, id);

        var visitor = FormClient.For(fixture.App);
        var form = await visitor.GetAsync($"/tra-cuu?ma={Uri.EscapeDataString(dossier.Code!)}");
        Assert.Equal(dossier.Code, form.Document.QuerySelector("#Code")!.GetAttribute("value"));
        var found = await Page.ReadAsync(await visitor.SubmitAsync(form, "form[action='/tra-cuu']", new Dictionary<string, string?> { ["Pin"] = dossier.LookupPin }));
        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Contains("T. T. B. N.", found.Text, StringComparison.Ordinal);
        Assert.Contains("Mới đăng ký", found.Text, StringComparison.Ordinal);
        Assert.Contains("Đăng ký khai sinh", found.Text, StringComparison.Ordinal);
        foreach (var secret in new[] { "Trần Thị Bích Ngọc", dossier.Applicant.IdNumber!, dossier.Applicant.Phone!, "Lạch Tray" })
        {
            Assert.DoesNotContain(secret, found.Html, StringComparison.Ordinal);
        }

        var wrongPin = (dossier.LookupPin == "000000" ? "111111" : "000000");
        var wrong = await Page.ReadAsync(await visitor.SubmitAsync(form, "form[action='/tra-cuu']", new Dictionary<string, string?> { ["Pin"] = wrongPin }));
        var unknown = await Page.ReadAsync(await visitor.SubmitAsync(form, "form[action='/tra-cuu']", new Dictionary<string, string?> { ["Code"] = "000.20.01.H31-990101-9999", ["Pin"] = "123456" }));
        Assert.Equal(HttpStatusCode.NotFound, wrong.Status);
        Assert.Contains("Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này", wrong.Text, StringComparison.Ordinal);
        Assert.Equal(wrong.Document.QuerySelector("[role=alert]")!.TextContent, unknown.Document.QuerySelector("[role=alert]")!.TextContent);

        // Six tries a minute (the test's setting): guessing PINs soon meets 429 with a Vietnamese page.
        HttpStatusCode last = HttpStatusCode.OK;
        for (var i = 0; i < 8 && last != HttpStatusCode.TooManyRequests; i++)
        {
            last = (await visitor.SubmitAsync(form, "form[action='/tra-cuu']", new Dictionary<string, string?> { ["Pin"] = $"{i:000000}" })).StatusCode;
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
        var limited = await Page.ReadAsync(await visitor.SubmitAsync(form, "form[action='/tra-cuu']", new Dictionary<string, string?> { ["Pin"] = dossier.LookupPin }));
        Assert.True(limited.Text.Contains("Bạn đã thao tác quá nhiều lần", StringComparison.Ordinal), limited.Status + limited.Html);
        Assert.DoesNotContain("T. T. B. N.", limited.Text, StringComparison.Ordinal);
    }
}
