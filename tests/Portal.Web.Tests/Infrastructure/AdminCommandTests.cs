using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Dossiers;
using Portal.Core.Identity;
using Portal.Testing;
using Portal.Web.Infrastructure;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>The first administrator from the command line: the account, its set-password link on the public address, the refusals.</summary>
public sealed class AdminCommandTests : IAsyncLifetime
{
    private const string Public = "https://dichvucong.haiphong.example.vn";
    private const string Email = "quantri@haiphong.gov.vn";
    private PortalApp _app = null!;

    public async ValueTask InitializeAsync() =>
        _app = await PortalApp.StartAsync(new Dictionary<string, string?> { ["Portal:PublicBaseUrl"] = Public });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Create_makes_a_confirmed_administrator_without_a_password_and_prints_a_link_that_sets_one()
    {
        var (exit, output, _) = await RunAsync("admin", "create", "--email", Email, "--name", "Nguyễn Văn A");

        Assert.Equal(0, exit);
        var user = await _app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            var found = await users.FindByEmailAsync(Email);
            Assert.NotNull(found);
            Assert.True(await users.IsInRoleAsync(found, Roles.Admin));
            return found;
        });
        Assert.True(user.EmailConfirmed);
        Assert.Null(user.PasswordHash);
        Assert.Equal("Nguyễn Văn A", user.FullName);

        var link = new Uri(output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(Public + "/Account/ResetPassword?", StringComparison.Ordinal)));
        var password = "Pw-" + Guid.NewGuid().ToString("N")[..10] + "A1";
        var client = Browser();
        var page = await client.GetAsync(link.PathAndQuery);
        using var set = await client.SubmitAsync(page, "form[action='/Account/ResetPassword']", new Dictionary<string, string?> { ["Password"] = password, ["ConfirmPassword"] = password });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        await client.SignInAsync(Email, password);
        using var dashboard = await client.Http.GetAsync("/hangfire", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);

        // Once used, the link is void.
        var other = Browser();
        var again = await other.GetAsync(link.PathAndQuery);
        using var reused = await other.SubmitAsync(again, "form[action='/Account/ResetPassword']", new Dictionary<string, string?> { ["Password"] = password + "x", ["ConfirmPassword"] = password + "x" });
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
    }

    [Fact]
    public async Task Create_refuses_an_existing_email_with_a_clear_message_and_a_failing_exit_code()
    {
        Assert.Equal(0, (await RunAsync("admin", "create", "--email", Email, "--name", "Nguyễn Văn A")).Exit);

        var (exit, output, error) = await RunAsync("admin", "create", "--email", Email.ToUpperInvariant(), "--name", "Người Khác");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains($"An account {Email.ToUpperInvariant()} already exists", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_link_prints_a_new_link_for_an_administrator_and_refuses_anyone_else()
    {
        Assert.Equal(0, (await RunAsync("admin", "create", "--email", Email, "--name", "Nguyễn Văn A")).Exit);

        var (exit, output, _) = await RunAsync("admin", "reset-link", $"--email={Email}");
        var (unknown, _, error) = await RunAsync("admin", "reset-link", "--email", "khongco@haiphong.gov.vn");

        Assert.Equal(0, exit);
        Assert.Contains(Public + "/Account/ResetPassword?userId=", output, StringComparison.Ordinal);
        Assert.Equal(1, unknown);
        Assert.Contains("There is no administrator khongco@haiphong.gov.vn", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("admin create --email quantri@haiphong.gov.vn")]
    [InlineData("admin create --email khong-phai-thu --name A")]
    [InlineData("admin delete --email quantri@haiphong.gov.vn")]
    public async Task Wrong_usage_prints_how_to_call_it_and_exits_with_2(string line)
    {
        var (exit, _, error) = await RunAsync(line.Split(' '));

        Assert.Equal(2, exit);
        Assert.NotEmpty(error.Trim());
    }

    /// <summary>A browser on the public address (the host filter serves no other).</summary>
    private FormClient Browser() => new(_app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri(Public + "/"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    }));

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await AdminCommand.RunAsync(_app.Services, args, output, error, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }
}
