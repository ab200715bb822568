namespace Videnscenter.Content.Seed;

/// <summary>
/// Puts a file named in seed content into the media library. In front matter a <c>media</c> field
/// names a file relative to the section's folder (<c>file: filer/introduktion-til-recovery.pptx</c>,
/// or <c>photo: { path: filer/portraet.jpg, alt: "…" }</c> for an image); the seed importer hands the
/// file to this importer and stores the library's name in the field. The media library implements
/// it; when none is registered, the value is kept as written.
/// </summary>
public interface ISeedMediaImporter
{
    /// <param name="path">Full path of the file.</param>
    /// <param name="altText">What an image shows (images need it); null for other files.</param>
    Task<SeedMediaResult> ImportAsync(string path, string? altText, CancellationToken ct);
}

/// <summary>The library's name for the imported file, or why it could not be imported (Danish).</summary>
public sealed record SeedMediaResult(string? Name, string? Error)
{
    public static SeedMediaResult Imported(string name) => new(name, null);
    public static SeedMediaResult Failed(string error) => new(null, error);
}
