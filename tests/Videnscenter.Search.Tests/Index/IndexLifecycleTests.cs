using Microsoft.Data.Sqlite;
using Videnscenter.Search;

namespace Videnscenter.Search.Tests.Index;

public sealed class IndexLifecycleTests : IDisposable
{
    private readonly TestIndex _index = new();

    public void Dispose() => _index.Dispose();

    [Fact]
    public void A_new_file_needs_a_rebuild_and_an_existing_one_does_not()
    {
        Assert.True(_index.Index.NeedsRebuild);
        Assert.Equal(0, _index.Index.Count);
        _index.Index.Rebuild([TestIndex.Doc("a", "Metode")]);
        Assert.False(_index.Index.NeedsRebuild);

        _index.Reopen();
        Assert.False(_index.Index.NeedsRebuild);
        Assert.Equal(1, _index.Index.Count);
        Assert.Equal(["a"], _index.Ids("metode"));
    }

    [Fact]
    public void Analyzer_version_mismatch_recreates_the_index_empty()
    {
        _index.Index.Rebuild([TestIndex.Doc("a", "Metode")]);
        _index.Close();
        using (var connection = new SqliteConnection($"Data Source={_index.FilePath};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "UPDATE meta SET value = '-1' WHERE key = 'analyzer_version'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        _index.Reopen();
        Assert.True(_index.Index.NeedsRebuild);
        Assert.Equal(0, _index.Index.Count);
        Assert.Empty(_index.Ids("metode"));

        _index.Index.Upsert(TestIndex.Doc("b", "Metode igen"));
        Assert.Equal(["b"], _index.Ids("metode"));
    }

    [Fact]
    public void Garbage_file_is_recreated_as_a_working_empty_index()
    {
        _index.Index.Rebuild([TestIndex.Doc("a", "Metode")]);
        _index.Close();
        byte[] garbage = new byte[64 * 1024];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(_index.FilePath, garbage);

        _index.Reopen();
        Assert.True(_index.Index.NeedsRebuild);
        Assert.Equal(0, _index.Index.Count);
        Assert.Equal(0, _index.Search("metode").Total);

        _index.Index.Upsert(TestIndex.Doc("b", "Metode"));
        Assert.Equal(["b"], _index.Ids("metode"));
        _index.Index.Rebuild([TestIndex.Doc("c", "Metode")]);
        Assert.False(_index.Index.NeedsRebuild);
        Assert.Equal(["c"], _index.Ids("metode"));
    }

    [Fact]
    public void Truncated_and_empty_files_are_recreated()
    {
        _index.Index.Rebuild([TestIndex.Doc("a", "Metode", body: string.Join(' ', Enumerable.Repeat("tekst", 5000)))]);
        _index.Close();
        byte[] bytes = File.ReadAllBytes(_index.FilePath);
        File.WriteAllBytes(_index.FilePath, bytes[..(bytes.Length / 3)]);
        _index.Reopen();
        Assert.True(_index.Index.NeedsRebuild);
        Assert.Equal(0, _index.Search("metode").Total);

        _index.Close();
        File.WriteAllBytes(_index.FilePath, []);
        _index.Reopen();
        Assert.True(_index.Index.NeedsRebuild);
        _index.Index.Upsert(TestIndex.Doc("b", "Metode"));
        Assert.Equal(["b"], _index.Ids("metode"));
    }

    [Fact]
    public void Upsert_replaces_and_delete_removes()
    {
        _index.Index.Upsert(TestIndex.Doc("a", "Metode om kost"));
        _index.Index.Upsert(TestIndex.Doc("a", "Metode om motion"));
        Assert.Equal(1, _index.Index.Count);
        Assert.Empty(_index.Ids("kost"));
        Assert.Equal(["a"], _index.Ids("motion"));
        Assert.Empty(_index.Index.Autocomplete("kos", Audience.Medarbejder));

        _index.Index.Delete("a");
        _index.Index.Delete("does-not-exist");
        Assert.Equal(0, _index.Index.Count);
        Assert.Empty(_index.Ids("motion"));
        Assert.Empty(_index.Index.Autocomplete("mo", Audience.Medarbejder));
    }

    [Fact]
    public void Delete_by_prefix_removes_all_slides_of_a_deck()
    {
        _index.Index.Upsert(
        [
            TestIndex.Doc("deck#slide-1", "Recovery slide et"),
            TestIndex.Doc("deck#slide-2", "Recovery slide to"),
            TestIndex.Doc("deck2#slide-1", "Recovery andet dæk"),
            TestIndex.Doc("deck", "Recovery dækket"),
        ]);
        _index.Index.DeleteByPrefix("deck#");
        Assert.Equal(["deck", "deck2#slide-1"], _index.Ids("recovery").Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void A_failing_batch_changes_nothing()
    {
        _index.Index.Upsert(TestIndex.Doc("a", "Metode"));
        IEnumerable<SearchDocument> Batch()
        {
            yield return TestIndex.Doc("b", "Metode to");
            throw new InvalidOperationException("content store failed");
        }

        Assert.Throws<InvalidOperationException>(() => _index.Index.Upsert(Batch()));
        Assert.Throws<ArgumentOutOfRangeException>(() => _index.Index.Upsert(TestIndex.Doc("c", "Metode", boost: double.NaN)));
        Assert.Equal(["a"], _index.Ids("metode"));

        Assert.Throws<InvalidOperationException>(() => _index.Index.Rebuild(Batch()));
        Assert.Equal(["a"], _index.Ids("metode"));
        Assert.Empty(Directory.GetFiles(_index.Directory, "*.rebuild-*"));
    }

    [Fact]
    public void Large_batches_are_indexed_in_input_order_with_the_last_version_winning()
    {
        var documents = Enumerable.Range(0, 1000)
            .Select(i => TestIndex.Doc("d" + (i % 600), "Dokument " + i, body: i >= 600 ? "senere version" : "første version"))
            .ToList();
        _index.Index.Upsert(documents);
        Assert.Equal(600, _index.Index.Count);
        Assert.Equal(400, _index.Search("senere").Total);
        Assert.Equal(200, _index.Search("første").Total);
    }

    [Fact]
    public async Task Searches_run_concurrently_with_writes()
    {
        _index.Index.Rebuild(Enumerable.Range(0, 200).Select(i => TestIndex.Doc("d" + i, "Recovery " + i, "Metode og pårørende", "Tekst " + i)));
        var errors = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        using var stop = new CancellationTokenSource();
        Task[] readers = [.. Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    SearchResult result = _index.Search("recovery metode", Audience.Offentlig);
                    Assert.True(result.Total >= 200);
                    _index.Index.Autocomplete("rec", Audience.Offentlig);
                }
                catch (Exception exception)
                {
                    errors.Add(exception);
                }
            }
        }))];

        for (int round = 0; round < 20; round++)
        {
            _index.Index.Upsert(Enumerable.Range(0, 20).Select(i => TestIndex.Doc("d" + ((round * 7) + i), "Recovery opdateret " + round, "Metode og pårørende")));
            _index.Index.Upsert(TestIndex.Doc("x" + round, "Recovery ny", "Metode"));
        }

        _index.Index.Rebuild(Enumerable.Range(0, 220).Select(i => TestIndex.Doc("d" + i, "Recovery " + i, "Metode og pårørende")));
        stop.Cancel();
        await Task.WhenAll(readers);
        Assert.Empty(errors);
        Assert.Equal(220, _index.Search("recovery metode").Total);
    }
}
