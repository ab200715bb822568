using System.Collections.Frozen;

namespace Videnscenter.Search.Analysis;

/// <summary>
/// The Snowball Danish stop word list (94 words). Lookups are on the case-folded surface form
/// (before stemming), ordinal, and do not allocate.
/// </summary>
public static class DanishStopWords
{
    private static readonly string[] List =
    [
        "og", "i", "jeg", "det", "at", "en", "den", "til", "er", "som",
        "på", "de", "med", "han", "af", "for", "ikke", "der", "var", "mig",
        "sig", "men", "et", "har", "om", "vi", "min", "havde", "ham", "hun",
        "nu", "over", "da", "fra", "du", "ud", "sin", "dem", "os", "op",
        "man", "hans", "hvor", "eller", "hvad", "skal", "selv", "her", "alle", "vil",
        "blev", "kunne", "ind", "når", "være", "dog", "noget", "ville", "jo", "deres",
        "efter", "ned", "skulle", "denne", "end", "dette", "mit", "også", "under", "have",
        "dig", "anden", "hende", "mine", "alt", "meget", "sit", "sine", "vor", "mod",
        "disse", "hvis", "din", "nogle", "hos", "blive", "mange", "ad", "bliver", "hendes",
        "været", "thi", "jer", "sådan",
    ];

    private static readonly FrozenSet<string> Set = List.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SpanLookup =
        Set.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>All stop words (lower case).</summary>
    public static FrozenSet<string> Words => Set;

    /// <summary>True when the lower-case <paramref name="word"/> is a stop word.</summary>
    public static bool Contains(ReadOnlySpan<char> word) => SpanLookup.Contains(word);

    /// <summary>True when the lower-case <paramref name="word"/> is a stop word.</summary>
    public static bool IsStopWord(string word) => Set.Contains(word);
}
