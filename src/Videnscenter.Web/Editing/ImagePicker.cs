using Microsoft.Extensions.Primitives;
using Videnscenter.Media.Library;

namespace Videnscenter.Web.Editing;

/// <summary>
/// The editor's image picker under the body: choose an image from the library, or upload one on
/// the spot with its alt text, and its Markdown is put into the body. Works as a plain form post
/// (the text is re-shown with the image added at the end, nothing saved yet); admin-editor.js
/// inserts a chosen image at the cursor instead, without a round trip.
/// </summary>
public static class ImagePicker
{
    public const string InsertAction = "indsaet-billede";
    public const string UploadAction = "upload-billede";
    public const string ChoiceName = "billedvalg";
    public const string FileName = "nytbillede";
    public const string AltName = "nytbillede-alt";

    /// <summary>The Markdown for a library image: its alt text and its address.</summary>
    public static string Markdown(MediaFile file) =>
        $"![{(file.AltText ?? "").Replace("[", "(").Replace("]", ")")}]({file.Url})";

    /// <summary>The body with the image's Markdown as a paragraph of its own at the end.</summary>
    public static string Append(string body, MediaFile file) =>
        (string.IsNullOrWhiteSpace(body) ? "" : body.TrimEnd() + "\n\n") + Markdown(file);

    public static async Task<MediaResult> ChooseAsync(MediaLibrary library, StringValues choice, CancellationToken ct)
    {
        var file = await library.FindAsync(choice.ToString(), ct);
        return file is { } f && f.Kind.IsImage()
            ? MediaResult.Ok(f)
            : MediaResult.Refused(MediaError.FileField, "Vælg et billede fra mediebiblioteket, og tryk «Indsæt billedet».");
    }

    public static async Task<MediaResult> UploadAsync(MediaLibrary library, IFormFile? file, StringValues alt, string user, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            return MediaResult.Refused(MediaError.FileField, "Vælg et billede at uploade, og tryk «Upload og indsæt».");
        if (MediaKinds.FromExtension(file.FileName) is not { } kind || !kind.IsImage())
            return MediaResult.Refused(MediaError.FileField, $"«{UploadValidator.DisplayName(file.FileName)}» er ikke et billede. Her kan du uploade PNG, JPEG, GIF og WebP.");
        await using var content = file.OpenReadStream();
        return await library.UploadAsync(new MediaUpload(file.FileName, content, file.Length, alt.ToString()), user, ct);
    }
}
