using Videnscenter.Web.Sections;

namespace Videnscenter.Web.Methods;

/// <summary>The method catalogue: its filtered list at /metoder and the method page's template.</summary>
public static class MethodsFeature
{
    public static IServiceCollection AddMethods(this IServiceCollection services) =>
        services.AddDisplayTemplate(IndexModel.TypeName, "/Methods/MethodDisplay.cshtml");
}
