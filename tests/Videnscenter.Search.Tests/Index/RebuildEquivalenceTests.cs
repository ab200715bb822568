using Videnscenter.Search;

namespace Videnscenter.Search.Tests.Index;

/// <summary>A full rebuild and the same content reached by incremental updates answer identically.</summary>
public sealed class RebuildEquivalenceTests
{
    private static readonly string[] Words =
    [
        "recovery", "metode", "metoderne", "borger", "borgerens", "pårørende", "pårørendes", "samtale", "samtaler",
        "mestring", "mestringsvejledning", "recoveryskolen", "recovery-skolen", "kursus", "kurser", "gruppe", "angst",
        "håb", "netværk", "peer", "støtte", "hverdag", "og", "i", "at", "med", "for", "en", "det",
    ];

    private static readonly string[] Queries =
    [
        "recovery", "metoderne", "pårørendes", "recoveryskolen", "mestringsvejlednig", "borger samtale",
        "\"recovery skolen\"", "mestring -angst", "kurs*", "håb netværk peer støtte", "angst pårørende",
    ];

    [Fact]
    public void Rebuild_gives_the_same_hits_as_incremental_updates()
    {
        var random = new Random(1234);
        var current = new Dictionary<string, SearchDocument>(StringComparer.Ordinal);
        using var incremental = new TestIndex();

        // Batches of inserts and updates, single upserts, deletes and a deck removed by prefix.
        for (var round = 0; round < 6; round++)
        {
            var batch = new List<SearchDocument>();
            for (var i = 0; i < 60; i++)
            {
                var id = (random.Next(4) == 0 ? "deck#slide-" : "doc-") + random.Next(150);
                batch.Add(RandomDocument(id, random));
            }

            incremental.Index.Upsert(batch);
            foreach (var document in batch)
            {
                current[document.Id] = document;
            }

            var single = RandomDocument("doc-" + random.Next(150), random);
            incremental.Index.Upsert(single);
            current[single.Id] = single;

            foreach (var id in current.Keys.Where(_ => random.Next(12) == 0).ToList())
            {
                incremental.Index.Delete(id);
                current.Remove(id);
            }
        }

        incremental.Index.DeleteByPrefix("deck#");
        foreach (var id in current.Keys.Where(k => k.StartsWith("deck#", StringComparison.Ordinal)).ToList())
        {
            current.Remove(id);
        }

        using var rebuilt = new TestIndex();
        rebuilt.Index.Rebuild(current.Values.OrderBy(d => d.Id, StringComparer.Ordinal).Reverse());

        Assert.Equal(current.Count, incremental.Index.Count);
        Assert.Equal(current.Count, rebuilt.Index.Count);

        // Before deleted documents are merged away, Lucene's term statistics still count them, so
        // scores may differ slightly: the same documents match, with the same totals and facets.
        foreach (var query in Queries)
        {
            foreach (var reader in Enum.GetValues<Audience>())
            {
                var a = incremental.Search(query, reader, 1, pageSize: 100);
                var b = rebuilt.Search(query, reader, 1, pageSize: 100);
                var context = $"{query} as {reader}, before merging";
                Assert.True(a.Total == b.Total, context);
                Assert.Equal(a.Hits.Select(h => h.Id).Order(StringComparer.Ordinal), b.Hits.Select(h => h.Id).Order(StringComparer.Ordinal));
                Assert.Equal(Flatten(a), Flatten(b));
                Assert.Equal(a.RelaxedToAnyWord, b.RelaxedToAnyWord);
            }
        }

        // Merged, the incremental index answers exactly like the rebuilt one: order, scores, snippets.
        incremental.Index.MergeDeletes();
        foreach (var query in Queries)
        {
            foreach (var reader in Enum.GetValues<Audience>())
            {
                for (var page = 1; page <= 2; page++)
                {
                    var a = incremental.Search(query, reader, page, pageSize: 15);
                    var b = rebuilt.Search(query, reader, page, pageSize: 15);
                    var context = $"{query} as {reader}, page {page}";
                    Assert.True(a.Total == b.Total, context);
                    Assert.True(a.Total > 0 || query.Contains('-'), context);
                    Assert.Equal(a.Hits.Select(h => h.Id), b.Hits.Select(h => h.Id));
                    Assert.Equal(a.Hits.Select(h => h.Score), b.Hits.Select(h => h.Score));
                    Assert.Equal(a.Hits.Select(h => h.SnippetHtml), b.Hits.Select(h => h.SnippetHtml));
                    Assert.Equal(a.DidYouMean, b.DidYouMean);
                    Assert.Equal(a.RelaxedToAnyWord, b.RelaxedToAnyWord);
                    Assert.Equal(Flatten(a), Flatten(b));
                }
            }

            Assert.Equal(incremental.Index.Autocomplete(query[..Math.Min(3, query.Length)], Audience.Offentlig),
                rebuilt.Index.Autocomplete(query[..Math.Min(3, query.Length)], Audience.Offentlig));
        }
    }

    private static string[] Flatten(SearchResult result) =>
        [.. result.Facets.OrderBy(f => f.Key, StringComparer.Ordinal).SelectMany(f => f.Value.Select(v => $"{f.Key}={v.Value}:{v.Count}"))];

    private static SearchDocument RandomDocument(string id, Random random)
    {
        string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));
        return TestIndex.Doc(
            id,
            Text(2 + random.Next(4)),
            Text(5 + random.Next(10)),
            Text(random.Next(60)),
            (Audience)random.Next(3),
            type: random.Next(2) == 0 ? "Method" : "Course",
            departments: [random.Next(2) == 0 ? "Nord" : "Syd"],
            tags: random.Next(3) == 0 ? ["peer"] : [],
            boost: random.Next(3) == 0 ? 1.5 : 1.0,
            starts: random.Next(3) == 0 ? TestIndex.Now.AddDays(random.Next(-30, 30)) : null);
    }
}
