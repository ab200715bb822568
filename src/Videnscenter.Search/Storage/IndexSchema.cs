using Microsoft.Data.Sqlite;
using Videnscenter.Search.Analysis;

namespace Videnscenter.Search.Storage;

/// <summary>
/// The tables of an index file. The file belongs to the search engine alone and can be thrown away and
/// rebuilt from the content store at any time.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>meta</c>: key/value; holds <see cref="Version"/> and <see cref="DanishAnalyzer.Version"/>.
/// A file whose versions differ is recreated empty (the host then rebuilds it).</item>
/// <item><c>docs</c>: one narrow row per document: id, type, audience, boost, length in terms, start
/// time, and the facet value ids packed as little-endian int32s. The row id is a
/// <see cref="DocumentKey"/>; these facts are held in memory by <see cref="DocumentInfoTable"/>, so the
/// scan over all matches of a query reads nothing but FTS5.</item>
/// <item><c>doc_text</c>: the original text, for display, snippets and re-analysis on update/delete.</item>
/// <item><c>facet_values</c> / <c>doc_facets</c>: every (name, value) facet pair gets an id once and
/// forever (never reused); <c>doc_facets</c> answers facet filters.</item>
/// <item><c>words</c>: the vocabulary of indexed surface words (folded) with their stem and the number
/// of documents per audience level containing them, so suggestions and autocomplete only use words
/// of documents the reader may see.</item>
/// <item><c>terms</c>: the number of documents containing each stem (FTS5's document frequency of a
/// one-term phrase), for the single-term BM25 shortcut of <see cref="Querying.Bm25Scoring"/>.</item>
/// <item><c>fts</c>: FTS5 over the pre-analysed (folded, stemmed) terms of title, summary (+ tags) and
/// body, with the <c>ascii</c> tokenizer, which splits on the spaces we put between terms and keeps
/// every non-ASCII letter, so FTS5 matches exactly our terms. Contentless: the terms are not stored
/// twice. Joined forms of hyphenated words ("recoveryskol" for "recovery-skolen") are appended at the
/// end of their column, so the parts stay adjacent for phrase queries. <c>columnsize=0</c>: FTS5 keeps
/// no per-row sizes (whose look-up per matching row was most of the cost of <c>bm25()</c>); the
/// length normalisation is put back exactly through the column weights (see
/// <see cref="Querying.Bm25Scoring"/>), and rows are removed with FTS5's 'delete' command and the
/// re-analysed old text.</item>
/// <item><c>tri</c>: FTS5 <c>trigram</c> index over the folded titles and summaries, for substring
/// search of compound words. It holds each field's distinct words of 6+ letters only (a searched word
/// is only looked for inside longer words), which keeps it a fraction of the cost of the full text.</item>
/// </list>
/// </remarks>
internal static class IndexSchema
{
    /// <summary>Bump when the schema or what is stored changes.</summary>
    public const int Version = 2;

    private const string Ddl = """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE docs(
            doc INTEGER PRIMARY KEY,
            audience INTEGER NOT NULL,
            boost REAL NOT NULL,
            len INTEGER NOT NULL,
            starts INTEGER,
            facets BLOB NOT NULL,
            type TEXT NOT NULL,
            id TEXT NOT NULL UNIQUE);
        CREATE TABLE doc_text(
            doc INTEGER PRIMARY KEY,
            url TEXT NOT NULL,
            title TEXT NOT NULL,
            title_key TEXT NOT NULL,
            summary TEXT NOT NULL,
            tags TEXT NOT NULL,
            updated INTEGER NOT NULL,
            body TEXT NOT NULL);
        CREATE INDEX doc_text_title_key ON doc_text(title_key);
        CREATE TABLE facet_values(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            UNIQUE(name, value));
        CREATE TABLE doc_facets(
            doc INTEGER NOT NULL,
            value_id INTEGER NOT NULL,
            PRIMARY KEY(doc, value_id)) WITHOUT ROWID;
        CREATE TABLE words(
            word TEXT PRIMARY KEY,
            stem TEXT NOT NULL,
            len INTEGER NOT NULL,
            df0 INTEGER NOT NULL,
            df1 INTEGER NOT NULL,
            df2 INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX words_stem ON words(stem);
        CREATE TABLE terms(
            stem TEXT PRIMARY KEY,
            df INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX words_len ON words(len, word);
        CREATE VIRTUAL TABLE fts USING fts5(title, summary, body,
            content='', columnsize=0, tokenize='ascii', detail=full);
        CREATE VIRTUAL TABLE tri USING fts5(title, summary,
            content='', contentless_delete=1, tokenize='trigram', detail=full);
        """;

    /// <summary>Creates all tables in an empty database and records the versions.</summary>
    public static void Create(SqliteConnection connection)
    {
        using SqliteTransaction tx = connection.BeginTransaction();
        Execute(connection, Ddl, tx);
        using SqliteCommand meta = connection.CreateCommand();
        meta.Transaction = tx;
        meta.CommandText = "INSERT INTO meta(key, value) VALUES('schema_version', $s), ('analyzer_version', $a), ('created_utc', $c)";
        meta.Parameters.AddWithValue("$s", Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        meta.Parameters.AddWithValue("$a", DanishAnalyzer.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        meta.Parameters.AddWithValue("$c", DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        meta.ExecuteNonQuery();
        tx.Commit();
    }

    /// <summary>
    /// True when the file holds an index of this schema and analyzer version whose tables answer. Throws
    /// <see cref="SqliteException"/> when the file is not a database or is damaged.
    /// </summary>
    public static bool IsCurrent(SqliteConnection connection)
    {
        using (SqliteCommand probe = connection.CreateCommand())
        {
            probe.CommandText = "SELECT count(*) FROM sqlite_schema WHERE name = 'meta'";
            if (Convert.ToInt64(probe.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return false;
            }
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using (SqliteCommand read = connection.CreateCommand())
        {
            read.CommandText = "SELECT key, value FROM meta";
            using SqliteDataReader reader = read.ExecuteReader();
            while (reader.Read())
            {
                values[reader.GetString(0)] = reader.GetString(1);
            }
        }

        string expectedSchema = Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string expectedAnalyzer = DanishAnalyzer.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!values.TryGetValue("schema_version", out string? schema) || schema != expectedSchema
            || !values.TryGetValue("analyzer_version", out string? analyzer) || analyzer != expectedAnalyzer)
        {
            return false;
        }

        // Touch every table once, so a damaged schema or root page shows up now rather than mid-search.
        Execute(connection, """
            SELECT doc FROM docs LIMIT 1;
            SELECT doc FROM doc_text LIMIT 1;
            SELECT id FROM facet_values LIMIT 1;
            SELECT doc FROM doc_facets LIMIT 1;
            SELECT word FROM words LIMIT 1;
            SELECT stem FROM terms LIMIT 1;
            SELECT rowid FROM fts WHERE fts MATCH '"probe"' LIMIT 1;
            SELECT rowid FROM tri WHERE tri MATCH '"probe"' LIMIT 1;
            """);
        return true;
    }

    /// <summary>Settings for every connection.</summary>
    public static void ApplyConnectionSettings(SqliteConnection connection, bool readOnly)
    {
        Execute(connection, readOnly
            ? "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32768; PRAGMA mmap_size=1073741824; PRAGMA query_only=1;"
            : "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536; PRAGMA mmap_size=1073741824;");
    }

    /// <summary>Runs one or more statements that return nothing of interest.</summary>
    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
