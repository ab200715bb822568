using System.Text.RegularExpressions;
using Videnscenter.Content.Items;

namespace Videnscenter.Media.Library;

/// <summary>
/// Stored file names: readable, safe in a URL and on disk, and unique. "Årsmøde på Ærø (endelig).PDF"
/// becomes "aarsmoede-paa-aeroe-endelig.pdf"; folders the browser sends along are dropped.
/// </summary>
public static partial class MediaNames
{
    private const int MaxStemLength = 60;

    /// <summary>The safe name for an upload of a kind; the extension is the kind's, whatever the upload was called.</summary>
    public static string Sanitise(string originalName, MediaKind kind)
    {
        var name = UploadValidator.DisplayName(originalName);
        var stem = Path.GetFileNameWithoutExtension(name);
        var slug = Slugs.FromTitle(stem);
        if (slug.Length > MaxStemLength) slug = slug[..MaxStemLength].TrimEnd('-');
        if (slug.Length == 0) slug = "fil";
        return slug + kind.Extension();
    }

    /// <summary>The name, or the first of name-2, name-3 … that is not taken.</summary>
    public static string Unique(string name, Func<string, bool> taken)
    {
        if (!taken(name)) return name;
        var stem = Path.GetFileNameWithoutExtension(name);
        var extension = Path.GetExtension(name);
        for (var i = 2; ; i++)
        {
            var candidate = $"{stem}-{i}{extension}";
            if (!taken(candidate)) return candidate;
        }
    }

    /// <summary>True for names this library makes; anything else in a URL is answered with 404 before any lookup.</summary>
    public static bool IsValid(string? name) => name is { Length: <= 100 } && StoredName().IsMatch(name);

    /// <summary>
    /// The library name a content field refers to: media fields hold the name ("plakat.png"), but a
    /// pasted "/medier/plakat.png?w=320" is understood too.
    /// </summary>
    public static string? FromReference(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var s = value.Trim();
        var cut = s.IndexOfAny(['?', '#']);
        if (cut >= 0) s = s[..cut];
        s = s[(s.LastIndexOf('/') + 1)..];
        return IsValid(s) ? s : null;
    }

    /// <summary>Every library name linked from Markdown or text as <c>/medier/name</c>.</summary>
    public static IEnumerable<string> LinkedFrom(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Contains("/medier/", StringComparison.Ordinal)) yield break;
        foreach (Match m in MediaLink().Matches(text))
            if (IsValid(m.Groups[1].Value)) yield return m.Groups[1].Value;
    }

    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.(?:png|jpg|gif|webp|pdf|pptx|docx)$")]
    private static partial Regex StoredName();

    [GeneratedRegex(@"/medier/([a-z0-9][a-z0-9.-]*\.(?:png|jpg|gif|webp|pdf|pptx|docx))\b")]
    private static partial Regex MediaLink();
}
