using System.Security.Cryptography;
using Videnscenter.Content.Seed;

namespace Videnscenter.Media.Library;

/// <summary>
/// Seed files go into the library like uploads, checked the same way. A file already imported with
/// the same name and content is reused, so rerunning the recipe adds nothing twice.
/// </summary>
public sealed class SeedMediaImporter(MediaLibrary library) : ISeedMediaImporter
{
    public const string Author = "opsætning";

    public async Task<SeedMediaResult> ImportAsync(string path, string? altText, CancellationToken ct)
    {
        var fileName = Path.GetFileName(path);
        if (!File.Exists(path)) return SeedMediaResult.Failed($"Filen «{fileName}» findes ikke."); // no server path: an import's problems are shown in the admin

        var info = new FileInfo(path);
        if (UploadValidator.CheckNameAndSize(fileName, info.Length, library.Options) is { } problem)
            return SeedMediaResult.Failed(problem);
        var content = await File.ReadAllBytesAsync(path, ct);
        var existing = await library.FindByContentAsync(Convert.ToHexStringLower(SHA256.HashData(content)), fileName, ct);
        if (existing is not null) return SeedMediaResult.Imported(existing.Name);

        await using var stream = new MemoryStream(content, writable: false);
        var result = await library.UploadAsync(new MediaUpload(fileName, stream, content.LongLength, altText), Author, ct);
        return result.Succeeded
            ? SeedMediaResult.Imported(result.File!.Name)
            : SeedMediaResult.Failed(string.Join(" ", result.Errors.Select(e => e.Message)));
    }
}
