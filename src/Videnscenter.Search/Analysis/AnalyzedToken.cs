namespace Videnscenter.Search.Analysis;

/// <summary>
/// One index/query term produced by <see cref="DanishAnalyzer"/>.
/// </summary>
/// <param name="Term">The case-folded, stemmed term.</param>
/// <param name="Start">Offset of the original surface form in the analysed string.</param>
/// <param name="Length">Length of the original surface form (so <c>text.Substring(Start, Length)</c> is
/// the word exactly as written, for snippets and highlighting).</param>
/// <param name="Position">Word position. Every word consumes one position, including removed stop
/// words, so phrase queries can compare positions. Positions never decrease along the token list.</param>
public readonly record struct AnalyzedToken(string Term, int Start, int Length, int Position)
{
    private readonly int _extraPositions;

    /// <summary>
    /// How many consecutive positions this token covers: 1 for an ordinary word. The joined form of a
    /// hyphenated word ("recovery-orienteret" → "recoveryorienteret") covers all of its parts, i.e.
    /// positions <see cref="Position"/> .. <see cref="Position"/> + PositionLength - 1 (like Lucene's
    /// position length attribute).
    /// </summary>
    public int PositionLength
    {
        get => _extraPositions + 1;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _extraPositions = value - 1;
        }
    }

    /// <summary>
    /// True for the joined form of a hyphenated word. It is emitted just before the tokens of its
    /// parts, at the position of the first part. A query engine can treat it as an alternative to the
    /// phrase made of its parts.
    /// </summary>
    public bool IsCompoundJoin => _extraPositions > 0;

    /// <summary>Offset just past the original surface form.</summary>
    public int End => Start + Length;
}
