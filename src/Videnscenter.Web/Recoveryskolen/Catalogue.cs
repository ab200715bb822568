using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Web.Sections;

namespace Videnscenter.Web.Recoveryskolen;

public sealed record CatalogueEntry(RegistrableItem Course, CourseAvailability Availability);

/// <summary>
/// One semester's course catalogue as a reader may see it: the semesters that have courses, the
/// chosen one, its courses in date order with places left, narrowed by "for whom".
/// Shared by /kurser, /kurser/semester/{key} and the PDF.
/// </summary>
public sealed class Catalogue
{
    public required ContentSchema Schema { get; init; }
    public required ContentTypeDefinition Type { get; init; }
    /// <summary>Semesters with at least one course the reader may see, in time order.</summary>
    public required IReadOnlyList<(Semester Semester, int Count)> Semesters { get; init; }
    public required Semester? Selected { get; init; }
    /// <summary>The semester's courses after the filter.</summary>
    public required IReadOnlyList<CatalogueEntry> Entries { get; init; }
    /// <summary>All the semester's courses, before the filter.</summary>
    public required int Total { get; init; }
    public required FilterSelect AudienceFilter { get; init; }

    public bool Filtered => AudienceFilter.Selected is not null;

    /// <summary>
    /// Null when <paramref name="semesterKey"/> names no known semester. Without a key: the current
    /// semester while any of its courses has yet to start, otherwise the next one.
    /// </summary>
    public static async Task<Catalogue?> LoadAsync(ContentStore store, SchemaStore schemaStore, RegistrationStore registrations,
        DateTime nowUtc, Audience reader, string? semesterKey, string? audience, CancellationToken ct)
    {
        var schema = await schemaStore.GetAsync(ct);
        if (schema.Type(RegistrableItem.TypeName) is not { } type) return null;
        var courses = (await store.ListPublishedAsync(RegistrableItem.TypeName, reader, ct)).Select(i => new RegistrableItem(i)).ToList();

        var bySemester = courses.Where(c => c.Semester is not null)
            .GroupBy(c => c.Semester!)
            .Select(g => (Semester: Semester.From(schema, g.Key), Courses: g.ToList()))
            .OrderBy(g => g.Semester.SortKey).ThenBy(g => g.Semester.Label, Danish.Sort)
            .ToList();

        Semester? selected;
        if (semesterKey is null)
        {
            // The first semester with a course still ahead; late in a semester, when every course
            // has begun, that is the next one, whose catalogue people then come for.
            selected = bySemester.FirstOrDefault(g => g.Courses.Any(c => !c.HasStarted(nowUtc))).Semester
                       ?? bySemester.FirstOrDefault(g => g.Courses.Any(c => !c.HasEnded(nowUtc))).Semester
                       ?? bySemester.LastOrDefault().Semester;
        }
        else
        {
            selected = bySemester.FirstOrDefault(g => g.Semester.Key == semesterKey).Semester;
            // A semester in the taxonomy whose courses are not out yet still has a (empty) page.
            if (selected is null && schema.Taxonomy(Semester.Taxonomy)?.Term(semesterKey) is not null)
                selected = Semester.From(schema, semesterKey);
            if (selected is null) return null;
        }

        var inSemester = selected is null ? [] : courses.Where(c => c.Semester == selected.Key)
            .OrderBy(c => c.FirstStartUtc ?? DateTime.MaxValue).ThenBy(c => c.Item.Title, Danish.Sort).ToList();
        var (items, selects) = ListFilter.Apply(inSemester.Select(c => c.Item).ToList(),
        [
            new FilterDimension("for", "For hvem", "Alle", CourseAudiences.KeysOf, CourseAudiences.All, audience),
        ]);
        var shown = items.Select(i => i.Id).ToHashSet();
        var counts = await registrations.CountsAsync(inSemester.Select(c => c.Item.Id), ct);

        return new Catalogue
        {
            Schema = schema,
            Type = type,
            Semesters = bySemester.Select(g => (g.Semester, g.Courses.Count)).ToList(),
            Selected = selected,
            Total = inSemester.Count,
            Entries = inSemester.Where(c => shown.Contains(c.Item.Id))
                .Select(c => new CatalogueEntry(c, CourseAvailability.Of(c, counts.GetValueOrDefault(c.Item.Id, CourseCount.None), nowUtc)))
                .ToList(),
            AudienceFilter = selects[0],
        };
    }
}
