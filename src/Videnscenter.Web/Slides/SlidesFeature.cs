using Videnscenter.Web.Sections;

namespace Videnscenter.Web.Slides;

/// <summary>
/// Slide decks: the deck page's template, which shows the slides the media library read from the
/// deck's file. (Their text is indexed by Search, from the same media library.)
/// </summary>
public static class SlidesFeature
{
    public const string TypeName = "SlideDeck";

    public static IServiceCollection AddSlides(this IServiceCollection services) =>
        services.AddDisplayTemplate(TypeName, "/Slides/SlideDeckDisplay.cshtml");
}
