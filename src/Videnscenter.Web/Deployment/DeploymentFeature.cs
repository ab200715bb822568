namespace Videnscenter.Web.Deployment;

/// <summary>
/// Content deployment, like Orchard Core's deployment plans: an administrator exports chosen types
/// or items, with the files they use, as one package (a recipe plus its media), and importing the
/// package on another site creates or updates them; importing it again changes nothing.
/// Page: /admin/udrulning. The whole-site archive for moving a site is in Operations/SiteArchive.
/// </summary>
public static class DeploymentFeature
{
    public static IServiceCollection AddDeployment(this IServiceCollection services)
    {
        services.AddScoped<DeploymentPackage>();
        return services;
    }
}
