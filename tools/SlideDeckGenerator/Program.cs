// Writes content-seed/slides/filer/<slug>.pptx for every seed slide deck, from its Markdown body:
// one slide per "## Slide N: title" section. Run from anywhere in the repository:
//   dotnet run --project tools/SlideDeckGenerator
using SlideDeckGenerator;

var root = FindRoot(Directory.GetCurrentDirectory()) ?? FindRoot(AppContext.BaseDirectory);
if (root is null)
{
    Console.Error.WriteLine("Fandt ikke Videnscenter.sln i denne mappe eller en mappe over den.");
    return 1;
}
var seedFolder = Path.Combine(root, "content-seed", "slides");
var outputFolder = Path.Combine(seedFolder, "filer");
Directory.CreateDirectory(outputFolder);

var failed = 0;
foreach (var file in Directory.GetFiles(seedFolder, "*.md").Order(StringComparer.Ordinal))
{
    var slug = Path.GetFileNameWithoutExtension(file);
    try
    {
        var deck = SeedDecks.Parse(await File.ReadAllTextAsync(file));
        if (deck.Slides.Count == 0)
        {
            Console.WriteLine($"{slug}: ingen «## Slide N:»-afsnit, springes over.");
            continue;
        }
        var target = Path.Combine(outputFolder, slug + ".pptx");
        var bytes = PptxWriter.Build(deck);
        var unchanged = File.Exists(target) && (await File.ReadAllBytesAsync(target)).AsSpan().SequenceEqual(bytes);
        if (!unchanged) await File.WriteAllBytesAsync(target, bytes);
        Console.WriteLine($"{Path.GetRelativePath(root, target)}: {deck.Slides.Count} slides, {bytes.Length / 1024.0:0.0} kB{(unchanged ? " (uændret)" : "")}");
    }
    catch (FormatException e)
    {
        failed++;
        Console.Error.WriteLine($"{Path.GetRelativePath(root, file)}: {e.Message}");
    }
}
return failed == 0 ? 0 : 1;

static string? FindRoot(string start)
{
    for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Videnscenter.sln"))) return dir.FullName;
    return null;
}
