using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Editing;

/// <summary>An item whose content has not been looked at for too long, and since when.</summary>
public sealed record ReviewDue(ContentItem Item, DateOnly Since, string Reason);

/// <summary>
/// Content that nobody has reviewed for twelve months: a method by its «Sidst gennemgået» date, a
/// competence profile by its «Sidst bekræftet» date, anything else by its last change.
/// </summary>
public static class ReviewSchedule
{
    public const int Months = 12;

    /// <summary>The date field that records a review, per type.</summary>
    public static readonly IReadOnlyDictionary<string, string> ReviewFields = new Dictionary<string, string>
    {
        ["Method"] = "lastReviewed",
        [AdminAccess.ProfileType] = "lastConfirmed",
    };

    public static ReviewDue? Check(ContentItem item, ContentSchema schema, DateOnly today)
    {
        var cutoff = today.AddMonths(-Months);
        if (ReviewFields.TryGetValue(item.Type, out var field) && item.Date(field) is { } reviewed)
        {
            var label = schema.Type(item.Type)?.Field(field)?.Label ?? "Sidst gennemgået";
            return reviewed < cutoff ? new ReviewDue(item, reviewed, $"{label}: {Danish.Date(reviewed)}") : null;
        }
        var changed = DateOnly.FromDateTime(Danish.ToLocal(item.ModifiedUtc));
        return changed < cutoff ? new ReviewDue(item, changed, $"Sidst ændret: {Danish.Date(changed)}") : null;
    }

    public static IReadOnlyList<ReviewDue> Due(IEnumerable<ContentItem> latest, ContentSchema schema, DateOnly today) =>
        latest.Where(i => i.Status == ContentStatus.Published)
            .Select(i => Check(i, schema, today)).OfType<ReviewDue>()
            .OrderBy(d => d.Since).ToList();
}
