using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Theme.Display;

namespace Videnscenter.Web.Events;

/// <summary>schema.org Event markup (JSON-LD) for an event page, so search engines and calendars understand it.</summary>
public static class EventJsonLd
{
    // The encoder escapes <, >, & and quotes as \uXXXX even with all Unicode ranges allowed, so text
    // such as "</script>" in an event cannot end the script element it is written into.
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    /// <summary>One Event object, or an array of them when the event has several time ranges (one per occasion).</summary>
    public static string? Build(ContentItem item, ContentSchema schema, string baseUrl, IReadOnlyDictionary<Guid, ContentItem> visible)
    {
        var ranges = item.Ranges("when");
        if (ranges.Count == 0) return null;
        var url = baseUrl + ContentUrls.Of(schema, item);
        var (partner, organiserText) = EventSchedule.Organiser(item, visible);

        JsonObject One(DateTimeRange r)
        {
            var e = new JsonObject
            {
                ["@context"] = "https://schema.org",
                ["@type"] = "Event",
                ["name"] = item.Title,
                ["startDate"] = WithOffset(r.Start),
                ["endDate"] = WithOffset(r.End),
                ["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode",
                ["eventStatus"] = "https://schema.org/EventScheduled",
                ["url"] = url,
                ["inLanguage"] = "da",
            };
            if (!string.IsNullOrWhiteSpace(item.Summary)) e["description"] = item.Summary;
            if (item.Text("place") is { } place)
                e["location"] = new JsonObject { ["@type"] = "Place", ["name"] = place, ["address"] = place };
            if (organiserText is not null)
            {
                var organiser = new JsonObject { ["@type"] = "Organization", ["name"] = organiserText };
                if (partner is not null) organiser["url"] = baseUrl + ContentUrls.Of(schema, partner);
                e["organizer"] = organiser;
            }
            return e;
        }

        JsonNode node = ranges.Count == 1 ? One(ranges[0]) : new JsonArray(ranges.Select(r => (JsonNode)One(r)).ToArray());
        return node.ToJsonString(Options);
    }

    /// <summary>Danish local time as ISO 8601 with its UTC offset, e.g. "2026-10-10T10:00:00+02:00".</summary>
    public static string WithOffset(DateTime local)
    {
        var offset = local - Danish.ToUtc(local);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset)
            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
