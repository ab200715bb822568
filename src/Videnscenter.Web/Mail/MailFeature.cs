using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Videnscenter.Content.Storage;
using Videnscenter.Web.Hosting;

namespace Videnscenter.Web.Mail;

/// <summary>
/// E-mail: the outbox (a mail is stored in the transaction of the action that causes it), the
/// background sender (SMTP through MailKit, or .eml files in App_Data/mail/ when no server is set),
/// the editable Danish templates, leases for scheduled jobs, and the admin pages.
/// </summary>
public static class MailFeature
{
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var options = configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
        options.Validate();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddDbContext<MailDbContext>(o => o.Use(connectionString, MailDbContext.HistoryTable));
        services.AddStartupStep<MailMigration>();
        services.AddSingleton<MailOutbox>();
        services.AddScoped<MailTemplates>();
        services.AddScoped<OutboxStore>();
        services.AddScoped<JobLeases>();
        services.AddScoped<MailTransport>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        return services;
    }
}

/// <summary>Creates or updates the outbox, template and lease tables at start-up.</summary>
internal sealed class MailMigration : IStartupStep
{
    public Task MigrateAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<MailDbContext>().Database.MigrateAsync(ct);
}
