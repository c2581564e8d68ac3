using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Portal.E2E.Tests;

/// <summary>
/// Waiting for the page a click leads to. Playwright's own <c>WaitForURLAsync</c> checks the address and then subscribes
/// to the load event, and can miss a load that fires in between (microsoft/playwright-dotnet#3364, open; CI hit it once:
/// the address matched, and the wait for "load" timed out after 30 s). This polls the address, then the document's
/// readyState inside the page, neither of which can be missed.
/// </summary>
public static class PageNavigation
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static Task WaitForAddressAsync(this IPage page, Regex address) => page.WaitForAddressAsync(address.IsMatch, address.ToString());

    public static async Task WaitForAddressAsync(this IPage page, Func<string, bool> address, string? what = null)
    {
        var until = DateTime.UtcNow + Timeout;
        while (!address(page.Url))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"The page stayed at {page.Url}, never reaching {what ?? "the expected address"}.");
            }

            await Task.Delay(25);
        }

        await page.WaitForFunctionAsync("() => document.readyState === 'complete'", null, new PageWaitForFunctionOptions { Timeout = (float)Timeout.TotalMilliseconds });
    }
}
