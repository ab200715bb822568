using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Facet;
using Lucene.Net.Facet.SortedSet;
using Lucene.Net.Index;
using Videnscenter.Search.Analysis;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace Videnscenter.Search.Index;

/// <summary>The Lucene fields of one <see cref="SearchDocument"/>, and how they are written.</summary>
internal static class IndexFields
{
    public const string Id = "id";
    public const string IdSort = "id_dv";
    public const string Group = "group";
    public const string SlideNumber = "slide";
    public const string Title = "title";
    public const string Summary = "summary";
    public const string Tags = "tags";
    public const string Body = "body";
    public const string Url = "url";
    public const string Type = "type";
    public const string AudienceLevel = "aud";
    public const string AudienceValue = "aud_dv";
    public const string Boost = "boost";
    public const string Starts = "starts";
    public const string TitleKey = "tkey";
    public const string StoredTags = "tags_s";

    /// <summary>Dimension names of the built-in facets.</summary>
    public const string TypeFacet = "type";
    public const string DepartmentFacet = "department";
    public const string AudienceFacet = "audience";
    public const string TagFacet = "tag";

    /// <summary>The text fields and their weights: title above summary and tags above body.</summary>
    public static readonly (string Field, float Weight)[] TextFields = [(Title, 3.0f), (Summary, 1.5f), (Tags, 1.5f), (Body, 1.0f)];

    /// <summary>Surface words of the documents a reader of that level may see (one field per level).</summary>
    public static string Words(Audience reader) => "w" + ((int)reader).ToString(CultureInfo.InvariantCulture);

    /// <summary>The key shared by an item and its sub-documents: the id before '#'.</summary>
    public static string GroupOf(string id)
    {
        int hash = id.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? id : id[..hash];
    }

    /// <summary>The slide number of an id such as "guid#slide-3"; 0 for a whole item.</summary>
    public static int SlideOf(string id)
    {
        int at = id.LastIndexOf("#slide-", StringComparison.Ordinal);
        return at >= 0 && int.TryParse(id.AsSpan(at + 7), NumberStyles.None, CultureInfo.InvariantCulture, out int number) ? number : 0;
    }

    private static readonly FieldType WordsType = CreateWordsType();

    public static FacetsConfig CreateFacetsConfig() => new();

    /// <summary>Builds the Lucene document; the facet dimensions are declared multi-valued on the way.</summary>
    public static LuceneDocument Build(SearchDocument doc, DanishAnalysis analysis, FacetsConfig facets)
    {
        Validate(doc);
        var document = new LuceneDocument
        {
            new StringField(Id, doc.Id, Field.Store.YES),
            new SortedDocValuesField(IdSort, new Lucene.Net.Util.BytesRef(doc.Id)),
            new StringField(Group, GroupOf(doc.Id), Field.Store.NO),
            new SortedDocValuesField(Group, new Lucene.Net.Util.BytesRef(GroupOf(doc.Id))),
            new NumericDocValuesField(SlideNumber, doc.Id.Contains('#', StringComparison.Ordinal) ? Math.Max(1, SlideOf(doc.Id)) : 0),
            new TextField(Title, doc.Title, Field.Store.YES),
            new TextField(Summary, doc.Summary, Field.Store.YES),
            new TextField(Body, doc.Body, Field.Store.YES),
            new StoredField(Url, doc.Url),
            new StoredField(Type, doc.Type),
            new StringField(AudienceLevel, ((int)doc.Audience).ToString(CultureInfo.InvariantCulture), Field.Store.YES),
            new NumericDocValuesField(AudienceValue, (int)doc.Audience),
            new NumericDocValuesField(Boost, BitConverter.DoubleToInt64Bits(doc.Boost)),
            new NumericDocValuesField(Starts, doc.StartsUtc is { } starts ? ToUtc(starts).Ticks : 0),
            new StringField(TitleKey, TitleKeyOf(doc.Title), Field.Store.NO),
        };
        foreach (string tag in doc.Tags)
        {
            document.Add(new TextField(Tags, tag, Field.Store.NO));
        }

        var words = new HashSet<string>(StringComparer.Ordinal);
        analysis.CollectWords(doc.Title, words);
        analysis.CollectWords(doc.Summary, words);
        analysis.CollectWords(doc.Body, words);
        foreach (string tag in doc.Tags)
        {
            analysis.CollectWords(tag, words);
        }

        string[] distinct = [.. words];
        for (Audience level = doc.Audience; level <= Audience.Medarbejder; level++)
        {
            document.Add(new Field(Words(level), new WordListTokenStream(distinct), WordsType));
        }

        // FacetsConfig is not thread-safe and documents are built on several threads.
        lock (facets)
        {
            AddFacet(document, facets, TypeFacet, doc.Type);
            AddFacet(document, facets, AudienceFacet, doc.Audience.ToString());
            foreach (string department in doc.Departments)
            {
                AddFacet(document, facets, DepartmentFacet, department);
            }

            foreach (string tag in doc.Tags)
            {
                AddFacet(document, facets, TagFacet, tag);
            }

            foreach ((string name, IReadOnlyList<string> values) in doc.Facets)
            {
                foreach (string value in values)
                {
                    AddFacet(document, facets, name, value);
                }
            }

            return facets.Build(document);
        }
    }

    /// <summary>Lower-cased, whitespace-collapsed title, for title completions.</summary>
    public static string TitleKeyOf(string title)
    {
        string key = string.Join(' ', DanishAnalysis.Normalize(title).ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return key.Length > 200 ? key[..200] : key;
    }

    private static void AddFacet(LuceneDocument document, FacetsConfig facets, string dimension, string value)
    {
        if (string.IsNullOrWhiteSpace(dimension) || string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        // Lucene.Net.Facet keeps per-dimension settings in the config; every dimension may hold several values.
        facets.SetMultiValued(dimension, true);
        document.Add(new SortedSetDocValuesFacetField(dimension, value));
    }

    private static void Validate(SearchDocument doc)
    {
        ArgumentException.ThrowIfNullOrEmpty(doc.Id, nameof(doc.Id));
        ArgumentNullException.ThrowIfNull(doc.Title, nameof(doc.Title));
        ArgumentNullException.ThrowIfNull(doc.Url, nameof(doc.Url));
        if (!double.IsFinite(doc.Boost) || doc.Boost <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(doc), doc.Boost, $"Boost must be a positive number (document {doc.Id}).");
        }

        if (!Enum.IsDefined(doc.Audience))
        {
            throw new ArgumentOutOfRangeException(nameof(doc), doc.Audience, $"Unknown audience (document {doc.Id}).");
        }
    }

    private static DateTime ToUtc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;

    private static FieldType CreateWordsType()
    {
        var type = new FieldType
        {
            IsIndexed = true,
            IsTokenized = true,
            OmitNorms = true,
            IndexOptions = IndexOptions.DOCS_ONLY,
        };
        type.Freeze();
        return type;
    }

    /// <summary>The already-analysed distinct words of a document, fed to Lucene as they are.</summary>
    private sealed class WordListTokenStream : TokenStream
    {
        private readonly string[] _words;
        private readonly ICharTermAttribute _term;
        private int _next;

        public WordListTokenStream(string[] words)
        {
            _words = words;
            _term = AddAttribute<ICharTermAttribute>();
        }

        public override bool IncrementToken()
        {
            if (_next >= _words.Length)
            {
                return false;
            }

            ClearAttributes();
            _term.SetEmpty().Append(_words[_next++]);
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            _next = 0;
        }
    }
}
