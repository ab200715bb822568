using Videnscenter.Search;

namespace Videnscenter.Search.Tests.Querying;

/// <summary>User text never reaches a query syntax (Lucene queries are built from parsed words): anything typed gives a normal result.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TestIndex _index = new();

    public HostileInputTests()
    {
        _index.Index.Upsert(
        [
            TestIndex.Doc("a", "Recovery og metode", "Om AND, OR og NOT i teksten.", "title: body: near metode"),
            TestIndex.Doc("b", "Pårørende", "Samtaler med pårørende.", "Pårørende og borgere."),
        ]);
    }

    public void Dispose() => _index.Dispose();

    public static TheoryData<string> Inputs() => new()
    {
        "",
        " ",
        "\t\r\n",
        "AND",
        "OR",
        "NOT",
        "metode AND pårørende",
        "metode OR pårørende",
        "metode NOT pårørende",
        "NEAR(metode pårørende, 2)",
        "NEAR metode",
        "\"",
        "\"\"",
        "\"\"\"",
        "\"metode",
        "metode\"",
        "\"metode \" pårørende\"",
        "(",
        ")",
        "((metode)",
        "metode)",
        "[metode]",
        "{metode}",
        "{title summary}: metode",
        "title:metode",
        "body: metode",
        "title : metode",
        "-title:metode",
        "*",
        "**",
        "metode*",
        "*metode",
        "me*tode",
        "-*",
        "-",
        "--metode",
        "- -",
        "^",
        "^metode",
        "metode^2",
        "+metode",
        "metode +",
        ":",
        ";",
        "'",
        "''",
        "metode'",
        "\\",
        "\\\"",
        "%",
        "_",
        "metode; DROP TABLE docs; --",
        "' OR 1=1 --",
        "\0",
        "metode\0pårørende",
        "\u0001\u0002\u0003\u001f",
        "\u007f",
        "\u00ad",
        "\u200b\u200c\u200d",
        "\ufeff",
        "😀",
        "metode 😀 pårørende",
        "👩‍👩‍👧‍👦",
        "\ud800",
        "\udc00metode",
        "metode\ud800",
        "\u0301",
        "a\u030a",
        "Ææ Øø Åå",
        "ǅ ß İ ı",
        "العربية",
        "中文",
        "ＭＥＴＯＤＥ",
        "١٢٣",
        "0",
        "-1",
        "1e308",
        "NaN",
        new string('a', 10_000),
        string.Join(' ', Enumerable.Repeat("metode", 2_000)),
        string.Join(" OR ", Enumerable.Repeat("\"metode\"", 1_000)),
        new string('"', 5_000),
        new string('(', 5_000),
        new string('*', 10_000),
        new string('-', 10_000),
        string.Concat(Enumerable.Repeat("😀", 5_000)),
        string.Concat(Enumerable.Range(0, 10_240).Select(i => (char)(i % 128))),
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Any_input_gives_a_normal_result(string input)
    {
        foreach (var reader in Enum.GetValues<Audience>())
        {
            var result = _index.Search(input, reader);
            Assert.NotNull(result);
            Assert.NotNull(result.Hits);
            Assert.NotNull(result.Facets);
            Assert.True(result.Total >= result.Hits.Count);
        }

        Assert.NotNull(_index.Index.Autocomplete(input, Audience.Offentlig));
    }

    [Fact]
    public void Operators_are_searched_as_words()
    {
        // "NOT" is not an operator: the document containing the word "not" is found.
        Assert.Contains("a", _index.Ids("NOT"));
        Assert.Contains("a", _index.Ids("near metode"));
        Assert.Equal(["a"], _index.Ids("title: metode"));
    }

    [Fact]
    public void Paging_and_reader_values_out_of_range_are_clamped()
    {
        var result = _index.Index.Search(new SearchRequest { Query = "metode", Page = -5, PageSize = 100_000, Reader = (Audience)42 });
        Assert.Equal(1, result.Page);
        Assert.Equal(100, result.PageSize);

        var deep = _index.Index.Search(new SearchRequest { Query = "metode", Page = int.MaxValue, PageSize = 0 });
        Assert.Empty(deep.Hits);
        Assert.Equal(1, deep.PageSize);
    }
}
