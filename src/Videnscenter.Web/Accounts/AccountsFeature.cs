using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Videnscenter.Content.Recipes;
using Videnscenter.Content.Storage;
using Videnscenter.Web.Accounts.Audit;
using Videnscenter.Web.Accounts.Invitations;
using Videnscenter.Web.Accounts.PasswordReset;
using Videnscenter.Web.Accounts.SingleSignOn;
using Videnscenter.Web.Hosting;

namespace Videnscenter.Web.Accounts;

/// <summary>
/// Users and who may do what: sign-in and sign-out, changing one's password, roles (created by the
/// recipe), the administrators' user pages, the audit log of sign-ins and changes, and the
/// administrator created at the first start.
/// </summary>
public static class AccountsFeature
{
    /// <summary>The rate-limit policy on the sign-in form.</summary>
    public const string SignInRateLimit = "sign-in";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration config, string connectionString)
    {
        services.AddDbContext<IdentityStoreDbContext>(o => o.Use(connectionString, IdentityStoreDbContext.HistoryTable));
        services.AddIdentity<IdentityUser, IdentityRole>(o =>
            {
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version1;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<IdentityStoreDbContext>()
            .AddErrorDescriber<DanishIdentityErrors>()
            .AddDefaultTokenProviders()
            .AddInvitations();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/konto/log-ind";
            o.LogoutPath = "/konto/log-ud";
            // A signed-in user without the right role has signed in already: answer 403 with the
            // Danish page (status code pages), not a redirect to the log-in form.
            o.Events.OnValidatePrincipal = AccountSecurity.ValidateSessionAsync;
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            o.Cookie.Name = "videnscenter";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        services.AddScoped<IRecipeStep, RolesStep>();
        services.AddAuditLog(connectionString);
        services.AddAccountSecurity();
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(SignInRateLimit, SignInPartition));
        services.AddStartupStep<AccountsAtStartup>();
        services.AddPasswordReset();
        services.AddSingleSignOn(config);
        return services;
    }

    /// <summary>Sign-in attempts (posts of the form; showing it is free) a client may make at once.</summary>
    public const int SignInBurst = 200;

    /// <summary>Sign-in attempts a client gets back per minute after the burst.</summary>
    public const int SignInPerMinute = 120;

    /// <summary>
    /// Only posting the form counts, per client (<see cref="RateLimits.ClientKey"/>): the
    /// municipality's 200 colleagues behind one address can all sign in at nine o'clock, while one
    /// address cannot try more than two passwords a second. Guessing one account's password is
    /// stopped by the lock-out after five wrong ones, not by this limit.
    /// </summary>
    public static RateLimitPartition<string> SignInPartition(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetTokenBucketLimiter(RateLimits.ClientKey(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = SignInBurst,
                TokensPerPeriod = SignInPerMinute / 6,
                ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter("vis formularen");

    /// <summary>Identity and audit tables before the recipe (its roles step needs them); the administrator after it.</summary>
    private sealed class AccountsAtStartup : IStartupStep
    {
        public async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
        {
            await services.GetRequiredService<IdentityStoreDbContext>().Database.MigrateAsync(ct);
            await services.MigrateAuditLogAsync(ct);
        }

        public Task AfterRecipeAsync(IServiceProvider services, string? command, CancellationToken ct) =>
            Administrator.EnsureAsync(services);
    }
}
