namespace Videnscenter.Search.Tests.Relevance;

/// <summary>
/// The YAML front matter of a seed file, read just far enough for the relevance set: scalars (plain or
/// quoted), "|" blocks, "[a, b]" lists and "- item" / "- key: value" lists. Our own small reader
/// because the search test project references only the search engine (no YAML library, no content
/// engine), and the seed files use only these forms; anything else fails loudly with file and line.
/// </summary>
internal sealed class FrontMatter
{
    private readonly Dictionary<string, object> _values;

    private FrontMatter(Dictionary<string, object> values, string body)
    {
        _values = values;
        Body = body;
    }

    /// <summary>The Markdown after the closing "---".</summary>
    public string Body { get; }

    /// <summary>A scalar or block value, "" when missing.</summary>
    public string Text(string key) => _values.TryGetValue(key, out var value) && value is string s ? s : "";

    /// <summary>A list value: "[a, b]" or "- item" lines ("- key: value" gives the key), [] when missing.</summary>
    public IReadOnlyList<string> List(string key) => _values.TryGetValue(key, out var value) switch
    {
        true when value is List<string> list => list,
        true when value is string { Length: > 0 } s => [s],
        _ => [],
    };

    /// <summary>A "- key: value" list as (key, value) pairs; an item without ": " has the value "". [] when missing.</summary>
    public IReadOnlyList<(string Key, string Value)> Pairs(string key) =>
        _values.TryGetValue(key + PairsSuffix, out var value) && value is List<(string, string)> pairs ? pairs : [];

    // The pairs are kept beside the key list under a name no YAML key can have.
    private const string PairsSuffix = "\u0000pairs";

    public static FrontMatter Parse(string text, string fileName)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            throw new FormatException($"{fileName}: filen begynder ikke med '---'.");
        }

        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            throw new FormatException($"{fileName}: front matter slutter ikke med '---'.");
        }

        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var i = 1;
        while (i < end)
        {
            var line = lines[i];
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                i++;
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (char.IsWhiteSpace(line[0]) || colon <= 0)
            {
                throw new FormatException($"{fileName}, linje {i + 1}: ventede 'navn: værdi', fandt '{line}'.");
            }

            var key = line[..colon].Trim();
            var rest = StripComment(line[(colon + 1)..]).Trim();
            i++;
            if (rest is "|" or "|-" or ">")
            {
                var block = new List<string>();
                while (i < end && (lines[i].Length == 0 || char.IsWhiteSpace(lines[i][0])))
                {
                    block.Add(lines[i].Length >= 2 ? lines[i][2..] : "");
                    i++;
                }

                values[key] = string.Join('\n', block).Trim();
            }
            else if (rest.Length == 0)
            {
                var items = new List<string>();
                var pairs = new List<(string, string)>();
                while (i < end && lines[i].TrimStart().StartsWith("- ", StringComparison.Ordinal))
                {
                    var item = lines[i].TrimStart()[2..].Trim();
                    var itemColon = item.IndexOf(": ", StringComparison.Ordinal);
                    var isPair = itemColon > 0 && !item.StartsWith('"');
                    items.Add(Unquote(isPair ? item[..itemColon] : item));
                    pairs.Add(isPair ? (Unquote(item[..itemColon]), Unquote(item[(itemColon + 2)..].Trim())) : (Unquote(item), ""));
                    i++;
                }

                values[key] = items;
                values[key + PairsSuffix] = pairs;
            }
            else if (rest.StartsWith('['))
            {
                values[key] = rest.Trim('[', ']').Split(',').Select(v => Unquote(v.Trim())).Where(v => v.Length > 0).ToList();
            }
            else
            {
                values[key] = Unquote(rest);
            }
        }

        var body = string.Join('\n', lines[(end + 1)..]).Trim();
        return new FrontMatter(values, body);
    }

    private static string StripComment(string value)
    {
        // "  # comment" after a plain value (never inside quotes, which the seed uses for text).
        var hash = value.IndexOf(" #", StringComparison.Ordinal);
        return hash >= 0 && !value.TrimStart().StartsWith('"') ? value[..hash] : value;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"'
            ? value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal)
            : value;
}
