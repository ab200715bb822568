
namespace Videnscenter.Web.Sections;

/// <summary>The generic list and detail pages every section falls back on, and the hooks features use to specialise them.</summary>
public static class SectionsFeature
{
    public static IServiceCollection AddSections(this IServiceCollection services)
    {
        services.AddOptions<DisplayTemplates>();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DisplayTemplates>>().Value);
        return services;
    }

    /// <summary>Shows items of <paramref name="typeName"/> with the partial at <paramref name="path"/> (e.g. "/Events/EventDisplay.cshtml").</summary>
    public static IServiceCollection AddDisplayTemplate(this IServiceCollection services, string typeName, string path) =>
        services.Configure<DisplayTemplates>(t => t.ByType[typeName] = path);

    public static IServiceCollection AddDisplayExtras<T>(this IServiceCollection services) where T : class, IDisplayExtras =>
        services.AddScoped<IDisplayExtras, T>();

    /// <summary>The display model with what the type's feature adds to it, if anything.</summary>
    internal static async Task<Theme.Display.DisplayModel> WithExtrasAsync(this IEnumerable<IDisplayExtras> extras,
        Theme.Display.DisplayModel display, HttpRequest request, Videnscenter.Content.Audience reader, CancellationToken ct)
    {
        foreach (var extra in extras.Where(e => e.TypeName == display.Type.Name))
            display = await extra.AddToAsync(display, request, reader, ct);
        return display;
    }
}
