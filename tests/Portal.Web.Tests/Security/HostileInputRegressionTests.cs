using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.Processing;
using Portal.Web.Areas.Officials.Controllers;

namespace Portal.Web.Tests.Security;

/// <summary>The bugs the hostile-input fuzz found, one by one: each used to answer 500 or to store text that was not clean.</summary>
public sealed class HostileInputRegressionTests(FuzzFixture f) : IClassFixture<FuzzFixture>
{
    private static readonly string Decomposed = "Nguyễn Văn Bình".Normalize(NormalizationForm.FormD);

    private async Task<HttpResponseMessage> PostAsync(Who who, string url, params (string Name, string Value)[] fields)
    {
        var session = f.Sessions[who];
        var values = fields.Select(x => new KeyValuePair<string, string>(x.Name, x.Value)).Append(new("__RequestVerificationToken", session.Token));
        return await session.Client.Http.PostAsync(url, new FormUrlEncodedContent(values));
    }

    [Fact]
    public async Task A_sign_in_with_a_remember_me_that_is_not_a_boolean_shows_the_form_again_with_its_message()
    {
        using var response = await PostAsync(Who.Anonymous, "/Account/Login", ("Email", "ai.do@example.vn"), ("Password", "Sai@12345"), ("RememberMe", "abc"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}");
        Assert.Contains("name=\"RememberMe\"", html, StringComparison.Ordinal);
        Assert.Contains("không hợp lệ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_without_a_culture_chooses_Vietnamese()
    {
        using var response = await f.Sessions[Who.Anonymous].Client.Http.GetAsync("/Home/Language");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.Contains("vi-VN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_calendar_adjustment_in_year_9999_is_refused_with_its_message()
    {
        using var response = await PostAsync(Who.Admin, "/quan-tri/lich", ("Date", "9999-12-31"), ("Kind", "DayOff"), ("Note", "Quyết định số 12/QĐ-UBND"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Ngày không hợp lệ (từ năm 2000 đến 2100).", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public void An_apology_with_a_new_date_outside_the_calendar_years_is_refused_with_its_message(string date)
    {
        var result = new IssueApology.Validator().Validate(new IssueApology.Command(1, 1, "Cần xác minh thêm hồ sơ đất đai.", DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Contains(result.Errors, e => e.ErrorMessage == "Ngày hẹn trả mới không hợp lệ. / The new return date is not a valid date.");
    }

    [Theory]
    [InlineData("Nguye\u200B\u0302\u0303n Thi\u0323")]
    [InlineData("Tuye\u0302\u0001\u0301t")]
    public void A_format_or_control_character_between_a_letter_and_its_mark_still_leaves_NFC_text(string typed)
    {
        var clean = Portal.Core.Text.VietnameseText.Normalize(typed);

        Assert.True(clean.IsNormalized(System.Text.NormalizationForm.FormC), clean);
        Assert.DoesNotContain('\u200B', clean);
    }

    [Fact]
    public void An_identifier_field_with_a_space_before_a_combining_mark_is_stored_as_NFC()
    {
        // The fuzz typed a name into a tax-code field of an e-form: the cleaner drops the spaces, the marks then follow their letters.
        const string typed = "Tuye\u0302 \u0301t, Ha\u0309i Pho\u0300ng";

        Assert.All([Portal.Core.Filing.Identifiers.Digits(typed), Portal.Core.Filing.Identifiers.CleanTaxCode(typed), Portal.Core.Filing.Identifiers.CleanPhone(typed)],
            clean => Assert.True(clean.IsNormalized(System.Text.NormalizationForm.FormC), clean));
    }

    [Fact]
    public async Task A_payment_notification_with_fifteen_hundred_fields_answers_invalid_signature()
    {
        var query = string.Join('&', Enumerable.Range(0, 1500).Select(i => $"f{i}=1"));
        using var response = await f.Sessions[Who.Anonymous].Client.Http.GetAsync("/thanh-toan/ipn?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"RspCode\":\"97\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TT\u0000")]
    [InlineData("\u0000")]
    [InlineData("TT' OR '1'='1")]
    public async Task A_payment_return_page_with_a_reference_that_cannot_be_one_answers_404_signed_or_400_unsigned(string reference)
    {
        using var unsigned = await f.Sessions[Who.CitizenA].Client.Http.GetAsync("/thanh-toan/ket-qua?ref=" + Uri.EscapeDataString(reference));
        using var signed = await f.Sessions[Who.CitizenA].Client.Http.GetAsync(AuthorizationMatrix.SignedReturn(reference));
        using var notified = await f.Sessions[Who.Anonymous].Client.Http.GetAsync(AuthorizationMatrix.SignedReturn(reference).Replace("/ket-qua?", "/ipn?", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, signed.StatusCode);
        Assert.Contains("\"RspCode\":\"01\"", await notified.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_supplement_request_skips_empty_document_entries()
    {
        var input = new SupplementInput { Documents = [null!, " Bản sao CCCD ", ""], OtherDocuments = "Giấy khai sinh\n\n" };

        Assert.Equal(["Bản sao CCCD", "Giấy khai sinh"], input.AllDocuments());
    }

    [Fact]
    public async Task A_worklist_search_is_audited_in_NFC_without_control_characters()
    {
        var q = Decomposed + "\u0001\u001b[31m";
        using var response = await f.Sessions[Who.ReceptionX].Client.Http.GetAsync("/can-bo/ho-so?q=" + Uri.EscapeDataString(q));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var detail = await f.App.WithScopeAsync(sp => sp.GetRequiredService<Portal.Core.Data.PortalDb>().AuditTrail
            .Where(a => a.Action == AuditActions.Search).OrderByDescending(a => a.Id).Select(a => a.Detail).FirstAsync());
        Assert.Contains("Nguyễn Văn Bình", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(detail!, char.IsControl);
    }

    [Fact]
    public async Task An_import_keeps_the_file_name_in_NFC_without_control_characters()
    {
        var session = f.Sessions[Who.LeaderX];
        var name = "Hồ sơ cũ".Normalize(NormalizationForm.FormD) + "\u0007.csv";
        using var content = new MultipartFormDataContent
        {
            { new StringContent(session.Token), "__RequestVerificationToken" },
            { new ByteArrayContent("MaHoSo\r\n"u8.ToArray()), "tep", name },
        };
        using var response = await session.Client.Http.PostAsync("/lanh-dao/nhap-du-lieu", content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var id = Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
        var stored = await f.App.WithScopeAsync(sp => sp.GetRequiredService<Portal.Core.Data.PortalDb>().ImportRuns.Where(r => r.Id == id).Select(r => r.FileName).SingleAsync());
        Assert.Equal("Hồ sơ cũ.csv", stored);
    }
}
