using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Videnscenter.Media.Library;

namespace Videnscenter.Media.Images;

/// <summary>
/// Addresses of library files and the responsive image markup every page uses: a versioned URL per
/// profile width, <c>srcset</c>/<c>sizes</c>, <c>width</c>/<c>height</c> (so the page does not jump while
/// images load), <c>loading="lazy"</c>, <c>decoding="async"</c> and the alt text.
/// </summary>
public static class MediaUrls
{
    /// <summary>The default slot: the content column is at most about 46rem wide (see site.css), the full width on a phone.</summary>
    public const string ColumnSizes = "(max-width: 48rem) 100vw, 46rem";

    // Danish letters in alt text stay letters; only what HTML needs is encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string Version(MediaFile file) => file.Sha256[..8];

    public static bool IsCurrentVersion(MediaFile file, string? v) => v is not null && v == Version(file);

    /// <summary><c>/medier/name?w=640&amp;v=…</c>; without a width, the full-size copy.</summary>
    public static string Url(MediaFile file, int? width = null) =>
        width is { } w
            ? string.Create(CultureInfo.InvariantCulture, $"{file.Url}?w={w}&v={Version(file)}")
            : $"{file.Url}?v={Version(file)}";

    /// <summary>The profile widths below the image's own width, and the image's own width: nothing upscaled.</summary>
    public static IReadOnlyList<int> WidthsFor(MediaFile file)
    {
        if (file.Width is not { } own) return [ImageProfiles.Widths[1]];
        var widths = ImageProfiles.Widths.Where(w => w < own).ToList();
        if (own <= ImageProfiles.Widths[^1]) widths.Add(own);
        return widths;
    }

    /// <summary>
    /// The <c>img</c> element for a library image. <paramref name="alt"/> overrides the library's alt
    /// text (Markdown's own); <paramref name="cssClass"/> and <paramref name="sizes"/> fit it to its slot.
    /// </summary>
    public static string ImgTag(MediaFile file, string? alt = null, string sizes = ColumnSizes, string? cssClass = null, string? title = null)
    {
        var html = Encoder;
        var widths = WidthsFor(file);
        var sb = new StringBuilder("<img src=\"");
        sb.Append(html.Encode(Url(file, widths.Count > 0 ? Math.Min(widths[^1], ImageProfiles.Widths[1]) : null)));
        sb.Append("\" srcset=\"");
        sb.AppendJoin(", ", widths.Select(w => html.Encode(Url(file, w)) + " " + w.ToString(CultureInfo.InvariantCulture) + "w"));
        sb.Append("\" sizes=\"").Append(html.Encode(sizes)).Append('"');
        if (file.Width is { } width && file.Height is { } height)
            sb.Append(CultureInfo.InvariantCulture, $" width=\"{width}\" height=\"{height}\"");
        sb.Append(" alt=\"").Append(html.Encode(alt ?? file.AltText ?? "")).Append('"');
        if (!string.IsNullOrEmpty(title)) sb.Append(" title=\"").Append(html.Encode(title)).Append('"');
        if (!string.IsNullOrEmpty(cssClass)) sb.Append(" class=\"").Append(html.Encode(cssClass)).Append('"');
        sb.Append(" loading=\"lazy\" decoding=\"async\">");
        return sb.ToString();
    }
}
