using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Xunit;

namespace Portal.Testing;

/// <summary>
/// Drives the site like a browser without JavaScript: keeps cookies, reads a page's form (antiforgery token included),
/// fills fields and posts it.
/// </summary>
public sealed class FormClient(HttpClient http)
{

    public HttpClient Http { get; } = http;

    public static FormClient For(PortalApp app) =>
        new(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<Page> GetAsync(string url)
    {
        var response = await Http.GetAsync(url);
        return await Page.ReadAsync(response);
    }

    /// <summary>Follows redirects by hand (so that each hop can be asserted when needed).</summary>
    public async Task<Page> FollowAsync(HttpResponseMessage response)
    {
        for (var hops = 0; hops < 5 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hops++)
        {
            response = await Http.GetAsync(response.Headers.Location);
        }

        return await Page.ReadAsync(response);
    }

    /// <summary>Submits the form chosen by <paramref name="formSelector"/> with the given field values (others keep theirs).</summary>
    public async Task<HttpResponseMessage> SubmitAsync(Page page, string formSelector, IDictionary<string, string?> values, string? submitter = null)
    {
        var form = page.Document.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}");
        var fields = BrowserForm.Fields(form, values);

        if (submitter is not null)
        {
            var button = form.QuerySelector<IHtmlButtonElement>(submitter) ?? throw new InvalidOperationException($"No button '{submitter}'");
            if (!string.IsNullOrEmpty(button.Name))
            {
                fields.Add(new(button.Name, button.Value));
            }
        }

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? page.Url : form.GetAttribute("action")!;
        return await Http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public async Task<Page> SignInAsync(string email, string password)
    {
        var login = await GetAsync("/Account/Login");
        var response = await SubmitAsync(login, "form[action='/Account/Login']", new Dictionary<string, string?> { ["Email"] = email, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await FollowAsync(response);
    }
}

/// <summary>A fetched page, parsed.</summary>
public sealed class Page
{
    private Page(HttpStatusCode status, string url, string html, IDocument document)
    {
        Status = status;
        Url = url;
        Html = html;
        Document = document;
    }

    public HttpStatusCode Status { get; }
    public string Url { get; }
    public string Html { get; }
    public IDocument Document { get; }
    public string Text => Document.Body?.TextContent ?? string.Empty;

    public static async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
        return new Page(response.StatusCode, response.RequestMessage?.RequestUri?.PathAndQuery ?? "/", html, document);
    }
}
