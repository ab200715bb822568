namespace Videnscenter.Search.Storage;

/// <summary>
/// The row id of one indexed version of a document, shared by <c>docs</c>, <c>doc_text</c>, <c>fts</c>
/// and <c>tri</c>: <c>sequence &lt;&lt; 18 | audience &lt;&lt; 16 | length</c>.
/// </summary>
/// <remarks>
/// Carrying the audience and the length (in terms, capped at 65,535) in the row id lets the ranked scan
/// over FTS5 matches filter by access (<c>(rowid &amp; 3) &lt;= $reader</c>, inside the SQL) and
/// length-normalise BM25 without a join per matching row. The sequence number comes from a counter in
/// <c>meta</c> that never goes back, so a row id is never reused: whatever is known about a row id
/// stays true for as long as it exists, which is what makes <see cref="DocumentInfoTable"/> safe.
/// The length sits in the low bits because it is read three times per matching row (one BM25
/// weight per column).
/// </remarks>
internal static class DocumentKey
{
    public const int MaxLength = 0xFFFF;
    private const int AudienceBits = 2;
    private const int LengthBits = 16;

    /// <summary>Row id &gt;&gt; this = sequence number.</summary>
    public const int SequenceShift = AudienceBits + LengthBits;

    /// <summary>SQL for the length in terms of the row <c>rowid</c>.</summary>
    public const string LengthSql = "(rowid & 65535)";

    /// <summary>SQL for the audience level of the row <c>rowid</c>.</summary>
    public const string AudienceSql = "((rowid >> 16) & 3)";

    public static long Compose(long sequence, int length, Audience audience) =>
        (sequence << SequenceShift) | ((long)audience << LengthBits) | (long)Math.Clamp(length, 0, MaxLength);

    public static Audience AudienceOf(long rowid) => (Audience)((rowid >> LengthBits) & 3);

    public static int LengthOf(long rowid) => (int)(rowid & MaxLength);
}
