using System.Text;
using Videnscenter.Search.Analysis;

namespace Videnscenter.Search.Tests.Analysis;

public class SnowballConformanceTests
{
    private const int ExpectedWordCount = 23_832;
    private const string RelativeDataDir = "shared/testdata/snowball-danish";

    [Fact]
    public void StemmerMatchesSnowballDanishVocabulary()
    {
        string dir = FindDataDirectory();
        string[] words = File.ReadAllLines(Path.Combine(dir, "voc.txt"), Encoding.UTF8);
        string[] expected = File.ReadAllLines(Path.Combine(dir, "output.txt"), Encoding.UTF8);

        Assert.Equal(ExpectedWordCount, words.Length);
        Assert.Equal(ExpectedWordCount, expected.Length);

        var mismatches = new List<string>();
        int matched = 0;
        for (int i = 0; i < words.Length; i++)
        {
            string actual = DanishStemmer.Stem(words[i]);
            if (actual == expected[i])
            {
                matched++;
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
    }

    [Fact]
    public void StemReturnsSameInstanceWhenNothingIsRemoved()
    {
        string word = new("hus".AsSpan());
        Assert.Same(word, DanishStemmer.Stem(word));
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
            foreach (string candidate in new[]
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
