namespace Videnscenter.Search;

/// <summary>
/// Who may see an item, as an ordered level: a reader sees an item iff the item's level is at most the
/// reader's level. The same rule governs hits, totals, facet counts, snippets, suggestions and
/// autocomplete.
/// </summary>
public enum Audience
{
    /// <summary>Anyone.</summary>
    Offentlig = 0,

    /// <summary>Signed-in volunteers (and staff).</summary>
    Frivillig = 1,

    /// <summary>Staff only.</summary>
    Medarbejder = 2,
}
