using System.Globalization;
using System.Text;
using Videnscenter.Search.Analysis;

namespace Videnscenter.Search.Vocabulary;

/// <summary>
/// Folding of original (surface) text for the vocabulary, substring search and autocomplete: lower
/// case (invariant culture) without the hyphens and apostrophes that the analyzer joins words over,
/// so "Recovery-skolen" and "Recoveryskolen" both read "recoveryskolen".
/// </summary>
internal static class SurfaceText
{
    /// <summary>
    /// Longest folded word: above the analyzer's longest token (<see cref="DanishAnalyzer.MaxTokenLength"/>),
    /// so every token has its word, and every stem its document count.
    /// </summary>
    public const int MaxWordLength = 128;

    /// <summary>
    /// Folds one analyzer token's surface form (letters and digits, lower case) into
    /// <paramref name="destination"/>; returns the length, or 0 when nothing is left or it is too long.
    /// </summary>
    public static int FoldWord(ReadOnlySpan<char> surface, Span<char> destination)
    {
        foreach (char c in surface)
        {
            if (c >= '\u0300' && char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                // Decomposed letters: compose them as the analyzer does, so that the word is the same
                // however it was encoded.
                string composed = DanishAnalyzer.Instance.Fold(new string(surface));
                return FoldLettersAndDigits(composed, destination);
            }
        }

        return FoldLettersAndDigits(surface, destination);
    }

    private static int FoldLettersAndDigits(ReadOnlySpan<char> surface, Span<char> destination)
    {
        int length = 0;
        foreach (char c in surface)
        {
            if (!char.IsLetterOrDigit(c))
            {
                continue;
            }

            if (length == destination.Length)
            {
                return 0;
            }

            destination[length++] = c < '\u0080'
                ? ((uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c)
                : char.ToLowerInvariant(c);
        }

        return length;
    }

    /// <summary>Folds one word (as typed in a query) to its vocabulary form; "" when it has no letters or digits.</summary>
    public static string FoldWord(string word)
    {
        Span<char> buffer = stackalloc char[MaxWordLength];
        int length = FoldWord(word, buffer);
        return length == 0 ? "" : new string(buffer[..length]);
    }

    /// <summary>
    /// Folds running text for the trigram index and title keys: lower case, whitespace runs collapsed
    /// to one space, hyphens/apostrophes/soft hyphens between two word characters removed, control
    /// characters dropped.
    /// </summary>
    public static string FoldText(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        bool pendingSpace = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (IsJoiner(c) && i > 0 && i + 1 < text.Length
                && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]))
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static bool IsJoiner(char c) => c is '-' or '\u2010' or '\u2011' or '\u00AD' or '\'' or '\u2019' or '\u02BC';
}
