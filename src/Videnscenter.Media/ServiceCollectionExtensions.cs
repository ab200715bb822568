using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content.Markdown;
using Videnscenter.Content.Seed;
using Videnscenter.Content.Storage;
using Videnscenter.Media.Images;
using Videnscenter.Media.Library;
using Videnscenter.Media.Slides;

namespace Videnscenter.Media;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The media library on the same database as the content (its own tables and migration history),
    /// with its files under <see cref="MediaOptions.RootPath"/>. Also makes seed content import its files.
    /// </summary>
    public static IServiceCollection AddMediaLibrary(this IServiceCollection services, string connectionString, MediaOptions options)
    {
        // A factory, so the library can be a singleton that the search index and pages share.
        services.AddDbContextFactory<MediaDbContext>(o => o.Use(connectionString, MediaDbContext.HistoryTable));
        services.AddSingleton(options);
        services.AddSingleton<SlideExtractor>();
        services.AddSingleton<ImageProfiles>();
        services.AddSingleton<MediaLibrary>();
        services.AddSingleton<DeckSlides>();
        services.AddSingleton<LibraryImages>();
        services.AddSingleton<IMarkdownImageRenderer>(sp => sp.GetRequiredService<LibraryImages>());
        services.AddSingleton<MarkdownHtml>();
        services.AddScoped<ISeedMediaImporter, SeedMediaImporter>();
        return services;
    }

    /// <summary>Applies pending media migrations (run at start-up, after the content migrations).</summary>
    public static async Task MigrateMediaAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<MediaDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
    }
}
