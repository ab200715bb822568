using System.Globalization;
using Videnscenter.Content.Markdown;

namespace Videnscenter.Web.Editing;

/// <summary>
/// The LIX readability index (Björnsson): words per sentence plus the percentage of long words
/// (more than six letters). Danish editors know its scale, so it is the one aid we show beside texts.
/// </summary>
public sealed record LixResult(int Words, int Sentences, int LongWords)
{
    public double Value => (double)Words / Sentences + 100.0 * LongWords / Words;

    /// <summary>LIX is read as a whole number; the scale applies to that number.</summary>
    public int Rounded => (int)Math.Round(Value, MidpointRounding.AwayFromZero);

    /// <summary>The usual Danish scale.</summary>
    public string Level => Rounded switch
    {
        < 25 => "meget let",
        < 35 => "let",
        < 45 => "middel",
        < 55 => "svær",
        _ => "meget svær",
    };

    public string Describe() =>
        $"LIX {Rounded.ToString(CultureInfo.InvariantCulture)}: {Level} ({Words} ord, {Sentences} {(Sentences == 1 ? "sætning" : "sætninger")}, {LongWords} lange ord)";
}

public static class Lix
{
    /// <summary>Texts at or above this are hard for new volunteers.</summary>
    public const int VolunteerLimit = 40;

    /// <summary>LIX of a Markdown text, or null when it has no words.</summary>
    public static LixResult? OfMarkdown(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? null : OfText(MarkdownRenderer.ToPlainText(markdown));

    /// <summary>
    /// LIX of plain text. A word is a run of letters and digits (hyphens and apostrophes inside it
    /// keep compounds like «recovery-orienteret» one word); a long word has more than six letters.
    /// A sentence ends at . ! ? or : followed by a space or the end, and at a line break, because
    /// headings and list items are sentences of their own even without a full stop.
    /// </summary>
    public static LixResult? OfText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        int words = 0, longWords = 0, sentences = 0;
        var wordsInSentence = 0;
        var letters = 0;
        var inWord = false;

        void EndWord()
        {
            if (!inWord) return;
            words++;
            wordsInSentence++;
            if (letters > 6) longWords++;
            inWord = false;
            letters = 0;
        }

        void EndSentence()
        {
            EndWord();
            if (wordsInSentence > 0) sentences++;
            wordsInSentence = 0;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                inWord = true;
                if (char.IsLetter(c)) letters++;
            }
            else if (inWord && c is '-' or '\'' or '’' && char.IsLetterOrDigit(next))
            {
                // Inside a word: «peer-medarbejder», «Psykiatriens Hus'».
            }
            else if (c is '\n' or '\r')
            {
                EndSentence();
            }
            else if (c is '.' or '!' or '?' or ':' && (char.IsWhiteSpace(next) || i + 1 == text.Length || next is '"' or '»' or ')'))
            {
                EndSentence();
            }
            else
            {
                EndWord();
            }
        }
        EndSentence();
        return words == 0 ? null : new LixResult(words, Math.Max(sentences, 1), longWords);
    }
}
