namespace Portal.Core.Catalog;

/// <summary>
/// The words of the citizens' search that are not taken literally: common words (that never decide whether a procedure
/// is listed) and synonyms (what people type → what the catalogue says). Everything is in search-key form
/// (<see cref="Text.VietnameseText.SearchKey"/>: no diacritics, lower case), as the query is folded before it is read.
/// </summary>
internal static class SearchVocabulary
{
    /// <summary>
    /// Words (and short phrases) that tell what the citizen wants to do with a procedure, not which one: a procedure is
    /// listed for its other words, and these only break ties when they are in its name ("nhan con" puts "nhận cha, mẹ,
    /// con" first). A query of nothing but these lists the whole catalogue, most filed first. Each entry says why it
    /// carries no meaning for matching; a word that tells procedures apart stays out of this list.
    /// </summary>
    public static readonly IReadOnlyList<string> CommonWords =
    [
        // "làm", "xin", "muốn", "nộp": the act of asking ("làm giấy khai sinh", "xin giấy phép", "muốn nộp ..."); every
        // procedure is asked for. ("làm việc" in the work-permit name is found by "lao dong".)
        "lam", "xin", "muon", "nop",
        // "cấp": to issue; every procedure issues its result, and in names it is also a grade ("công trình cấp III").
        "cap",
        // "giấy": paper; every result is one ("giấy khai sinh", "giấy phép", "giấy chứng nhận"): the words after it name it.
        "giay",
        // "cho con", "cho tôi", "của mẹ": whom it is for. ("con" is in "nhận cha, mẹ, con", "cho" in "tặng cho": typed
        // with other words, a common word in a name still ranks that name first, "nhan con" → "nhận cha, mẹ, con".)
        "cho", "con", "toi", "em", "minh", "cua",
        // Joining words and articles; places ("tại phường ...") are the agency's choice, not the procedure's.
        "va", "voi", "o", "tai", "trong", "mot", "cac", "nhung", "de",
        // Every entry of the catalogue is a procedure, filed as a dossier, online.
        "thu tuc", "ho so", "dich vu cong", "truc tuyen", "online",
        // Questions around the words that matter ("đăng ký khai sinh như thế nào", "ở đâu").
        "nhu the nao", "the nao", "ra sao", "o dau", "gi",
        // English mode: the same kinds of words ("apply for a ... certificate").
        "apply", "application", "for", "my", "get", "certificate", "how", "where",
    ];

    /// <summary>
    /// What people type → what the catalogue's names and results say. A typed phrase is one unit of the query: it
    /// matches where the phrase itself or one of its replacements stands, words in that order. A phrase with no
    /// replacement is kept whole ("hộ kinh doanh" is not "hộ" and "kinh doanh": "kinh doanh dịch vụ karaoke" is
    /// not a household business). "Đăng ký" is deliberately not a common word: it tells a registration from a
    /// licence, a certification or a renewal, so "đăng ký kinh doanh" does not list the karaoke licence.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Synonyms = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        // Kept whole: "hộ" alone is a household, a civil-status record or the "hộ" of "hộ khẩu".
        ["ho kinh doanh"] = [],
        ["ho tich"] = [],
        ["ho gia dinh"] = [],
        ["kinh doanh ca the"] = ["ho kinh doanh"],
        ["ho ca the"] = ["ho kinh doanh"],
        ["hkd"] = ["ho kinh doanh"],
        ["mo cua hang"] = ["ho kinh doanh"],
        ["mo quan"] = ["ho kinh doanh"],
        // Founding: "mở", "mới" are what people say for "thành lập" ("mở hộ kinh doanh", "đăng ký mới").
        ["mo"] = ["thanh lap"],
        ["moi"] = ["thanh lap"],
        ["mo cong ty"] = ["thanh lap doanh nghiep"],
        ["cong ty"] = ["doanh nghiep"],
        ["dntn"] = ["doanh nghiep tu nhan"],

        // Marriage.
        ["cuoi"] = ["ket hon"],
        ["cuoi vo"] = ["ket hon"],
        ["cuoi chong"] = ["ket hon"],
        ["lay vo"] = ["ket hon"],
        ["lay chong"] = ["ket hon"],
        ["dam cuoi"] = ["ket hon"],
        ["doc than"] = ["tinh trang hon nhan"],
        ["xac nhan doc than"] = ["xac nhan tinh trang hon nhan"],

        // Death: what people say for "khai tử".
        ["bao tu"] = ["khai tu"],
        ["chung tu"] = ["khai tu"],
        ["qua doi"] = ["khai tu"],

        // Changing a name or a wrong entry is "thay đổi, cải chính ... hộ tịch".
        ["doi ten"] = ["thay doi cai chinh"],
        ["sua ten"] = ["thay doi cai chinh"],
        ["cai ten"] = ["thay doi cai chinh"],

        // Residence: the household book was replaced by permanent registration.
        ["ho khau"] = ["thuong tru"],
        ["nhap ho khau"] = ["thuong tru"],

        // Land: the certificate's popular names.
        ["so do"] = ["chung nhan quyen su dung dat"],
        ["so hong"] = ["chung nhan quyen su dung dat"],
        ["sang ten so do"] = ["bien dong quyen su dung dat"],
        ["sang ten"] = ["chuyen nhuong"],

        // Permits and records.
        ["bang lai"] = ["phep lai xe"],
        ["bang lai xe"] = ["phep lai xe"],
        ["gplx"] = ["phep lai xe"],
        ["gpxd"] = ["phep xay dung"],
        ["xay nha"] = ["phep xay dung"],
        ["lltp"] = ["ly lich tu phap"],
        ["tien an"] = ["ly lich tu phap"],
        ["attp"] = ["an toan thuc pham"],
        ["ve sinh thuc pham"] = ["an toan thuc pham"],
        ["nha thuoc"] = ["hanh nghe duoc"],
        ["bang tot nghiep"] = ["van bang"],
        ["bang cap"] = ["van bang"],

        // Certification: people say "công chứng" and "sao y" for what the ward calls "chứng thực bản sao".
        ["cong chung"] = ["chung thuc"],
        ["sao y"] = ["ban sao"],

        // English mode: the catalogue's names are Vietnamese.
        ["birth"] = ["khai sinh"],
        ["death"] = ["khai tu"],
        ["marriage"] = ["ket hon"],
        ["married"] = ["ket hon"],
        ["register"] = ["dang ky"],
        ["registration"] = ["dang ky"],
        ["household business"] = ["ho kinh doanh"],
        ["business"] = ["kinh doanh"],
        ["driving licence"] = ["phep lai xe"],
        ["driving license"] = ["phep lai xe"],
        ["driver license"] = ["phep lai xe"],
        ["building permit"] = ["phep xay dung"],
        ["work permit"] = ["phep lao dong"],
        ["criminal record"] = ["ly lich tu phap"],
        ["residence"] = ["cu tru"],
        ["land"] = ["quyen su dung dat"],
        ["copy"] = ["ban sao"],
        ["signature"] = ["chu ky"],
    };

    /// <summary>The longest phrase of either list, in words: how far the reader looks ahead.</summary>
    public static readonly int LongestPhrase = CommonWords.Concat(Synonyms.Keys).Max(p => p.Split(' ').Length);

    public static readonly IReadOnlySet<string> Common = new HashSet<string>(CommonWords, StringComparer.Ordinal);
}
