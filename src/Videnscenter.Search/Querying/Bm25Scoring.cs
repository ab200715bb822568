using Microsoft.Data.Sqlite;
using Videnscenter.Search.Storage;

namespace Videnscenter.Search.Querying;

/// <summary>
/// Standard BM25 (k1 = 1.2, b = 0.75; column weights title 10, summary 4, body 1) from FTS5's
/// <c>bm25()</c> on a table created with <c>columnsize=0</c>, without FTS5's per-row docsize look-up.
/// </summary>
/// <remarks>
/// <para>With <c>columnsize=0</c> on a contentless table, FTS5 knows no row length and uses D = -1 per
/// indexed column (D = -3 here), so its per-phrase term is idf·f·(k1+1) / (f + c) with the constant
/// c = k1·(1 - b + b·(-3)/avgdl), where f is the column-weighted frequency. Real BM25 for a row of
/// length L is idf·f·(k1+1) / (f + K(L)) with K(L) = k1·(1 - b + b·L/avgdl). Two exact ways back:</para>
/// <list type="bullet">
/// <item><b>Weights</b> (any query): scaling the row's frequencies by s = c / K(L) turns the first into
/// the second: s·f·(k1+1) / (s·f + c) = f·(k1+1) / (f + K(L)). FTS5 multiplies frequencies by the column
/// weights, which are SQL expressions evaluated per row, so the weights w / (α + β·L) with
/// α = k1·(1-b)/c and β = k1·b/(avgdl·c) give exact BM25, with L from the row id
/// (<see cref="DocumentKey"/>).</item>
/// <item><b>Inversion</b> (a single term, the most common and largest queries): with constant weights
/// FTS5 returns s = I·f/(f + c), I = idf·(k1+1), which is solved for f and put into the real formula:
/// BM25 = c·s·I / (c·s + K(L)·(I - s)). This spares the three weight expressions per matching row; idf
/// is FTS5's, log((N - n + 0.5) / (n + 0.5)) (at least 1e-6), with n from our per-stem document count
/// (<c>terms</c>), which counts exactly the rows FTS5 counts.</item>
/// </list>
/// <para>N and avgdl are FTS5's own (row count and token totals from its averages record, read in the
/// same snapshot). In the degenerate case c = 0 (an average document of exactly 9 terms) plain
/// weights are used.</para>
/// </remarks>
internal sealed class Bm25Scoring
{
    public const double K1 = 1.2;
    public const double B = 0.75;
    private const int IndexedColumns = 3;

    /// <summary>bm25() with per-row length weights; parameters ?3 (α) and ?4 (β).</summary>
    public const string WeightedSql = "bm25(fts, 10.0 / (?3 + ?4 * " + DocumentKey.LengthSql + "), 4.0 / (?3 + ?4 * "
        + DocumentKey.LengthSql + "), 1.0 / (?3 + ?4 * " + DocumentKey.LengthSql + "))";

    /// <summary>bm25() with the constant column weights (for <see cref="FromConstantWeights"/>).</summary>
    public const string ConstantSql = "bm25(fts, 10.0, 4.0, 1.0)";

    private readonly double _c;
    private readonly double _averageLength;

    private Bm25Scoring(long rows, long tokens)
    {
        Rows = rows;
        if (rows > 0 && tokens > 0)
        {
            _averageLength = (double)tokens / rows;
            _c = K1 * (1 - B + (B * -IndexedColumns / _averageLength));
        }

        Normalizes = _c != 0 && double.IsFinite(_c);
        Alpha = Normalizes ? K1 * (1 - B) / _c : 1.0;
        Beta = Normalizes ? K1 * B / (_averageLength * _c) : 0.0;
    }

    /// <summary>Rows in the index (N).</summary>
    public long Rows { get; }

    /// <summary>False in the degenerate case, where scores are FTS5's without length normalisation.</summary>
    public bool Normalizes { get; }

    /// <summary>α of the weights w / (α + β·L).</summary>
    public double Alpha { get; }

    /// <summary>β of the weights w / (α + β·L).</summary>
    public double Beta { get; }

    /// <summary>Reads FTS5's row count and token totals (the averages record, id 1 of <c>fts_data</c>).</summary>
    public static Bm25Scoring Read(ReaderSession session)
    {
        SqliteCommand command = session.Command("SELECT block FROM fts_data WHERE id = 1");
        if (command.ExecuteScalar() is not byte[] block || block.Length == 0)
        {
            return new Bm25Scoring(0, 0);
        }

        int at = 0;
        long rows = ReadVarint(block, ref at);
        long tokens = 0;
        for (int column = 0; column < IndexedColumns && at < block.Length; column++)
        {
            tokens += ReadVarint(block, ref at);
        }

        return new Bm25Scoring(rows, tokens);
    }

    /// <summary>FTS5's idf of a phrase found in <paramref name="documents"/> rows.</summary>
    public double Idf(long documents)
    {
        double idf = Math.Log((Rows - documents + 0.5) / (documents + 0.5));
        return idf <= 0.0 ? 1e-6 : idf;
    }

    /// <summary>
    /// Exact BM25 of a single-term query for a row of <paramref name="length"/> terms from FTS5's score
    /// <paramref name="bm25"/> (negative) with constant weights; <paramref name="idf"/> from <see cref="Idf"/>.
    /// </summary>
    public double FromConstantWeights(double bm25, double idf, int length)
    {
        double s = -bm25;
        if (!Normalizes)
        {
            return s;
        }

        double i = idf * (K1 + 1);
        double k = K1 * (1 - B + (B * length / _averageLength));
        return _c * s * i / ((_c * s) + (k * (i - s)));
    }

    /// <summary>SQLite's varint: big-endian 7-bit groups, the 9th byte contributes all 8 bits.</summary>
    private static long ReadVarint(byte[] data, ref int at)
    {
        long value = 0;
        for (int i = 0; i < 9 && at < data.Length; i++)
        {
            byte b = data[at++];
            if (i == 8)
            {
                return (value << 8) | b;
            }

            value = (value << 7) | (long)(b & 0x7F);
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        return value;
    }
}
