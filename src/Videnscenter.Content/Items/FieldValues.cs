using System.Globalization;
using System.Net.Mail;
using System.Text.Json.Nodes;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Taxonomies;

namespace Videnscenter.Content.Items;

/// <summary>A validation problem, in Danish, naming the field it concerns.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Finds the item a reference points to, by id or by slug, among the allowed types.</summary>
public interface IReferenceResolver
{
    Guid? Resolve(IReadOnlyList<string> types, string idOrSlug);
}

/// <summary>
/// Turns field input (strings from a form, values from YAML front matter or recipe JSON, or values
/// already stored) into the one canonical JSON form per field kind, with Danish messages for what
/// does not fit. Validation and normalisation are one step, so every way in is checked alike.
/// </summary>
public static class FieldValues
{
    private static readonly CultureInfo Da = CultureInfo.GetCultureInfo("da-DK");
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d.M.yyyy", "d-M-yyyy", "d/M/yyyy"];
    private const int MaxTextLength = 1_000;
    private const int MaxMarkdownLength = 200_000;

    /// <summary>
    /// Normalises and checks every field. Required fields are not checked here: a draft may be
    /// incomplete; <see cref="MissingRequired"/> is the check publishing makes.
    /// </summary>
    public static JsonObject Normalize(
        ContentTypeDefinition type, JsonObject? input, IReadOnlyDictionary<string, Taxonomy> taxonomies,
        IReferenceResolver references, List<FieldError> errors)
    {
        var result = new JsonObject();
        input ??= new JsonObject();
        foreach (var unknown in input.Select(p => p.Key).Where(k => type.Field(k) is null))
            errors.Add(new FieldError(unknown, $"Typen «{type.DisplayName}» har ikke et felt, der hedder «{unknown}»."));

        foreach (var field in type.Fields)
        {
            var raw = input.FirstOrDefault(p => string.Equals(p.Key, field.Name, StringComparison.OrdinalIgnoreCase)).Value;
            var value = IsEmpty(raw) ? null : NormalizeOne(field, raw!, taxonomies, references, errors);
            if (value is not null) result[field.Name] = value;
        }
        return result;
    }

    /// <summary>The required fields a saved version leaves empty, with the same Danish message the editor shows.</summary>
    public static IReadOnlyList<FieldError> MissingRequired(ContentTypeDefinition type, JsonObject fields) =>
        type.Fields.Where(f => f.Required && IsEmpty(fields[f.Name]))
            .Select(f => new FieldError(f.Name, RequiredMessage(f)))
            .ToList();

    public static string RequiredMessage(FieldDefinition field) => $"«{field.Label}» skal udfyldes.";

    private static bool IsEmpty(JsonNode? n) => n switch
    {
        null => true,
        JsonArray a => a.All(IsEmpty),
        JsonValue v when v.TryGetValue(out string? s) => string.IsNullOrWhiteSpace(s),
        _ => false,
    };

    private static JsonNode? NormalizeOne(FieldDefinition f, JsonNode raw, IReadOnlyDictionary<string, Taxonomy> taxonomies,
        IReferenceResolver references, List<FieldError> errors)
    {
        void Error(string message) => errors.Add(new FieldError(f.Name, message));
        var label = $"«{f.Label}»";

        switch (f.Kind)
        {
            case FieldKind.Text or FieldKind.Markdown:
            {
                var s = Scalar(raw);
                if (s is null) { Error($"{label} skal være tekst."); return null; }
                s = f.Kind == FieldKind.Text ? s.Trim() : s.Replace("\r\n", "\n").Trim('\n');
                var max = f.Kind == FieldKind.Text ? MaxTextLength : MaxMarkdownLength;
                if (s.Length > max) { Error($"{label} må højst være {max.ToString("N0", Da)} tegn (den er {s.Length.ToString("N0", Da)})."); return null; }
                if (s.Any(c => char.IsControl(c) && c is not '\n' and not '\t')) { Error($"{label} indeholder usynlige kontroltegn."); return null; }
                return s;
            }
            case FieldKind.Number:
            {
                if (raw is JsonValue v && v.TryGetValue(out decimal d)) return d;
                var s = Scalar(raw)?.Trim();
                // No thousands separators: "12,5" is Danish for 12.5, not 125.
                const NumberStyles plain = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite
                                           | NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
                if (s is not null && (decimal.TryParse(s, plain, CultureInfo.InvariantCulture, out d)
                                      || decimal.TryParse(s, plain, Da, out d)))
                    return d;
                Error($"{label} skal være et tal."); return null;
            }
            case FieldKind.Boolean:
            {
                if (raw is JsonValue v && v.TryGetValue(out bool b)) return b;
                switch (Scalar(raw)?.Trim().ToLowerInvariant())
                {
                    case "true" or "ja" or "on" or "1": return true;
                    case "false" or "nej" or "off" or "0": return false;
                    default: Error($"{label} skal være ja eller nej."); return null;
                }
            }
            case FieldKind.Date:
            {
                var s = Scalar(raw)?.Trim();
                if (s is not null && DateOnly.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                Error($"{label} skal være en gyldig dato, fx 2027-02-03."); return null;
            }
            case FieldKind.DateTimeRanges:
            {
                var ranges = new JsonArray();
                foreach (var item in Items(raw))
                {
                    var range = ParseRange(item);
                    if (range is null)
                    {
                        Error($"{label}: «{Describe(item)}» er ikke et gyldigt tidsrum. Skriv fx 2027-02-03 17:00-19:00.");
                        return null;
                    }
                    if (range.End <= range.Start)
                    {
                        Error($"{label}: sluttidspunktet skal ligge efter starttidspunktet ({Describe(item)}).");
                        return null;
                    }
                    ranges.Add(range.ToJson());
                }
                return ranges;
            }
            case FieldKind.Link:
            {
                var s = Scalar(raw)?.Trim();
                if (s is not null && (s.StartsWith('/') && !s.StartsWith("//")
                    || Uri.TryCreate(s, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto"))
                    return s;
                Error($"{label} skal være en webadresse, der begynder med https://, http:// eller /."); return null;
            }
            case FieldKind.Email:
            {
                var s = Scalar(raw)?.Trim();
                if (s is not null && MailAddress.TryCreate(s, out var mail) && mail.Address == s && s.Contains('.', StringComparison.Ordinal))
                    return s;
                Error($"{label} skal være en gyldig e-mailadresse."); return null;
            }
            case FieldKind.Phone:
            {
                var s = Scalar(raw)?.Trim();
                if (s is not null && s.All(c => char.IsDigit(c) || c is ' ' or '+' or '-' or '(' or ')') && s.Count(char.IsDigit) >= 8)
                    return s;
                Error($"{label} skal være et telefonnummer med mindst 8 cifre."); return null;
            }
            case FieldKind.Choice:
            {
                var values = new List<string>();
                foreach (var item in Items(raw))
                {
                    var s = Scalar(item)?.Trim();
                    var option = f.Options.FirstOrDefault(o => string.Equals(o, s, StringComparison.OrdinalIgnoreCase));
                    if (option is null)
                    {
                        Error($"{label}: «{s}» er ikke et af valgene ({string.Join(", ", f.Options)}).");
                        return null;
                    }
                    if (!values.Contains(option)) values.Add(option);
                }
                if (!f.Multiple && values.Count > 1) { Error($"{label} kan kun have én værdi."); return null; }
                return f.Multiple ? new JsonArray(values.Select(v => (JsonNode)v).ToArray()) : values.FirstOrDefault();
            }
            case FieldKind.Taxonomy:
            {
                if (f.Taxonomy is null || !taxonomies.TryGetValue(f.Taxonomy, out var taxonomy))
                {
                    Error($"{label} bruger taksonomien «{f.Taxonomy}», som ikke findes."); return null;
                }
                var keys = new List<string>();
                foreach (var item in Items(raw))
                {
                    var s = Scalar(item)?.Trim() ?? "";
                    var term = taxonomy.Term(s) ?? taxonomy.Terms.FirstOrDefault(t => string.Equals(t.Label, s, StringComparison.OrdinalIgnoreCase));
                    if (term is null) { Error($"{label}: «{s}» findes ikke i «{taxonomy.DisplayName}»."); return null; }
                    if (!keys.Contains(term.Key)) keys.Add(term.Key);
                }
                if (!f.Multiple && keys.Count > 1) { Error($"{label} kan kun have én værdi."); return null; }
                return new JsonArray(keys.Select(k => (JsonNode)k).ToArray());
            }
            case FieldKind.Reference:
            {
                var refs = new JsonArray();
                foreach (var item in Items(raw))
                {
                    var (target, level) = ReferenceParts(item);
                    var id = target is null ? null : references.Resolve(f.ReferenceTypes, target);
                    if (id is null) { Error($"{label}: der findes ikke noget indhold med adressen «{target}»."); return null; }
                    if (level is not null)
                    {
                        var known = f.Levels.FirstOrDefault(l => string.Equals(l, level, StringComparison.OrdinalIgnoreCase));
                        if (known is null)
                        {
                            Error(f.Levels.Count == 0
                                ? $"{label} kan ikke have et niveau («{level}»)."
                                : $"{label}: niveauet «{level}» er ikke et af {string.Join(", ", f.Levels)}.");
                            return null;
                        }
                        level = known;
                    }
                    refs.Add(new ReferenceValue(id.Value, level).ToJson());
                }
                if (!f.Multiple && refs.Count > 1) { Error($"{label} kan kun pege på ét indhold."); return null; }
                return refs;
            }
            case FieldKind.Media:
            {
                var s = Scalar(raw)?.Trim();
                if (s is not null && !s.Contains("..", StringComparison.Ordinal)) return s;
                Error($"{label} skal være navnet på en fil i mediebiblioteket."); return null;
            }
            default:
                Error($"{label} har en ukendt felttype."); return null;
        }
    }

    private static string? Scalar(JsonNode? n) => n switch
    {
        JsonValue v when v.TryGetValue(out string? s) => s,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };

    private static IEnumerable<JsonNode> Items(JsonNode raw) =>
        raw is JsonArray a ? a.Where(n => !IsEmpty(n)).Select(n => n!) : [raw];

    private static string Describe(JsonNode n) => Scalar(n) ?? n.ToJsonString();

    /// <summary>Accepts "slug", "id", {"id": …, "level": …} and the YAML shorthand {"slug": "level"}.</summary>
    private static (string? Target, string? Level) ReferenceParts(JsonNode item)
    {
        if (item is JsonObject o)
        {
            if (o["id"] is not null) return (Scalar(o["id"]), Scalar(o["level"]));
            if (o.Count == 1) { var p = o.First(); return (p.Key, Scalar(p.Value)); }
            return (null, null);
        }
        return (Scalar(item)?.Trim(), null);
    }

    private static DateTimeRange? ParseRange(JsonNode item)
    {
        if (item is JsonObject o) return DateTimeRange.FromJson(o) ?? ParseStartEnd(Scalar(o["start"]), Scalar(o["end"]));
        var s = Scalar(item)?.Trim();
        if (s is null) return null;
        // "2027-02-03 17:00-19:00" (one day) or "2027-02-03 17:00 - 2027-02-04 12:00"
        var parts = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && parts[1].Split('-') is [var from, var to])
            return ParseStartEnd($"{parts[0]} {from}", $"{parts[0]} {to}");
        if (parts.Length == 5 && parts[2] == "-")
            return ParseStartEnd($"{parts[0]} {parts[1]}", $"{parts[3]} {parts[4]}");
        return null;
    }

    private static DateTimeRange? ParseStartEnd(string? start, string? end)
    {
        string[] formats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd H:mm", "yyyy-MM-dd HH.mm"];
        return DateTime.TryParseExact(start, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var s)
               && DateTime.TryParseExact(end, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var e)
            ? new DateTimeRange(s, e)
            : null;
    }
}
