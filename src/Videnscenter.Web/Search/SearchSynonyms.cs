using Videnscenter.Content.Settings;
using Videnscenter.Search;

namespace Videnscenter.Web.Search;

/// <summary>
/// The editors' synonyms: kept as a site setting (one group per line, terms separated by commas,
/// seeded by the recipe) and handed to the index, which applies them when a query is analysed, so a
/// change needs no reindex. Each node reloads the setting at most every <see cref="MaxAge"/>, so a
/// change made on another node arrives there too.
/// </summary>
public sealed class SearchSynonyms(SiteSearch search)
{
    /// <summary>The site setting holding the synonyms.</summary>
    public const string SettingKey = "search.synonyms";

    /// <summary>Limits that keep the setting a word list, not a document.</summary>
    public const int MaxGroups = 500;
    public const int MaxTermsPerGroup = 20;
    public const int MaxTermLength = 60;

    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTime _loadedUtc = DateTime.MinValue;

    /// <summary>Reloads the setting into the index when it is older than <see cref="MaxAge"/>.</summary>
    public async Task EnsureCurrentAsync(SiteSettings settings, CancellationToken ct)
    {
        if (DateTime.UtcNow - _loadedUtc < MaxAge) return;
        await _gate.WaitAsync(ct);
        try
        {
            if (DateTime.UtcNow - _loadedUtc < MaxAge) return;
            var text = await settings.GetAsync(SettingKey, ct) ?? "";
            search.Index.Synonyms = new SynonymSet(Parse(text, out _));
            _loadedUtc = DateTime.UtcNow;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Saves new synonyms and applies them at once on this node.</summary>
    public async Task SaveAsync(SiteSettings settings, string text, CancellationToken ct)
    {
        var groups = Parse(text, out _);
        await settings.SetAsync(SettingKey, Format(groups), ct);
        search.Index.Synonyms = new SynonymSet(groups);
        _loadedUtc = DateTime.UtcNow;
    }

    /// <summary>
    /// One group per line, terms separated by commas (or "↔" / "="); blank lines and lines starting
    /// with # are skipped. Problems (a line with one term, too long terms, too many groups) are listed
    /// in Danish in <paramref name="problems"/>; such lines are left out.
    /// </summary>
    public static List<IReadOnlyList<string>> Parse(string text, out List<string> problems)
    {
        problems = [];
        var groups = new List<IReadOnlyList<string>>();
        var lines = (text ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var terms = line.Split([',', '↔', '='], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => string.Join(' ', t.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
                .Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (terms.Count < 2)
            {
                problems.Add($"Linje {i + 1}: «{line}» skal have mindst to ord adskilt af komma.");
                continue;
            }
            if (terms.Any(t => t.Length > MaxTermLength) || terms.Count > MaxTermsPerGroup)
            {
                problems.Add($"Linje {i + 1}: højst {MaxTermsPerGroup} ord på en linje og højst {MaxTermLength} tegn pr. ord.");
                continue;
            }
            if (groups.Count == MaxGroups)
            {
                problems.Add($"Højst {MaxGroups} linjer med synonymer; resten er ikke gemt.");
                break;
            }
            groups.Add(terms);
        }
        return groups;
    }

    /// <summary>The stored form: one group per line, ", " between terms.</summary>
    public static string Format(IEnumerable<IReadOnlyList<string>> groups) => string.Join('\n', groups.Select(g => string.Join(", ", g)));
}
