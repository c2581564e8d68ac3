using System.Text.Json;
using Portal.Core.Catalog;

namespace Portal.Core.Tests.Catalog;

/// <summary>The citizens' search over the 30 shipped procedures, as people type: no database, no filing counts unless given.</summary>
public sealed class ProcedureMatcherTests
{
    private const string Birth = "Đăng ký khai sinh";
    private const string HouseholdFounding = "Đăng ký thành lập hộ kinh doanh";
    private const string HouseholdChange = "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh";
    private const string Marriage = "Đăng ký kết hôn";

    private static readonly List<ProcedureMatcher.Entry> Shipped = LoadShipped();

    private static List<ProcedureMatcher.Entry> LoadShipped()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Portal.Core", "Resources", "Catalog", "procedures");
        return [.. Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select((file, i) =>
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var root = json.RootElement;
            return ProcedureMatcher.Entry.Of(i + 1, root.GetProperty("code").GetString()!, root.GetProperty("name").GetString()!,
                root.GetProperty("result").GetProperty("description").GetString(), root.GetProperty("sector").GetProperty("name").GetString(), 0);
        })];
    }

    private static ProcedureMatcher.Ranking Search(string query, IReadOnlyList<ProcedureMatcher.Entry>? entries = null) =>
        ProcedureMatcher.Rank(ProcedureMatcher.Parse(query), entries ?? Shipped);

    private static List<string> Names(string query, IReadOnlyList<ProcedureMatcher.Entry>? entries = null) =>
        [.. Search(query, entries).Entries.Select(e => e.Name)];

    [Fact]
    public void The_shipped_catalogue_is_the_one_these_tests_are_about() => Assert.Equal(30, Shipped.Count);

    [Theory]
    [InlineData("lam giay khai sinh")]
    [InlineData("dang ky khai sinh cho con")]
    [InlineData("làm giấy khai sinh cho con")]
    [InlineData("Giấy khai sinh")]
    [InlineData("khai sinh dang ky")]
    [InlineData("xin cap giay khai sinh")]
    [InlineData("DĂNG KÝ KHAI SINH")]
    [InlineData("dang ky khai sinh nhu the nao")]
    [InlineData("birth registration")]
    public void Birth_registration_comes_first_whatever_the_common_words_and_the_word_order(string query)
    {
        var names = Names(query);
        Assert.Equal(Birth, names[0]);
        Assert.DoesNotContain("Đăng ký nhận cha, mẹ, con", names);
    }

    [Fact]
    public void A_household_business_is_a_phrase_the_karaoke_licence_is_not_listed_and_the_founding_comes_before_the_change()
    {
        var names = Names("ho kinh doanh");
        Assert.Equal([HouseholdFounding, HouseholdChange], names);
        Assert.Equal(ProcedureMatcher.Outcome.AllWords, Search("ho kinh doanh").Outcome);
        Assert.DoesNotContain(names, n => n.Contains("karaoke", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("mo ho kinh doanh")]
    [InlineData("thành lập hộ kinh doanh")]
    [InlineData("dang ky moi ho kinh doanh")]
    [InlineData("HKD")]
    public void Founding_words_find_the_founding_of_a_household_business_first(string query)
    {
        // The change is in the sector "Thành lập và hoạt động của hộ kinh doanh": listed too, after.
        Assert.Equal([HouseholdFounding, HouseholdChange], Names(query));
    }

    [Fact]
    public void Changing_a_household_business_finds_the_change_first() =>
        Assert.Equal(HouseholdChange, Names("thay doi ho kinh doanh")[0]);

    [Theory]
    [InlineData("cuoi vo", Marriage)]
    [InlineData("đăng ký cưới", Marriage)]
    [InlineData("marriage", Marriage)]
    [InlineData("so do", "Đăng ký đất đai, tài sản gắn liền với đất và cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu đối với cá nhân, hộ gia đình, cộng đồng dân cư")]
    [InlineData("làm sổ đỏ", "Đăng ký đất đai, tài sản gắn liền với đất và cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu đối với cá nhân, hộ gia đình, cộng đồng dân cư")]
    [InlineData("doi bang lai xe", "Đổi giấy phép lái xe do ngành Công an cấp")]
    [InlineData("nhap ho khau", "Đăng ký thường trú")]
    [InlineData("xac nhan doc than", "Cấp Giấy xác nhận tình trạng hôn nhân")]
    [InlineData("cong chung ban sao", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp hoặc chứng nhận")]
    [InlineData("sao y ban chinh", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp hoặc chứng nhận")]
    [InlineData("xin đổi tên", "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch")]
    [InlineData("nhan con", "Đăng ký nhận cha, mẹ, con")]
    [InlineData("lltp", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam")]
    [InlineData("bao tu", "Đăng ký khai tử")]
    public void Synonyms_find_what_the_catalogue_calls_otherwise(string query, string expected) => Assert.Equal(expected, Names(query)[0]);

    [Fact]
    public void The_plain_procedure_comes_before_its_variants()
    {
        Assert.Equal(Marriage, Names("ket hon")[0]);
        Assert.Equal("Đăng ký kết hôn có yếu tố nước ngoài", Names("ket hon nuoc ngoai")[0]);
        Assert.Equal("Đăng ký lại khai sinh", Names("dang ky lai khai sinh")[0]);
    }

    [Theory]
    [InlineData("dang ky khai sinnh", "sinnh", "sinh")]
    [InlineData("khia sinh", "khia", "khai")]
    [InlineData("ddang ky khai sinh", "ddang", "dang")]
    [InlineData("dnag ky khai sinh", "dnag", "dang")]
    public void One_letter_typos_in_longer_words_are_read_as_the_catalogue_word(string query, string typed, string read)
    {
        var ranking = Search(query);
        Assert.Equal(Birth, ranking.Entries[0].Name);
        Assert.Contains((typed, read), ranking.Corrections);
    }

    [Fact]
    public void Exact_words_rank_before_typo_readings_and_short_words_and_catalogue_words_are_not_corrected()
    {
        // "karaokee" is read as "karaoke"; "kinh" is a catalogue word and is not read as "khinh" or anything else.
        Assert.Equal("Thủ tục cấp giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", Names("karaokee")[0]);
        Assert.Empty(Search("kinh doanh").Corrections);
        // "hom" has three letters: no typo reading, so "ket hom" is not "kết hôn" in full.
        Assert.Empty(Search("ket hom").Corrections);
        Assert.True(ProcedureMatcher.OneEditApart("khai", "khia"));
        Assert.True(ProcedureMatcher.OneEditApart("sinh", "sinhh"));
        Assert.True(ProcedureMatcher.OneEditApart("sinh", "snih"));
        Assert.False(ProcedureMatcher.OneEditApart("sinh", "shin"));
        Assert.False(ProcedureMatcher.OneEditApart("sinh", "sinhhh"));
        Assert.False(ProcedureMatcher.OneEditApart("sinh", "sinh"));
    }

    [Theory]
    [InlineData("xin giay")]
    [InlineData("thủ tục")]
    [InlineData("lam cho con")]
    public void A_query_of_common_words_only_lists_every_procedure_most_filed_first(string query)
    {
        var entries = Shipped.Select(e => e.Name == Marriage ? e with { Filed = 40 } : e.Name == Birth ? e with { Filed = 3 } : e).ToList();
        var ranking = Search(query, entries);
        Assert.Equal(ProcedureMatcher.Outcome.CommonWordsOnly, ranking.Outcome);
        Assert.Equal(30, ranking.Entries.Count);
        Assert.Equal([Marriage, Birth], ranking.Entries.Take(2).Select(e => e.Name));
    }

    [Fact]
    public void An_empty_query_browses_the_whole_catalogue_in_its_own_order()
    {
        var ranking = Search("   ");
        Assert.Equal(ProcedureMatcher.Outcome.Browse, ranking.Outcome);
        Assert.Equal(Shipped, ranking.Entries);
    }

    [Fact]
    public void Among_equal_matches_the_procedure_filed_at_least_twice_as_often_comes_first()
    {
        Assert.Equal(HouseholdFounding, Names("ho kinh doanh")[0]);
        var changesFiledMore = Shipped.Select(e => e.Name == HouseholdChange ? e with { Filed = 21 } : e.Name == HouseholdFounding ? e with { Filed = 10 } : e).ToList();
        Assert.Equal([HouseholdChange, HouseholdFounding], Names("ho kinh doanh", changesFiledMore));
        // A few more dossiers do not outweigh the name closer to the query.
        var aFewMore = Shipped.Select(e => e.Name == HouseholdChange ? e with { Filed = 12 } : e.Name == HouseholdFounding ? e with { Filed = 10 } : e).ToList();
        Assert.Equal([HouseholdFounding, HouseholdChange], Names("ho kinh doanh", aFewMore));
        // Filing never outweighs the words: the birth registration stays first however often a re-registration is filed.
        var reRegistrations = Shipped.Select(e => e.Name == "Đăng ký lại khai sinh" ? e with { Filed = 5000 } : e).ToList();
        Assert.Equal(Birth, Names("dang ky khai sinh", reRegistrations)[0]);
    }

    [Fact]
    public void The_name_ranks_before_the_result_description_and_the_sector()
    {
        // "trích lục" names the copy procedure and is in the results of most civil-status procedures.
        var names = Names("trich luc");
        Assert.Equal("Cấp bản sao trích lục hộ tịch", names[0]);
        Assert.Contains("Đăng ký khai tử", names);
        // The sector: "hộ tịch" finds every civil-status procedure, the ones that say it in their name first.
        var civil = Names("ho tich");
        Assert.InRange(civil.Count, 10, 12);
        Assert.Contains(civil.Take(2), n => n == "Cấp bản sao trích lục hộ tịch");
    }

    [Fact]
    public void A_query_some_of_whose_words_match_lists_those_with_the_most_of_them_and_says_so()
    {
        var ranking = Search("dang ky ket hon tai ha noi");
        Assert.Equal(ProcedureMatcher.Outcome.SomeWords, ranking.Outcome);
        Assert.Equal(Marriage, ranking.Entries[0].Name);
    }

    [Fact]
    public void A_query_that_matches_nothing_suggests_the_nearest_procedures()
    {
        var ranking = Search("khong co thu tuc nay");
        Assert.Equal(ProcedureMatcher.Outcome.None, ranking.Outcome);
        Assert.Empty(ranking.Entries);
        Assert.Equal(ProcedureMatcher.SuggestionCount, ranking.Suggestions.Count);

        // Beyond one letter: "khaisinh" (no space) is near the birth registration's name.
        var glued = Search("khaisinh");
        Assert.Equal(ProcedureMatcher.Outcome.None, glued.Outcome);
        Assert.Contains(glued.Suggestions, e => e.Name == Birth);
    }

    [Fact]
    public void A_code_finds_its_procedure() => Assert.Equal([Birth], Names("1.001193"));
}
