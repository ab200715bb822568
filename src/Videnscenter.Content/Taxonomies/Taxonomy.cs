namespace Videnscenter.Content.Taxonomies;

/// <summary>A named list of terms (departments, recovery values, principles, target groups …).</summary>
public sealed record Taxonomy
{
    public required string Name { get; init; }
    public required string DisplayName { get; init; }
    public IReadOnlyList<TaxonomyTerm> Terms { get; init; } = [];

    public TaxonomyTerm? Term(string key) =>
        Terms.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase));

    public string LabelOf(string key) => Term(key)?.Label ?? key;
}

public sealed record TaxonomyTerm
{
    public required string Key { get; init; }
    public required string Label { get; init; }
    public string Description { get; init; } = "";
}

/// <summary>Well-known taxonomy names the platform itself relies on.</summary>
public static class TaxonomyNames
{
    public const string Departments = "afdelinger";
}
