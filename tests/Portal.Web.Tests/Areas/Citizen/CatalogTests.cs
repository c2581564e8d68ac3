using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Web.Tests.Areas.Citizen;

[Collection(CitizenCollection.Name)]
public sealed class CatalogTests(CitizenFixture fixture)
{
    private static List<string> Names(Page page) => [.. page.Document.QuerySelectorAll(".procedure-list h2 a").Select(a => a.TextContent.Trim())];

    [Theory]
    [InlineData("ho tich", "Đăng ký khai sinh")]
    [InlineData("HỘ TỊCH", "Cấp bản sao trích lục hộ tịch")]
    [InlineData("dang ky kinh doanh", "Đăng ký thành lập hộ kinh doanh")]
    [InlineData("DANG KY khai sinh", "Đăng ký khai sinh")]
    [InlineData("1.001193", "Đăng ký khai sinh")]
    public async Task Search_ignores_diacritics_and_case(string query, string expected)
    {
        var page = await FormClient.For(fixture.App).GetAsync($"/thu-tuc?q={Uri.EscapeDataString(query)}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(expected, Names(page));
    }

    [Theory]
    [InlineData("lam giay khai sinh", "Đăng ký khai sinh")]
    [InlineData("dang ky khai sinh cho con", "Đăng ký khai sinh")]
    [InlineData("khai sinh dang ky", "Đăng ký khai sinh")]
    [InlineData("ho kinh doanh", "Đăng ký thành lập hộ kinh doanh")]
    [InlineData("cưới vợ", "Đăng ký kết hôn")]
    [InlineData("lam so do", "Đăng ký đất đai, tài sản gắn liền với đất và cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu đối với cá nhân, hộ gia đình, cộng đồng dân cư")]
    public async Task Search_finds_what_people_type_first(string query, string expected)
    {
        var page = await FormClient.For(fixture.App).GetAsync($"/thu-tuc?q={Uri.EscapeDataString(query)}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(expected, Names(page)[0]);
    }

    [Fact]
    public async Task A_household_business_lists_the_founding_then_the_change_and_no_karaoke()
    {
        var names = Names(await FormClient.For(fixture.App).GetAsync("/thu-tuc?q=ho+kinh+doanh"));
        Assert.Equal(["Đăng ký thành lập hộ kinh doanh", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh"], names);
    }

    [Fact]
    public async Task A_typo_is_read_as_the_catalogue_word_and_the_page_says_how_it_read_it_in_one_language()
    {
        var client = FormClient.For(fixture.App);
        var page = await client.GetAsync("/thu-tuc?q=dang+ky+khai+sinnh");
        Assert.Equal("Đăng ký khai sinh", Names(page)[0]);
        var note = page.Document.QuerySelector(".search-note")!.TextContent.Trim();
        Assert.Equal("Đã đọc \u201Csinnh\u201D là \u201Csinh\u201D.", note);

        (await client.Http.GetAsync("/Home/Language?culture=en-US&returnUrl=%2F")).Dispose();
        var english = await client.GetAsync("/thu-tuc?q=dang+ky+khai+sinnh");
        Assert.Equal("Read \u201Csinnh\u201D as \u201Csinh\u201D.", english.Document.QuerySelector(".search-note")!.TextContent.Trim());
    }

    [Fact]
    public async Task Common_words_alone_list_every_procedure_and_say_why()
    {
        var client = FormClient.For(fixture.App);
        var all = (await client.GetAsync("/thu-tuc")).Document.QuerySelector("[role=status]")!.TextContent;
        var page = await client.GetAsync("/thu-tuc?q=xin+giay+cho+con");
        Assert.Equal(all, page.Document.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(20, Names(page).Count);
        Assert.Contains("Những từ bạn gõ quá chung", page.Document.QuerySelector(".search-note")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("too common", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_without_a_result_suggests_the_nearest_procedures_in_the_pages_language()
    {
        var client = FormClient.For(fixture.App);
        var page = await client.GetAsync("/thu-tuc?q=khaisinh");
        Assert.Empty(Names(page));
        Assert.Contains("Tìm thấy 0 thủ tục", page.Text, StringComparison.Ordinal);
        Assert.Contains("Không có thủ tục phù hợp với \u201Ckhaisinh\u201D", page.Text, StringComparison.Ordinal);
        var suggested = page.Document.QuerySelectorAll(".procedure-suggestions a").ToList();
        Assert.Equal(3, suggested.Count);
        Assert.Contains(suggested, a => a.TextContent == "Đăng ký khai sinh" && a.GetAttribute("href")!.StartsWith("/thu-tuc/", StringComparison.Ordinal));
        Assert.DoesNotContain("nearest", page.Text, StringComparison.Ordinal);

        (await client.Http.GetAsync("/Home/Language?culture=en-US&returnUrl=%2F")).Dispose();
        var english = await client.GetAsync("/thu-tuc?q=khaisinh");
        Assert.Contains("No procedure matches \u201Ckhaisinh\u201D", english.Text, StringComparison.Ordinal);
        Assert.Contains("The procedures nearest to what you typed", english.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Không có thủ tục phù hợp", english.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_by_sector_agency_and_service_type_narrow_the_list()
    {
        var (sectorId, landOffice) = await fixture.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            return (await db.Sectors.Where(s => s.Name == "Hộ tịch").Select(s => s.Id).SingleAsync(),
                await db.Agencies.Where(a => a.Code == "000.00.05.H31").Select(a => a.Id).SingleAsync());
        });
        var client = FormClient.For(fixture.App);
        var all = Names(await client.GetAsync("/thu-tuc"));
        var civil = Names(await client.GetAsync($"/thu-tuc?linhVuc={sectorId}"));
        Assert.InRange(civil.Count, 5, all.Count - 1);
        Assert.Contains("Đăng ký khai tử", civil);
        Assert.DoesNotContain("Đăng ký thường trú", civil);

        var land = Names(await client.GetAsync($"/thu-tuc?coQuan={landOffice}"));
        Assert.NotEmpty(land);
        Assert.All(land, n => Assert.DoesNotContain("khai sinh", n, StringComparison.Ordinal));

        var info = await client.GetAsync($"/thu-tuc?muc={(int)ServiceType.InformationOnly}");
        Assert.Equal(["Chứng thực chữ ký trong các giấy tờ, văn bản"], Names(info));
        Assert.Contains("Tìm thấy 0 thủ tục", (await client.GetAsync("/thu-tuc?q=khong+co+thu+tuc+nay")).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/thu-tuc?muc=abc&trang=-3&linhVuc=x")).Status);
    }

    [Fact]
    public async Task The_procedure_page_shows_steps_documents_time_limit_fees_and_legal_basis_with_the_file_online_action()
    {
        var id = await Citizen.ProcedureIdAsync(fixture.App, Citizen.ExtractCopy);
        var anonymous = await FormClient.For(fixture.App).GetAsync($"/thu-tuc/{id}");
        foreach (var part in new[] { "Trình tự thực hiện", "Thành phần hồ sơ", "Thời hạn giải quyết", "Phí, lệ phí", "8.000 đồng", "Căn cứ pháp lý", "Luật Hộ tịch", "Đăng nhập để nộp hồ sơ" })
        {
            Assert.Contains(part, anonymous.Text.Replace("8,000", "8.000", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        var citizen = await Citizen.RegisterAsync(fixture);
        var page = await citizen.GetAsync($"/thu-tuc/{id}");
        Assert.NotNull(page.Document.QuerySelector("form[action='/nop-ho-so/bat-dau'] select#agencyId"));
        Assert.Contains("Nộp hồ sơ trực tuyến", page.Document.QuerySelector("form[action='/nop-ho-so/bat-dau'] button")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.GetAsync("/thu-tuc/999999")).Status);
    }

    [Fact]
    public async Task A_draft_is_resumed_from_my_dossiers_at_the_first_unfinished_step_and_a_double_click_on_start_opens_one_draft()
    {
        var client = await Citizen.RegisterAsync(fixture);
        var procedure = await Citizen.ProcedureIdAsync(fixture.App, Citizen.BirthRegistration);
        var first = await Citizen.StartAsync(client, procedure);
        Assert.Equal(first, await Citizen.StartAsync(client, procedure));
        await Citizen.PostStepAsync(client, $"/nop-ho-so/{first}/nguoi-nop", new Dictionary<string, string?>());
        await Citizen.PostStepAsync(client, $"/nop-ho-so/{first}/to-khai", Citizen.BirthForm());

        // Another device: a fresh sign-in finds the draft in the list and lands on the documents step.
        var other = FormClient.For(fixture.App);
        var email = await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Dossiers.Where(d => d.Id == first).Select(d => d.Applicant.Email).SingleAsync());
        await other.SignInAsync(email!, Citizen.Password);
        var list = await other.GetAsync("/ho-so-cua-toi");
        Assert.Contains("Bản nháp", list.Text, StringComparison.Ordinal);
        var resume = await other.Http.GetAsync($"/nop-ho-so/{first}");
        Assert.Equal($"/nop-ho-so/{first}/giay-to", resume.Headers.Location!.ToString());
        var form = await other.GetAsync($"/nop-ho-so/{first}/to-khai");
        Assert.Equal("Trần Minh Khang", form.Document.QuerySelector("#f_subject_name")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_ward_list_chooses_only_the_ward_the_citizens_address_names_and_otherwise_asks_for_one()
    {
        var id = await Citizen.ProcedureIdAsync(fixture.App, Citizen.ExtractCopy);
        var citizen = await Citizen.RegisterAsync(fixture);
        var named = (await citizen.GetAsync($"/thu-tuc/{id}")).Document.QuerySelector("select#agencyId option:checked")!;
        Assert.Equal("Ủy ban nhân dân phường Lê Chân", named.TextContent.Trim());

        // An address that names no ward: the list starts on "choose", and filing without a choice comes back to it.
        var email = await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Users.OrderByDescending(u => u.CreatedAt).Select(u => u.Email!).FirstAsync());
        await fixture.App.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            user.Address = "Số 1 Lạch Tray, thành phố Hải Phòng";
            await db.SaveChangesAsync();
        });
        var page = await citizen.GetAsync($"/thu-tuc/{id}");
        Assert.Equal(string.Empty, page.Document.QuerySelector("select#agencyId option:checked")!.GetAttribute("value"));
        Assert.NotNull(page.Document.QuerySelector("select#agencyId[required]"));
        var refused = await citizen.SubmitAsync(page, "form[action='/nop-ho-so/bat-dau']", new Dictionary<string, string?>());
        Assert.Equal($"/thu-tuc/{id}#agencyId", refused.Headers.Location!.ToString());
        var again = await citizen.FollowAsync(refused);
        Assert.Equal("true", again.Document.QuerySelector("select#agencyId")!.GetAttribute("aria-invalid"));
        Assert.Contains("Vui lòng chọn nơi nộp hồ sơ", again.Document.QuerySelector("#agency-error")!.TextContent, StringComparison.Ordinal);
        Assert.False(await fixture.App.WithScopeAsync(sp => sp.GetRequiredService<PortalDb>().Dossiers.AnyAsync(d => d.Applicant.Email == email && d.ProcedureId == id)));
    }

    [Fact]
    public async Task The_home_page_of_a_signed_in_citizen_opens_their_dossiers_instead_of_offering_to_sign_in()
    {
        var anonymous = await FormClient.For(fixture.App).GetAsync("/");
        Assert.NotNull(anonymous.Document.QuerySelector("main a[href='/Account/Login']"));

        var citizen = await Citizen.RegisterAsync(fixture);
        var home = await citizen.GetAsync("/");
        Assert.Null(home.Document.QuerySelector("main a[href='/Account/Login']"));
        Assert.Contains("Xem hồ sơ của tôi", home.Document.QuerySelector("main a[href='/ho-so-cua-toi']")!.TextContent, StringComparison.Ordinal);
    }
}
