namespace Videnscenter.Media.Slides;

/// <summary>One slide (or PDF page): its number in the deck, its title and its text with one paragraph per line.</summary>
public sealed record SlideText(int Number, string Title, string Text)
{
    /// <summary>The text's paragraphs, without blank lines.</summary>
    public IReadOnlyList<string> Paragraphs =>
        Text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>The slides read from a file, or why they could not be read (in Danish, for editors).</summary>
/// <remarks>
/// <see cref="Cacheable"/> is false when the failure may be the server's rather than the file's (the
/// time budget ran out on a busy server): such a result is not remembered.
/// </remarks>
public sealed record SlideExtraction(IReadOnlyList<SlideText> Slides, string? Error, bool Cacheable = true)
{
    public static SlideExtraction Failed(string error, bool cacheable = true) => new([], error, cacheable);
}

/// <summary>A file's text could not be read; the message is Danish and meant for editors.</summary>
public sealed class SlideExtractionException(string message, Exception? inner = null) : Exception(message, inner);
