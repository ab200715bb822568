using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Videnscenter.Media.Images;
using Videnscenter.Media.Slides;

namespace Videnscenter.Media.Library;

/// <summary>An upload as the library receives it: the name the uploader gave it and its content.</summary>
public sealed record MediaUpload(string FileName, Stream Content, long Length, string? AltText = null);

/// <summary>A Danish message about one input of an upload form: "file" or "altText".</summary>
public sealed record MediaError(string Field, string Message)
{
    public const string FileField = "file";
    public const string AltTextField = "altText";
}

public sealed record MediaResult(MediaFile? File, IReadOnlyList<MediaError> Errors)
{
    public bool Succeeded => File is not null && Errors.Count == 0;
    public static MediaResult Ok(MediaFile file) => new(file, []);
    public static MediaResult Refused(IReadOnlyList<MediaError> errors) => new(null, errors);
    public static MediaResult Refused(string field, string message) => new(null, [new MediaError(field, message)]);
}

/// <summary>
/// The media library: uploads checked by content and size before anything is written, originals
/// under <c>&lt;DataPath&gt;/media/&lt;name&gt;</c> with a row per file, replace (same name, same
/// kind), alt text, delete, and the slide text of .pptx/.pdf files cached by content hash.
/// Who may see a file is decided by the web host, which knows the content that uses it.
/// </summary>
public sealed class MediaLibrary(
    IDbContextFactory<MediaDbContext> dbs,
    MediaOptions options,
    SlideExtractor extractor,
    ImageProfiles images,
    ILogger<MediaLibrary> log)
{
    public const int MaxAltTextLength = 300;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public MediaOptions Options => options;

    /// <summary>Raised with a file's name after it is uploaded, replaced, re-described or deleted on this node.</summary>
    public event Action<string>? Changed;

    public string PathOf(MediaFile file) => Path.Combine(options.RootPath, file.Name);

    public async Task<MediaFile?> FindAsync(string? name, CancellationToken ct = default)
    {
        if (!MediaNames.IsValid(name)) return null;
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Name == name, ct);
    }

    /// <summary>Every file, the most recently changed first.</summary>
    public async Task<IReadOnlyList<MediaFile>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var files = await db.Files.AsNoTracking().ToListAsync(ct);
        return files.OrderByDescending(f => f.UpdatedUtc).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>A file with exactly this content that was uploaded under this name (makes seed imports repeatable).</summary>
    public async Task<MediaFile?> FindByContentAsync(string sha256, string originalName, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Sha256 == sha256 && f.OriginalName == originalName, ct);
    }

    /// <summary>Checks and stores a new file under a new unique name. Nothing is written when it is refused.</summary>
    public async Task<MediaResult> UploadAsync(MediaUpload upload, string user, CancellationToken ct = default)
    {
        var (content, check, errors) = await CheckAsync(upload, ct);
        var kind = check?.Kind;
        var alt = CheckAltText(upload, kind, existing: null, errors);
        if (errors.Count > 0) return MediaResult.Refused(errors);

        var now = DateTime.UtcNow;
        var temp = await WriteTempAsync(content!, ct);
        try
        {
            var hash = Hash(content!);
            // Slides are read before anything is stored: a file whose text breaks a limit or the time
            // budget is refused whole, and no trace of it stays behind.
            var slides = await ReadSlidesAsync(temp, kind!.Value, upload.FileName, ct);
            if (slides.Refusal is { } refusal) return refusal;
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                var wanted = MediaNames.Sanitise(upload.FileName, kind.Value);
                var stem = Path.GetFileNameWithoutExtension(wanted);
                var taken = (await db.Files.Where(f => f.Name.StartsWith(stem)).Select(f => f.Name).ToListAsync(ct))
                    .ToHashSet(StringComparer.Ordinal);
                // A file on disk without a row (left by a crash) is not overwritten either.
                var name = MediaNames.Unique(wanted, n => taken.Contains(n) || File.Exists(Path.Combine(options.RootPath, n)));
                var file = new MediaFile
                {
                    Name = name,
                    OriginalName = UploadValidator.DisplayName(upload.FileName),
                    Kind = kind.Value,
                    Length = content!.LongLength,
                    Sha256 = hash,
                    Width = check!.Image?.ShownWidth,
                    Height = check.Image?.ShownHeight,
                    AltText = alt,
                    UploadedBy = user,
                    UploadedUtc = now,
                    UpdatedUtc = now,
                };
                db.Files.Add(file);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException) when (attempt < 5)
                {
                    // Someone took the same name between our check and our insert: pick the next one.
                    continue;
                }
                File.Move(temp, PathOf(file));
                temp = null;
                log.LogInformation("{User} uploaded {Name} ({Kind}, {Length} bytes)", user, file.Name, file.Kind, file.Length);
                Changed?.Invoke(file.Name);
                await CacheSlidesAsync(hash, slides.Extraction, ct);
                return MediaResult.Ok(file);
            }
        }
        finally
        {
            if (temp is not null) TryDelete(temp);
        }
    }

    /// <summary>New content for an existing file: same name (so every link keeps working), same kind, checked like an upload.</summary>
    public async Task<MediaResult> ReplaceAsync(string name, MediaUpload upload, string user, CancellationToken ct = default)
    {
        var existing = await FindAsync(name, ct);
        if (existing is null) return MediaResult.Refused(MediaError.FileField, $"Filen «{name}» findes ikke i mediebiblioteket.");

        var (content, check, errors) = await CheckAsync(upload, ct);
        if (check?.Kind is { } k && k != existing.Kind)
            errors.Add(new MediaError(MediaError.FileField,
                $"«{UploadValidator.DisplayName(upload.FileName)}» er {k.WithArticle()}, men «{existing.Name}» er {existing.Kind.WithArticle()}. " +
                "Erstat med en fil af samme type, eller upload den som en ny fil."));
        var alt = CheckAltText(upload, existing.Kind, existing, errors);
        if (errors.Count > 0) return MediaResult.Refused(errors);

        var temp = await WriteTempAsync(content!, ct);
        try
        {
            var slides = await ReadSlidesAsync(temp, existing.Kind, upload.FileName, ct);
            if (slides.Refusal is { } refusal) return refusal;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var file = await db.Files.FirstOrDefaultAsync(f => f.Name == name, ct);
            if (file is null) return MediaResult.Refused(MediaError.FileField, $"Filen «{name}» findes ikke i mediebiblioteket.");
            var oldHash = file.Sha256;
            file.Sha256 = Hash(content!);
            file.Width = check!.Image?.ShownWidth;
            file.Height = check.Image?.ShownHeight;
            file.Length = content!.LongLength;
            file.OriginalName = UploadValidator.DisplayName(upload.FileName);
            file.AltText = alt;
            file.UpdatedUtc = DateTime.UtcNow;
            await db.SaveChangesAsync(ct);
            File.Move(temp, PathOf(file), overwrite: true);
            temp = null;
            if (oldHash != file.Sha256) await ForgetContentAsync(db, oldHash, ct);
            log.LogInformation("{User} replaced {Name} ({Length} bytes)", user, file.Name, file.Length);
            Changed?.Invoke(file.Name);
            await CacheSlidesAsync(file.Sha256, slides.Extraction, ct);
            return MediaResult.Ok(file);
        }
        finally
        {
            if (temp is not null) TryDelete(temp);
        }
    }

    public async Task<MediaResult> SetAltTextAsync(string name, string? altText, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var file = await db.Files.FirstOrDefaultAsync(f => f.Name == name, ct);
        if (file is null) return MediaResult.Refused(MediaError.FileField, $"Filen «{name}» findes ikke i mediebiblioteket.");
        var errors = new List<MediaError>();
        var alt = CheckAltText(new MediaUpload(file.Name, Stream.Null, 0, altText ?? ""), file.Kind, existing: null, errors);
        if (errors.Count > 0) return MediaResult.Refused(errors);
        file.AltText = alt;
        file.UpdatedUtc = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        Changed?.Invoke(file.Name);
        return MediaResult.Ok(file);
    }

    /// <summary>Removes the file, its row and, when no other file has the same content, its thumbnails and slide text.</summary>
    /// <remarks>Whether it is still used by content is the caller's check: the library does not know content.</remarks>
    public async Task<bool> DeleteAsync(string name, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var file = await db.Files.FirstOrDefaultAsync(f => f.Name == name, ct);
        if (file is null) return false;
        db.Files.Remove(file);
        await db.SaveChangesAsync(ct);
        Changed?.Invoke(file.Name);
        TryDelete(PathOf(file));
        await ForgetContentAsync(db, file.Sha256, ct);
        return true;
    }

    /// <summary>The slides of a .pptx or .pdf: read once per content and cached in the database by hash.</summary>
    public async Task<SlideExtraction> SlidesAsync(MediaFile file, CancellationToken ct = default)
    {
        if (!file.Kind.HasSlides()) return new SlideExtraction([], null);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var cached = await db.SlideTexts.AsNoTracking().FirstOrDefaultAsync(s => s.Sha256 == file.Sha256, ct);
        if (cached is not null)
            return new SlideExtraction(JsonSerializer.Deserialize<List<SlideText>>(cached.SlidesJson, Json) ?? [], cached.Error);

        // Files are read at upload; this reads those stored before their text was cached.
        var extraction = await extractor.ExtractAsync(PathOf(file), file.Kind, ct);
        if (extraction.Error is { } error) log.LogWarning("Slide text of {Name} could not be read: {Error}", file.Name, error);
        await CacheSlidesAsync(file.Sha256, extraction, ct);
        return extraction;
    }

    // ---- Internals -------------------------------------------------------------------------

    /// <summary>The slides of an upload waiting in its temporary file, or the refusal of the upload when they cannot be read.</summary>
    private async Task<(SlideExtraction Extraction, MediaResult? Refusal)> ReadSlidesAsync(string path, MediaKind kind, string fileName, CancellationToken ct)
    {
        if (!kind.HasSlides()) return (new SlideExtraction([], null), null);
        var extraction = await extractor.ExtractAsync(path, kind, ct);
        if (extraction.Error is not { } error) return (extraction, null);
        log.LogWarning("Upload {Name} refused: {Error}", fileName, error);
        return (extraction, MediaResult.Refused(MediaError.FileField, $"«{UploadValidator.DisplayName(fileName)}»: {error}"));
    }

    private async Task CacheSlidesAsync(string sha256, SlideExtraction extraction, CancellationToken ct)
    {
        if (!extraction.Cacheable) return;
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.SlideTexts.AnyAsync(s => s.Sha256 == sha256, ct)) return;
        db.SlideTexts.Add(new SlideTextRecord
        {
            Sha256 = sha256,
            SlidesJson = JsonSerializer.Serialize(extraction.Slides, Json),
            Error = extraction.Error,
            ExtractedUtc = DateTime.UtcNow,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request read the same content at the same moment and cached it first.
        }
    }

    private async Task<(byte[]? Content, UploadCheck? Check, List<MediaError> Errors)> CheckAsync(MediaUpload upload, CancellationToken ct)
    {
        var errors = new List<MediaError>();
        // The declared size is checked before a byte is read, so an oversized upload costs nothing.
        if (UploadValidator.CheckNameAndSize(upload.FileName, upload.Length, options) is { } problem)
        {
            errors.Add(new MediaError(MediaError.FileField, problem));
            return (null, null, errors);
        }
        var content = await ReadAtMostAsync(upload.Content, options.MaxBytes, ct);
        if (content is null)
        {
            errors.Add(new MediaError(MediaError.FileField,
                $"«{UploadValidator.DisplayName(upload.FileName)}» er for stor. Filer må højst fylde {UploadValidator.Size(options.MaxBytes)}."));
            return (null, null, errors);
        }
        var check = UploadValidator.Check(upload.FileName, content, options);
        if (!check.Succeeded)
        {
            errors.Add(new MediaError(MediaError.FileField, check.Error!));
            return (null, null, errors);
        }
        return (content, check, errors);
    }

    /// <summary>Images need alt text; it is kept from the existing file when a replacement brings none.</summary>
    private static string? CheckAltText(MediaUpload upload, MediaKind? kind, MediaFile? existing, List<MediaError> errors)
    {
        var alt = string.Join(' ', (upload.AltText ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (alt.Length == 0) alt = existing?.AltText ?? "";
        if (alt.Length > MaxAltTextLength)
        {
            errors.Add(new MediaError(MediaError.AltTextField, $"Den alternative tekst må højst være {MaxAltTextLength} tegn; den er {alt.Length}."));
            return null;
        }
        var isImage = kind?.IsImage() ?? MediaKinds.FromExtension(upload.FileName)?.IsImage() ?? false;
        if (isImage && alt.Length == 0)
        {
            var shown = UploadValidator.DisplayName(upload.FileName);
            errors.Add(new MediaError(MediaError.AltTextField,
                $"Skriv en alternativ tekst til «{shown}»: beskriv kort, hvad billedet viser, for dem der ikke kan se det."));
            return null;
        }
        return alt.Length == 0 ? null : alt;
    }

    private static async Task<byte[]?> ReadAtMostAsync(Stream stream, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Written beside the originals under a name no URL can reach, then moved into place.</summary>
    private async Task<string> WriteTempAsync(byte[] content, CancellationToken ct)
    {
        Directory.CreateDirectory(options.RootPath);
        var temp = Path.Combine(options.RootPath, $".upload-{Guid.NewGuid():N}.tmp");
        await File.WriteAllBytesAsync(temp, content, ct);
        return temp;
    }

    private async Task ForgetContentAsync(MediaDbContext db, string sha256, CancellationToken ct)
    {
        if (await db.Files.AnyAsync(f => f.Sha256 == sha256, ct)) return;
        images.Forget(sha256);
        await db.SlideTexts.Where(s => s.Sha256 == sha256).ExecuteDeleteAsync(ct);
    }

    private static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException e) { log.LogWarning(e, "Could not delete {Path}", path); }
    }
}
