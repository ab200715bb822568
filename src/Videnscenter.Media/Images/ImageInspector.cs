using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using Videnscenter.Content;

namespace Videnscenter.Media.Images;

/// <summary>What an image's header says about it: enough to judge its cost before decoding it.</summary>
/// <param name="Width">As stored; see <see cref="ShownWidth"/> for how it is seen.</param>
/// <param name="Turned">The EXIF orientation turns it a quarter, so width and height swap when shown.</param>
public sealed record ImageFacts(int Width, int Height, int Frames, bool Turned = false)
{
    public long Pixels => (long)Width * Height;
    public int ShownWidth => Turned ? Height : Width;
    public int ShownHeight => Turned ? Width : Height;
}

/// <summary>The outcome of inspecting an image: its facts, or a Danish reason to refuse it.</summary>
public sealed record ImageInspection(ImageFacts? Facts, string? Error)
{
    public bool Succeeded => Facts is not null && Error is null;
}

/// <summary>
/// Reads an image's header (ImageSharp's Identify, which decodes no pixels) and its frame count, and
/// refuses it when decoding would cost more than <see cref="ImageLimits"/> allow. Called on upload and
/// again before every resize, so a file stored before the limits existed is held to them too.
/// </summary>
public static class ImageInspector
{
    public static ImageInspection Inspect(string shownName, byte[] content, ImageLimits limits)
    {
        IImageInfo? info;
        try
        {
            info = Image.Identify(ImageCodecs.Configuration, content, out _);
        }
        catch (Exception e) when (e is ImageFormatException or InvalidDataException or NotSupportedException or ArgumentException)
        {
            info = null;
        }
        if (info is null || info.Width <= 0 || info.Height <= 0)
            return Refused($"«{shownName}» kan ikke læses som billede: filen er beskadiget eller ikke et PNG-, JPEG-, GIF- eller WebP-billede. Gem billedet igen, og prøv igen.");

        var frames = FrameCounter.Count(content, limits.MaxFrames);
        var orientation = info.Metadata.ExifProfile?.GetValue(ExifTag.Orientation)?.Value ?? 1;
        // EXIF orientations 5-8 are the quarter turns (with or without a mirror).
        var facts = new ImageFacts(info.Width, info.Height, Math.Max(frames, 1), Turned: orientation is >= 5 and <= 8);
        if (facts.Pixels > limits.MaxPixels)
            return Refused($"«{shownName}» er {N(facts.Width)} × {N(facts.Height)} punkter ({MegaPixels(facts.Pixels)} megapixel). " +
                           $"Billeder må højst have {MegaPixels(limits.MaxPixels)} megapixel. Gør billedet mindre, og prøv igen.");
        if (facts.Frames > limits.MaxFrames)
            return Refused($"«{shownName}» er en animation med over {N(limits.MaxFrames)} billeder. Animationer må højst have {N(limits.MaxFrames)} billeder.");
        if (facts.Pixels * facts.Frames > limits.MaxTotalPixels)
            return Refused($"«{shownName}» er en animation med {N(facts.Frames)} billeder på {N(facts.Width)} × {N(facts.Height)} punkter " +
                           $"({MegaPixels(facts.Pixels * facts.Frames)} megapixel i alt). En animation må højst have {MegaPixels(limits.MaxTotalPixels)} megapixel i alt.");
        return new ImageInspection(facts, null);
    }

    private static ImageInspection Refused(string error) => new(null, error);

    private static string N(long value) => value.ToString("N0", Danish.Culture);

    private static string MegaPixels(long pixels) => (pixels / 1_000_000.0).ToString(pixels < 10_000_000 ? "0.#" : "N0", Danish.Culture);
}
