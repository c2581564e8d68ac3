using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Calendar;
using Portal.Core.Dossiers;
using Portal.Core.Tests.Data;

namespace Portal.Core.Tests.Audit;

/// <summary>The audit search on a real database (SQLite, or PostgreSQL under PORTAL_TEST_DB=postgres).</summary>
public sealed class AuditSearchTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    /// <summary>Monday 02/03/2026 09:00 in Hải Phòng.</summary>
    private static readonly DateTime T0 = new(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc);

    private static readonly IOptions<WorkingTimeOptions> WorkingTime = Options.Create(new WorkingTimeOptions());

    private async Task<string> SeedAsync(int count, Func<int, (string Action, string Name, int? Agency, string? Ip, string? Detail)> line)
    {
        // Each test writes its own lines under a marker so that the shared database does not mix them.
        var marker = Guid.NewGuid().ToString("N")[..8];
        await using var db = fixture.Database.NewContext();
        for (var i = 0; i < count; i++)
        {
            var (action, name, agency, ip, detail) = line(i);
            db.AuditTrail.Add(new AuditEntry(T0.AddMinutes(i), new AuditActor(Guid.NewGuid(), name, Roles.Handler, agency, ip), action, null, null,
                $"{marker} {detail}"));
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return marker;
    }

    [Fact]
    public async Task Lines_come_newest_first_in_pages_of_fifty_that_neither_repeat_nor_skip_a_line()
    {
        var marker = await SeedAsync(120, i => (AuditActions.ViewDossier, "Trần Thị Bình", 1, "10.0.0.1", $"#{i}"));
        await using var db = fixture.Database.NewContext();
        var search = new AuditSearch(db, WorkingTime);
        var seen = new List<string?>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await search.SearchAsync(new AuditSearch.Filter(Text: marker, After: after), null, TestContext.Current.CancellationToken);
            seen.AddRange(page.Lines.Select(l => l.Detail));
            after = page.Next;
            pages++;
        }
        while (after is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 120).Reverse().Select(i => $"{marker} #{i}"), seen);
    }

    [Fact]
    public async Task Each_filter_narrows_the_trail_to_its_lines()
    {
        var marker = await SeedAsync(6, i => i switch
        {
            0 => (AuditActions.Search, "Trần Thị Bình", 1, "10.0.0.1", "tiep-nhan: 031090001234"),
            1 => (AuditActions.AccessDenied, "Lê Văn Cường", 2, "10.0.0.2", "404 GET /can-bo/ho-so/5"),
            2 => (AuditActions.AgencyMerge, "Quản trị viên", null, "10.0.0.3", "{\"before\":{}}"),
            3 => (AuditActions.ViewDossier, "Lê Văn Cường", 2, "10.0.0.2", "xem"),
            4 => ("dossier.accept", "Trần Thị Bình", 1, "10.0.0.1", "tiếp nhận"),
            _ => (AuditActions.DownloadDocument, "Phạm Thu Hà", 1, "10.0.0.4", "tải"),
        });
        await using var db = fixture.Database.NewContext();
        var search = new AuditSearch(db, WorkingTime);
        async Task<List<string>> Find(AuditSearch.Filter filter, int? scope = null) =>
            [.. (await search.SearchAsync(filter with { Text = filter.Text ?? marker }, scope, TestContext.Current.CancellationToken)).Lines
                .Select(l => l.Action)];

        Assert.Equal([AuditActions.Search], await Find(new(Kind: AuditKind.Searches)));
        Assert.Equal([AuditActions.AccessDenied], await Find(new(Kind: AuditKind.AccessDenied)));
        Assert.Equal([AuditActions.AgencyMerge], await Find(new(Kind: AuditKind.AdministrativeChanges)));
        Assert.Equal(["dossier.accept"], await Find(new(Kind: AuditKind.DossierActions)));
        Assert.Equal([AuditActions.DownloadDocument, AuditActions.ViewDossier], await Find(new(Kind: AuditKind.PersonalDataViews)));
        Assert.Equal([AuditActions.ViewDossier, AuditActions.AccessDenied], await Find(new(Person: "Cường")));
        Assert.Equal([AuditActions.AgencyMerge], await Find(new(Ip: "10.0.0.3")));
        Assert.Equal(["dossier.accept"], await Find(new(Action: "dossier.accept")));
        Assert.Equal([AuditActions.Search], await Find(new(Text: "031090001234")));
        Assert.Equal([AuditActions.DownloadDocument, "dossier.accept", AuditActions.Search], await Find(new(AgencyId: 1)));
        Assert.Equal([AuditActions.ViewDossier, AuditActions.AccessDenied], await Find(new(), scope: 2));
        Assert.Empty(await Find(new(From: new DateOnly(2026, 3, 3))));
        Assert.Equal(6, (await Find(new(From: new DateOnly(2026, 3, 2), To: new DateOnly(2026, 3, 2)))).Count);
        Assert.Empty(await Find(new(DossierCode: "000.20.01.H31-260302-9999")));
    }

    [Fact]
    public async Task The_export_has_a_header_and_one_quoted_line_per_entry_with_formulas_defused()
    {
        var marker = await SeedAsync(3, i => (AuditActions.Search, "=cmd|' /C calc'!A0", 1, "10.0.0.1", $"a,b {i}"));
        await using var db = fixture.Database.NewContext();
        var search = new AuditSearch(db, WorkingTime);
        using var output = new MemoryStream();
        await AuditCsv.WriteAsync(search.AllAsync(new AuditSearch.Filter(Text: marker), null, TestContext.Current.CancellationToken), output,
            WorkingTime.Value.ResolveTimeZone(), TestContext.Current.CancellationToken);
        var text = System.Text.Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("Id,ThoiGian,NguoiThucHien", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.Contains(",'=cmd|' /C calc'!A0,", l, StringComparison.Ordinal));
        Assert.Contains($"\"{marker} a,b 2\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("2026-03-02T09:02:00+07:00", lines[1], StringComparison.Ordinal);
    }
}
