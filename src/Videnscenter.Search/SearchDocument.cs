namespace Videnscenter.Search;

/// <summary>One searchable unit: a content item, or one slide of a slide deck.</summary>
public sealed record SearchDocument
{
    /// <summary>Unique key, e.g. the item id, or "guid#slide-3" for one slide of a deck.</summary>
    public required string Id { get; init; }

    /// <summary>Content type name, e.g. "Method". Also the "type" facet.</summary>
    public required string Type { get; init; }

    /// <summary>Title (plain text); weighted highest.</summary>
    public required string Title { get; init; }

    /// <summary>Summary (plain text); weighted above the body.</summary>
    public string Summary { get; init; } = "";

    /// <summary>Body as plain text (Markdown already stripped by the caller).</summary>
    public string Body { get; init; } = "";

    /// <summary>Where a hit links to.</summary>
    public required string Url { get; init; }

    /// <summary>Lowest reader level that may see this document.</summary>
    public Audience Audience { get; init; }

    /// <summary>Departments; the "department" facet.</summary>
    public IReadOnlyList<string> Departments { get; init; } = [];

    /// <summary>Tags: searchable (with the summary's weight) and the "tag" facet.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>
    /// Words that describe the item without being part of its text, e.g. the label of a yes/no field
    /// that is on ("Peer-medarbejder"): searchable with the summary's weight, neither shown in
    /// snippets nor counted as a facet.
    /// </summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Extra facets: name → values, e.g. "recoveryValue", "principle", "targetGroup", "semester".</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Facets { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Per-type boost from the content definition; multiplies the text score.</summary>
    public double Boost { get; init; } = 1.0;

    /// <summary>Start of an event or course: upcoming ones rank before past ones.</summary>
    public DateTime? StartsUtc { get; init; }

    /// <summary>Last change of the source item.</summary>
    public DateTime UpdatedUtc { get; init; }
}
