using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Leaders;

/// <summary>The leaders' dossier list (/lanh-dao/ho-so) as a test follows a number's link to it.</summary>
public static partial class DossierLists
{
    /// <summary>Follows a link to the dossier list and returns how many dossiers it says it holds.</summary>
    public static async Task<long> CountAsync(FormClient client, string href)
    {
        var list = await client.GetAsync(href);
        Assert.True(list.Status == HttpStatusCode.OK, href);
        var total = ListTotal().Match(list.Text);
        Assert.True(total.Success, href);
        return long.Parse(total.Groups[1].Value.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"([\d.]+) hồ sơ\s+(?:\(tình trạng|trong kỳ)")]
    private static partial Regex ListTotal();
}
