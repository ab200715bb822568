using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>
/// PDFsharp 6 finds no fonts by itself on Linux: this resolver hands it DejaVu Sans (Debian
/// package fonts-dejavu-core), which has æ, ø, å and the dashes and quotes Danish text uses.
/// Every family asked for gets DejaVu Sans, so a missing font can never drop letters.
/// </summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    public const string FamilyName = "DejaVu Sans";
    public const string DefaultFolder = "/usr/share/fonts/truetype/dejavu";

    private static readonly Lock InstallLock = new();
    private readonly string _folder;
    private readonly ConcurrentDictionary<string, byte[]> _faces = new();

    private DejaVuFontResolver(string folder) => _folder = folder;

    /// <summary>PDFsharp wants the same resolver instance every time it is set, for the life of the process.</summary>
    public static DejaVuFontResolver Instance { get; } = new(DefaultFolder);

    private static readonly string[] Faces = ["DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"];

    /// <summary>
    /// Makes sure PDFsharp uses this resolver; call before drawing any text. Throws with the fix when
    /// the font files are missing, instead of PDFsharp's own less helpful error halfway through.
    /// </summary>
    public static void Install()
    {
        lock (InstallLock)
        {
            var missing = Faces.Select(f => Path.Combine(Instance._folder, f + ".ttf")).Where(p => !File.Exists(p)).ToList();
            if (missing.Count > 0)
                throw new FontsMissingException(
                    $"PDF-kataloget kan ikke laves: skrifttypen DejaVu Sans mangler ({string.Join(", ", missing)}). " +
                    "Installér Debian-pakken fonts-dejavu-core: sudo apt-get install fonts-dejavu-core");
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance)) GlobalFontSettings.FontResolver = Instance;
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new((isBold, isItalic) switch
        {
            (true, true) => "DejaVuSans-BoldOblique",
            (true, false) => "DejaVuSans-Bold",
            (false, true) => "DejaVuSans-Oblique",
            _ => "DejaVuSans",
        });

    public byte[] GetFont(string faceName) =>
        _faces.GetOrAdd(faceName, name => File.ReadAllBytes(Path.Combine(_folder, Path.GetFileName(name) + ".ttf")));
}

public sealed class FontsMissingException(string message) : Exception(message);
