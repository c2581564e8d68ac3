using System.Net;
using Portal.Testing;

namespace Portal.Web.Tests.Security;

/// <summary>Nothing the portal renders (personal data on nearly every page) may be kept by a browser or a proxy.</summary>
[Collection(SecurityCollection.Name)]
public sealed class NoStoreTests(SecurityFixture f)
{
    [Fact]
    public async Task Every_page_document_form_and_export_of_the_matrix_answers_no_store_to_whoever_may_see_it()
    {
        var checkedUrls = new List<string>();
        var answered = new List<string>();
        var failures = new List<string>();
        foreach (var row in AuthorizationMatrix.Cases)
        {
            var request = row.Request(f.Ids);
            // The first role that sees the page itself: documents and the receipt (Mẫu 01) for citizen A, the control sheet
            // (Mẫu 05) for X's reception, the exports for X's leader, the Hangfire dashboard for the administrator.
            if (request.Method != "GET" || Enum.GetValues<Who>().Where(w => row.Expected(w) == "200").Cast<Who?>().FirstOrDefault() is not { } who)
            {
                continue;
            }

            using var response = await f.Sessions[who].Client.Http.GetAsync(request.Url);
            checkedUrls.Add(request.Url);
            // Another test of the collection may have removed the row since (the matrix deletes A's draft file): the
            // answer must be no-store whatever it is; that the important ones were read is asserted below.
            if (response.StatusCode == HttpStatusCode.OK)
            {
                answered.Add(request.Url);
            }

            if (response.Headers.CacheControl?.NoStore != true || !response.Headers.Pragma.Any(p => p.Name == "no-cache"))
            {
                failures.Add($"{row} as {who}: {(int)response.StatusCode}, Cache-Control: {response.Headers.CacheControl}, Pragma: {string.Join(',', response.Headers.Pragma)}");
            }
        }

        Assert.Contains($"/tai-lieu/{f.Ids.ReceiptDocX}", answered);
        Assert.Contains(answered, u => u.EndsWith("/phieu-kiem-soat", StringComparison.Ordinal));
        Assert.Contains(answered, u => u.StartsWith("/lanh-dao/ho-so/xuat.csv", StringComparison.Ordinal));
        Assert.True(answered.Count > checkedUrls.Count / 2, $"only {answered.Count} of {checkedUrls.Count} pages answered 200");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task The_files_of_wwwroot_keep_their_own_caching()
    {
        using var response = await FormClient.For(f.App).Http.GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
        Assert.NotNull(response.Headers.ETag);
    }
}
