using Videnscenter.Web.Sections;

namespace Videnscenter.Web.Partners;

/// <summary>Partners: their filtered list at /samarbejdspartnere and the partner page's template.</summary>
public static class PartnersFeature
{
    public static IServiceCollection AddPartners(this IServiceCollection services) =>
        services.AddDisplayTemplate(IndexModel.TypeName, "/Partners/PartnerDisplay.cshtml");
}
