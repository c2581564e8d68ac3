using System.Net;
using Microsoft.AspNetCore.Http;
using Portal.Testing;
using Portal.Web.Infrastructure;

namespace Portal.Web.Tests.Security;

public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private PortalApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await PortalApp.StartAsync(new Dictionary<string, string?>
    {
        ["Portal:SeedDemo"] = "true",
        ["Portal:DemoDossiers"] = "20",
        ["RateLimits:LoginPerMinute"] = "3",
    });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    [InlineData("/css/site.css")]
    [InlineData("/khong-co-trang-nay")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await FormClient.For(_app).Http.GetAsync(path);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData("/quan-tri/thu-tuc/1/ban-nhap/xem-truoc", true)]
    [InlineData("/quan-tri/thu-tuc/1/ban-nhap", false)]
    [InlineData("/quan-tri/thu-tuc/1/xem-truoc", false)]
    [InlineData("/ho-so-cua-toi/1/ban-nhap/xem-truoc", false)]
    public void Only_the_draft_preview_may_be_framed_and_only_by_this_origin(string path, bool framed)
    {
        // The editor's iframe needs it (ProceduresJourney drives the preview inside the frame); every other page stays DENY.
        Assert.Equal(framed, SecurityHeaders.MayBeFramedHere(new PathString(path)));
    }

    [Fact]
    public async Task Pages_have_no_inline_script_or_style_for_the_policy_to_block()
    {
        foreach (var path in new[] { "/", "/Account/Login" })
        {
            var page = await FormClient.For(_app).GetAsync(path);
            Assert.All(page.Document.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), path + ": inline <script>"));
            Assert.Empty(page.Document.QuerySelectorAll("[style]"));
            Assert.Empty(page.Document.QuerySelectorAll("style"));
            Assert.DoesNotContain(page.Document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited_with_a_Vietnamese_message()
    {
        var client = FormClient.For(_app);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var login = await client.GetAsync("/Account/Login");
            var response = await client.SubmitAsync(login, "form[action='/Account/Login']",
                new Dictionary<string, string?> { ["Email"] = "congdan@demo.haiphong.vn", ["Password"] = "Sai@" + i });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var page = await Page.ReadAsync(response);
                Assert.Contains("quá nhiều lần", page.Text, StringComparison.Ordinal);
            }
        }

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}
