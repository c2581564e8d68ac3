using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Portal.Web.Api;

/// <summary>The API answers in the first language of Accept-Language it speaks (Vietnamese or English), Vietnamese by default.</summary>
public static class ApiLanguage
{
    public static CultureInfo Of(HttpRequest request)
    {
        if (StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var languages))
        {
            foreach (var language in languages.OrderByDescending(l => l.Quality ?? 1))
            {
                var tag = language.Value.Value ?? string.Empty;
                if (tag.StartsWith("vi", StringComparison.OrdinalIgnoreCase))
                {
                    return new CultureInfo("vi-VN");
                }

                if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
                {
                    return new CultureInfo("en-US");
                }
            }
        }

        return new CultureInfo("vi-VN");
    }
}
