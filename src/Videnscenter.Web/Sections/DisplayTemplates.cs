using Videnscenter.Theme.Display;

namespace Videnscenter.Web.Sections;

/// <summary>
/// Which Razor partial shows an item of a type on its public page (and in the editor's preview).
/// Each feature registers its own template, kept in its folder, with
/// <see cref="SectionsFeature.AddDisplayTemplate"/>; a type without one gets the theme's generic
/// template.
/// </summary>
public sealed class DisplayTemplates
{
    /// <summary>The theme's template that shows any type's fields in order.</summary>
    public const string Generic = "Display/_Generic";

    internal Dictionary<string, string> ByType { get; } = new(StringComparer.Ordinal);

    public string For(string typeName) => ByType.GetValueOrDefault(typeName, Generic);
}

/// <summary>
/// Adds to the display model of one type what only its feature knows (an event's schema.org markup
/// and its neighbours, for instance). Registered by the feature with
/// <see cref="SectionsFeature.AddDisplayExtras{T}"/>.
/// </summary>
public interface IDisplayExtras
{
    string TypeName { get; }

    Task<DisplayModel> AddToAsync(DisplayModel display, HttpRequest request, Videnscenter.Content.Audience reader, CancellationToken ct);
}
