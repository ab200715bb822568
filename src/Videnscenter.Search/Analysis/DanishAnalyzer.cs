using System.Globalization;
using System.Numerics;
using System.Text;

namespace Videnscenter.Search.Analysis;

/// <summary>
/// The Danish analysis chain used at index time and at query time: tokenizer → case folding →
/// stop word removal → Snowball Danish stemming. Thread-safe; use <see cref="Instance"/>.
/// </summary>
/// <remarks>
/// <para><b>Tokens.</b> A word is a maximal run of letters or digits (<see cref="char.IsLetterOrDigit(char)"/>,
/// so æ ø å é ü … are kept); everything else separates words. Inside a word these are skipped rather
/// than splitting it: soft hyphens (U+00AD), combining marks (the word is then NFC-normalised, so a
/// decomposed "å" equals the precomposed one), and an apostrophe (' ’ ʼ) between a letter or digit and
/// a letter — so "SIND's" is the single word "sinds" (stem "sind") and "90'erne" is "90erne".
/// Spelling is kept as written ("aa" is not turned into "å").</para>
/// <para><b>Hyphenated words.</b> Words joined by a hyphen (-, U+2010, U+2011; not dashes) with no
/// spaces, e.g. "recovery-orienteret", give one token per part at consecutive positions (recovery@p,
/// orienteret@p+1) plus the joined form (recoveryorienteret@p, <see cref="AnalyzedToken.PositionLength"/> 2),
/// which is emitted first. The next word gets position p+2. So the phrase "recovery orienteret" matches
/// the hyphenated text, and a search for "recoveryorienteret" finds it too. At most
/// <see cref="MaxCompoundParts"/> parts are joined; a longer chain continues as a new group.</para>
/// <para><b>Positions.</b> Every word (part) consumes one position, even if it is a stop word or is
/// dropped for being longer than <see cref="MaxTokenLength"/> characters.</para>
/// <para><b>Offsets.</b> <see cref="AnalyzedToken.Start"/>/<see cref="AnalyzedToken.Length"/> point at the
/// surface form in the original string (for the joined form: from the first part to the end of the last).</para>
/// </remarks>
public sealed class DanishAnalyzer
{
    /// <summary>Bump when analysis output changes: the index stores it and rebuilds on mismatch.</summary>
    public const int Version = 1;

    /// <summary>Words (after folding) longer than this are dropped (they still consume a position).</summary>
    public const int MaxTokenLength = 100;

    /// <summary>The most hyphen-joined parts that are combined into one joined token.</summary>
    public const int MaxCompoundParts = 8;

    /// <summary>Default number of slots of the stem cache (see <see cref="DanishAnalyzer(int)"/>).</summary>
    public const int DefaultStemCacheSize = 65_536;

    private const char SoftHyphen = '\u00AD';

    [ThreadStatic] private static List<AnalyzedToken>? t_scratch;

    /// <summary>
    /// Direct-mapped cache: folded word → stem (or null for a stop word). Slot = hash &amp; mask; a
    /// colliding word simply replaces the entry. Entries are immutable and slots are written with
    /// single reference stores, so concurrent readers and writers need no locks. Its memory is bounded
    /// by the slot count, and adversarial input can at worst make every look-up a miss.
    /// </summary>
    private readonly CacheEntry?[]? _cache;
    private readonly int _cacheMask;

    /// <summary>Creates an analyzer with the default stem cache.</summary>
    public DanishAnalyzer() : this(DefaultStemCacheSize)
    {
    }

    /// <summary>
    /// Creates an analyzer whose stem cache has <paramref name="stemCacheSize"/> slots (rounded up to a
    /// power of two; 0 disables the cache). The cache only saves work and allocations: results are the
    /// same with or without it.
    /// </summary>
    public DanishAnalyzer(int stemCacheSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stemCacheSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stemCacheSize, 1 << 24);
        if (stemCacheSize > 0)
        {
            int size = (int)BitOperations.RoundUpToPowerOf2((uint)stemCacheSize);
            _cache = new CacheEntry?[size];
            _cacheMask = size - 1;
        }
    }

    /// <summary>The shared analyzer.</summary>
    public static DanishAnalyzer Instance { get; } = new();

    /// <summary>Analyses <paramref name="text"/> (stop words removed); positions start at 0.</summary>
    public List<AnalyzedToken> Analyze(string text)
    {
        var tokens = new List<AnalyzedToken>();
        Analyze(text, tokens, 0);
        return tokens;
    }

    /// <summary>
    /// Appends the tokens of <paramref name="text"/> to <paramref name="into"/> (which is not cleared);
    /// positions start at 0.
    /// </summary>
    public void Analyze(string text, List<AnalyzedToken> into) => Analyze(text, into, 0);

    /// <summary>
    /// Appends the tokens of <paramref name="text"/> to <paramref name="into"/> (which is not cleared),
    /// numbering positions from <paramref name="firstPosition"/>. Returns the next free position (the
    /// first position plus the number of words, stop words included), so several strings can be
    /// analysed into one position space, e.g. with a gap between fields.
    /// </summary>
    public int Analyze(string text, List<AnalyzedToken> into, int firstPosition)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(into);
        return AnalyzeCore(text, into, firstPosition);
    }

    /// <summary>The terms of <paramref name="text"/> joined by single spaces (e.g. for an FTS5 column).</summary>
    public string AnalyzeToString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<AnalyzedToken> tokens = t_scratch ??= new List<AnalyzedToken>();
        tokens.Clear();
        try
        {
            AnalyzeCore(text, tokens, 0);
            if (tokens.Count == 0)
            {
                return string.Empty;
            }

            int length = tokens.Count - 1;
            foreach (AnalyzedToken token in tokens)
            {
                length += token.Term.Length;
            }

            return string.Create(length, tokens, static (dest, list) =>
            {
                int at = 0;
                for (int i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        dest[at++] = ' ';
                    }

                    string term = list[i].Term;
                    term.CopyTo(dest[at..]);
                    at += term.Length;
                }
            });
        }
        finally
        {
            tokens.Clear();
            if (tokens.Capacity > 1 << 16)
            {
                t_scratch = null;
            }
        }
    }

    /// <summary>
    /// Case-folds one word the way the analyzer folds words, without tokenizing, stop-word removal or
    /// stemming (for prefix queries and vocabulary look-ups): lower case with the invariant culture,
    /// soft hyphens and apostrophes removed, NFC when it contains combining marks. Returns the same
    /// instance when nothing changes.
    /// </summary>
    public string Fold(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (!NeedsFolding(word))
        {
            return word;
        }

        Span<char> buffer = word.Length <= 256 ? stackalloc char[256] : new char[word.Length];
        int length = FoldInto(word, buffer, out bool hasMarks);
        string folded = new(buffer[..length]);
        return hasMarks ? folded.Normalize(NormalizationForm.FormC) : folded;
    }

    /// <summary>Folds and stems one word (no tokenizing, no stop-word removal).</summary>
    public string StemWord(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= MaxTokenLength)
        {
            Span<char> buffer = stackalloc char[MaxTokenLength];
            int length = FoldWord(word, buffer);
            if (length >= 0)
            {
                return GetTerm(buffer[..length]);
            }
        }

        return DanishStemmer.Stem(Fold(word));
    }

    private int AnalyzeCore(ReadOnlySpan<char> text, List<AnalyzedToken> into, int position)
    {
        Span<int> partStart = stackalloc int[MaxCompoundParts];
        Span<int> partEnd = stackalloc int[MaxCompoundParts];
        Span<int> foldedStart = stackalloc int[MaxCompoundParts];
        Span<int> foldedLength = stackalloc int[MaxCompoundParts];
        Span<char> buffer = stackalloc char[MaxTokenLength * MaxCompoundParts];

        int n = text.Length;
        int i = 0;
        while (i < n)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }

            // Collect a group of words joined by hyphens ("recovery-orienteret").
            int parts = 0;
            while (true)
            {
                partStart[parts] = i;
                i = ScanWord(text, i);
                partEnd[parts] = i;
                parts++;
                if (parts < MaxCompoundParts && i + 1 < n && IsHyphen(text[i]) && IsWordChar(text[i + 1]))
                {
                    i++;
                    continue;
                }

                break;
            }

            // Fold the parts back to back into the buffer, so the joined form is the buffer prefix.
            int total = 0;
            bool joinable = parts > 1;
            for (int p = 0; p < parts; p++)
            {
                int length = FoldWord(text[partStart[p]..partEnd[p]], buffer.Slice(total, MaxTokenLength));
                foldedStart[p] = total;
                foldedLength[p] = length;
                if (length < 0)
                {
                    joinable = false;
                }
                else
                {
                    total += length;
                }
            }

            if (joinable && total > 0 && total <= MaxTokenLength)
            {
                string? joined = TermUnlessStopWord(buffer[..total]);
                if (joined is not null)
                {
                    into.Add(new AnalyzedToken(joined, partStart[0], partEnd[parts - 1] - partStart[0], position)
                    {
                        PositionLength = parts,
                    });
                }
            }

            for (int p = 0; p < parts; p++, position++)
            {
                if (foldedLength[p] <= 0)
                {
                    continue; // too long (or folded to nothing): dropped, but it keeps its position
                }

                string? term = TermUnlessStopWord(buffer.Slice(foldedStart[p], foldedLength[p]));
                if (term is not null)
                {
                    into.Add(new AnalyzedToken(term, partStart[p], partEnd[p] - partStart[p], position));
                }
            }
        }

        return position;
    }

    /// <summary>Returns the end (exclusive) of the word starting at <paramref name="i"/> (a word character).</summary>
    private static int ScanWord(ReadOnlySpan<char> text, int i)
    {
        int n = text.Length;
        i++;
        while (i < n)
        {
            char c = text[i];
            if (IsWordChar(c))
            {
                i++;
            }
            else if (c == SoftHyphen)
            {
                if (i + 1 < n && IsWordChar(text[i + 1]))
                {
                    i++;
                }
                else
                {
                    break;
                }
            }
            else if (IsApostrophe(c))
            {
                if (i + 1 < n && char.IsLetter(text[i + 1]) && char.IsLetterOrDigit(text[i - 1]))
                {
                    i++;
                }
                else
                {
                    break;
                }
            }
            else if (c >= '\u0300' && IsCombiningMark(c))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>
    /// Folds one word into <paramref name="dest"/>; returns the folded length, or -1 when it does not fit.
    /// </summary>
    private static int FoldWord(ReadOnlySpan<char> word, Span<char> dest)
    {
        if (word.Length > dest.Length && CountSkipped(word) < word.Length - dest.Length)
        {
            return -1;
        }

        int length = FoldInto(word, dest, out bool hasMarks);
        if (!hasMarks)
        {
            return length;
        }

        // Rare: decomposed letters. Compose them so that they equal the precomposed spelling.
        string normalized = new string(dest[..length]).Normalize(NormalizationForm.FormC);
        if (normalized.Length > dest.Length)
        {
            return -1;
        }

        normalized.CopyTo(dest);
        return normalized.Length;
    }

    /// <summary>Lower-cases <paramref name="word"/> into <paramref name="dest"/>, dropping soft hyphens and apostrophes.</summary>
    private static int FoldInto(ReadOnlySpan<char> word, Span<char> dest, out bool hasMarks)
    {
        hasMarks = false;
        int length = 0;
        foreach (char c in word)
        {
            if (c < '\u0080')
            {
                if (c == '\'')
                {
                    continue;
                }

                dest[length++] = (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;
                continue;
            }

            if (c == SoftHyphen || c == '\u2019' || c == '\u02BC')
            {
                continue;
            }

            if (c >= '\u0300' && IsCombiningMark(c))
            {
                hasMarks = true;
            }

            dest[length++] = char.ToLowerInvariant(c);
        }

        return length;
    }

    private static int CountSkipped(ReadOnlySpan<char> word)
    {
        int count = 0;
        foreach (char c in word)
        {
            if (c is '\'' or SoftHyphen or '\u2019' or '\u02BC')
            {
                count++;
            }
        }

        return count;
    }

    private static bool NeedsFolding(string word)
    {
        foreach (char c in word)
        {
            if (c < '\u0080')
            {
                if ((uint)(c - 'A') <= 'Z' - 'A' || c == '\'')
                {
                    return true;
                }
            }
            else if (c is SoftHyphen or '\u2019' or '\u02BC'
                || char.ToLowerInvariant(c) != c
                || (c >= '\u0300' && IsCombiningMark(c)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The stemmed term for a folded word, or null when it is a stop word.</summary>
    private string? TermUnlessStopWord(ReadOnlySpan<char> folded)
    {
        CacheEntry?[]? cache = _cache;
        if (cache is null)
        {
            return DanishStopWords.Contains(folded) ? null : new string(folded[..DanishStemmer.GetStemLength(folded)]);
        }

        int slot = HashCode(folded) & _cacheMask;
        CacheEntry? entry = cache[slot];
        if (entry is not null && folded.SequenceEqual(entry.Word))
        {
            return entry.Term;
        }

        string word = new(folded);
        string? term = null;
        if (!DanishStopWords.Contains(folded))
        {
            int stemLength = DanishStemmer.GetStemLength(folded);
            term = stemLength == word.Length ? word : word.Substring(0, stemLength);
        }

        cache[slot] = new CacheEntry(word, term);
        return term;
    }

    /// <summary>The stemmed term for a folded word, stop word or not.</summary>
    private string GetTerm(ReadOnlySpan<char> folded) =>
        TermUnlessStopWord(folded) ?? new string(folded[..DanishStemmer.GetStemLength(folded)]);

    /// <summary>FNV-1a over the UTF-16 code units: cheap, and good enough for a direct-mapped cache.</summary>
    private static int HashCode(ReadOnlySpan<char> word)
    {
        uint hash = 2166136261;
        foreach (char c in word)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash ^ (hash >> 16)); // fold the better-mixed high bits into the slot bits
    }

    private static bool IsWordChar(char c)
    {
        if (c < '\u0080')
        {
            return (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9;
        }

        return char.IsLetterOrDigit(c);
    }

    private static bool IsHyphen(char c) => c is '-' or '\u2010' or '\u2011';

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u02BC';

    private static bool IsCombiningMark(char c) => CharUnicodeInfo.GetUnicodeCategory(c)
        is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private sealed class CacheEntry(string word, string? term)
    {
        public readonly string Word = word;
        public readonly string? Term = term;
    }
}
