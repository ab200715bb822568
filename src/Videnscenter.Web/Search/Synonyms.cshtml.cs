using Microsoft.AspNetCore.Mvc;
using Videnscenter.Content.Settings;
using Videnscenter.Web.Caching;
using Videnscenter.Web.Editing;

namespace Videnscenter.Web.Search;

/// <summary>Editors maintain the search synonyms; a change works on the next search, without a reindex.</summary>
public sealed class SynonymsModel(SearchSynonyms synonyms, SiteSettings settings, SearchAnswerCache answers) : AdminPage
{
    [BindProperty]
    public string Text { get; set; } = "";

    public List<string> Problems { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Text = await settings.GetAsync(SearchSynonyms.SettingKey, ct) ?? "";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var groups = SearchSynonyms.Parse(Text, out var problems);
        Problems = problems;
        if (problems.Count > 0)
        {
            return Page();
        }
        await synonyms.SaveAsync(settings, Text, ct);
        // Cached answers were found with the old synonyms.
        answers.Clear();
        Text = SearchSynonyms.Format(groups);
        Message = groups.Count == 1 ? "1 gruppe synonymer er gemt og bruges fra næste søgning." : $"{groups.Count} grupper synonymer er gemt og bruges fra næste søgning.";
        return Page();
    }
}
