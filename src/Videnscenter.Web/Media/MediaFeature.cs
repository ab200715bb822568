using Videnscenter.Content.Items;
using Videnscenter.Media;
using Videnscenter.Web.Hosting;

namespace Videnscenter.Web.Media;

/// <summary>
/// The media library in the site: uploads and editing for editors (/admin/medier), files and
/// thumbnails served at /medier/{name} (mapped by <see cref="MediaEndpoint.MapMedia"/>).
/// </summary>
public static class MediaFeature
{
    /// <summary>The media library with its files under <c>&lt;DataPath&gt;/media</c>, its access rule and the admin's usage query.</summary>
    public static IServiceCollection AddMedia(this IServiceCollection services, SiteOptions site)
    {
        services.AddMediaLibrary(site.ConnectionString, new MediaOptions { RootPath = site.MediaPath.Length > 0 ? site.MediaPath : Path.Combine(site.DataPath, "media") });
        services.AddSingleton<MediaAccess>();
        services.AddScoped<IContentEventHandler, MediaAccessInvalidator>();
        services.AddScoped<MediaUses>();
        services.AddStartupStep<MediaMigration>();
        return services;
    }
}

/// <summary>Creates or updates the media library's tables at start-up.</summary>
internal sealed class MediaMigration : IStartupStep
{
    public Task MigrateAsync(IServiceProvider services, CancellationToken ct) => services.MigrateMediaAsync(ct);
}
