namespace Videnscenter.Search.Analysis;

/// <summary>
/// The Snowball Danish stemming algorithm (https://snowballstem.org/algorithms/danish/stemmer.html),
/// implemented from the algorithm description.
/// </summary>
/// <remarks>
/// <para>
/// Every step of the Danish algorithm only ever removes letters from the end of the word
/// (even "løst" → "løs" removes the final t), so the stem is always a prefix of the input.
/// The stemmer therefore never copies characters while it works: it only computes the length of
/// the stem, and <see cref="Stem(string)"/> allocates at most one substring at the very end (none
/// when nothing was removed, in which case the input instance is returned).
/// </para>
/// <para>
/// Input is expected to be lower case already (see <see cref="DanishAnalyzer.Fold(string)"/>);
/// upper-case letters are treated as non-vowels and are not matched by any suffix.
/// </para>
/// </remarks>
public static class DanishStemmer
{
    // Step 1 suffixes, grouped by their last letter and ordered longest first, so the first one that
    // matches inside R1 is the longest match (Snowball's "among" semantics).
    private static readonly string[] MainSuffixesD = ["ethed", "ered", "hed"];
    private static readonly string[] MainSuffixesE = ["erende", "erede", "ende", "ene", "erne", "ere", "e"];
    private static readonly string[] MainSuffixesN = ["heden", "eren", "en"];
    private static readonly string[] MainSuffixesR = ["heder", "erer", "er"];
    private static readonly string[] MainSuffixesS =
        ["erendes", "hedens", "endes", "ernes", "erens", "erets", "heds", "enes", "eres", "ens", "ers", "ets", "es", "s"];
    private static readonly string[] MainSuffixesT = ["eret", "et"];

    /// <summary>Returns the stem of <paramref name="lowerCaseWord"/>; the same instance when nothing is removed.</summary>
    public static string Stem(string lowerCaseWord)
    {
        ArgumentNullException.ThrowIfNull(lowerCaseWord);
        int length = GetStemLength(lowerCaseWord);
        return length == lowerCaseWord.Length ? lowerCaseWord : lowerCaseWord.Substring(0, length);
    }

    /// <summary>
    /// Returns the length of the stem of <paramref name="lowerCaseWord"/>. The stem is always
    /// <c>lowerCaseWord[..length]</c>. Does not allocate.
    /// </summary>
    public static int GetStemLength(ReadOnlySpan<char> lowerCaseWord)
    {
        ReadOnlySpan<char> w = lowerCaseWord;
        int len = w.Length;
        if (len < 3)
        {
            // R1 would be empty (it can never start before position 3), so no step can apply.
            return len;
        }

        int p1 = MarkR1(w);
        if (p1 >= len)
        {
            return len;
        }

        len = MainSuffix(w, len, p1);
        len = ConsonantPair(w, len, p1);
        len = OtherSuffix(w, len, p1);
        len = Undouble(w, len, p1);
        return len;
    }

    /// <summary>
    /// R1: the region after the first non-vowel that follows a vowel, adjusted so that at least three
    /// letters precede it. Returns the word length when R1 is empty.
    /// </summary>
    private static int MarkR1(ReadOnlySpan<char> w)
    {
        int i = 0;
        while (i < w.Length && !IsVowel(w[i]))
        {
            i++;
        }

        while (i < w.Length && IsVowel(w[i]))
        {
            i++;
        }

        if (i >= w.Length)
        {
            return w.Length;
        }

        int p1 = i + 1; // just past the first non-vowel following a vowel
        return p1 < 3 ? 3 : p1;
    }

    /// <summary>Step 1: delete the longest main suffix in R1; a final s only after a valid s-ending.</summary>
    private static int MainSuffix(ReadOnlySpan<char> w, int len, int p1)
    {
        string[]? candidates = w[len - 1] switch
        {
            'd' => MainSuffixesD,
            'e' => MainSuffixesE,
            'n' => MainSuffixesN,
            'r' => MainSuffixesR,
            's' => MainSuffixesS,
            't' => MainSuffixesT,
            _ => null,
        };
        if (candidates is null)
        {
            return len;
        }

        ReadOnlySpan<char> word = w[..len];
        foreach (string suffix in candidates)
        {
            int start = len - suffix.Length;
            if (start < p1 || !word.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            if (suffix.Length == 1 && suffix[0] == 's')
            {
                // The letter before the s may lie outside R1; start >= p1 >= 3 so it exists.
                return IsValidSEnding(w[start - 1]) ? start : len;
            }

            return start;
        }

        return len;
    }

    /// <summary>Step 2: if the word ends in gd, dt, gt or kt inside R1, delete the last letter.</summary>
    private static int ConsonantPair(ReadOnlySpan<char> w, int len, int p1)
    {
        if (len - 2 < p1)
        {
            return len;
        }

        char a = w[len - 2];
        char b = w[len - 1];
        bool pair = (a == 'g' && b == 'd') || (b == 't' && (a == 'd' || a == 'g' || a == 'k'));
        return pair ? len - 1 : len;
    }

    /// <summary>
    /// Step 3: igst → ig (anywhere); then, in R1, delete ig / lig / elig / els (and redo step 2),
    /// or replace løst by løs.
    /// </summary>
    private static int OtherSuffix(ReadOnlySpan<char> w, int len, int p1)
    {
        if (len >= 4 && w[..len].EndsWith("igst", StringComparison.Ordinal))
        {
            len -= 2;
        }

        if (len - 2 < p1)
        {
            return len;
        }

        ReadOnlySpan<char> word = w[..len];
        int remove;
        if (word.EndsWith("ig", StringComparison.Ordinal))
        {
            remove = len - 4 >= p1 && word.EndsWith("elig", StringComparison.Ordinal) ? 4
                : len - 3 >= p1 && word.EndsWith("lig", StringComparison.Ordinal) ? 3
                : 2;
        }
        else if (len - 3 >= p1 && word.EndsWith("els", StringComparison.Ordinal))
        {
            remove = 3;
        }
        else if (len - 4 >= p1 && word.EndsWith("løst", StringComparison.Ordinal))
        {
            return len - 1;
        }
        else
        {
            return len;
        }

        return ConsonantPair(w, len - remove, p1);
    }

    /// <summary>Step 4: a final double consonant in R1 (the last letter must be in R1) loses one letter.</summary>
    private static int Undouble(ReadOnlySpan<char> w, int len, int p1)
    {
        if (len - 1 < p1 || len < 2)
        {
            return len;
        }

        char last = w[len - 1];
        return IsConsonant(last) && w[len - 2] == last ? len - 1 : len;
    }

    private static bool IsVowel(char c) => c switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'æ' or 'å' or 'ø' => true,
        _ => false,
    };

    // Snowball's "c" grouping: bcdfghjklmnpqrstvwxz.
    private static bool IsConsonant(char c) => c is >= 'b' and <= 'z' && c is not ('e' or 'i' or 'o' or 'u' or 'y');

    // Snowball's "s_ending" grouping: abcdfghjklmnoprtvyzå.
    private static bool IsValidSEnding(char c) =>
        c == 'å' || (c is >= 'a' and <= 'z' && c is not ('e' or 'i' or 'q' or 's' or 'u' or 'w' or 'x'));
}
