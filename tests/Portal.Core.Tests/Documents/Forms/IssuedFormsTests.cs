using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Documents.Forms;
using Portal.Core.Dossiers;
using Portal.Core.Links;
using Portal.Core.Notifications;
using Portal.Core.Processing;
using Portal.Testing;

namespace Portal.Core.Tests.Documents.Forms;

/// <summary>
/// Mẫu 02, 03, 04 and 05 and the generated result, produced through the officials' use cases, read back by text
/// extraction and rendered to PNG (artifacts/pdf/) for a person to look at.
/// </summary>
public sealed class IssuedFormsTests : IAsyncLifetime
{
    private PortalApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await PortalApp.StartAsync(new Dictionary<string, string?>
    {
        ["Portal:SeedDemo"] = "true",
        ["Portal:DemoDossiers"] = "30",
        ["Portal:NodeRoles"] = "web",
        ["Filing:PlaceName"] = "Hải Phòng",
    });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<OfficialContext> AsAsync(string account) => _app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PortalDb>();
        var user = await db.Users.SingleAsync(u => u.Email == account + "@demo.haiphong.vn");
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name!).ToListAsync();
        return new OfficialContext(user.Id, user.FullName, roles.ToHashSet(), user.AgencyId, "127.0.0.1");
    });

    private async Task ActAsync<T>(string account, Func<T, OfficialContext, Task> act)
        where T : notnull
    {
        var who = await AsAsync(account);
        await using var scope = _app.Services.CreateAsyncScope();
        await act(scope.ServiceProvider.GetRequiredService<T>(), who);
    }

    private Task<Dossier> LoadAsync(long id) => _app.WithScopeAsync(sp =>
        sp.GetRequiredService<PortalDb>().Dossiers.AsNoTracking().Include(d => d.Documents).SingleAsync(d => d.Id == id));

    private async Task<long> FileOnlineAsync(string procedure) => await _app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PortalDb>();
        var agency = await db.Agencies.SingleAsync(a => a.Code == "000.20.01.H31");
        var p = await db.Procedures.Where(x => x.Name.Contains(procedure) && db.ProcedureAgencies.Any(pa => pa.ProcedureId == x.Id && pa.AgencyId == agency.Id)).FirstAsync();
        var citizen = await db.Users.SingleAsync(u => u.Email == "congdan@demo.haiphong.vn");
        var now = DateTime.UtcNow;
        var dossier = Dossier.StartDraft(new ProcedureRef(p.Id, p.CurrentVersionId!.Value, p.SectorId), agency.Id,
            citizen.ToApplicant() with { FullName = "Nguyễn Thị Ngọc Ánh", Email = "anh@example.vn" }, citizen.Id, now);
        var calendar = await sp.GetRequiredService<CalendarProvider>().GetAsync();
        FiledDossiers.AttachMandatoryFiles(dossier, await db.ProcedureVersions.AsNoTracking().SingleAsync(v => v.Id == p.CurrentVersionId), citizen.Id, now);
        dossier.Submit(await sp.GetRequiredService<DossierCodeAllocator>().NextAsync(agency.Code, calendar.LocalDate(now)), "246810", now, citizen.ToActor(Roles.Citizen));
        db.Dossiers.Add(dossier);
        await db.SaveChangesAsync();
        return dossier.Id;
    });

    private async Task DispatchAsync()
    {
        for (var round = 0; round < 4; round++)
        {
            var ids = await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Outbox.Where(m => m.ProcessedAt == null && m.DeadAt == null).Select(m => m.Id).ToListAsync());
            foreach (var id in ids)
            {
                await using var scope = _app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DispatchOutboxJob>().RunAsync(id, CancellationToken.None);
            }
        }

        Assert.Equal(0, await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Outbox.CountAsync(m => m.DeadAt != null)));
    }

    private async Task<byte[]> IssuedAsync(long id, string titlePart)
    {
        var document = (await LoadAsync(id)).Documents.Single(d => d.Title.Contains(titlePart, StringComparison.Ordinal));
        await using var stream = await _app.Service<IDocumentStore>().OpenAsync(document.StorageKey, CancellationToken.None);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }

    private static void LooksRight(byte[] pdf, string name)
    {
        // The issuing agencies' names stand whole on their lines, never broken mid-name ("HẢI / PHÒNG", "HỒNG / BÀNG").
        var lines = PdfCheck.Text(pdf).Split('\n').Select(l => l.Trim()).ToList();
        Assert.True(lines.Any(l => l.StartsWith("ỦY BAN NHÂN DÂN PHƯỜNG HỒNG BÀNG", StringComparison.Ordinal)), $"the ward's name is broken: {string.Join(" | ", lines.Take(6))}");
        Assert.DoesNotContain(lines.Take(8), l => l is "PHÒNG" or "BÀNG" or "HẢI PHÒNG" or "HỒNG BÀNG");
        var pages = PdfCheck.RenderPng(pdf, name);
        Assert.NotEmpty(pages);
        Assert.All(pages, p => Assert.True(new FileInfo(p).Length > 10_000, $"{p} looks blank"));
    }

    private static string Flat(string text) => text.ReplaceLineEndings(" ");

    [Fact]
    public async Task Form_02_lists_the_documents_to_supply_the_reason_and_who_to_ask()
    {
        var id = await FileOnlineAsync("tình trạng hôn nhân");
        await ActAsync<RequestSupplement>("motcua.hongbang", async (h, who) => await h.HandleAsync(new RequestSupplement.Command(id, (await LoadAsync(id)).Version,
            "Bản chụp tờ khai bị mờ, không đọc được ngày tháng năm sinh; đề nghị chụp lại rõ nét toàn bộ trang.",
            ["Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (theo mẫu)", "Bản sao Giấy chứng nhận kết hôn đã ly hôn, có chứng thực", "Giấy xác nhận nơi cư trú trước đây"]), who, CancellationToken.None));
        await DispatchAsync();
        var pdf = await IssuedAsync(id, "Mẫu 02");
        var text = Flat(PdfCheck.Text(pdf));
        var code = (await LoadAsync(id)).Code!;
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text, StringComparison.Ordinal);
        Assert.Contains("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", text, StringComparison.Ordinal);
        Assert.Contains($"Số: {code}/BS1", text, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Thị Ngọc Ánh", text, StringComparison.Ordinal);
        Assert.Contains("Bản sao Giấy chứng nhận kết hôn đã ly hôn, có chứng thực", text, StringComparison.Ordinal);
        Assert.Contains("đề nghị chụp lại rõ nét toàn bộ trang", text, StringComparison.Ordinal);
        Assert.Contains("Hải Phòng, ngày", text, StringComparison.Ordinal);
        Assert.Contains("NGƯỜI HƯỚNG DẪN", text, StringComparison.Ordinal);
        LooksRight(pdf, "mau-02");
    }

    [Fact]
    public async Task Form_03_names_the_applicant_the_matter_and_the_reason_for_the_refusal()
    {
        var id = await FileOnlineAsync("tình trạng hôn nhân");
        await ActAsync<RefuseDossier>("motcua.hongbang", async (h, who) => await h.HandleAsync(new RefuseDossier.Command(id, (await LoadAsync(id)).Version,
            "Người yêu cầu đã được cấp Giấy xác nhận tình trạng hôn nhân còn thời hạn sử dụng cho cùng mục đích."), who, CancellationToken.None));
        await DispatchAsync();
        var pdf = await IssuedAsync(id, "Mẫu 03");
        var text = Flat(PdfCheck.Text(pdf));
        Assert.Contains("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", text, StringComparison.Ordinal);
        Assert.Contains("Cấp Giấy xác nhận tình trạng hôn nhân", text, StringComparison.Ordinal);
        Assert.Contains("còn thời hạn sử dụng cho cùng mục đích", text, StringComparison.Ordinal);
        Assert.Contains("031090001234", text, StringComparison.Ordinal);
        Assert.Contains("NGƯỜI TIẾP NHẬN", text, StringComparison.Ordinal);
        LooksRight(pdf, "mau-03");
    }

    [Fact]
    public async Task Forms_04_and_05_follow_a_liên_thông_dossier_through_its_hand_offs_apology_and_result()
    {
        var id = await FileOnlineAsync("cấp Giấy chứng");
        await ActAsync<AcceptDossier>("motcua.hongbang", async (h, who) => await h.HandleAsync(new AcceptDossier.Command(id, (await LoadAsync(id)).Version, true), who, CancellationToken.None));
        for (var i = 0; i < 2; i++)
        {
            var step = await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().DossierSteps.SingleAsync(s => s.DossierId == id && s.State == StepState.Active));
            var account = await _app.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Users.Where(u => u.Id == step.AssigneeId).Select(u => u.Email!).SingleAsync());
            await ActAsync<CompleteStep>(account.Split('@')[0], async (h, who) => await h.HandleAsync(
                new CompleteStep.Command(id, (await LoadAsync(id)).Version, step.Id, i == 0 ? "Đã đo đạc, kiểm tra hiện trạng thửa đất số 112, tờ bản đồ số 7." : null, null), who, CancellationToken.None));
        }

        var calendar = await _app.Service<CalendarProvider>().GetAsync();
        var newDate = calendar.NextWorkingDay(calendar.NextWorkingDay(calendar.LocalDate((await LoadAsync(id)).DueAt!.Value)));
        await ActAsync<IssueApology>("pheduyet.hongbang", async (h, who) => await h.HandleAsync(new IssueApology.Command(id, (await LoadAsync(id)).Version,
            "Hồ sơ cần lấy ý kiến của Văn phòng đăng ký đất đai về nguồn gốc sử dụng đất; thời gian xác minh vượt quá dự kiến.", newDate), who, CancellationToken.None));
        await ActAsync<DecideDossier>("pheduyet.hongbang", async (h, who) => await h.HandleAsync(new DecideDossier.Command(id, (await LoadAsync(id)).Version,
            "Cấp Giấy chứng nhận quyền sử dụng đất cho hộ bà Nguyễn Thị Ngọc Ánh.", ResultMode.Generate, null), who, CancellationToken.None));
        await ActAsync<ReturnResult>("motcua.hongbang", async (h, who) => await h.HandleAsync(new ReturnResult.Command(id, (await LoadAsync(id)).Version, ResultReturnMethod.AtDesk), who, CancellationToken.None));
        await DispatchAsync();

        var apology = await IssuedAsync(id, "Mẫu 04");
        var text = Flat(PdfCheck.Text(apology));
        Assert.Contains("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", text, StringComparison.Ordinal);
        Assert.Contains("Kính gửi: Nguyễn Thị Ngọc Ánh", text, StringComparison.Ordinal);
        Assert.Contains("nguồn gốc sử dụng đất", text, StringComparison.Ordinal);
        Assert.Contains(newDate.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.Contains("THỦ TRƯỞNG CƠ QUAN", text, StringComparison.Ordinal);
        LooksRight(apology, "mau-04");

        var result = await IssuedAsync(id, "Kết quả giải quyết");
        Assert.Contains("Cấp Giấy chứng nhận quyền sử dụng đất cho hộ bà Nguyễn Thị Ngọc Ánh.", Flat(PdfCheck.Text(result)), StringComparison.Ordinal);
        LooksRight(result, "ket-qua");

        var sheet = await _app.WithScopeAsync(async sp => await ControlSheetForm.RenderAsync(sp.GetRequiredService<PortalDb>(), id, calendar, "Hải Phòng",
            new PublicUrls("https://dichvucong.example.vn"), DateTime.UtcNow, CancellationToken.None));
        var sheetText = Flat(PdfCheck.Text(sheet.Pdf));
        Assert.Contains("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", sheetText, StringComparison.Ordinal);
        Assert.Contains("Sở Nông nghiệp và Môi trường thành phố Hải Phòng", sheetText, StringComparison.Ordinal);
        Assert.Contains("Đã đo đạc, kiểm tra hiện trạng thửa đất số 112", sheetText, StringComparison.Ordinal);
        Assert.Contains("Tổng cộng 5 lần bàn giao", sheetText, StringComparison.Ordinal);
        Assert.Contains("Trả kết quả tại bộ phận một cửa", sheetText, StringComparison.Ordinal);
        Assert.Matches("Trước hạn|Đúng hạn|Quá hạn", sheetText);
        LooksRight(sheet.Pdf, "mau-05");
    }
}
