using System.Globalization;
using System.IO.Compression;
using System.Text;
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
    public const string Body = "body";

    /// <summary>The body as stored: Deflate-compressed UTF-8 (see <see cref="CompressBody"/>).</summary>
    public const string BodyStored = "body_z";
    public const string Url = "url";
    public const string Type = "type";
    public const string AudienceLevel = "aud";
    public const string AudienceValue = "aud_dv";
    public const string Boost = "boost";
    public const string Starts = "starts";
    public const string TitleKey = "tkey";

    /// <summary>Dimension names of the built-in facets.</summary>
    public const string TypeFacet = "type";
    public const string DepartmentFacet = "department";
    public const string AudienceFacet = "audience";
    public const string TagFacet = "tag";

    /// <summary>
    /// The text fields and their weights: title above summary (which also holds the tags, as extra
    /// values: one field less to score per word) above body.
    /// </summary>
    public static readonly (string Field, float Weight)[] TextFields = [(Title, 3.0f), (Summary, 1.5f), (Body, 1.0f)];

    /// <summary>
    /// The surface words of a document (lower case, not stemmed), for "Mente du …?" and autocomplete.
    /// Named to sort after the text fields: Lucene analyses a document's fields in name order, and this
    /// field's words are recorded while the text fields are analysed.
    /// </summary>
    public const string Words = "words";

    /// <summary>The key shared by an item and its sub-documents: the id before '#'.</summary>
    public static string GroupOf(string id)
    {
        var hash = id.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? id : id[..hash];
    }

    /// <summary>The slide number of an id such as "guid#slide-3"; 0 for a whole item.</summary>
    public static int SlideOf(string id)
    {
        var at = id.LastIndexOf("#slide-", StringComparison.Ordinal);
        return at >= 0 && int.TryParse(id.AsSpan(at + 7), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;
    }

    private static readonly FieldType WordsType = CreateWordsType();

    /// <summary>
    /// Summary, tags and keywords: indexed with positions (phrases) but no offsets, and not stored by
    /// this field (the summary has a stored field of its own). Snippets find their words by
    /// re-analysing the stored text of the shown hits (<see cref="Results.SnippetMatcher"/>).
    /// </summary>
    private static readonly FieldType SummaryText = CreateSummaryText();

    private static FieldType CreateSummaryText()
    {
        var type = new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS };
        type.Freeze();
        return type;
    }

    public static FacetsConfig CreateFacetsConfig() => new();

    /// <summary>Builds the Lucene document; the facet dimensions are declared multi-valued on the way.</summary>
    public static LuceneDocument Build(SearchDocument doc, FacetsConfig facets)
    {
        Validate(doc);
        var document = new LuceneDocument
        {
            new StringField(Id, doc.Id, Field.Store.YES),
            new SortedDocValuesField(IdSort, new Lucene.Net.Util.BytesRef(doc.Id)),
            new StringField(Group, GroupOf(doc.Id), Field.Store.NO),
            new SortedDocValuesField(Group, new Lucene.Net.Util.BytesRef(GroupOf(doc.Id))),
            new NumericDocValuesField(SlideNumber, doc.Id.Contains('#', StringComparison.Ordinal) ? Math.Max(1, SlideOf(doc.Id)) : 0),
            new TextField(Title, DanishAnalysis.ReaderFor(doc.Title)),
            new StoredField(Title, doc.Title),
            new Field(Summary, DanishAnalysis.ReaderFor(doc.Summary), SummaryText),
            new StoredField(Summary, doc.Summary),
            new TextField(Body, DanishAnalysis.ReaderFor(doc.Body)),
            new StoredField(BodyStored, CompressBody(doc.Body)),
            new StoredField(Url, doc.Url),
            new StoredField(Type, doc.Type),
            new StringField(AudienceLevel, ((int)doc.Audience).ToString(CultureInfo.InvariantCulture), Field.Store.NO),
            new NumericDocValuesField(AudienceValue, (int)doc.Audience),
            new NumericDocValuesField(Boost, BitConverter.DoubleToInt64Bits(doc.Boost)),
            new NumericDocValuesField(Starts, doc.StartsUtc is { } starts ? ToUtc(starts).Ticks : 0),
            new StringField(TitleKey, TitleKeyOf(doc.Title), Field.Store.NO),
        };
        foreach (var extra in doc.Tags.Concat(doc.Keywords))
        {
            document.Add(new Field(Summary, DanishAnalysis.ReaderFor(extra), SummaryText));
        }

        // Filled while Lucene analyses the text fields above (see SurfaceWordSink), read when it reaches this one.
        document.Add(new Field(Words, new WordListTokenStream(), WordsType));

        // FacetsConfig is not thread-safe and documents are built on several threads.
        lock (facets)
        {
            AddFacet(document, facets, TypeFacet, doc.Type);
            AddFacet(document, facets, AudienceFacet, doc.Audience.ToString());
            foreach (var department in doc.Departments)
            {
                AddFacet(document, facets, DepartmentFacet, department);
            }

            foreach (var tag in doc.Tags)
            {
                AddFacet(document, facets, TagFacet, tag);
            }

            foreach ((var name, var values) in doc.Facets)
            {
                foreach (var value in values)
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
        var key = string.Join(' ', DanishAnalysis.Normalize(title).ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
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

    /// <summary>
    /// The body is most of what an index stores, and only the ten shown hits of a page read it: it is
    /// compressed on its own with Deflate (about 2.7× on Danish prose, where Lucene's LZ4 blocks give
    /// 1.8×), so a hit decompresses its own body only, not a block shared with its neighbours.
    /// </summary>
    public static byte[] CompressBody(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return [];
        }

        var output = new MemoryStream(body.Length / 2 + 16);
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            deflate.Write(bytes, 0, bytes.Length);
        }

        return output.ToArray();
    }

    /// <summary>The body of a stored document (read with <see cref="BodyStored"/>).</summary>
    public static string BodyOf(LuceneDocument stored)
    {
        var bytes = stored.GetBinaryValue(BodyStored);
        if (bytes is null || bytes.Length == 0)
        {
            return "";
        }

        using var deflate = new DeflateStream(new MemoryStream(bytes.Bytes, bytes.Offset, bytes.Length, writable: false), CompressionMode.Decompress);
        using var text = new StreamReader(deflate, Encoding.UTF8);
        return text.ReadToEnd();
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

    /// <summary>
    /// The distinct surface words recorded on this thread while the document's text fields were
    /// analysed (<see cref="SurfaceWordSink"/>); <see cref="SearchIndex"/> starts the recording
    /// before it adds the document and stops it after.
    /// </summary>
    private sealed class WordListTokenStream : TokenStream
    {
        [ThreadStatic]
        private static HashSet<string>? t_current;

        private readonly ICharTermAttribute _term;
        private string[] _words = [];
        private int _next;

        public WordListTokenStream()
        {
            _term = AddAttribute<ICharTermAttribute>();
        }

        /// <summary>The set the sink records into for the document being added on this thread.</summary>
        public static HashSet<string> Current => t_current ??= new HashSet<string>(StringComparer.Ordinal);

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
            _words = [.. Current];
            _next = 0;
        }
    }

    /// <summary>Runs <paramref name="add"/> (which adds one document) with its surface words recorded for the words field.</summary>
    public static T WithWordsRecorded<T>(Func<T> add)
    {
        var words = WordListTokenStream.Current;
        words.Clear();
        SurfaceWordSink.RecordInto(words);
        try
        {
            return add();
        }
        finally
        {
            SurfaceWordSink.RecordInto(null);
            words.Clear();
        }
    }
}
