using Portal.Web.Infrastructure;

// appsettings.json and wwwroot/ sit at the repository root and are copied beside the binaries (see the .csproj);
// the content root is that folder, however the app is started (dotnet run, tests, a published build).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});

builder.AddPortal();

var app = builder.Build();

// `dotnet Portal.Web.dll admin create --email … --name …`: the first administrator, without starting the web server.
if (AdminCommand.IsInvoked(args))
{
    return await AdminCommand.RunAsync(app.Services, args, Console.Out, Console.Error);
}

await app.PreparePortalAsync();
app.UsePortal();
await app.RunAsync();
return 0;

/// <summary>The web host's entry point (public for WebApplicationFactory).</summary>
public partial class Program
{
}
