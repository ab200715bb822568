using Videnscenter.Search;

namespace Videnscenter.Search.Tests.Querying;

public sealed class AutocompleteTests : IDisposable
{
    private readonly TestIndex _index = new();

    public AutocompleteTests()
    {
        _index.Index.Upsert(
        [
            TestIndex.Doc("a", "Mestringsvejledning for borgere", "Mestring i hverdagen.", "Mestring, mestring og mestringsgrupper."),
            TestIndex.Doc("b", "Mestring af angst", "Angst og mestring."),
            TestIndex.Doc("c", "Metoder", "Metode til recovery."),
        ]);
    }

    public void Dispose() => _index.Dispose();

    [Fact]
    public void Titles_come_first_then_frequent_words()
    {
        var completions = _index.Index.Autocomplete("mest", Audience.Offentlig);
        Assert.Equal("Mestring af angst", completions[0]);
        Assert.Equal("Mestringsvejledning for borgere", completions[1]);
        Assert.Equal("mestring", completions[2]);
        Assert.Contains("mestringsgrupper", completions);
        Assert.Equal(completions.Count, completions.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Completes_the_last_word_of_a_phrase_and_respects_max()
    {
        var completions = _index.Index.Autocomplete("angst og mest", Audience.Offentlig, max: 2);
        Assert.Equal(2, completions.Count);
        Assert.All(completions, c => Assert.StartsWith("angst og mest", c));
    }

    [Fact]
    public void Empty_prefix_gives_nothing()
    {
        Assert.Empty(_index.Index.Autocomplete("", Audience.Offentlig));
        Assert.Empty(_index.Index.Autocomplete("   ", Audience.Offentlig));
        Assert.Empty(_index.Index.Autocomplete("mest", Audience.Offentlig, max: 0));
    }
}
