using Videnscenter.Content.Items;
using Videnscenter.Media;
using Videnscenter.Web.Startup;

namespace Videnscenter.Web.Media;

public static class MediaSetup
{
    /// <summary>The media library with its files under <c>&lt;DataPath&gt;/media</c>, its access rule and the admin's usage query.</summary>
    public static IServiceCollection AddSiteMedia(this IServiceCollection services, SiteOptions site)
    {
        services.AddMediaLibrary(site.ConnectionString, new MediaOptions { RootPath = Path.Combine(site.DataPath, "media") });
        services.AddSingleton<MediaAccess>();
        services.AddScoped<IContentEventHandler, MediaAccessInvalidator>();
        services.AddScoped<MediaUses>();
        return services;
    }
}
