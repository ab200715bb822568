using System.Collections.Concurrent;

namespace Videnscenter.Search.Vocabulary;

/// <summary>
/// The vocabulary words met during one write operation, interned (one <see cref="WordEntry"/> per
/// distinct folded word), with the change of their per-audience document counts. Analysis threads
/// intern concurrently; only the writer thread touches the counts.
/// </summary>
internal sealed class WordTable
{
    private const int CacheSize = 1 << 16;

    private readonly ConcurrentDictionary<string, WordEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WordEntry>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>
    /// Direct-mapped front cache (slot = hash of the word): most words repeat, and a slot check is much
    /// cheaper than the dictionary. Entries are immutable and slots are written with single reference
    /// stores, so analysis threads share it without locks; a collision only costs a dictionary look-up.
    /// </summary>
    private readonly WordEntry?[] _cache = new WordEntry?[CacheSize];

    /// <summary>
    /// Term string instance → entry. The analyzer hands out one cached term instance per distinct
    /// folded word, so the instance identifies the word: most tokens find their entry here by
    /// reference, without folding and hashing their text.
    /// </summary>
    private readonly TermEntry?[] _byTerm = new TermEntry?[CacheSize];

    public WordTable() => _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The entry last recorded for this exact term instance, if any.</summary>
    public WordEntry? ByTermInstance(string term)
    {
        TermEntry? pair = Volatile.Read(ref _byTerm[System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(term) & (CacheSize - 1)]);
        return pair is not null && ReferenceEquals(pair.Term, term) ? pair.Entry : null;
    }

    /// <summary>Records the entry of a term instance (see <see cref="ByTermInstance"/>).</summary>
    public void RememberTermInstance(string term, WordEntry entry) =>
        Volatile.Write(ref _byTerm[System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(term) & (CacheSize - 1)], new TermEntry(term, entry));

    /// <summary>The entry for a folded word (created with <paramref name="stem"/> on first sight).</summary>
    public WordEntry Intern(ReadOnlySpan<char> word, string stem)
    {
        uint hash = 2166136261;
        foreach (char c in word)
        {
            hash = (hash ^ c) * 16777619;
        }

        int slot = (int)(hash & (CacheSize - 1));
        WordEntry? cached = Volatile.Read(ref _cache[slot]);
        if (cached is not null && word.SequenceEqual(cached.Word))
        {
            return cached;
        }

        if (!_lookup.TryGetValue(word, out WordEntry? entry))
        {
            var created = new WordEntry(new string(word), stem);
            entry = _entries.GetOrAdd(created.Word, created);
        }

        Volatile.Write(ref _cache[slot], entry);
        return entry;
    }

    /// <summary>Entries whose counts changed.</summary>
    public IEnumerable<WordEntry> Changed()
    {
        foreach (WordEntry entry in _entries.Values)
        {
            if (entry.Delta0 != 0 || entry.Delta1 != 0 || entry.Delta2 != 0)
            {
                yield return entry;
            }
        }
    }

    /// <summary>Adds <paramref name="change"/> (+1 or -1) to the count of <paramref name="audience"/> for every word.</summary>
    public static void Count(WordEntry[] words, Audience audience, int change)
    {
        foreach (WordEntry word in words)
        {
            switch (audience)
            {
                case Audience.Offentlig:
                    word.Delta0 += change;
                    break;
                case Audience.Frivillig:
                    word.Delta1 += change;
                    break;
                default:
                    word.Delta2 += change;
                    break;
            }
        }
    }

    /// <summary>Forgets all count changes (after they were written or rolled back).</summary>
    public void ResetCounts()
    {
        foreach (WordEntry entry in _entries.Values)
        {
            entry.Delta0 = entry.Delta1 = entry.Delta2 = 0;
        }
    }
}

internal sealed record TermEntry(string Term, WordEntry Entry);

/// <summary>One folded surface word, its stem, and the pending change of its document counts.</summary>
internal sealed class WordEntry(string word, string stem)
{
    public string Word { get; } = word;

    public string Stem { get; } = stem;

    public int Delta0;
    public int Delta1;
    public int Delta2;
}
