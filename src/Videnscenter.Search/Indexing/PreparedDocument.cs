using System.Text;
using Videnscenter.Search.Analysis;
using Videnscenter.Search.Vocabulary;

namespace Videnscenter.Search.Indexing;

/// <summary>
/// A document after analysis, ready to be written: the term strings of the FTS columns, the folded
/// texts, its vocabulary words and facet pairs. Preparing is pure CPU work and runs on several threads
/// while the writer thread writes earlier documents.
/// </summary>
internal sealed class PreparedDocument
{
    public const string TypeFacet = "type";
    public const string DepartmentFacet = "department";
    public const string AudienceFacet = "audience";
    public const string TagFacet = "tag";

    [ThreadStatic] private static List<AnalyzedToken>? t_tokens;
    [ThreadStatic] private static HashSet<WordEntry>? t_words;
    [ThreadStatic] private static StringBuilder? t_terms;
    [ThreadStatic] private static StringBuilder? t_joins;

    private PreparedDocument(SearchDocument source) => Source = source;

    public SearchDocument Source { get; }

    /// <summary>Analysed terms for the FTS title column.</summary>
    public string TitleTerms { get; private set; } = "";

    /// <summary>Analysed terms of the summary and the tags.</summary>
    public string SummaryTerms { get; private set; } = "";

    /// <summary>Analysed terms of the body.</summary>
    public string BodyTerms { get; private set; } = "";

    /// <summary>Folded title (the autocomplete key).</summary>
    public string TitleKey { get; private set; } = "";

    /// <summary>Trigram text of the title: its distinct folded words long enough to contain a searched word.</summary>
    public string TitleWords { get; private set; } = "";

    /// <summary>Trigram text of the summary.</summary>
    public string SummaryWords { get; private set; } = "";

    /// <summary>
    /// Shortest word kept for substring search: the searched word has at least
    /// <see cref="MinSubstringWordLength"/> - 1 letters and must be inside a longer word.
    /// </summary>
    public const int MinSubstringWordLength = 6;

    /// <summary>The tags as stored (one per line).</summary>
    public string TagsText { get; private set; } = "";

    /// <summary>Distinct vocabulary words of all fields.</summary>
    public WordEntry[] Words { get; private set; } = [];

    /// <summary>Distinct (name, value) facet pairs.</summary>
    public List<(string Name, string Value)> Facets { get; } = [];

    /// <summary>Validates and analyses one document.</summary>
    public static PreparedDocument Prepare(SearchDocument document, WordTable words)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (string.IsNullOrEmpty(document.Id))
        {
            throw new ArgumentException("A search document needs an Id.", nameof(document));
        }

        if (!Enum.IsDefined(document.Audience))
        {
            throw new ArgumentOutOfRangeException(nameof(document), document.Audience, $"Document '{document.Id}' has an unknown audience.");
        }

        if (!double.IsFinite(document.Boost) || document.Boost <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(document), document.Boost, $"Document '{document.Id}' needs a positive, finite boost.");
        }

        var prepared = new PreparedDocument(document);
        string title = document.Title ?? "";
        string summary = document.Summary ?? "";
        string body = document.Body ?? "";
        string tags = JoinTags(document.Tags);

        HashSet<WordEntry> distinct = t_words ??= new HashSet<WordEntry>(ReferenceEqualityComparer.Instance);
        distinct.Clear();
        prepared.TitleTerms = AnalyzeField(title, null, words, distinct);
        prepared.SummaryTerms = AnalyzeField(summary, tags, words, distinct);
        prepared.BodyTerms = AnalyzeField(body, null, words, distinct);
        prepared.Words = [.. distinct];
        distinct.Clear();
        prepared.Length = TokenCount(prepared.TitleTerms) + TokenCount(prepared.SummaryTerms) + TokenCount(prepared.BodyTerms);

        prepared.TitleKey = SurfaceText.FoldText(title);
        prepared.TitleWords = SubstringWords(title);
        prepared.SummaryWords = SubstringWords(summary);
        prepared.TagsText = tags;
        prepared.CollectFacets();
        return prepared;
    }

    /// <summary>
    /// Re-analyses stored text (of a document being replaced or deleted): its FTS column strings, which
    /// FTS5 needs to remove it from a contentless index, and its vocabulary words, to un-count them.
    /// </summary>
    public static (string Title, string Summary, string Body, WordEntry[] Words) Reanalyze(string title, string summary, string tags, string body, WordTable words)
    {
        HashSet<WordEntry> distinct = t_words ??= new HashSet<WordEntry>(ReferenceEqualityComparer.Instance);
        distinct.Clear();
        string titleTerms = AnalyzeField(title, null, words, distinct);
        string summaryTerms = AnalyzeField(summary, tags, words, distinct);
        string bodyTerms = AnalyzeField(body, null, words, distinct);
        WordEntry[] result = [.. distinct];
        distinct.Clear();
        return (titleTerms, summaryTerms, bodyTerms, result);
    }

    /// <summary>
    /// Number of tokens FTS5's ascii tokenizer sees in a term string (runs of ASCII letters/digits and
    /// non-ASCII characters): the document length BM25 normalises by.
    /// </summary>
    public static int TokenCount(string terms)
    {
        int count = 0;
        bool inToken = false;
        foreach (char c in terms)
        {
            bool tokenChar = c >= '\u0080' || char.IsAsciiLetterOrDigit(c);
            if (tokenChar && !inToken)
            {
                count++;
            }

            inToken = tokenChar;
        }

        return count;
    }

    /// <summary>Total FTS tokens of the three columns (the length BM25 normalises by).</summary>
    public int Length { get; private set; }

    /// <summary>
    /// Analyses a field (and, for the summary, the tags) into its FTS term string: the terms in text
    /// order, then the joined forms of hyphenated words, so that the parts stay adjacent for phrases.
    /// Adds its words to <paramref name="distinct"/>.
    /// </summary>
    private static string AnalyzeField(string text, string? tags, WordTable words, HashSet<WordEntry> distinct)
    {
        List<AnalyzedToken> tokens = t_tokens ??= new List<AnalyzedToken>(1024);
        tokens.Clear();
        DanishAnalyzer analyzer = DanishAnalyzer.Instance;
        analyzer.Analyze(text, tokens);
        int textTokens = tokens.Count;
        if (!string.IsNullOrEmpty(tags))
        {
            analyzer.Analyze(tags, tokens);
        }

        if (tokens.Count == 0)
        {
            return "";
        }

        StringBuilder terms = t_terms ??= new StringBuilder(4096);
        StringBuilder joins = t_joins ??= new StringBuilder(256);
        terms.Clear();
        joins.Clear();
        Span<char> buffer = stackalloc char[SurfaceText.MaxWordLength];
        for (int i = 0; i < tokens.Count; i++)
        {
            AnalyzedToken token = tokens[i];
            StringBuilder target = token.IsCompoundJoin ? joins : terms;
            if (target.Length > 0)
            {
                target.Append(' ');
            }

            target.Append(token.Term);

            WordEntry? entry = words.ByTermInstance(token.Term);
            if (entry is null)
            {
                string source = i < textTokens ? text : tags!;
                int length = SurfaceText.FoldWord(source.AsSpan(token.Start, token.Length), buffer);
                if (length > 0)
                {
                    entry = words.Intern(buffer[..length], token.Term);
                    words.RememberTermInstance(token.Term, entry);
                }
            }

            if (entry is not null)
            {
                distinct.Add(entry);
            }
        }

        if (joins.Length > 0)
        {
            if (terms.Length > 0)
            {
                terms.Append(' ');
            }

            terms.Append(joins);
        }

        string result = terms.ToString();
        if (terms.Capacity > 1 << 20)
        {
            t_terms = null;
        }

        tokens.Clear();
        return result;
    }

    /// <summary>
    /// The distinct folded words of <paramref name="text"/> with at least
    /// <see cref="MinSubstringWordLength"/> letters, space-separated: what the trigram index needs to find
    /// longer (compound) words containing a searched word, at a fraction of the cost of indexing the
    /// running text.
    /// </summary>
    private static string SubstringWords(string text)
    {
        if (text.Length < MinSubstringWordLength)
        {
            return "";
        }

        List<AnalyzedToken> tokens = t_tokens ??= new List<AnalyzedToken>(1024);
        tokens.Clear();
        DanishAnalyzer.Instance.Analyze(text, tokens);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var words = new StringBuilder();
        Span<char> buffer = stackalloc char[SurfaceText.MaxWordLength];
        foreach (AnalyzedToken token in tokens)
        {
            if (token.Length < MinSubstringWordLength)
            {
                continue;
            }

            int length = SurfaceText.FoldWord(text.AsSpan(token.Start, token.Length), buffer);
            if (length >= MinSubstringWordLength && seen.Add(new string(buffer[..length])))
            {
                if (words.Length > 0)
                {
                    words.Append(' ');
                }

                words.Append(buffer[..length]);
            }
        }

        tokens.Clear();
        return words.ToString();
    }

    private static string JoinTags(IReadOnlyList<string>? tags)
    {
        if (tags is null || tags.Count == 0)
        {
            return "";
        }

        return string.Join('\n', tags.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()));
    }

    private void CollectFacets()
    {
        var seen = new HashSet<(string, string)>();
        void Add(string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            var pair = (name.Trim(), value.Trim());
            if (seen.Add(pair))
            {
                Facets.Add(pair);
            }
        }

        SearchDocument document = Source;
        Add(TypeFacet, document.Type);
        Add(AudienceFacet, document.Audience.ToString());
        foreach (string department in document.Departments ?? [])
        {
            Add(DepartmentFacet, department);
        }

        foreach (string tag in document.Tags ?? [])
        {
            Add(TagFacet, tag);
        }

        if (document.Facets is not null)
        {
            foreach (KeyValuePair<string, IReadOnlyList<string>> facet in document.Facets)
            {
                foreach (string value in facet.Value ?? [])
                {
                    Add(facet.Key, value);
                }
            }
        }
    }
}
