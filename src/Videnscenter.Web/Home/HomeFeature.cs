using Videnscenter.Web.Sections;

namespace Videnscenter.Web.Home;

/// <summary>The front page and the site's own pages (type "Page", e.g. "Om Videnscenteret").</summary>
public static class HomeFeature
{
    public const string PageTypeName = "Page";

    public static IServiceCollection AddHome(this IServiceCollection services) =>
        services.AddDisplayTemplate(PageTypeName, "/Home/PageDisplay.cshtml");
}
