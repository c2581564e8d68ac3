using System.Net;

namespace Portal.Web.Tests.Security;

/// <summary>The Hangfire dashboard's commands read a form: asked for with another method than POST they answer 405, never 500.</summary>
[Collection(SecurityCollection.Name)]
public sealed class DashboardMethodTests(SecurityFixture f)
{
    [Theory]
    [InlineData("GET", "/hangfire/recurring/trigger")]
    [InlineData("GET", "/hangfire/recurring/remove")]
    [InlineData("GET", "/hangfire/jobs/enqueued/delete")]
    [InlineData("GET", "/hangfire/jobs/failed/requeue")]
    [InlineData("GET", "/hangfire/stats")]
    [InlineData("HEAD", "/hangfire/recurring/trigger")]
    [InlineData("GET", "/hangfire/jobs/actions/requeue/1")]
    public async Task A_dashboard_command_without_POST_answers_405_to_the_administrator(string method, string path)
    {
        using var response = await f.Sessions[Who.Admin].Client.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        if (path != "/hangfire/jobs/actions/requeue/1")
        {
            // Hangfire's single-job commands refuse other methods themselves (without saying which one they take).
            Assert.Equal(["POST"], response.Content.Headers.Allow);
        }
    }

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/recurring")]
    [InlineData("/hangfire/jobs/enqueued")]
    public async Task The_dashboard_pages_still_open_for_the_administrator(string path)
    {
        using var response = await f.Sessions[Who.Admin].Client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_command_without_POST_is_still_refused_to_anyone_else_first()
    {
        using var citizen = await f.Sessions[Who.CitizenA].Client.Http.GetAsync("/hangfire/recurring/trigger");
        using var anonymous = await f.Sessions[Who.Anonymous].Client.Http.GetAsync("/hangfire/recurring/trigger");

        Assert.Equal(HttpStatusCode.Forbidden, citizen.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
