using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;

namespace Videnscenter.Web.Search;

/// <summary>Administrators rebuild the search index from the content store (the same as the "reindex" command).</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class SearchIndexModel(SiteSearch search, ContentStore store, SchemaStore schemaStore) : PageModel
{
    public int Documents { get; private set; }
    public string? Message { get; private set; }

    public void OnGet() => Documents = search.Index.Count;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var count = await search.RebuildAsync(store, schemaStore, ct);
        Documents = count;
        Message = $"Søgeindekset er bygget forfra med {count} dokumenter.";
        return Page();
    }
}
