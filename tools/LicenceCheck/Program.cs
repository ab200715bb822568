using System.Text.Json;
using System.Xml.Linq;

// Fails when a package the product ships has a licence outside the allow-list of permissive
// licences (DESIGN.md: MIT, Apache-2.0, BSD, PostgreSQL, MS-PL). Reads what NuGet restored for the
// shipped project (obj/project.assets.json: every package, transitive ones included) and each
// package's .nuspec in the NuGet cache. ./test.sh runs it after the build.
//   dotnet run --project tools/LicenceCheck -- src/Videnscenter.Web/obj/project.assets.json [--markdown]
if (args.Length == 0 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("brug: LicenceCheck <project.assets.json> [--markdown]");
    return 2;
}

var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "PostgreSQL", "MS-PL" };
// Older packages name their licence only by a URL; these are the ones whose text is a known licence.
var byUrl = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
{
    ["https://licenses.nuget.org/MIT"] = "MIT",
    ["https://github.com/dotnet/corefx/blob/master/LICENSE.TXT"] = "MIT",
    ["https://github.com/dotnet/standard/blob/master/LICENSE.TXT"] = "MIT",
    ["http://go.microsoft.com/fwlink/?LinkId=329770"] = "MIT", // .NET library licence (MIT since 2016)
    ["https://dotnet.microsoft.com/en/dotnet_library_license.htm"] = "MIT",
    ["https://www.apache.org/licenses/LICENSE-2.0"] = "Apache-2.0",
    ["http://www.apache.org/licenses/LICENSE-2.0"] = "Apache-2.0",
};

using var assets = JsonDocument.Parse(File.ReadAllBytes(args[0]));
var root = assets.RootElement;
var packageFolder = root.GetProperty("project").GetProperty("restore").GetProperty("packagesPath").GetString()!;
var packages = root.GetProperty("libraries").EnumerateObject()
    .Where(l => l.Value.GetProperty("type").GetString() == "package")
    .Select(l => (Id: l.Name.Split('/')[0], Version: l.Name.Split('/')[1], Path: l.Value.GetProperty("path").GetString()!))
    .OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase)
    .ToList();

var problems = new List<string>();
var rows = new List<(string Id, string Version, string Licence)>();
foreach (var (id, version, path) in packages)
{
    var folder = Path.Combine(packageFolder, path);
    var nuspec = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.nuspec").FirstOrDefault() : null;
    if (nuspec is null)
    {
        problems.Add($"{id} {version}: ingen .nuspec i {folder} (kør dotnet restore først)");
        continue;
    }
    var metadata = XDocument.Load(nuspec).Root!.Elements().First(e => e.Name.LocalName == "metadata");
    var license = metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "license");
    var licenseUrl = metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "licenseUrl")?.Value.Trim();
    string? licence = license?.Attribute("type")?.Value switch
    {
        "expression" => license.Value.Trim(),
        "file" => LicenceFromText(Path.Combine(folder, license.Value.Trim())),
        _ => licenseUrl is not null && byUrl.TryGetValue(licenseUrl, out var known) ? known : null,
    };
    if (licence is null)
    {
        problems.Add($"{id} {version}: licensen kan ikke læses ({(license is not null ? "fil: " + license.Value : licenseUrl ?? "ingen")})");
        continue;
    }
    // An expression like "MIT OR Apache-2.0" is fine when one choice is allowed; "AND" needs all.
    var ok = licence.Contains(" AND ", StringComparison.Ordinal)
        ? licence.Split(" AND ").All(p => allowed.Contains(p.Trim('(', ')', ' ')))
        : licence.Split(" OR ").Any(p => allowed.Contains(p.Trim('(', ')', ' ')));
    if (!ok) problems.Add($"{id} {version}: {licence} er ikke på listen over tilladte licenser ({string.Join(", ", allowed)})");
    rows.Add((id, version, licence));
}

if (args.Contains("--markdown"))
{
    Console.WriteLine("| Pakke | Version | Licens |");
    Console.WriteLine("|---|---|---|");
    foreach (var (id, version, licence) in rows) Console.WriteLine($"| {id} | {version} | {licence} |");
}
else
{
    Console.WriteLine($"Licenser: {rows.Count} pakker tjekket for {Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(args[0])))}.");
}
foreach (var problem in problems) Console.Error.WriteLine("Licensfejl: " + problem);
return problems.Count == 0 ? 0 : 1;

// Packages such as Lucene.Net and J2N ship their licence as a file. Its opening lines name it; a
// file that opens with another text is reported, not guessed.
static string? LicenceFromText(string file)
{
    if (!File.Exists(file)) return null;
    var opening = string.Join(' ', File.ReadLines(file).Take(40).Select(l => l.Trim()));
    if (opening.Contains("Apache License", StringComparison.Ordinal) && opening.Contains("Version 2.0", StringComparison.Ordinal)) return "Apache-2.0";
    if (opening.Contains("MIT License", StringComparison.OrdinalIgnoreCase) && opening.Contains("Permission is hereby granted, free of charge", StringComparison.Ordinal)) return "MIT";
    return null;
}
