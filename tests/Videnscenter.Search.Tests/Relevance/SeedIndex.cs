using System.Reflection;

namespace Videnscenter.Search.Tests.Relevance;

/// <summary>
/// A <see cref="SearchIndex"/> of the seed content (or any documents) in a temporary folder, deleted
/// on dispose. The index path is a name inside that folder, so it works whether the engine keeps a
/// file or a directory there. The editors' seed synonyms are handed to the engine when it takes them.
/// </summary>
internal sealed class SeedIndex : IDisposable
{
    private readonly string _folder;

    public SeedIndex()
        : this(SeedDocuments.Load())
    {
    }

    public SeedIndex(IReadOnlyList<SearchDocument> documents)
    {
        _folder = Path.Combine(Path.GetTempPath(), "videnscenter-relevance", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        Documents = documents;
        Index = SearchIndex.Open(Path.Combine(_folder, "index"));
        Index.Rebuild(documents);
        SynonymsApplied = TryApplySynonyms(Index, [.. RelevanceSet.SeedSynonyms.Select(s => (IEnumerable<string>)[s.A, s.B])]);
    }

    public SearchIndex Index { get; }

    public IReadOnlyList<SearchDocument> Documents { get; }

    /// <summary>False when this engine has no query-time synonyms (the synonym class then shows the gap).</summary>
    public bool SynonymsApplied { get; }

    public void Dispose()
    {
        Index.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary folder.
        }
    }

    /// <summary>
    /// Sets the engine's query-time synonyms through its public API when it has one: a writable
    /// <c>Synonyms</c> property, or a one-argument method, whose type is built from groups of
    /// equivalent terms. Reflection, because the set must run unchanged on the engine before
    /// synonyms existed and on the one that has them (issue 8); once every engine has them, call
    /// the API directly.
    /// </summary>
    private static bool TryApplySynonyms(SearchIndex index, List<IEnumerable<string>> groups)
    {
        var property = typeof(SearchIndex).GetProperty("Synonyms", BindingFlags.Public | BindingFlags.Instance);
        if (property is { CanWrite: true } && GroupsConstructor(property.PropertyType) is { } propertyConstructor)
        {
            property.SetValue(index, propertyConstructor.Invoke([groups]));
            return true;
        }

        foreach (var method in typeof(SearchIndex).GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            var parameters = method.GetParameters();
            if (method.Name.Contains("Synonym", StringComparison.Ordinal) && parameters.Length == 1
                && GroupsConstructor(parameters[0].ParameterType) is { } constructor)
            {
                method.Invoke(index, [constructor.Invoke([groups])]);
                return true;
            }
        }

        return false;
    }

    private static ConstructorInfo? GroupsConstructor(Type type) =>
        type.GetConstructor([typeof(IEnumerable<IEnumerable<string>>)]);
}
