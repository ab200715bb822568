using Videnscenter.Media;
using Videnscenter.Media.Library;

namespace Videnscenter.Web.Media;

/// <summary>What the media admin pages share: the request size limit and how an upload's errors are kept per input.</summary>
public static class MediaForm
{
    /// <summary>
    /// Room above the library's own 20 MB limit, so a somewhat larger file still reaches our check and
    /// gets a Danish message naming it instead of the server's bare "request too large".
    /// </summary>
    public const long RequestLimit = 64 * MediaOptions.MegaByte;

    public const string Hint =
        "Billeder (PNG, JPEG, GIF, WebP) må fylde op til 10 MB, PDF, PowerPoint (.pptx) og Word (.docx) op til 20 MB. " +
        "Filerne kontrolleres efter indholdet, ikke kun efter navnet.";

    public const string AltTextHint =
        "Skal udfyldes for billeder. Beskriv kort, hvad billedet viser, så det giver mening for dem, der ikke kan se det, fx «Deltagere i Recoveryskolens café».";

    public static MediaUpload ToUpload(IFormFile? file, string? altText) => file is null
        ? new MediaUpload("", Stream.Null, 0, altText)
        : new MediaUpload(file.FileName, file.OpenReadStream(), file.Length, altText);

    public static Dictionary<string, List<string>> ByField(IEnumerable<MediaError> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToList());
}
