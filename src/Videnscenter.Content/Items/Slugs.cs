using System.Text;

namespace Videnscenter.Content.Items;

/// <summary>Readable URL slugs from Danish titles: "Pårørende i recovery" → "paaroerende-i-recovery".</summary>
public static class Slugs
{
    public const int MaxLength = 80;

    public static string FromTitle(string title)
    {
        var sb = new StringBuilder(title.Length);
        foreach (var c in title.ToLowerInvariant())
        {
            switch (c)
            {
                case 'æ': sb.Append("ae"); continue;
                case 'ø': sb.Append("oe"); continue;
                case 'å': sb.Append("aa"); continue;
                case '§': continue;
            }
            // Other accents (é, ü) lose their mark; anything else becomes a separator.
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            var baseChar = decomposed[0];
            if (baseChar is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(baseChar);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        if (slug.Length > MaxLength) slug = slug[..MaxLength].TrimEnd('-');
        return slug;
    }

    public static bool IsValid(string slug) =>
        slug.Length is > 0 and <= MaxLength
        && slug.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')
        && !slug.StartsWith('-') && !slug.EndsWith('-') && !slug.Contains("--", StringComparison.Ordinal);

    /// <summary>Fills a slug pattern such as "{title}" or "kursus-{title}".</summary>
    public static string FromPattern(string pattern, string title) =>
        FromTitle(pattern.Replace("{title}", title, StringComparison.OrdinalIgnoreCase));

}
