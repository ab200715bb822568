using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Editing;

/// <summary>
/// Ids of the editor's inputs. Form names are the same ids (fields: «felt.name»), so an error
/// from the store («title», a field name) finds the input it belongs to.
/// </summary>
public static class EditorIds
{
    public const string Title = "titel";
    public const string Slug = "adresse";
    public const string Summary = "resume";
    public const string Audience = "adgang";
    public const string Departments = "afdelinger";
    public const string Tags = "emneord";
    public const string Body = "broedtekst";
    public const string BaseVersion = "baseVersionId";
    public const string Action = "handling";
    public const string ConfirmPublish = "udgivAlligevel";

    /// <summary>The id of a type field's (first) input.</summary>
    public static string Field(string name) => $"felt-{name}";

    /// <summary>The form name of a type field's input.</summary>
    public static string FieldName(string name) => $"felt.{name}";

    /// <summary>The input an error from the store belongs to ("" for the item as a whole).</summary>
    public static string ForError(string field) => field switch
    {
        "" => "",
        "title" => Title,
        "slug" => Slug,
        "summary" => Summary,
        "audience" => Audience,
        "departments" => Departments,
        "tags" => Tags,
        "body" => Body,
        _ => Field(field),
    };
}

/// <summary>One row of a date-time range field as typed: a date, a start and an end time.</summary>
public sealed record RangeRow(string Date, string Start, string End)
{
    public static readonly RangeRow Blank = new("", "", "");

    public bool IsEmpty => string.IsNullOrWhiteSpace(Date) && string.IsNullOrWhiteSpace(Start) && string.IsNullOrWhiteSpace(End);

    /// <summary>The store's text form "2027-02-03 17:00-19:00"; a half-filled row stays visibly incomplete so the store names it.</summary>
    public string ToInput() => $"{Date.Trim()} {Start.Trim()}-{End.Trim()}".Trim();

    public static RangeRow From(DateTimeRange r) => new(
        r.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        r.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
        r.End.ToString("HH:mm", CultureInfo.InvariantCulture));
}

public sealed record ReferenceInput(Guid Id, string? Level);

/// <summary>What an editor typed into one field of the type, in the shape its inputs need.</summary>
public sealed class FieldInput
{
    /// <summary>Text, Markdown, number, date, link, e-mail, phone, media, a single choice, a checked boolean ("true").</summary>
    public string Value { get; set; } = "";
    /// <summary>Several choices or taxonomy terms.</summary>
    public List<string> Values { get; } = [];
    public List<RangeRow> Rows { get; } = [];
    public List<ReferenceInput> References { get; } = [];
    /// <summary>The text filter of a reference picker.</summary>
    public string Filter { get; set; } = "";

    public bool IsChecked => Value == "true";
    public bool Has(string value) => Values.Contains(value, StringComparer.OrdinalIgnoreCase) || string.Equals(Value, value, StringComparison.OrdinalIgnoreCase);
    public ReferenceInput? Reference(Guid id) => References.FirstOrDefault(r => r.Id == id);
}

/// <summary>
/// The editor form, generated from a content type definition: filled from a stored version, read
/// back from a posted form exactly as typed (so a failed save loses nothing), and turned into the
/// draft the store validates.
/// </summary>
public sealed class EditorForm
{
    public Guid? BaseVersionId { get; set; }
    public string Title { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Summary { get; set; } = "";
    public Audience Audience { get; set; }
    public List<string> Departments { get; } = [];
    public string Tags { get; set; } = "";
    public string Body { get; set; } = "";
    public Dictionary<string, FieldInput> Fields { get; } = new(StringComparer.Ordinal);

    public FieldInput Field(string name)
    {
        if (!Fields.TryGetValue(name, out var input)) Fields[name] = input = new FieldInput();
        return input;
    }

    public static EditorForm Empty(ContentTypeDefinition type) => new() { Audience = type.DefaultAudience };

    public static EditorForm FromItem(ContentItem item, ContentTypeDefinition type)
    {
        var form = new EditorForm
        {
            BaseVersionId = item.VersionId,
            Title = item.Title,
            Slug = item.Slug,
            Summary = item.Summary,
            Audience = item.Audience,
            Tags = string.Join(", ", item.Tags),
            Body = item.Body,
        };
        form.Departments.AddRange(item.Departments);
        foreach (var f in type.Fields)
        {
            var input = form.Field(f.Name);
            var node = item.Fields[f.Name];
            switch (f.Kind)
            {
                case FieldKind.Boolean:
                    input.Value = item.Bool(f.Name) ? "true" : "";
                    break;
                case FieldKind.Number:
                    input.Value = item.Number(f.Name)?.ToString(CultureInfo.InvariantCulture) ?? "";
                    break;
                case FieldKind.DateTimeRanges:
                    input.Rows.AddRange(item.Ranges(f.Name).Select(RangeRow.From));
                    break;
                case FieldKind.Choice when f.Multiple:
                case FieldKind.Taxonomy:
                    input.Values.AddRange(item.Values(f.Name));
                    break;
                case FieldKind.Choice:
                    input.Value = item.Values(f.Name).FirstOrDefault() ?? "";
                    break;
                case FieldKind.Reference:
                    input.References.AddRange(item.References(f.Name).Select(r => new ReferenceInput(r.Id, r.Level)));
                    break;
                default:
                    input.Value = node is JsonValue v && v.TryGetValue(out string? s) ? s : node?.ToJsonString() ?? "";
                    break;
            }
        }
        return form;
    }

    /// <summary>Reads the posted form exactly as typed.</summary>
    public static EditorForm Read(IFormCollection posted, ContentTypeDefinition type)
    {
        string One(string name) => posted[name].ToString();
        IEnumerable<string> Many(string name) => posted[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim());

        var form = new EditorForm
        {
            BaseVersionId = Guid.TryParse(One(EditorIds.BaseVersion), out var b) ? b : null,
            Title = One(EditorIds.Title),
            Slug = One(EditorIds.Slug),
            Summary = One(EditorIds.Summary),
            Audience = AudienceNames.TryParse(One(EditorIds.Audience), out var a) ? a : type.DefaultAudience,
            Tags = One(EditorIds.Tags),
            Body = One(EditorIds.Body),
        };
        form.Departments.AddRange(Many(EditorIds.Departments).Distinct());
        foreach (var f in type.Fields)
        {
            var name = EditorIds.FieldName(f.Name);
            var input = form.Field(f.Name);
            switch (f.Kind)
            {
                case FieldKind.Boolean:
                    input.Value = Many(name).Contains("true") ? "true" : "";
                    break;
                case FieldKind.DateTimeRanges:
                {
                    var dates = posted[$"{name}.dato"];
                    var starts = posted[$"{name}.start"];
                    var ends = posted[$"{name}.slut"];
                    var count = Math.Max(dates.Count, Math.Max(starts.Count, ends.Count));
                    for (var i = 0; i < count; i++)
                    {
                        var row = new RangeRow(At(dates, i), At(starts, i), At(ends, i));
                        if (!row.IsEmpty) input.Rows.Add(row);
                    }
                    break;
                }
                case FieldKind.Choice when f.Multiple:
                case FieldKind.Taxonomy:
                    input.Values.AddRange(Many(name).Distinct());
                    break;
                case FieldKind.Reference:
                {
                    // A level chosen for an item counts as choosing the item, even if its box was left unticked.
                    var levelPrefix = $"{name}.niveau.";
                    var withLevel = posted.Keys
                        .Where(k => k.StartsWith(levelPrefix, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(posted[k]))
                        .Select(k => k[levelPrefix.Length..]);
                    foreach (var id in Many(name).Concat(withLevel).Distinct(StringComparer.OrdinalIgnoreCase))
                    {
                        if (!Guid.TryParse(id, out var guid) || input.Reference(guid) is not null) continue;
                        var level = posted[$"{levelPrefix}{guid}"].ToString();
                        if (string.IsNullOrWhiteSpace(level) && !f.Multiple) level = posted[$"{name}.niveau"].ToString();
                        input.References.Add(new ReferenceInput(guid, string.IsNullOrWhiteSpace(level) ? null : level.Trim()));
                    }
                    input.Filter = One($"{name}.soeg");
                    break;
                }
                default:
                    input.Value = One(name);
                    break;
            }
        }
        return form;
    }

    /// <summary>
    /// Rows of a date-time range field where something, but not all of date, start and end, is
    /// filled in. The store can only say the combined text is not a time span; the editor can say which row.
    /// </summary>
    public IReadOnlyList<int> IncompleteRows(FieldDefinition f) =>
        f.Kind != FieldKind.DateTimeRanges ? []
        : Field(f.Name).Rows.Select((r, i) => (r, i))
            .Where(x => !x.r.IsEmpty && (string.IsNullOrWhiteSpace(x.r.Date) || string.IsNullOrWhiteSpace(x.r.Start) || string.IsNullOrWhiteSpace(x.r.End)))
            .Select(x => x.i).ToList();

    private static string At(Microsoft.Extensions.Primitives.StringValues values, int i) => i < values.Count ? values[i] ?? "" : "";

    public ContentDraft ToDraft(ContentTypeDefinition type)
    {
        var fields = new JsonObject();
        foreach (var f in type.Fields)
        {
            var input = Field(f.Name);
            JsonNode? node = f.Kind switch
            {
                // An unticked box is a clear «no», stored as the seed content stores it.
                FieldKind.Boolean => JsonValue.Create(input.IsChecked),
                FieldKind.DateTimeRanges => input.Rows.Count == 0 ? null
                    : new JsonArray(input.Rows.Where(r => !r.IsEmpty).Select(r => (JsonNode)JsonValue.Create(r.ToInput())).ToArray()),
                FieldKind.Choice when f.Multiple => Strings(input.Values),
                FieldKind.Taxonomy => Strings(input.Values),
                FieldKind.Reference => input.References.Count == 0 ? null
                    : new JsonArray(input.References.Select(r => (JsonNode)new ReferenceValue(r.Id, r.Level).ToJson()).ToArray()),
                _ => string.IsNullOrWhiteSpace(input.Value) ? null : JsonValue.Create(input.Value),
            };
            if (node is not null) fields[f.Name] = node;
        }
        return new ContentDraft
        {
            Type = type.Name,
            Title = Title,
            Slug = string.IsNullOrWhiteSpace(Slug) ? null : Slug.Trim(),
            Summary = Summary,
            Body = Body,
            Audience = Audience,
            Departments = Departments.ToList(),
            Tags = SplitTags(Tags),
            Fields = fields,
        };
    }

    private static JsonArray? Strings(List<string> values) =>
        values.Count == 0 ? null : new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    public static IReadOnlyList<string> SplitTags(string tags) =>
        tags.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    /// <summary>
    /// A canonical text of everything in the form, so an action on an unchanged form (publish,
    /// preview) does not save a needless new version. Order of checked boxes does not count.
    /// </summary>
    public string Fingerprint(ContentTypeDefinition type)
    {
        static string Text(string s) => s.Replace("\r\n", "\n").Trim();
        static string Sorted(IEnumerable<string> values) => string.Join("|", values.Select(v => v.Trim()).Order(StringComparer.Ordinal));

        var sb = new StringBuilder();
        sb.Append(Text(Title)).Append('\u001f').Append(Text(Slug)).Append('\u001f').Append(Text(Summary)).Append('\u001f')
          .Append(Audience).Append('\u001f').Append(Sorted(Departments)).Append('\u001f')
          .Append(string.Join("|", SplitTags(Tags))).Append('\u001f').Append(Text(Body));
        foreach (var f in type.Fields)
        {
            var input = Field(f.Name);
            sb.Append('\u001e').Append(f.Name).Append('=');
            sb.Append(f.Kind switch
            {
                FieldKind.DateTimeRanges => string.Join("|", input.Rows.Where(r => !r.IsEmpty).Select(r => r.ToInput())),
                FieldKind.Choice when f.Multiple => Sorted(input.Values),
                FieldKind.Taxonomy => Sorted(input.Values),
                FieldKind.Reference => Sorted(input.References.Select(r => $"{r.Id}:{r.Level}")),
                _ => Text(input.Value),
            });
        }
        return sb.ToString();
    }
}
