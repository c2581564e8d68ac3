using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portal.Testing;

namespace Portal.Bench.Chaos;

/// <summary>What the run counts (shared by every client task).</summary>
internal sealed class Stats
{
    private int _requests;
    private int _cut;
    private int _actions;
    private int _conflicts;

    public int Requests => _requests;

    /// <summary>Requests cut by a kill (connection refused or reset, no answer): retried once the portal is back.</summary>
    public int Cut => _cut;

    /// <summary>Official actions the portal acknowledged (a redirect back to the work page).</summary>
    public int Actions => _actions;

    /// <summary>Actions answered 409 (stale page): the answer to an earlier attempt was lost in a kill, or another official acted.</summary>
    public int Conflicts => _conflicts;

    public List<string> Findings { get; } = [];

    public void Request() => Interlocked.Increment(ref _requests);

    public void CutByKill() => Interlocked.Increment(ref _cut);

    public void Action() => Interlocked.Increment(ref _actions);

    public void Conflict() => Interlocked.Increment(ref _conflicts);

    public void Finding(string what)
    {
        lock (Findings)
        {
            Findings.Add(what);
        }

        Console.WriteLine("FINDING: " + what);
    }
}

internal sealed record Answer(HttpStatusCode Status, string? Location, string Html)
{
    private IDocument? _document;

    public bool IsRedirect => Status is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther;

    public IDocument Document => _document ??= BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(Html)).GetAwaiter().GetResult();

    public IHtmlFormElement? Form(string actionSuffix) =>
        Document.QuerySelectorAll<IHtmlFormElement>("form").FirstOrDefault(f => (f.GetAttribute("action") ?? string.Empty).EndsWith(actionSuffix, StringComparison.Ordinal));
}

/// <summary>
/// One person's browser without JavaScript: its own cookies (sent back as a browser would over HTTPS), the forms' fields
/// and antiforgery tokens, and patience: a request cut by a kill waits for the portal and is tried again by the caller.
/// </summary>
internal sealed class Session(HttpClient http, PortalProcess portal, Stats stats, string email, string password)
{
    private readonly Dictionary<string, string> _cookies = [];

    public string Email { get; } = email;

    /// <summary>Runs one step (a GET and its POST) until it reports done; a step cut by a kill is run again.</summary>
    public async Task<T> StepAsync<T>(Func<Task<T?>> attempt, string what)
        where T : class
    {
        for (var i = 0; ; i++)
        {
            await portal.ReadyAsync();
            try
            {
                var result = await attempt();
                if (result is not null)
                {
                    return result;
                }
            }
            catch (HttpRequestException)
            {
                stats.CutByKill();
            }
            catch (IOException)
            {
                stats.CutByKill();
            }
            catch (TaskCanceledException)
            {
                stats.CutByKill();
            }

            if (i == 60)
            {
                throw new InvalidOperationException($"{Email}: {what} never succeeded.");
            }

            await Task.Delay(200);
        }
    }

    public async Task<Answer> SendAsync(HttpMethod method, string url, HttpContent? content = null)
    {
        stats.Request();
        using var request = new HttpRequestMessage(method, portal.Url + url) { Content = content };
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        using var response = await http.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';', 2)[0].Split('=', 2);
            if (pair[1].Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                _cookies.Remove(pair[0]);
            }
            else
            {
                _cookies[pair[0]] = pair[1];
            }
        }

        var html = await response.Content.ReadAsStringAsync();
        var answer = new Answer(response.StatusCode, response.Headers.Location?.OriginalString, html);
        if ((int)answer.Status >= 500)
        {
            // A 5xx the client sees is a defect, kill or not (a kill cuts the connection, it does not answer 500).
            stats.Finding($"{method} {url} answered {(int)answer.Status} to {Email}");
            throw new HttpRequestException($"{(int)answer.Status} from {url}");
        }

        return answer;
    }

    /// <summary>GET; signs in again when the portal sends the browser to the sign-in page.</summary>
    public async Task<Answer> GetAsync(string url)
    {
        var answer = await SendAsync(HttpMethod.Get, url);
        if (answer.IsRedirect && answer.Location?.Contains("/Account/Login", StringComparison.Ordinal) == true)
        {
            await SignInAsync();
            answer = await SendAsync(HttpMethod.Get, url);
        }

        return answer;
    }

    public async Task SignInAsync()
    {
        var login = await SendAsync(HttpMethod.Get, "/Account/Login");
        var form = login.Form("/Account/Login") ?? throw new InvalidOperationException("No sign-in form.");
        var done = await PostFormAsync(form, new Dictionary<string, string> { ["Email"] = Email, ["Password"] = password });
        if (!done.IsRedirect || !_cookies.ContainsKey("portal.auth"))
        {
            throw new InvalidOperationException($"Sign-in as {Email} failed: {done.Status}.");
        }
    }

    /// <summary>Posts a form as a browser would: its fields as rendered, overridden by <paramref name="values"/>.</summary>
    public Task<Answer> PostFormAsync(IHtmlFormElement form, IReadOnlyDictionary<string, string> values)
    {
        var fields = BrowserForm.Fields(form, values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)));
        return SendAsync(HttpMethod.Post, form.GetAttribute("action")!, new FormUrlEncodedContent(fields));
    }
}
