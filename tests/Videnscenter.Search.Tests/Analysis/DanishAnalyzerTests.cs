using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Videnscenter.Search.Analysis;

namespace Videnscenter.Search.Tests.Analysis;

/// <summary>The Lucene analyzer chain of the index, token by token.</summary>
public class DanishAnalyzerTests
{
    private static readonly DanishAnalysis Analysis = new(compoundParts: null);

    /// <summary>A token: its term, absolute position (stop words leave gaps) and the text it covers.</summary>
    internal sealed record Token(string Term, int Position, int Start, int End);

    internal static List<Token> Analyze(string text, DanishAnalysis? analysis = null)
    {
        var tokens = new List<Token>();
        using var stream = (analysis ?? Analysis).IndexAnalyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new Token(term.ToString(), position, offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return tokens;
    }

    private static string[] Terms(string text) => [.. Analyze(text).Select(t => t.Term)];

    private static string Stem(string word) => Analysis.Stem(word);

    [Fact]
    public void KeepsDanishLettersAndAddsTheirAsciiSpellings()
    {
        Assert.Equal("pårør", Stem("Pårørende"));
        Assert.Equal(["pårør", Stem("paaroerende"), Stem("paarorende")], Terms("Pårørende"));
        Assert.Contains("café", Terms("café"));
        Assert.Contains(Stem("ørred"), Terms("ØRRED"));
    }

    [Fact]
    public void FoldsCase()
    {
        Assert.Equal(Terms("recovery"), Terms("RECOVERY"));
        Assert.Equal(Terms("ærlighed"), Terms("ÆRLIGHED"));
    }

    [Fact]
    public void AsciiSpellingsMeetTheDanishSpellingInTheIndex()
    {
        // What a reader types without Danish letters stems to a term the Danish word was also indexed under.
        Assert.Contains(Stem("paaroerende"), Terms("pårørende"));
        Assert.Contains(Stem("paarorende"), Terms("pårørende"));
        Assert.Contains(Stem("aaben"), Terms("åben"));
        Assert.Contains(Stem("aabent"), Terms("åbent"));
        Assert.Contains(Stem("boern"), Terms("børn").Concat(Terms("boern")));
    }

    [Fact]
    public void RemovesStopWordsButKeepsTheirPositions()
    {
        var tokens = Analyze("Hun har været på et kursus i recovery");

        Assert.Equal(["kurs", "recovery"], tokens.Select(t => t.Term));
        Assert.Equal([5, 7], tokens.Select(t => t.Position));
        Assert.Empty(Analyze("og i at det"));
    }

    [Fact]
    public void StopWordListIsTheSnowballDanishList()
    {
        Assert.Equal(94, DanishAnalysis.StopWords.Count);
        Assert.True(DanishAnalysis.IsStopWord("også"));
        Assert.True(DanishAnalysis.IsStopWord("sådan"));
        Assert.False(DanishAnalysis.IsStopWord("recovery"));
    }

    [Fact]
    public void SplitsAndJoinsHyphenatedWords()
    {
        var tokens = Analyze("en recovery-orienteret tilgang");
        string[] terms = [.. tokens.Select(t => t.Term)];

        Assert.Contains(Stem("recoveryorienteret"), terms);
        Assert.Contains(Stem("recovery"), terms);
        Assert.Contains(Stem("orienteret"), terms);
        Assert.Equal(tokens.Single(t => t.Term == Stem("recovery")).Position + 1, tokens.Single(t => t.Term == Stem("orienteret")).Position);
        Assert.Equal(tokens.Single(t => t.Term == Stem("orienteret")).Position + 1, tokens.Single(t => t.Term == Stem("tilgang")).Position);
    }

    [Fact]
    public void HyphenatedTokensPointAtTheirSurfaceText()
    {
        const string text = "Et Recovery-orienteret forløb";
        var tokens = Analyze(text);

        Assert.Equal(
            ["Recovery", "Recovery-orienteret", "forløb", "orienteret"],
            tokens.Select(t => text[t.Start..t.End]).Distinct().Order(StringComparer.Ordinal));
        Assert.All(tokens, t => Assert.InRange(t.End, t.Start + 1, text.Length));
    }

    [Fact]
    public void HyphenatedStopWordPartsKeepTheirPosition()
    {
        var tokens = Analyze("ikke-vestlige borgere");

        Assert.Contains(tokens, t => t.Term == Stem("ikkevestlige"));
        Assert.DoesNotContain(tokens, t => t.Term == "ikk" || t.Term == "ikke");
        Assert.Equal(1, tokens.Single(t => t.Term == Stem("vestlige")).Position);
        Assert.Equal(2, tokens.Single(t => t.Term == Stem("borgere")).Position);
    }

    [Fact]
    public void DashesAndSpacedHyphensOnlySeparate()
    {
        Assert.Equal(["1990", "2000"], Terms("1990–2000"));
        Assert.Equal([Stem("recovery"), Stem("skolen")], Terms("recovery - skolen"));
    }

    [Fact]
    public void OffsetsMapBackToTheOriginalText()
    {
        const string text = "Recovery-skolen i Randers";
        var tokens = Analyze(text);

        var randers = Assert.Single(tokens, t => t.Term == Stem("randers"));
        Assert.Equal("Randers", text[randers.Start..randers.End]);
        Assert.Equal(3, randers.Position);
        Assert.Contains(tokens, t => text[t.Start..t.End] == "Recovery-skolen" && t.Term == Stem("recoveryskolen"));
    }

    [Fact]
    public void InflectionsConverge()
    {
        Assert.Equal(Stem("metode"), Stem("metoderne"));
        Assert.Equal(Stem("pårørende"), Stem("pårørendes"));
        Assert.Equal(Terms("Metoderne"), Terms("metode"));
        Assert.Equal(Terms("Pårørendes"), Terms("pårørende"));
    }

    /// <summary>Irregular inflections the Snowball stemmer does not bring together, made equal by the override list.</summary>
    [Theory]
    [InlineData("kursus", "kurser", "kurset", "kurserne", "kursets", "kursernes")]
    [InlineData("barn", "børn", "barnet", "børnene")]
    [InlineData("mand", "mænd", "manden", "mændene")]
    [InlineData("bog", "bøger", "bogen", "bøgerne")]
    public void IrregularInflectionsAreEquivalent(params string[] forms)
    {
        string[] stems = [.. forms.Select(Stem)];
        Assert.All(stems, stem => Assert.Equal(stems[0], stem));
        Assert.All(forms, form => Assert.Contains(stems[0], Terms(form)));
    }

    [Fact]
    public void KeepsDigits()
    {
        Assert.Equal(["85"], Terms("§ 85"));
        Assert.Equal(["covid19", "covid", "19"], Terms("COVID-19").OrderByDescending(t => t.Length).ThenBy(t => t, StringComparer.Ordinal));
    }

    [Fact]
    public void ApostropheInsideAWordDoesNotSplitIt()
    {
        const string text = "SIND's rådgivning";
        var tokens = Analyze(text);

        Assert.Equal(Stem("sind"), tokens[0].Term);
        Assert.Equal(0, tokens[0].Position);
        Assert.Contains(tokens, t => t.Term == Stem("rådgivning") && t.Position == 1);
        Assert.Equal(["citat"], Terms("'citat'"));
    }

    [Fact]
    public void DecomposedLettersEqualPrecomposedOnes()
    {
        const string decomposed = "Pa\u030Arørende";
        Assert.Equal(Terms("pårørende"), Terms(decomposed));
        var token = Analyze(decomposed)[0];
        Assert.Equal(decomposed.Length, token.End - token.Start);
    }

    [Fact]
    public void SoftHyphenDoesNotSplitAWord() => Assert.Equal(Terms("pårørende"), Terms("pårø\u00ADrende"));

    [Fact]
    public void OverlongWordsAreDroppedButKeepTheirPosition()
    {
        string junk = new('x', DanishAnalysis.MaxTokenLength + 1);
        var token = Assert.Single(Analyze($"{junk} recovery"));
        Assert.Equal(1, token.Position);
    }

    [Fact]
    public void CuratedCompoundPartsAreIndexedInsideCompounds()
    {
        var withParts = new DanishAnalysis(["plan", "psykiatri"]);
        string[] terms = [.. Analyze("Psykiatriplanen", withParts).Select(t => t.Term)];
        Assert.Contains(Stem("psykiatriplanen"), terms);
        Assert.Contains(Stem("plan"), terms);
        Assert.Contains(Stem("psykiatri"), terms);
        Assert.NotEqual(Analysis.AnalyzerVersion, withParts.AnalyzerVersion);
    }
}
