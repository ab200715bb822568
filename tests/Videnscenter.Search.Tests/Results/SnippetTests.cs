using Videnscenter.Search;

namespace Videnscenter.Search.Tests.Results;

public sealed class SnippetTests : IDisposable
{
    private readonly TestIndex _index = new();

    public void Dispose() => _index.Dispose();

    [Fact]
    public void Snippet_is_html_encoded_with_marks_on_the_original_words()
    {
        _index.Index.Upsert(TestIndex.Doc("x", "Sikkerhed", "Pas på <script>alert('x')</script> & andre \"Metoderne\" i teksten."));
        var snippet = _index.Search("metode").Hits.Single().SnippetHtml;
        Assert.Contains("&lt;script&gt;", snippet);
        Assert.DoesNotContain("<script>", snippet);
        Assert.Contains("&amp;", snippet);
        Assert.Contains("<mark>Metoderne</mark>", snippet);
        Assert.Equal(1, CountOf(snippet, "<mark>"));
        Assert.DoesNotContain("<", snippet.Replace("<mark>", "").Replace("</mark>", ""));
    }

    [Fact]
    public void Hyphenated_word_is_marked_as_a_whole()
    {
        _index.Index.Upsert(TestIndex.Doc("x", "Skolen", "Kom til Recovery-skolen i Randers."));
        Assert.Contains("<mark>Recovery-skolen</mark>", _index.Search("recoveryskolen").Hits.Single().SnippetHtml);
    }

    [Fact]
    public void Long_body_gives_a_window_around_the_matches_cut_at_words()
    {
        var filler = string.Join(' ', Enumerable.Range(0, 300).Select(i => "fyldord" + (i % 10)));
        var body = filler + " Her står noget om pårørende og deres samtaler med borgeren i hverdagen. " + filler;
        _index.Index.Upsert(TestIndex.Doc("x", "Langt dokument", "Kort resumé uden ordet.", body));

        var snippet = _index.Search("pårørende samtale").Hits.Single().SnippetHtml;
        Assert.StartsWith("…", snippet);
        Assert.EndsWith("…", snippet);
        Assert.Contains("<mark>pårørende</mark>", snippet); // Danish letters as UTF-8 text, not numeric entities
        Assert.DoesNotContain("&#", snippet);
        Assert.Contains("<mark>samtaler</mark>", snippet);
        var text = System.Net.WebUtility.HtmlDecode(snippet.Replace("<mark>", "").Replace("</mark>", "")).Trim('…');
        Assert.InRange(text.Length, 140, 240);
        string[] sentence = ["Her", "står", "noget", "om", "pårørende", "og", "deres", "samtaler", "med", "borgeren", "i", "hverdagen."];
        Assert.All(text.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            word => Assert.True(sentence.Contains(word) || System.Text.RegularExpressions.Regex.IsMatch(word, "^fyldord\\d$"), word));
        Assert.Matches("^…(fyldord\\d|Her)", snippet);
    }

    [Fact]
    public void Summary_wins_a_tie_and_title_only_matches_show_the_summary_lead()
    {
        _index.Index.Upsert(TestIndex.Doc("a", "Recovery", "Resumé om recovery.", "Brødtekst om recovery."));
        Assert.Equal("Resumé om <mark>recovery</mark>.", System.Net.WebUtility.HtmlDecode(_index.Search("recovery").Hits.Single().SnippetHtml));

        _index.Index.Upsert(TestIndex.Doc("a", "Recovery", "Et resumé uden ordet.", "Brødtekst uden ordet."));
        Assert.Equal("Et resumé uden ordet.", System.Net.WebUtility.HtmlDecode(_index.Search("recovery").Hits.Single().SnippetHtml));
    }

    [Fact]
    public void Body_window_with_more_distinct_terms_beats_the_summary()
    {
        _index.Index.Upsert(TestIndex.Doc("a", "Titel", "Kun recovery her.", "Både recovery og pårørende står her."));
        var snippet = System.Net.WebUtility.HtmlDecode(_index.Search("recovery pårørende").Hits.Single().SnippetHtml);
        Assert.Equal("Både <mark>recovery</mark> og <mark>pårørende</mark> står her.", snippet);
    }

    [Fact]
    public void A_heading_does_not_run_into_the_next_paragraph()
    {
        _index.Index.Upsert(TestIndex.Doc("x", "Titel", "", "Sådan bruges metoden\n\nMetoden bruges i samtaler med borgeren."));
        var snippet = _index.Search("metode").Hits.Single().SnippetHtml;
        Assert.Equal("Sådan bruges <mark>metoden</mark> · <mark>Metoden</mark> bruges i samtaler med borgeren.", snippet);
    }

    [Fact]
    public void Ascii_spelling_marks_the_danish_word()
    {
        _index.Index.Upsert(TestIndex.Doc("x", "Titel", "Samtaler med pårørende om en åben dialog."));
        var snippet = _index.Search("paaroerende aaben").Hits.Single().SnippetHtml;
        Assert.Equal("Samtaler med <mark>pårørende</mark> om en <mark>åben</mark> dialog.", snippet);
    }

    [Fact]
    public void Prefix_marks_the_words_it_matched_in_a_long_body()
    {
        // The body is long enough for a window, and is read back from its compressed stored value.
        var body = string.Join(' ', Enumerable.Repeat("Intet at se her.", 40)) + " Her står metoderne og en metodisk tilgang. " + string.Join(' ', Enumerable.Repeat("Slut.", 40));
        _index.Index.Upsert(TestIndex.Doc("x", "Titel", "Et resumé.", body));
        var snippet = System.Net.WebUtility.HtmlDecode(_index.Search("metod*").Hits.Single().SnippetHtml);
        Assert.Contains("<mark>metoderne</mark>", snippet);
        Assert.Contains("<mark>metodisk</mark>", snippet);
        Assert.StartsWith("…", snippet);
    }

    [Fact]
    public void A_word_with_an_invisible_hyphen_is_marked_whole()
    {
        // The index removes soft hyphens inside words; the snippet finds the word the same way.
        _index.Index.Upsert(TestIndex.Doc("x", "Titel", "Om pår\u00ADørende og andre."));
        Assert.Contains("<mark>pår\u00ADørende</mark>", _index.Search("pårørende").Hits.Single().SnippetHtml);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
