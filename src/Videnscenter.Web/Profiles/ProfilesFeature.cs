using Videnscenter.Content.Items;
using Videnscenter.Web.Sections;

namespace Videnscenter.Web.Profiles;

/// <summary>Competence profiles: their list, the profile page's template, and "my profile" for staff.</summary>
public static class ProfilesFeature
{
    public static IServiceCollection AddProfiles(this IServiceCollection services) =>
        services.AddDisplayTemplate(IndexModel.TypeName, "/Profiles/CompetenceProfileDisplay.cshtml")
            .AddScoped<IContentEventHandler, ProfileReviewMail>();
}
