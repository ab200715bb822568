using System.Text;
using Videnscenter.Search.Analysis;

namespace Videnscenter.Search.Tests.Analysis;

public class SnowballConformanceTests
{
    private const int ExpectedWordCount = 23_832;
    private const string RelativeDataDir = "shared/testdata/snowball-danish";

    /// <summary>
    /// Every word of the Snowball Danish vocabulary goes through the analyzer's stemming stage (the
    /// same lower-casing, override list and Lucene Snowball stemmer the index uses). The only allowed
    /// differences are the irregular inflections we deliberately map to one stem
    /// (<see cref="DanishAnalysis.IrregularInflections"/>, e.g. "kurser" → "kurs" like "kursus");
    /// each one found is named below, and any other difference fails.
    /// </summary>
    [Fact]
    public void StemmerMatchesSnowballDanishVocabulary()
    {
        var dir = FindDataDirectory();
        var words = File.ReadAllLines(Path.Combine(dir, "voc.txt"), Encoding.UTF8);
        var expected = File.ReadAllLines(Path.Combine(dir, "output.txt"), Encoding.UTF8);

        Assert.Equal(ExpectedWordCount, words.Length);
        Assert.Equal(ExpectedWordCount, expected.Length);

        var analysis = new DanishAnalysis(compoundParts: null);
        var mismatches = new List<string>();
        var overridden = new List<string>();
        var matched = 0;
        for (var i = 0; i < words.Length; i++)
        {
            var actual = analysis.Stem(words[i]);
            if (actual == expected[i])
            {
                matched++;
            }
            else if (DanishAnalysis.IrregularInflections.TryGetValue(words[i], out var stem) && stem == actual)
            {
                overridden.Add($"{words[i]} → {actual} (Snowball: {expected[i]})");
            }
            else
            {
                mismatches.Add($"line {i + 1}: {words[i]} → {actual} (expected {expected[i]})");
            }
        }

        Assert.True(
            mismatches.Count == 0,
            $"{matched}/{words.Length} stems match; first mismatches:{Environment.NewLine}"
                + string.Join(Environment.NewLine, mismatches.Take(25)));

        // The deliberate differences, by name: the irregular inflections of the override list that occur in the vocabulary.
        Assert.Equal(
            [
                "bøger → bog (Snowball: bøg)", "bøgerne → bog (Snowball: bøg)",
                "børn → barn (Snowball: børn)", "børnene → barn (Snowball: børn)", "børnenes → barn (Snowball: børn)", "børns → barn (Snowball: børn)",
                "mænd → mand (Snowball: mænd)", "mændene → mand (Snowball: mænd)",
            ],
            overridden.Order(StringComparer.Ordinal));
        Assert.Equal(ExpectedWordCount, matched + overridden.Count);
    }

    [Fact]
    public void TheLuceneSnowballStemmerAloneMatchesTheVocabularyExactly()
    {
        var dir = FindDataDirectory();
        var words = File.ReadAllLines(Path.Combine(dir, "voc.txt"), Encoding.UTF8);
        var expected = File.ReadAllLines(Path.Combine(dir, "output.txt"), Encoding.UTF8);
        var stemmer = new Lucene.Net.Tartarus.Snowball.Ext.DanishStemmer();
        var matched = 0;
        for (var i = 0; i < words.Length; i++)
        {
            stemmer.SetCurrent(words[i]);
            stemmer.Stem();
            matched += stemmer.Current == expected[i] ? 1 : 0;
        }

        Assert.Equal(ExpectedWordCount, matched);
    }

    /// <summary>
    /// The repository lives at &lt;root&gt;/main and the shared test data at &lt;root&gt;/shared, so walk up
    /// from the test binaries until an ancestor (or an ancestor's parent) holds the data.
    /// </summary>
    private static string FindDataDirectory()
    {
        var tried = new List<string>();
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[]
                     {
                         Path.Combine(dir.FullName, RelativeDataDir),
                         Path.Combine(dir.FullName, "..", RelativeDataDir),
                     })
            {
                if (File.Exists(Path.Combine(candidate, "voc.txt")))
                {
                    return Path.GetFullPath(candidate);
                }

                tried.Add(Path.GetFullPath(candidate));
            }
        }

        Assert.Fail(
            $"Snowball Danish test data not found: no '{RelativeDataDir}/voc.txt' next to or above "
            + $"'{AppContext.BaseDirectory}'. Expected the checkout at <root>/main and the data at "
            + $"<root>/{RelativeDataDir}. Looked in:{Environment.NewLine}"
            + string.Join(Environment.NewLine, tried.Distinct()));
        return null!; // unreachable
    }
}
