using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Portal.Bench.Chaos;

/// <summary>What the citizens saw acknowledged: the draft's id, and the code the dossier page showed them.</summary>
internal sealed record Acknowledged(long DossierId, string Code, string Citizen);

/// <summary>
/// Citizens file birth registrations through the whole wizard (start, applicant, e-form, documents, submit), and the
/// officials of Hồng Bàng take each filed dossier as far as it goes: accept (or a supplement request, or a refusal at
/// the desk), the steps, sometimes a payment request and its payment, the decision with a generated electronic result,
/// and the result returned. Every step survives kills: it is tried again once the portal is back.
/// </summary>
internal sealed partial class Workload(HttpClient http, PortalProcess portal, Stats stats)
{
    public const string Password = "HaiPhong@2026";
    private const string Domain = "@demo.haiphong.vn";
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    private static readonly Dictionary<string, string> BirthForm = new()
    {
        ["f.subject_name"] = "Trần Minh Khang",
        ["f.subject_dob"] = "2026-11-20",
        ["f.subject_gender"] = "Nam",
        ["f.subject_residence"] = "Số 8 Lạch Tray, phường Lê Chân, thành phố Hải Phòng",
        ["f.relation"] = "Mẹ",
    };

    private readonly Channel<long> _filed = Channel.CreateUnbounded<long>();

    public ConcurrentBag<Acknowledged> Acknowledgements { get; } = [];

    /// <summary>Every draft a citizen started (acknowledged or not): none may be filed twice.</summary>
    public ConcurrentBag<long> Started { get; } = [];

    public async Task RunAsync(int submissions, int citizens, int officials, int procedureId, int agencyId)
    {
        var next = 0;
        var filing = Enumerable.Range(0, citizens).Select(async c =>
        {
            var session = new Session(http, portal, stats, string.Create(CultureInfo.InvariantCulture, $"nguoidan{c:000}{Domain}"), Password);
            await session.StepAsync(async () => { await session.SignInAsync(); return session; }, "sign in");
            while (Interlocked.Increment(ref next) <= submissions)
            {
                await FileAsync(session, procedureId, agencyId);
            }
        }).ToList();
        var processing = Enumerable.Range(0, officials).Select(_ => ProcessAsync()).ToList();
        await Task.WhenAll(filing);
        _filed.Writer.Complete();
        await Task.WhenAll(processing);
    }

    private async Task FileAsync(Session s, int procedureId, int agencyId)
    {
        var id = await s.StepAsync(async () =>
        {
            var page = await s.GetAsync($"/thu-tuc/{procedureId}");
            var start = await s.PostFormAsync(page.Form("/nop-ho-so/bat-dau")!, new Dictionary<string, string> { ["agencyId"] = agencyId.ToString(CultureInfo.InvariantCulture) });
            var match = DraftUrl().Match(start.Location ?? string.Empty);
            return match.Success ? new Box<long>(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)) : null;
        }, "start a draft");
        Started.Add(id.Value);
        var draft = $"/nop-ho-so/{id.Value}";
        await s.StepAsync(() => WizardStepAsync(s, $"{draft}/nguoi-nop", new Dictionary<string, string>()), "applicant");
        await s.StepAsync(() => WizardStepAsync(s, $"{draft}/to-khai", BirthForm), "form");
        await s.StepAsync(async () =>
        {
            var page = await s.GetAsync($"{draft}/giay-to");
            if (page.IsRedirect)
            {
                return page;
            }

            var token = page.Form($"{draft}/giay-to")!.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
            using var content = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent("tiep"), "next" },
            };
            for (var slot = 0; slot < 2; slot++)
            {
                var file = new ByteArrayContent(Pdf);
                file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                content.Add(file, $"slot{slot}", $"giay-to-{slot}.pdf");
            }

            var answer = await s.SendAsync(HttpMethod.Post, $"{draft}/giay-to", content);
            return answer.IsRedirect ? answer : Unexpected(s, "documents", answer);
        }, "documents");
        await s.StepAsync(async () =>
        {
            var review = await s.GetAsync($"{draft}/kiem-tra");
            var form = review.IsRedirect ? null : review.Form($"{draft}/nop");
            if (form is null)
            {
                // Filed already (the answer to an earlier submit was cut by a kill): submitting again is the idempotent
                // path, and its answer is the acknowledgement this citizen never saw. Any form of theirs carries a token.
                var mine = await s.GetAsync($"/ho-so-cua-toi/{id.Value}");
                var token = mine.Document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value;
                if (token is null)
                {
                    return Unexpected(s, "a token on the dossier page", mine);
                }

                var again = await s.SendAsync(HttpMethod.Post, $"{draft}/nop", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
                return again.IsRedirect && again.Location == $"/ho-so-cua-toi/{id.Value}" ? again : Unexpected(s, "submit again", again);
            }

            var filed = await s.PostFormAsync(form, new Dictionary<string, string>());
            return filed.IsRedirect && filed.Location == $"/ho-so-cua-toi/{id.Value}" ? filed : Unexpected(s, "submit", filed);
        }, "submit");
        var code = await s.StepAsync(async () =>
        {
            var page = await s.GetAsync($"/ho-so-cua-toi/{id.Value}");
            var shown = page.Document.QuerySelector(".dossier-code")?.TextContent.Trim();
            return string.IsNullOrEmpty(shown) ? null : shown;
        }, "read the code");
        Acknowledgements.Add(new Acknowledged(id.Value, code, s.Email));
        await _filed.Writer.WriteAsync(id.Value);
    }

    private static async Task<Answer?> WizardStepAsync(Session s, string url, IReadOnlyDictionary<string, string> values)
    {
        var page = await s.GetAsync(url);
        if (page.IsRedirect)
        {
            return page;
        }

        var answer = await s.PostFormAsync(page.Form(url)!, values);
        return answer.IsRedirect ? answer : Unexpected(s, url, answer);
    }

    private static Answer? Unexpected(Session s, string what, Answer answer)
    {
        Console.WriteLine($"  {s.Email}: {what} answered {(int)answer.Status}; trying again");
        return null;
    }

    /// <summary>The officials' side: one dossier at a time from the filed queue, as far as it goes.</summary>
    private async Task ProcessAsync()
    {
        var desk = new Session(http, portal, stats, "motcua.hongbang" + Domain, Password);
        var staff = new[] { desk, new Session(http, portal, stats, "chuyenvien.hongbang" + Domain, Password), new Session(http, portal, stats, "chuyenvien2.hongbang" + Domain, Password), new Session(http, portal, stats, "pheduyet.hongbang" + Domain, Password) };
        foreach (var s in staff)
        {
            await s.StepAsync(async () => { await s.SignInAsync(); return s; }, "sign in");
        }

        await foreach (var id in _filed.Reader.ReadAllAsync())
        {
            await ProcessOneAsync(id, staff);
        }
    }

    private async Task ProcessOneAsync(long id, Session[] staff)
    {
        // The dossier's fate, fixed by its id so that a retried step never changes its mind.
        var fate = new Random((int)id);
        var reception = fate.Next(100) switch { < 80 => "tiep-nhan", < 90 => "yeu-cau-bo-sung", _ => "tu-choi" };
        var payment = fate.Next(100) < 20;
        var paymentAsked = false;
        var url = $"/can-bo/ho-so/{id}";
        for (var round = 0; round < 40; round++)
        {
            var acted = false;
            foreach (var s in staff)
            {
                var outcome = await s.StepAsync(async () =>
                {
                    var page = await s.GetAsync(url);
                    if (page.Status != HttpStatusCode.OK)
                    {
                        return new Box<bool>(false);
                    }

                    var (form, values) = Choose(page, url, s == staff[0], reception, payment && !paymentAsked);
                    if (form is null)
                    {
                        return new Box<bool>(false);
                    }

                    if (form.GetAttribute("action")!.EndsWith("/yeu-cau-thanh-toan", StringComparison.Ordinal))
                    {
                        paymentAsked = true;
                    }

                    var answer = await s.PostFormAsync(form, values);
                    if (answer.IsRedirect && answer.Location == url)
                    {
                        stats.Action();
                        return new Box<bool>(true);
                    }

                    if (answer.Status == HttpStatusCode.Conflict)
                    {
                        stats.Conflict();
                        return new Box<bool>(true);
                    }

                    stats.Finding($"{form.GetAttribute("action")} answered {(int)answer.Status} to {s.Email}");
                    return new Box<bool>(false);
                }, "act on " + url);
                if (outcome.Value)
                {
                    acted = true;
                    break;
                }
            }

            if (!acted)
            {
                return;
            }
        }

        stats.Finding($"{url} was still moving after 40 rounds");
    }

    private static (IHtmlFormElement? Form, Dictionary<string, string> Values) Choose(Answer page, string url, bool isDesk, string reception, bool askPayment)
    {
        IHtmlFormElement? F(string action) => page.Form($"{url}/{action}");
        if (isDesk)
        {
            if (F(reception) is { } r)
            {
                return reception switch
                {
                    "tiep-nhan" => (r, new() { ["StartNow"] = "true" }),
                    "yeu-cau-bo-sung" => (r, new() { ["Reason"] = "Giấy chứng sinh chụp không rõ.", ["OtherDocuments"] = "Giấy chứng sinh (bản rõ nét)" }),
                    _ => (r, new() { ["Reason"] = "Hồ sơ không thuộc thẩm quyền giải quyết của phường." }),
                };
            }

            if (F("thu-phi") is { } paid)
            {
                return (paid, []);
            }

            if (F("tra-ket-qua") is { } give)
            {
                return (give, new() { ["Method"] = "AtDesk" });
            }

            if (F("chuyen-xu-ly") is { } start)
            {
                return (start, []);
            }

            return (null, []);
        }

        if (askPayment && F("yeu-cau-thanh-toan") is { } ask)
        {
            return (ask, new() { ["Amount"] = "10000", ["Note"] = "Lệ phí cấp bản sao" });
        }

        if (F("hoan-thanh-buoc") is { } step)
        {
            return (step, new() { ["Note"] = "Đã thẩm định, đủ điều kiện." });
        }

        if (F("quyet-dinh") is { } decide)
        {
            return (decide, new() { ["Result"] = "Generate", ["Note"] = "Đồng ý đăng ký khai sinh." });
        }

        return (null, []);
    }

    [GeneratedRegex(@"/nop-ho-so/(\d+)/")]
    private static partial Regex DraftUrl();
}

/// <summary>A value a retried step returns (null means "not yet").</summary>
internal sealed record Box<T>(T Value);
