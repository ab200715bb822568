namespace Videnscenter.Web.Editing;

public static class EditingFeature
{
    /// <summary>The editors' admin pages are found by Razor Pages; this adds the monthly review reminders.</summary>
    public static IServiceCollection AddEditing(this IServiceCollection services) =>
        services.AddHostedService<ReviewReminderService>();
}
