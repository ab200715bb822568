namespace Videnscenter.Web.Hosting;

/// <summary>
/// What a feature needs done at start-up before the site serves requests. Features register one
/// with <see cref="StartupSteps.AddStartupStep{T}"/>; <see cref="FirstRun"/> runs them in the
/// order the features were added, so the start-up code itself knows no feature.
/// </summary>
public interface IStartupStep
{
    /// <summary>Before the recipe runs: bring the feature's tables up to date.</summary>
    Task MigrateAsync(IServiceProvider services, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// After the recipe: whatever needs the content and roles in place (an administrator, the
    /// search index). <paramref name="command"/> is the command-line command, or null when serving.
    /// </summary>
    Task AfterRecipeAsync(IServiceProvider services, string? command, CancellationToken ct) => Task.CompletedTask;
}

public static class StartupSteps
{
    public static IServiceCollection AddStartupStep<T>(this IServiceCollection services) where T : class, IStartupStep
    {
        services.AddSingleton<IStartupStep, T>();
        return services;
    }
}
