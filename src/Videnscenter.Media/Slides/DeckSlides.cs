using Videnscenter.Content.Items;
using Videnscenter.Media.Library;

namespace Videnscenter.Media.Slides;

/// <summary>A slide deck's file (if it has one and it is in the library) and the slides read from it.</summary>
/// <param name="Problem">Why the file's slides are missing (Danish, for editors), when they are.</param>
public sealed record DeckContent(MediaFile? File, IReadOnlyList<SlideText> Slides, string? Problem)
{
    public static readonly DeckContent None = new(null, [], null);
    public bool HasFileSlides => Slides.Count > 0;
}

/// <summary>
/// The slides of a slide deck item from its <c>file</c> media field (a .pptx or .pdf in the library).
/// Used by the deck's page and by the search index; a deck without a readable file falls back to the
/// "## Slide N:" sections of its body, which is the caller's part.
/// </summary>
public sealed class DeckSlides(MediaLibrary library)
{
    public const string FileField = "file";

    public async Task<DeckContent> ForAsync(ContentItem deck, CancellationToken ct = default)
    {
        var value = deck.Text(FileField);
        if (value is null) return DeckContent.None;
        var name = MediaNames.FromReference(value);
        var file = name is null ? null : await library.FindAsync(name, ct);
        if (file is null) return new DeckContent(null, [], $"Filen «{value}» findes ikke i mediebiblioteket.");
        if (!file.Kind.HasSlides()) return new DeckContent(file, [], null);
        var extraction = await library.SlidesAsync(file, ct);
        return new DeckContent(file, extraction.Slides, extraction.Error);
    }
}
