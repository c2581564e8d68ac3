using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Portal.Core.Data.Seeding;
using Portal.Testing;

namespace Portal.E2E.Tests;

/// <summary>
/// The portal with a small demo on a real port, and Debian's Chromium driven by Playwright. Without Chromium the
/// journeys are skipped on a developer's machine and fail under CI=true (./test.sh installs it).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The smallest file the upload accepts as a PDF, for the journeys' document slots.</summary>
    public static readonly byte[] TinyPdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    private IPlaywright? _playwright;

    public PortalApp App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                dir = dir.Parent;
            }

            var path = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (TestDatabase.IsCi)
            {
                throw new InvalidOperationException($"Chromium is required under CI at {ChromiumPath} (./test.sh installs it).");
            }

            return;
        }

        App = await PortalApp.StartKestrelAsync(new Dictionary<string, string?>
        {
            ["Portal:SeedDemo"] = "true",
            ["Portal:DemoDossiers"] = "300",
            // The sandbox gateway of the payment journey, and its TEST banner on every page.
            ["Payments:Mode"] = "Test",
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
    }

    /// <summary>Debian's Chromium, headless, without the background connections this machine's closed network refuses.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });

    /// <summary>A fresh browser context (own cookies) at a phone's or a desktop's width.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, string locale = "vi-VN")
    {
        if (_playwright is null)
        {
            MissingService.Skip($"Chromium is not installed at {ChromiumPath}; ./test.sh installs it.");
        }

        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = width < 600 ? 780 : 900 },
            Locale = locale,
            IsMobile = width < 600,
            HasTouch = width < 600,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the login form with a demo account (password <see cref="DemoSeeder.Password"/>).</summary>
    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", DemoSeeder.Password);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForAddressAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    /// <summary>Runs axe-core in the page and fails on any serious or critical violation, listing them.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad.Select(Describe)));
    }

    private static string Describe(AxeResultItem v) =>
        $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}";

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
