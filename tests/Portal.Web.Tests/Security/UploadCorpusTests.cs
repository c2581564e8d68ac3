using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Dossiers;
using Portal.Testing;

namespace Portal.Web.Tests.Security;

/// <summary>A demo portal with a 1 MB file limit (so "oversized" stays small) and no Hangfire server.</summary>
public sealed class UploadCorpusFixture : IAsyncLifetime
{
    public const long MaxFileBytes = 1_000_000;

    public PortalApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync() => App = await PortalApp.StartAsync(new Dictionary<string, string?>
    {
        ["Portal:SeedDemo"] = "true",
        ["Portal:DemoDossiers"] = "20",
        ["Portal:NodeRoles"] = "web",
        ["Filing:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

public sealed class UploadCorpusTests(UploadCorpusFixture f) : IClassFixture<UploadCorpusFixture>
{
    private const string Domain = "@" + DemoSeeder.EmailDomain;
    private static readonly IReadOnlyList<CorpusFile> Corpus = UploadCorpus.Files(UploadCorpusFixture.MaxFileBytes);

    [Fact]
    public void The_corpus_covers_every_kind_of_hostile_file()
    {
        Assert.True(Corpus.Count >= 20);
        Assert.All(Enum.GetValues<Refusal>(), r => Assert.Contains(Corpus, c => c.Refusal == r));
        Assert.Contains(Corpus, c => c.Name.EndsWith(".docx", StringComparison.Ordinal) && c.Bytes.Length < 100_000 && c.What.Contains("bomb", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_citizens_upload_refuses_every_hostile_file_with_a_clear_message_and_stores_nothing_then_takes_genuine_files()
    {
        var citizen = await SignInAsync("congdan");
        var draft = await NewDraftAsync("1.001193");
        var url = $"/nop-ho-so/{draft}/giay-to";
        var failures = new List<string>();
        foreach (var file in Corpus)
        {
            var (rows, files) = await StoredAsync();
            var response = await UploadAsync(citizen, url, "slot0", file.Name, file.Bytes, ("next", "luu"));
            failures.AddRange(await RefusedAsync(file, response, CitizenMessage(file.Refusal), HttpStatusCode.BadRequest, bothLanguages: false));
            failures.AddRange(await NothingStoredAsync(file, rows, files));
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        await TakesGenuineFilesAsync(citizen, url, "slot0", UploadCorpus.GenuineDocx());
    }

    [Fact]
    public async Task An_English_reader_is_told_in_English_alone_what_to_do_with_a_pdf_that_runs_a_script_or_a_word_file_with_macros()
    {
        var citizen = await SignInAsync("congdan");
        await citizen.Http.GetAsync("/Home/Language?culture=en-US&returnUrl=%2F");
        var url = $"/nop-ho-so/{await NewDraftAsync("1.001193")}/giay-to";
        foreach (var (name, bytes, refusal, advice, vietnamese) in new[]
        {
            ("to-khai-js.pdf", ActiveContentSamples.PdfWithScript(), "to-khai-js.pdf: The PDF contains scripts", "Print it to a new PDF (Print to PDF)",
                "Tệp PDF có mã chạy tự động"),
            ("don-macro.docx", ActiveContentSamples.Docm(), "don-macro.docx: The Word file contains macros", "Save it again as a plain DOCX (no macros, no outside template)",
                "Tệp Word có macro"),
        })
        {
            var (rows, files) = await StoredAsync();
            var response = await UploadAsync(citizen, url, "slot0", name, bytes, ("next", "luu"));
            var page = await Page.ReadAsync(response);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(refusal, page.Text, StringComparison.Ordinal);
            Assert.Contains(advice, page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(vietnamese, page.Text, StringComparison.Ordinal);
            Assert.Equal((rows, files), await StoredAsync());
        }
    }

    [Fact]
    public async Task The_supplement_upload_refuses_every_hostile_file_the_same_way()
    {
        var citizen = await SignInAsync("congdan");
        var id = await NewDraftAsync("1.001193");
        await f.App.WithDbAsync(async db =>
        {
            var dossier = await db.Dossiers.Include(d => d.FormData).SingleAsync(d => d.Id == id);
            var now = DateTime.UtcNow;
            dossier.SetFormData("{}", now);
            dossier.Submit($"000.00.00.H31-{Random.Shared.Next(100_000, 999_999)}-0001", "123456", now, new Actor(dossier.ApplicantUserId, "Nguyễn Văn An", Roles.Citizen));
            dossier.RequestSupplement("Bản chụp bị mờ.", ["Bản chụp giấy tờ rõ nét"], now, new Actor(null, "Cán bộ một cửa", Roles.Reception));
            await db.SaveChangesAsync();
        });
        var url = $"/ho-so-cua-toi/{id}/bo-sung";
        var failures = new List<string>();
        foreach (var file in Corpus)
        {
            var (rows, files) = await StoredAsync();
            // The supplement's slot takes no Word file, so a Word file is refused for its type before its content is looked at.
            var refusal = file.Refusal == Refusal.ActiveOffice ? Refusal.WrongType : file.Refusal;
            var response = await UploadAsync(citizen, url, "slot0", file.Name, file.Bytes, ("next", "luu"));
            failures.AddRange(await RefusedAsync(file, response, CitizenMessage(refusal), HttpStatusCode.BadRequest, bothLanguages: false));
            failures.AddRange(await NothingStoredAsync(file, rows, files));
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        await TakesGenuineFilesAsync(citizen, url, "slot0", []);
    }

    [Fact]
    public async Task The_counter_refuses_every_hostile_scan_records_no_dossier_and_keeps_no_file_of_it_only_the_good_scan_beside_it()
    {
        var desk = await SignInAsync("motcua.hongbang");
        var failures = new List<string>();
        foreach (var file in Corpus)
        {
            foreach (var withGoodScan in new[] { false, true })
            {
                var (rows, files) = await StoredAsync();
                var dossiers = await CountAsync(db => db.Dossiers.CountAsync());
                var staged = await CountAsync(db => db.StagedScans.CountAsync());
                (string, string, byte[])[] scans = withGoodScan
                    ? [("scan_0", "to-khai.pdf", UploadCorpus.Pdf), ("scan_1", file.Name, file.Bytes)]
                    : [("scan_0", file.Name, file.Bytes)];
                var response = await CounterAsync(desk, scans);
                var refusal = file.Refusal == Refusal.ActiveOffice ? Refusal.WrongType : file.Refusal;
                failures.AddRange(await RefusedAsync(file, response, OfficialMessage(refusal), HttpStatusCode.BadRequest, bothLanguages: false));
                // The good scan is kept for the corrected form (one file, one staging row); of the refused one, nothing.
                var kept = await CountAsync(db => db.StagedScans.CountAsync()) - staged;
                if (kept != (withGoodScan ? 1 : 0))
                {
                    failures.Add($"{file}: {kept} scans were kept for the corrected form, not {(withGoodScan ? 1 : 0)}");
                }

                failures.AddRange(await NothingStoredAsync(file, rows, files + kept));
                if (await CountAsync(db => db.Dossiers.CountAsync()) != dossiers)
                {
                    failures.Add($"{file}: a dossier was recorded although a scan was refused");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        var genuine = await CounterAsync(desk, [.. UploadCorpus.Genuine().Select((g, i) => ($"scan_{i}", g.Name, g.Bytes))]);
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
    }

    [Fact]
    public async Task The_signed_result_upload_refuses_every_hostile_file_and_the_decision_waits()
    {
        var approver = await SignInAsync("pheduyet.hongbang");
        var inProcess = await NewOfficialDossierAsync(decided: false);
        var decided = await NewOfficialDossierAsync(decided: true);
        var failures = new List<string>();
        foreach (var file in Corpus)
        {
            var refusal = file.Refusal is Refusal.HiddenContent or Refusal.ActiveOffice && !file.StartsLikePdf ? Refusal.WrongType : file.Refusal;
            foreach (var (id, action, fields) in new[]
            {
                (inProcess, "quyet-dinh", new[] { ("Result", "Upload") }),
                (decided, "ket-qua-dien-tu", Array.Empty<(string, string)>()),
            })
            {
                var (rows, files) = await StoredAsync();
                var before = await CountAsync(db => db.Dossiers.Where(d => d.Id == id).Select(d => d.Version).SingleAsync());
                var response = await OfficialUploadAsync(approver, id, action, file, fields);
                failures.AddRange(await RefusedAsync(file, response, OfficialMessage(refusal), HttpStatusCode.Conflict, bothLanguages: false));
                failures.AddRange(await NothingStoredAsync(file, rows, files));
                if (await CountAsync(db => db.Dossiers.Where(d => d.Id == id).Select(d => d.Version).SingleAsync()) != before)
                {
                    failures.Add($"{file}: the dossier changed although its result file was refused");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        var genuine = await OfficialUploadAsync(approver, inProcess, "quyet-dinh", new CorpusFile("quyet-dinh.pdf", UploadCorpus.Pdf, Refusal.WrongType, "genuine"),
            [("Result", "Upload")]);
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
        Assert.Equal(DossierStatus.Decided, await CountAsync(db => db.Dossiers.Where(d => d.Id == inProcess).Select(d => d.Status).SingleAsync()));
    }

    private static (string Vietnamese, string English) CitizenMessage(Refusal refusal) => refusal switch
    {
        Refusal.WrongType => ("Tệp không phải PDF", "is not a valid PDF"),
        Refusal.Empty => ("Tệp rỗng, vui lòng chọn lại", "The file is empty"),
        Refusal.Oversized => ("Tệp lớn hơn 1 MB", "larger than 1 MB"),
        Refusal.FolderPath => ("Tên tệp chứa đường dẫn thư mục", "The file name contains a folder path"),
        Refusal.ActivePdf => ("Tệp PDF có mã chạy tự động (JavaScript)", "The PDF contains scripts"),
        Refusal.ActiveOffice => ("Tệp Word có macro", "The Word file contains macros"),
        _ => ("Tệp có nội dung khác ẩn bên trong", "The file hides other content"),
    };

    private static (string Vietnamese, string English) OfficialMessage(Refusal refusal) => refusal switch
    {
        Refusal.WrongType => ("không phải PDF", "is not a PDF"),
        Refusal.Empty => ("rỗng.", "is empty."),
        Refusal.Oversized => ("lớn hơn", "is larger than"),
        Refusal.FolderPath => ("chứa đường dẫn thư mục", "contains a folder path"),
        Refusal.ActivePdf => ("Tệp PDF có mã chạy tự động (JavaScript)", "The PDF contains scripts"),
        _ => ("có nội dung khác ẩn bên trong", "hides other content"),
    };

    /// <summary>
    /// The refusal is on the page: in the reader's language only (Vietnamese here) on the citizen's own page, and in both
    /// on the officials' refusal page, which shows the two on their own lines.
    /// </summary>
    private static async Task<IEnumerable<string>> RefusedAsync(CorpusFile file, HttpResponseMessage response, (string Vietnamese, string English) message,
        HttpStatusCode status, bool bothLanguages)
    {
        var page = await Page.ReadAsync(response);
        if (response.StatusCode != status)
        {
            return [$"{file}: expected {(int)status}, got {(int)response.StatusCode}"];
        }

        if (!page.Text.Contains(message.Vietnamese, StringComparison.Ordinal))
        {
            return [$"{file}: the page does not say \"{message.Vietnamese}\""];
        }

        return page.Text.Contains(message.English, StringComparison.Ordinal) == bothLanguages
            ? []
            : [bothLanguages ? $"{file}: the page does not say \"{message.English}\"" : $"{file}: the Vietnamese page also says \"{message.English}\""];
    }

    private async Task<IEnumerable<string>> NothingStoredAsync(CorpusFile file, int rows, int files)
    {
        var (rowsAfter, filesAfter) = await StoredAsync();
        var failures = new List<string>();
        if (rowsAfter != rows)
        {
            failures.Add($"{file}: {rowsAfter - rows} document rows were stored");
        }

        if (filesAfter != files)
        {
            failures.Add($"{file}: {filesAfter - files} files were left in the document store");
        }

        return failures;
    }

    private async Task TakesGenuineFilesAsync(FormClient citizen, string url, string slot, IReadOnlyList<(string Name, byte[] Bytes)> wordFiles)
    {
        foreach (var (name, bytes) in wordFiles.Concat(UploadCorpus.Genuine()))
        {
            var (rows, files) = await StoredAsync();
            var response = await UploadAsync(citizen, url, slot, name, bytes, ("next", "luu"));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{name}: {(int)response.StatusCode} {(await Page.ReadAsync(response)).Text}");
            Assert.Equal((rows + 1, files + 1), await StoredAsync());
        }

        var stored = await CountAsync(db => db.DossierDocuments.OrderByDescending(d => d.Id).Select(d => d.FileName).FirstAsync());
        Assert.Equal("to-khai.pdf", stored);
    }

    /// <summary>Document rows and files in the document store.</summary>
    private async Task<(int Rows, int Files)> StoredAsync()
    {
        var store = Path.Combine(f.App.DataDirectory, "documents");
        var files = Directory.Exists(store) ? Directory.GetFiles(store, "*", SearchOption.AllDirectories).Length : 0;
        return (await CountAsync(db => db.DossierDocuments.CountAsync()), files);
    }

    private Task<T> CountAsync<T>(Func<PortalDb, Task<T>> query) => f.App.WithScopeAsync(sp => query(sp.GetRequiredService<PortalDb>()));

    private async Task<FormClient> SignInAsync(string account)
    {
        var client = FormClient.For(f.App);
        await client.SignInAsync(account + Domain, DemoSeeder.Password);
        return client;
    }

    /// <summary>A draft of citizen A for the procedure (its first slot takes a .docx as well).</summary>
    private Task<long> NewDraftAsync(string procedureCode) => f.App.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PortalDb>();
        var procedure = await db.Procedures.SingleAsync(p => p.Code == procedureCode);
        var agency = await db.ProcedureAgencies.Where(pa => pa.ProcedureId == procedure.Id).OrderBy(pa => pa.AgencyId).Select(pa => pa.AgencyId).FirstAsync();
        var user = await db.Users.SingleAsync(u => u.Email == "congdan" + Domain);
        var draft = Dossier.StartDraft(new ProcedureRef(procedure.Id, procedure.CurrentVersionId!.Value, procedure.SectorId), agency, user.ToApplicant(), user.Id, DateTime.UtcNow);
        db.Dossiers.Add(draft);
        await db.SaveChangesAsync();
        return draft.Id;
    });

    /// <summary>A dossier at Hồng Bàng in process without steps (an approver decides it), or already decided on paper.</summary>
    private Task<long> NewOfficialDossierAsync(bool decided) => f.App.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PortalDb>();
        var calendar = await sp.GetRequiredService<CalendarProvider>().GetAsync();
        var agency = await db.Agencies.SingleAsync(a => a.Code == "000.20.01.H31");
        var procedure = await db.Procedures.Where(p => p.Name.Contains("tình trạng hôn nhân") && db.ProcedureAgencies.Any(pa => pa.ProcedureId == p.Id && pa.AgencyId == agency.Id))
            .OrderBy(p => p.Id).FirstAsync();
        var user = await db.Users.SingleAsync(u => u.Email == "congdan" + Domain);
        var now = DateTime.UtcNow;
        var desk = new Actor(null, "Cán bộ một cửa", Roles.Reception);
        var dossier = Dossier.StartDraft(new ProcedureRef(procedure.Id, procedure.CurrentVersionId!.Value, procedure.SectorId), agency.Id, user.ToApplicant(), user.Id, now);
        dossier.SetFormData("{}", now);
        dossier.Submit(await sp.GetRequiredService<DossierCodeAllocator>().NextAsync(agency.Code, calendar.LocalDate(now)), "123456", now, user.ToActor(Roles.Citizen));
        dossier.Accept(now.AddDays(10), now, desk);
        dossier.StartProcessing(now, desk);
        if (decided)
        {
            dossier.Decide(false, "Cấp giấy xác nhận.", calendar, now, new Actor(null, "Lãnh đạo phường", Roles.Approver));
        }

        db.Dossiers.Add(dossier);
        await db.SaveChangesAsync();
        return dossier.Id;
    });

    private static async Task<HttpResponseMessage> UploadAsync(FormClient client, string url, string field, string name, byte[] bytes, params (string Name, string Value)[] values)
    {
        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var token = page.Document.QuerySelector<IHtmlInputElement>($"form[action='{url}'] input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (key, value) in values)
        {
            content.Add(new StringContent(value), key);
        }

        content.Add(new ByteArrayContent(bytes), field, name);
        return await client.Http.PostAsync(url, content);
    }

    private static async Task<HttpResponseMessage> OfficialUploadAsync(FormClient client, long id, string action, CorpusFile file, (string Name, string Value)[] values)
    {
        var page = await client.GetAsync($"/can-bo/ho-so/{id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var version = page.Document.QuerySelector<IHtmlInputElement>($"form[action='/can-bo/ho-so/{id}/{action}'] input[name=Version]")?.Value
            ?? throw new InvalidOperationException($"The page offers no {action} form.");
        return await PostFileAsync(client, $"/can-bo/ho-so/{id}/{action}", page, file, [("Version", version), .. values]);
    }

    private static async Task<HttpResponseMessage> PostFileAsync(FormClient client, string url, Page page, CorpusFile file, (string Name, string Value)[] values)
    {
        var token = page.Document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (key, value) in values)
        {
            content.Add(new StringContent(value), key);
        }

        content.Add(new ByteArrayContent(file.Bytes), "File", file.Name);
        return await client.Http.PostAsync(url, content);
    }

    /// <summary>The counter form for "tình trạng hôn nhân", complete but for the scans given.</summary>
    private static async Task<HttpResponseMessage> CounterAsync(FormClient desk, (string Field, string Name, byte[] Bytes)[] scans)
    {
        var page = await Portal.Web.Tests.Areas.Officials.OfficialsFixture.CounterFormAsync(desk);
        var form = (IHtmlFormElement)page.Document.QuerySelector("form#counter-form")!;
        using var content = new MultipartFormDataContent();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name)))
        {
            content.Add(new StringContent(input.Value), input.Name!);
        }

        // The desk ticks the mandatory papers the applicant handed in.
        foreach (var box in form.QuerySelectorAll("#counter-checklist input.mandatory-paper").OfType<IHtmlInputElement>())
        {
            content.Add(new StringContent(box.Value), "Received");
        }

        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["Kind"] = "1",
            ["FullName"] = "Lê Văn Dũng",
            ["IdNumber"] = "031090007788",
            ["StartNow"] = "true",
            ["f_subject_name"] = "Lê Văn Dũng",
            ["f_subject_dob"] = "1990-01-15",
            ["f_subject_gender"] = "Nam",
            ["f_subject_residence"] = "Số 9 Trần Phú, phường Hồng Bàng",
            ["f_relation"] = "Bản thân",
        })
        {
            content.Add(new StringContent(value), key);
        }

        foreach (var (field, name, bytes) in scans)
        {
            content.Add(new ByteArrayContent(bytes), field, name);
        }

        return await desk.Http.PostAsync("/can-bo/quay", content);
    }
}
