namespace Videnscenter.Search;

/// <summary>A search as the reader typed it, plus the reader's access level and filters.</summary>
public sealed record SearchRequest
{
    /// <summary>The user's text: words (all required), "phrases", -exclusions and prefix*.</summary>
    public string Query { get; init; } = "";

    /// <summary>The reader's access level; only documents with Audience &lt;= Reader are considered.</summary>
    public Audience Reader { get; init; }

    /// <summary>Only this content type (the "type" facet value), when set.</summary>
    public string? Type { get; init; }

    /// <summary>Only this department (the "department" facet value), when set.</summary>
    public string? Department { get; init; }

    /// <summary>Facet name → required value (every pair must hold), e.g. "semester" → "Forår 2025".</summary>
    public IReadOnlyDictionary<string, string>? FacetFilters { get; init; }

    /// <summary>1-based page number.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Hits per page (clamped to 1..100).</summary>
    public int PageSize { get; init; } = 10;

    /// <summary>"Now" for upcoming-versus-past ranking; DateTime.UtcNow when null.</summary>
    public DateTime? NowUtc { get; init; }
}
