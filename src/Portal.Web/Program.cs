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
await app.PreparePortalAsync();
app.UsePortal();
await app.RunAsync();

/// <summary>The web host's entry point (public for WebApplicationFactory).</summary>
public partial class Program
{
}
