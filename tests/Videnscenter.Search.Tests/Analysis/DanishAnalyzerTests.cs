using Videnscenter.Search.Analysis;

namespace Videnscenter.Search.Tests.Analysis;

public class DanishAnalyzerTests
{
    private static readonly DanishAnalyzer Analyzer = DanishAnalyzer.Instance;

    private static string[] Terms(string text) => Analyzer.Analyze(text).Select(t => t.Term).ToArray();

    [Fact]
    public void KeepsDanishLetters()
    {
        AnalyzedToken token = Assert.Single(Analyzer.Analyze("Pårørende"));
        Assert.Equal(DanishStemmer.Stem("pårørende"), token.Term);
        Assert.Equal("pårør", token.Term);
        Assert.Equal(["blåbærgrød", "ørred", "café"], Terms("blåbærgrød ØRRED café"));
    }

    [Fact]
    public void FoldsCase()
    {
        Assert.Equal(Terms("recovery"), Terms("RECOVERY"));
        Assert.Equal(Terms("ærlighed"), Terms("ÆRLIGHED"));
        Assert.Equal("åbenhed", Analyzer.Fold("ÅbenHed"));
        string lower = new("allerede".AsSpan());
        Assert.Same(lower, Analyzer.Fold(lower));
    }

    [Fact]
    public void KeepsAaSpellingAsWritten()
    {
        Assert.Equal(["aabenbaring"], Terms("Aabenbaringen"));
    }

    [Fact]
    public void RemovesStopWordsButKeepsTheirPositions()
    {
        List<AnalyzedToken> tokens = Analyzer.Analyze("Hun har været på et kursus i recovery");

        Assert.Equal(["kursus", "recovery"], tokens.Select(t => t.Term));
        Assert.Equal([5, 7], tokens.Select(t => t.Position));
        Assert.Empty(Analyzer.Analyze("og i at det"));
    }

    [Fact]
    public void StopWordListIsTheSnowballDanishList()
    {
        Assert.Equal(94, DanishStopWords.Words.Count);
        Assert.True(DanishStopWords.Contains("også"));
        Assert.True(DanishStopWords.IsStopWord("sådan"));
        Assert.False(DanishStopWords.Contains("recovery"));
        Assert.False(DanishStopWords.Contains("Og")); // callers fold first
    }

    [Fact]
    public void SplitsAndJoinsHyphenatedWords()
    {
        List<AnalyzedToken> tokens = Analyzer.Analyze("en recovery-orienteret tilgang");

        Assert.Equal(
            [
                (StemOf("recoveryorienteret"), 1, 2),
                (StemOf("recovery"), 1, 1),
                (StemOf("orienteret"), 2, 1),
                (StemOf("tilgang"), 3, 1),
            ],
            tokens.Select(t => (t.Term, t.Position, t.PositionLength)));
        Assert.True(tokens[0].IsCompoundJoin);
        Assert.False(tokens[1].IsCompoundJoin);
    }

    [Fact]
    public void HyphenatedTokensPointAtTheirSurfaceText()
    {
        const string text = "Et Recovery-orienteret forløb";
        List<AnalyzedToken> tokens = Analyzer.Analyze(text);

        Assert.Equal(
            ["Recovery-orienteret", "Recovery", "orienteret", "forløb"],
            tokens.Select(t => text.Substring(t.Start, t.Length)));
    }

    [Fact]
    public void HyphenatedStopWordPartsKeepTheirPosition()
    {
        List<AnalyzedToken> tokens = Analyzer.Analyze("ikke-vestlige borgere");

        Assert.Equal(
            [(StemOf("ikkevestlige"), 0), (StemOf("vestlige"), 1), (StemOf("borgere"), 2)],
            tokens.Select(t => (t.Term, t.Position)));
    }

    [Fact]
    public void DashesAndSpacedHyphensOnlySeparate()
    {
        Assert.Equal(["1990", "2000"], Terms("1990–2000"));
        Assert.Equal([StemOf("recovery"), StemOf("skolen")], Terms("recovery - skolen"));
    }

    [Fact]
    public void OffsetsMapBackToTheOriginalText()
    {
        const string text = "Recovery-skolen i Randers";
        List<AnalyzedToken> tokens = Analyzer.Analyze(text);

        AnalyzedToken randers = Assert.Single(tokens, t => t.Term == StemOf("randers"));
        Assert.Equal("Randers", text.Substring(randers.Start, randers.Length));
        Assert.Equal(3, randers.Position);

        foreach (AnalyzedToken token in tokens)
        {
            Assert.Equal(token.Term, Analyzer.StemWord(text.Substring(token.Start, token.Length).Replace("-", "")));
        }
    }

    [Fact]
    public void InflectionsConverge()
    {
        Assert.Equal(Analyzer.StemWord("metode"), Analyzer.StemWord("metoderne"));
        Assert.Equal(Analyzer.StemWord("pårørende"), Analyzer.StemWord("pårørendes"));
        Assert.Equal(Terms("Metoderne"), Terms("metode"));
        Assert.Equal(Terms("Pårørendes"), Terms("pårørende"));
    }

    [Fact]
    public void KeepsDigits()
    {
        Assert.Equal(["85"], Terms("§ 85"));
        Assert.Equal(["covid19", "covid", "19"], Terms("COVID-19"));
    }

    [Fact]
    public void ApostropheInsideAWordDoesNotSplitIt()
    {
        const string text = "SIND's rådgivning";
        List<AnalyzedToken> tokens = Analyzer.Analyze(text);

        Assert.Equal([StemOf("sind"), StemOf("rådgivning")], tokens.Select(t => t.Term));
        Assert.Equal("SIND's", text.Substring(tokens[0].Start, tokens[0].Length));
        Assert.Equal([0, 1], tokens.Select(t => t.Position));
        Assert.Equal(["citat"], Terms("'citat'"));
    }

    [Fact]
    public void DecomposedLettersEqualPrecomposedOnes()
    {
        const string decomposed = "Pa\u030Arørende";
        AnalyzedToken token = Assert.Single(Analyzer.Analyze(decomposed));
        Assert.Equal(StemOf("pårørende"), token.Term);
        Assert.Equal(decomposed.Length, token.Length);
    }

    [Fact]
    public void SoftHyphenDoesNotSplitAWord()
    {
        Assert.Equal([StemOf("pårørende")], Terms("pårø\u00ADrende"));
    }

    [Fact]
    public void OverlongWordsAreDroppedButKeepTheirPosition()
    {
        string junk = new('x', DanishAnalyzer.MaxTokenLength + 1);
        List<AnalyzedToken> tokens = Analyzer.Analyze($"{junk} recovery");

        AnalyzedToken token = Assert.Single(tokens);
        Assert.Equal(1, token.Position);
    }

    [Fact]
    public void AnalyzeToStringJoinsTermsWithSingleSpaces()
    {
        Assert.Equal("recovery kurs", Analyzer.AnalyzeToString("  Recovery, og kurser!  "));
        Assert.Equal(string.Empty, Analyzer.AnalyzeToString("og i at"));
        Assert.Equal(string.Empty, Analyzer.AnalyzeToString(""));
    }

    [Fact]
    public void AnalyzeAppendsAndContinuesPositions()
    {
        var into = new List<AnalyzedToken>();
        int next = Analyzer.Analyze("Recovery og", into, 0);
        Assert.Equal(2, next);
        next = Analyzer.Analyze("mestring", into, next + 10);
        Assert.Equal(13, next);
        Assert.Equal([0, 12], into.Select(t => t.Position));

        var other = new List<AnalyzedToken>();
        Analyzer.Analyze("Recovery og", other);
        Assert.Equal(into[0], other[0]);
    }

    [Fact]
    public void CacheDoesNotChangeResults()
    {
        const string text = "Pårørende til mennesker med psykiske lidelser, pårørendes netværk og recovery-orienterede metoder";
        var uncached = new DanishAnalyzer(stemCacheSize: 0);
        var tiny = new DanishAnalyzer(stemCacheSize: 2);

        List<AnalyzedToken> expected = uncached.Analyze(text);
        Assert.Equal(expected, Analyzer.Analyze(text));
        Assert.Equal(expected, Analyzer.Analyze(text));
        Assert.Equal(expected, tiny.Analyze(text));
        Assert.Equal(expected, tiny.Analyze(text));
    }

    private static string StemOf(string lowerCaseWord) => DanishStemmer.Stem(lowerCaseWord);
}
