using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Compound;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;
using LuceneDanishAnalyzer = Lucene.Net.Analysis.Da.DanishAnalyzer;

namespace Videnscenter.Search.Analysis;

/// <summary>
/// The Danish analysis of the index, built from Lucene's own parts: a word tokenizer that keeps
/// hyphens and apostrophes inside words, <see cref="WordDelimiterFilter"/> to split and join them,
/// case folding, the Snowball Danish stop words and stemmer, a small override list of irregular
/// inflections, optional compound parts from a curated list, and ASCII spellings of æ/ø/å.
/// </summary>
internal sealed class DanishAnalysis
{
    /// <summary>
    /// Bumped whenever analysis or the fields change what is indexed: an index with another version is
    /// rebuilt. 6: keywords (an indexed yes/no field's label) are indexed, the audience is no longer stored.
    /// 7: no offsets in the postings, the body stored compressed on its own.
    /// </summary>
    private const string AnalysisRevision = "lucene-da-7";

    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Longer "words" are junk (base64, URLs, keyboard mashing) and are not indexed.</summary>
    public const int MaxTokenLength = 64;

    /// <summary>The Snowball Danish stop words (the list Lucene ships).</summary>
    public static CharArraySet StopWords => LuceneDanishAnalyzer.DefaultStopSet;

    /// <summary>
    /// The same words in a case-sensitive set for the filter, which sees lower-cased tokens: Lucene's
    /// case-insensitive set lower-cases every token again on look-up, per character (a tenth of indexing time).
    /// </summary>
    private static readonly CharArraySet LowerCaseStopWords = new(Version, StopWords.Select(w => w?.ToString() ?? "").ToList(), ignoreCase: false);

    /// <summary>Characters the index's character filter maps or removes; text without them skips the filter.</summary>
    private static readonly System.Buffers.SearchValues<char> MappedChars =
        System.Buffers.SearchValues.Create("\u030A\u0338\u0301\u0308\u00AD\u200B\u200C\u200D\u2060\uFEFF");

    /// <summary>
    /// Inflections of this domain that the Snowball stemmer does not bring together
    /// ("kursus" stems to "kursus" but "kurser" to "kurs"): each maps to one shared stem.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> IrregularInflections = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["kursus"] = "kurs", ["kursusset"] = "kurs", ["kursussets"] = "kurs",
        ["kurset"] = "kurs", ["kursets"] = "kurs", ["kurser"] = "kurs", ["kursers"] = "kurs",
        ["kurserne"] = "kurs", ["kursernes"] = "kurs",
        ["barn"] = "barn", ["barnet"] = "barn", ["barnets"] = "barn", ["børn"] = "barn", ["børns"] = "barn",
        ["børnene"] = "barn", ["børnenes"] = "barn",
        ["mand"] = "mand", ["manden"] = "mand", ["mænd"] = "mand", ["mændene"] = "mand",
        ["bog"] = "bog", ["bogen"] = "bog", ["bøger"] = "bog", ["bøgerne"] = "bog",
    };

    private static readonly NormalizeCharMap CharMap = BuildCharMap();
    private static readonly StemmerOverrideFilter.StemmerOverrideMap Overrides = BuildOverrides();

    private readonly CharArraySet? _compoundParts;

    public DanishAnalysis(IEnumerable<string>? compoundParts)
    {
        string[] parts = [.. (compoundParts ?? []).Select(p => p.Trim().ToLowerInvariant()).Where(p => p.Length >= 3).Distinct().Order(StringComparer.Ordinal)];
        _compoundParts = parts.Length == 0 ? null : new CharArraySet(Version, parts, ignoreCase: false);
        AnalyzerVersion = AnalysisRevision + ":" + (parts.Length == 0 ? "no-parts" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..16]);
        IndexAnalyzer = new IndexChainAnalyzer(this);
        StemAnalyzer = Analyzer.NewAnonymous((field, reader) =>
        {
            var tokenizer = new KeywordTokenizer(reader);
            TokenStream stream = new LowerCaseFilter(Version, tokenizer);
            stream = new StemmerOverrideFilter(stream, Overrides);
            stream = new SnowballFilter(stream, new Lucene.Net.Tartarus.Snowball.Ext.DanishStemmer());
            return new TokenStreamComponents(tokenizer, stream);
        });
    }

    /// <summary>The index terms of single words, for snippets (<see cref="Results.SnippetMatcher"/>; bounded there).</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<string, string[]> WordTermsCache { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The reader a field's text is analysed from: text with nothing for the character filter to map
    /// (nearly all) is marked so the filter is skipped; reading every character through it cost as
    /// much as the stemmer.
    /// </summary>
    public static TextReader ReaderFor(string? text) =>
        string.IsNullOrEmpty(text) ? new PlainTextReader("")
        : text.AsSpan().IndexOfAny(MappedChars) < 0 ? new PlainTextReader(text) : new StringReader(text);

    /// <summary>Invisible break hints (soft hyphen, zero-width characters) that the character filter removes.</summary>
    public static bool IsInvisible(char c) => c is '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';

    /// <summary>What the index was built with; stored in the commit data.</summary>
    public string AnalyzerVersion { get; }

    /// <summary>Title, summary, tags and body: stems, plus ASCII spellings and curated compound parts at the same position.</summary>
    public Analyzer IndexAnalyzer { get; }

    /// <summary>One word in, its stem out (the same lower-casing, overrides and stemmer as the index).</summary>
    public Analyzer StemAnalyzer { get; }

    /// <summary>The stem of one word (lower-cased first), or "" for nothing.</summary>
    public string Stem(string word)
    {
        using var stream = StemAnalyzer.GetTokenStream("w", word);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var result = stream.IncrementToken() ? term.ToString() : "";
        stream.End();
        return result;
    }

    /// <summary>Whether a lower-case word is a stop word.</summary>
    public static bool IsStopWord(string lowerCaseWord) => StopWords.Contains(lowerCaseWord);

    /// <summary>Letters, digits, combining marks, and the hyphens and apostrophes that join word parts.</summary>
    public static bool IsWordChar(int c) =>
        c is '-' or '\'' or '\u2019' or '\u2011' || (c < 0x10000 ? IsLetterDigitOrMark((char)c) : char.IsLetterOrDigit(char.ConvertFromUtf32(c), 0));

    /// <summary>Hyphens and apostrophes: they split a word into parts that are also joined.</summary>
    public static bool IsJoiner(char c) => c is '-' or '\'' or '\u2019' or '\u2011';

    /// <summary>The same normalisation as the index's character filter, for query text.</summary>
    public static string Normalize(string text)
    {
        string composed;
        try
        {
            composed = text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates cannot be normalised; they are not word characters anyway.
            composed = text;
        }

        var builder = new StringBuilder(composed.Length);
        foreach (var c in composed)
        {
            if (c is not ('\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF'))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsLetterDigitOrMark(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private TokenStreamComponents IndexChain(TextReader reader)
    {
        var tokenizer = new WordTokenizer(reader);
        TokenStream stream = new SurfaceWordSink(Common(tokenizer));
        if (_compoundParts is not null)
        {
            stream = new DictionaryCompoundWordTokenFilter(Version, stream, _compoundParts, minWordSize: 6, minSubwordSize: 3, maxSubwordSize: 20, onlyLongestMatch: true);
        }

        stream = new AsciiSpellingFilter(stream);
        stream = new StemmerOverrideFilter(stream, Overrides);
        stream = new SnowballFilter(stream, new Lucene.Net.Tartarus.Snowball.Ext.DanishStemmer());
        return new TokenStreamComponents(tokenizer, stream);
    }

    /// <summary>Split/join at hyphens and apostrophes, fold case, drop junk and stop words (positions kept).</summary>
    private static TokenStream Common(Tokenizer tokenizer)
    {
        TokenStream stream = new WordDelimiterFilter(Version, tokenizer,
            WordDelimiterFlags.GENERATE_WORD_PARTS | WordDelimiterFlags.GENERATE_NUMBER_PARTS | WordDelimiterFlags.CATENATE_ALL | WordDelimiterFlags.STEM_ENGLISH_POSSESSIVE,
            null);
        stream = new FastLowerCaseFilter(stream);
        stream = new LengthFilter(Version, stream, 1, MaxTokenLength);
        return new StopFilter(Version, stream, LowerCaseStopWords);
    }

    private static NormalizeCharMap BuildCharMap()
    {
        var builder = new NormalizeCharMap.Builder();

        // Decomposed letters written as base + combining mark become the precomposed letter, so that
        // "Pa\u030Arørende" is "pårørende"; invisible break hints inside words are removed.
        foreach ((var from, var to) in new[]
                 {
                     ("a\u030A", "å"), ("A\u030A", "Å"), ("o\u0338", "ø"), ("O\u0338", "Ø"), ("e\u0301", "é"), ("E\u0301", "É"),
                     ("a\u0308", "ä"), ("A\u0308", "Ä"), ("o\u0308", "ö"), ("O\u0308", "Ö"), ("u\u0308", "ü"), ("U\u0308", "Ü"),
                     ("\u00AD", ""), ("\u200B", ""), ("\u200C", ""), ("\u200D", ""), ("\u2060", ""), ("\uFEFF", ""),
                 })
        {
            builder.Add(from, to);
        }

        return builder.Build();
    }

    private static StemmerOverrideFilter.StemmerOverrideMap BuildOverrides()
    {
        var builder = new StemmerOverrideFilter.Builder(ignoreCase: false);
        foreach ((var word, var stem) in IrregularInflections)
        {
            builder.Add(word, stem);
        }

        return builder.Build();
    }

    /// <summary>
    /// The index analyzer. The character filter goes in through InitReader (a reused token stream
    /// gets only the reader from there); values of one field (a summary and its tags) are kept apart
    /// by a position gap, so a phrase never runs from one into the next.
    /// </summary>
    private sealed class IndexChainAnalyzer(DanishAnalysis owner) : Analyzer(GLOBAL_REUSE_STRATEGY)
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) => owner.IndexChain(reader);

        protected override TextReader InitReader(string fieldName, TextReader reader) =>
            reader is PlainTextReader ? reader : new MappingCharFilter(CharMap, reader);

        public override int GetPositionIncrementGap(string fieldName) => 100;
    }

    /// <summary>Text known to hold nothing for the character filter (see <see cref="ReaderFor"/>).</summary>
    private sealed class PlainTextReader(string text) : StringReader(text);

    /// <summary>Words are runs of letters, digits and marks, with hyphens and apostrophes inside them.</summary>
    private sealed class WordTokenizer(TextReader input) : CharTokenizer(Version, input)
    {
        protected override bool IsTokenChar(int c) => IsWordChar(c);
    }
}

/// <summary>
/// Lower-cases like Lucene's LowerCaseFilter, with Latin-1 letters (all of Danish) done in place:
/// Lucene.Net lower-cases every character through the culture-aware casing of .NET, which was a fifth
/// of the analysis time. Tokens with other characters go through Lucene's own routine.
/// </summary>
internal sealed class FastLowerCaseFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly CharacterUtils _characterUtils = CharacterUtils.GetInstance(DanishAnalysis.Version);

    public FastLowerCaseFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var buffer = _term.Buffer;
        var length = _term.Length;
        for (var i = 0; i < length; i++)
        {
            var c = buffer[i];
            if (c >= 0x100)
            {
                _characterUtils.ToLower(buffer, 0, length);
                return true;
            }

            // A-Z and À-Þ (except ×) lower-case by adding 32, as in Unicode.
            if (c is (>= 'A' and <= 'Z') or (>= '\u00C0' and <= '\u00DE' and not '\u00D7'))
            {
                buffer[i] = (char)(c + 32);
            }
        }

        return true;
    }
}

/// <summary>
/// Adds, at the same position, the spellings of a word with æ/ø/å written as ae/oe/aa (and ø as o),
/// as people type them on keyboards without Danish letters: "paaroerende" and "paarorende" then find
/// "pårørende". The variants are stemmed like the word itself, so "aabent" finds "åbent".
/// </summary>
internal sealed class AsciiSpellingFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _position;
    private readonly IKeywordAttribute _keyword;
    private readonly Queue<string> _pending = new();
    private bool _keywordOfWord;

    public AsciiSpellingFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
        _keyword = AddAttribute<IKeywordAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_pending.Count > 0)
        {
            // The variants share the word's offsets, type and flags, which the filters after this one
            // leave alone; only the term, the position and the keyword flag (the stemmer override sets
            // it) are set again. Capturing and restoring the whole state cloned every attribute of
            // every Danish word, a tenth of indexing time.
            _term.SetEmpty().Append(_pending.Dequeue());
            _position.PositionIncrement = 0;
            _keyword.IsKeyword = _keywordOfWord;
            return true;
        }

        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (_term.Buffer.AsSpan(0, _term.Length).IndexOfAny("æøå") >= 0)
        {
            var word = _term.ToString();
            var full = Fold(word, "oe");
            var shortO = Fold(word, "o");
            _pending.Enqueue(full);
            if (shortO != full)
            {
                _pending.Enqueue(shortO);
            }

            _keywordOfWord = _keyword.IsKeyword;
        }

        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _pending.Clear();
    }

    /// <summary>æ → ae, å → aa, ø → <paramref name="oSpelling"/>.</summary>
    internal static string Fold(string word, string oSpelling) =>
        word.Replace("æ", "ae", StringComparison.Ordinal).Replace("å", "aa", StringComparison.Ordinal).Replace("ø", oSpelling, StringComparison.Ordinal);
}

/// <summary>
/// Records the surface words (lower case, before stemming) of the document being indexed on this
/// thread, so the words field is filled from the same analysis instead of a second pass over the text.
/// </summary>
internal sealed class SurfaceWordSink : TokenFilter
{
    [ThreadStatic]
    private static HashSet<string>? t_words;

    private readonly ICharTermAttribute _term;

    public SurfaceWordSink(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
    }

    /// <summary>Starts recording into <paramref name="words"/> on this thread (null stops).</summary>
    public static void RecordInto(HashSet<string>? words) => t_words = words;

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (t_words is { } words)
        {
            ReadOnlySpan<char> term = _term.Buffer.AsSpan(0, _term.Length);
            if (!words.GetAlternateLookup<ReadOnlySpan<char>>().Contains(term))
            {
                words.Add(term.ToString());
            }
        }

        return true;
    }
}
