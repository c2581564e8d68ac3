using Portal.Core.Text;

namespace Portal.Core.Catalog;

/// <summary>
/// How the citizens' search reads a query and ranks procedures, without the database: a query is folded
/// (<see cref="VietnameseText.SearchKey"/>), cut into units (a word, a synonym phrase, a phrase kept whole), common words
/// set aside (<see cref="SearchVocabulary"/>), and each procedure is scored on its name (and code), the description of
/// its result, and its sector's name.
/// </summary>
public static class ProcedureMatcher
{
    /// <summary>Typos are read only in words this long: shorter syllables differ from each other by one letter.</summary>
    public const int TypoMinLength = 4;

    /// <summary>How many procedures a page without a result suggests.</summary>
    public const int SuggestionCount = 3;

    /// <summary>What the search holds of one procedure; the text is in search-key form.</summary>
    public sealed record Entry(int Id, string Code, string Name, string NameKey, string DescriptionKey, string SectorKey, int Filed)
    {
        internal string[] NameWords { get; } = Words(NameKey);
        internal string[] DescriptionWords { get; } = Words(DescriptionKey);
        internal string[] SectorWords { get; } = Words(SectorKey);

        private HashSet<string>? _trigrams;

        /// <summary>For the suggestions; kept, as the entry is (see <see cref="ProcedureSearch"/>).</summary>
        internal HashSet<string> NameTrigrams => _trigrams ??= Trigrams(NameKey);

        public static Entry Of(int id, string code, string name, string? description, string? sector, int filed) =>
            new(id, code, name, VietnameseText.SearchKey(name), VietnameseText.SearchKey(description), VietnameseText.SearchKey(sector), filed);
    }

    /// <summary>
    /// One unit of the query: any of <see cref="Phrases"/> (word sequences: as typed, or a synonym's replacement)
    /// matches it. <see cref="Weight"/> is the number of typed words it stands for.
    /// </summary>
    public sealed record Unit(string Typed, int Weight, IReadOnlyList<string[]> Phrases, bool CodeLike);

    public sealed record Query(string Text, IReadOnlyList<Unit> Units, IReadOnlyList<string[]> Common)
    {
        /// <summary>True when nothing was typed but common words (or nothing at all).</summary>
        public bool OnlyCommonWords => Units.Count == 0;

        public int Weight => Units.Sum(u => u.Weight);
    }

    public enum Outcome
    {
        /// <summary>Nothing typed: the whole catalogue, in the catalogue's order.</summary>
        Browse,

        /// <summary>Only common words typed: the whole catalogue, most filed first.</summary>
        CommonWordsOnly,

        /// <summary>Procedures with every unit of the query.</summary>
        AllWords,

        /// <summary>No procedure has every unit: those whose names have the most of them (at least half).</summary>
        SomeWords,

        /// <summary>Nothing close enough: see the suggestions.</summary>
        None,
    }

    /// <param name="Corrections">Typed words read as another word of the catalogue (one letter apart).</param>
    public sealed record Ranking(Outcome Outcome, IReadOnlyList<Entry> Entries, IReadOnlyList<Entry> Suggestions, IReadOnlyList<(string Typed, string Read)> Corrections);

    private static readonly char[] Separators = [' ', ',', ';', ':', '(', ')', '[', ']', '/', '\\', '-', '–', '"', '\'', '?', '!', '+', '&', '*'];

    internal static string[] Words(string key) => key.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(w => w.Trim('.')).Where(w => w.Length > 0).ToArray();

    public static Query Parse(string? text)
    {
        var key = VietnameseText.SearchKey(text);
        var words = Words(key);
        var units = new List<Unit>();
        var common = new List<string[]>();
        for (var i = 0; i < words.Length;)
        {
            var taken = false;
            for (var n = Math.Min(SearchVocabulary.LongestPhrase, words.Length - i); n >= 1 && !taken; n--)
            {
                var phrase = string.Join(' ', words, i, n);
                if (SearchVocabulary.Synonyms.TryGetValue(phrase, out var replacements))
                {
                    var weight = Math.Max(1, words.Skip(i).Take(n).Count(w => !SearchVocabulary.Common.Contains(w)));
                    units.Add(new Unit(phrase, weight, [words[i..(i + n)], .. replacements.Select(r => r.Split(' '))], false));
                }
                else if (SearchVocabulary.Common.Contains(phrase))
                {
                    common.Add(words[i..(i + n)]);
                }
                else if (n > 1)
                {
                    continue;
                }
                else
                {
                    var word = words[i];
                    units.Add(new Unit(word, 1, [[word]], word.Any(char.IsDigit)));
                }

                i += n;
                taken = true;
            }
        }

        return new Query(key, units, common);
    }

    /// <summary>
    /// Ranks <paramref name="entries"/> for a parsed query (see <see cref="Outcome"/> for what is listed).
    /// <paramref name="vocabulary"/>: every word of the entries (<see cref="Vocabulary"/>), when the caller keeps it.
    /// </summary>
    public static Ranking Rank(Query query, IReadOnlyList<Entry> entries, IReadOnlySet<string>? vocabulary = null)
    {
        if (query.Text.Length == 0)
        {
            return new Ranking(Outcome.Browse, entries, [], []);
        }

        var (typos, corrections) = ReadTypos(query, entries, vocabulary);
        var scored = entries.Select(e => (Entry: e, Score: ScoreOf(query, typos, e))).ToList();
        if (query.OnlyCommonWords)
        {
            // Nothing to rank on but how often each is filed.
            return new Ranking(Outcome.CommonWordsOnly, [.. entries.OrderByDescending(e => e.Filed).ThenBy(e => e.Name, VietnameseText.Collation)], [], []);
        }

        var all = query.Weight;
        var best = scored.Count == 0 ? 0 : scored.Max(s => s.Score.Matched);
        if (best == all)
        {
            return new Ranking(Outcome.AllWords, Order(scored.Where(s => s.Score.Matched == all)).ToList(), [], corrections);
        }

        // Some words only: listed when the name says at least half of the query (a word of a result or a sector is too
        // weak a reason to list a procedure that lacks the rest).
        var bestInName = scored.Count == 0 ? 0 : scored.Max(s => s.Score.InName);
        if (bestInName > 0 && bestInName * 2 >= all)
        {
            return new Ranking(Outcome.SomeWords, Order(scored.Where(s => s.Score.InName == bestInName)).ToList(), [], corrections);
        }

        return new Ranking(Outcome.None, [], Suggest(query, scored), corrections);
    }

    private static IEnumerable<Entry> Order(IEnumerable<(Entry Entry, Score Score)> scored) => scored
        .OrderByDescending(s => s.Score.Matched)
        .ThenByDescending(s => s.Score.InName)
        .ThenByDescending(s => s.Score.Phrase)
        .ThenBy(s => s.Score.ByTypo)
        .ThenByDescending(s => s.Score.CommonInName)
        // How often it is filed, by doubling: a procedure filed twice as often goes first; a few dossiers more do not
        // outweigh the name that says the query with fewer words besides.
        .ThenByDescending(s => FiledBucket(s.Entry.Filed))
        .ThenBy(s => s.Entry.NameWords.Length)
        .ThenByDescending(s => s.Entry.Filed)
        .ThenBy(s => s.Entry.Name, VietnameseText.Collation)
        .Select(s => s.Entry);

    internal static int FiledBucket(int filed) => filed <= 0 ? 0 : 1 + (int)Math.Log2(filed);

    /// <param name="Matched">Weight of the query's units found anywhere (name, code, result, sector).</param>
    /// <param name="InName">Weight of those found in the name or the code.</param>
    /// <param name="Phrase">Every unit in the name, one after the other in the order typed.</param>
    /// <param name="ByTypo">Units found only through a typo reading.</param>
    /// <param name="CommonInName">Common words of the query that are in the name.</param>
    private readonly record struct Score(int Matched, int InName, bool Phrase, int ByTypo, int CommonInName);

    private static Score ScoreOf(Query query, string[][][] typos, Entry entry)
    {
        int matched = 0, inName = 0, byTypo = 0;
        var positions = new List<List<(int Start, int End)>>();
        for (var u = 0; u < query.Units.Count; u++)
        {
            var unit = query.Units[u];
            var at = Occurrences(entry.NameWords, unit.Phrases);
            var code = unit.CodeLike && entry.Code.Contains(unit.Typed, StringComparison.OrdinalIgnoreCase);
            var typo = false;
            if (at.Count == 0 && !code && typos[u].Length > 0)
            {
                at = Occurrences(entry.NameWords, typos[u]);
                typo = at.Count > 0;
            }

            if (at.Count > 0 || code)
            {
                matched += unit.Weight;
                inName += unit.Weight;
                byTypo += typo ? 1 : 0;
                positions.Add(at);
                continue;
            }

            positions.Add([]);
            if (Elsewhere(entry, unit.Phrases))
            {
                matched += unit.Weight;
            }
            else if (typos[u].Length > 0 && Elsewhere(entry, typos[u]))
            {
                matched += unit.Weight;
                byTypo++;
            }
        }

        var common = query.Common.Count(c => Occurrences(entry.NameWords, [c]).Count > 0);
        return new Score(matched, inName, Chained(positions, 0, -1), byTypo, common);
    }

    private static bool Elsewhere(Entry entry, IReadOnlyList<string[]> phrases) =>
        Occurrences(entry.DescriptionWords, phrases).Count > 0 || Occurrences(entry.SectorWords, phrases).Count > 0;

    /// <summary>Where any of the phrases stands in <paramref name="words"/>, as word ranges.</summary>
    private static List<(int Start, int End)> Occurrences(string[] words, IReadOnlyList<string[]> phrases)
    {
        var found = new List<(int, int)>();
        foreach (var phrase in phrases)
        {
            for (var i = 0; i + phrase.Length <= words.Length; i++)
            {
                var j = 0;
                while (j < phrase.Length && string.Equals(words[i + j], phrase[j], StringComparison.Ordinal))
                {
                    j++;
                }

                if (j == phrase.Length)
                {
                    found.Add((i, i + phrase.Length - 1));
                }
            }
        }

        return found;
    }

    /// <summary>True when unit <paramref name="index"/> and every later one stand right after each other from <paramref name="after"/>.</summary>
    private static bool Chained(List<List<(int Start, int End)>> positions, int index, int after)
    {
        if (index == positions.Count)
        {
            return positions.Count > 0;
        }

        foreach (var (start, end) in positions[index])
        {
            if ((index == 0 || start == after + 1) && Chained(positions, index + 1, end))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A word of at least <see cref="TypoMinLength"/> letters that is in no procedure is read as the catalogue's words
    /// one edit away (a letter changed, added, dropped, or two neighbours swapped). A word the catalogue has is taken as
    /// typed: "hanh" (hành nghề) is not read as "thanh".
    /// </summary>
    /// <returns>Per unit of the query, the words it is read as (none for most); and the readings as typed → read.</returns>
    private static (string[][][] Typos, List<(string Typed, string Read)> Corrections) ReadTypos(Query query, IReadOnlyList<Entry> entries,
        IReadOnlySet<string>? known)
    {
        var typos = new string[query.Units.Count][][];
        Array.Fill(typos, []);
        var corrections = new List<(string, string)>();
        bool Readable(Unit u) => u.Phrases.Count == 1 && u.Phrases[0].Length == 1 && !u.CodeLike && u.Typed.Length >= TypoMinLength;
        if (!query.Units.Any(Readable))
        {
            return (typos, corrections);
        }

        var vocabulary = known ?? Vocabulary(entries);
        for (var u = 0; u < query.Units.Count; u++)
        {
            var unit = query.Units[u];
            if (!Readable(unit) || vocabulary.Contains(unit.Typed))
            {
                continue;
            }

            var readings = vocabulary.Where(w => w.Length >= TypoMinLength - 1 && OneEditApart(unit.Typed, w)).Order(StringComparer.Ordinal).ToArray();
            typos[u] = [.. readings.Select(r => new[] { r })];
            corrections.AddRange(readings.Select(r => (unit.Typed, r)));
        }

        return (typos, corrections);
    }

    /// <summary>Every word of the entries' names, results and sectors.</summary>
    public static HashSet<string> Vocabulary(IEnumerable<Entry> entries)
    {
        var vocabulary = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            vocabulary.UnionWith(entry.NameWords);
            vocabulary.UnionWith(entry.DescriptionWords);
            vocabulary.UnionWith(entry.SectorWords);
        }

        return vocabulary;
    }

    /// <summary>Optimal string alignment distance ≤ 1, without the matrix.</summary>
    internal static bool OneEditApart(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1 || string.Equals(a, b, StringComparison.Ordinal))
        {
            return false;
        }

        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (a.Length == b.Length)
        {
            // One letter changed, or two neighbours swapped.
            return a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))
                || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2)));
        }

        // One letter added or dropped.
        return a.Length > b.Length ? a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i)) : a.AsSpan(i).SequenceEqual(b.AsSpan(i + 1));
    }

    /// <summary>
    /// The nearest procedures for a query that found none: those with the most of its units, then the names that
    /// share the most letter triples with what was typed (a misspelling beyond one letter), then the most filed.
    /// </summary>
    private static List<Entry> Suggest(Query query, List<(Entry Entry, Score Score)> scored)
    {
        var typed = Trigrams(string.Join(' ', query.Units.Select(u => u.Typed)));
        return [.. scored
            .Select(s => (s.Entry, s.Score, Near: Similarity(typed, s.Entry.NameTrigrams)))
            .OrderByDescending(s => s.Score.Matched)
            .ThenByDescending(s => s.Near)
            .ThenByDescending(s => s.Entry.Filed)
            .ThenBy(s => s.Entry.Name, VietnameseText.Collation)
            .Take(SuggestionCount)
            .Select(s => s.Entry)];
    }

    private static HashSet<string> Trigrams(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Words(text))
        {
            var padded = $" {word} ";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                set.Add(padded.Substring(i, 3));
            }
        }

        return set;
    }

    private static double Similarity(HashSet<string> a, HashSet<string> b) =>
        a.Count + b.Count == 0 ? 0 : 2.0 * a.Count(b.Contains) / (a.Count + b.Count);
}
