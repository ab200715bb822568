using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Videnscenter.Content;
using Videnscenter.Content.Items;
using Videnscenter.Content.Recipes;
using Videnscenter.Content.Storage;
using Videnscenter.Web.Audit;
using Videnscenter.Web.Identity;
using Videnscenter.Web.Media;
using Videnscenter.Web.Recoveryskolen;
using Videnscenter.Web.Search;
using Videnscenter.Web.Startup;

// Commands: no argument serves the site; "recipe" reruns the recipe and exits; "reindex" rebuilds
// the search index from the content store and exits.
var command = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('='));
var builder = WebApplication.CreateBuilder(args);
var site = SiteOptions.From(builder.Configuration, builder.Environment);
builder.Services.AddSingleton(site);

builder.Services.AddContentEngine(site.ConnectionString);
builder.Services.AddSiteMedia(site);
builder.Services.AddDbContext<IdentityStoreDbContext>(o => o.Use(site.ConnectionString, IdentityStoreDbContext.HistoryTable));
builder.Services.AddIdentity<IdentityUser, IdentityRole>(o =>
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
    .AddDefaultTokenProviders();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/konto/log-ind";
    o.LogoutPath = "/konto/log-ud";
    o.AccessDeniedPath = "/konto/log-ind";
    o.Cookie.Name = "videnscenter";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.SlidingExpiration = true;
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
});
builder.Services.AddScoped<IRecipeStep, RolesStep>();
builder.Services.AddSingleton<SiteSearch>();
builder.Services.AddScoped<IContentEventHandler, SearchIndexer>();
builder.Services.AddRecoveryskolen(site.ConnectionString);
builder.Services.AddAuditLog(site.ConnectionString);
builder.Services.AddAccountSecurity(builder.Configuration);

builder.Services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    o.AddPolicy("sign-in", ctx => RateLimitPartition.GetFixedWindowLimiter(
        ctx.Connection.RemoteIpAddress?.ToString() ?? "ukendt",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) }));
    o.AddPolicy("search", ctx => RateLimitPartition.GetTokenBucketLimiter(
        ctx.Connection.RemoteIpAddress?.ToString() ?? "ukendt",
        _ => new TokenBucketRateLimiterOptions { TokenLimit = 60, TokensPerPeriod = 30, ReplenishmentPeriod = TimeSpan.FromSeconds(10), QueueLimit = 0 }));
    o.AddPolicy(RecoveryskolenServices.SignUpRateLimit, RecoveryskolenServices.SignUpPartition);
});
builder.Services.AddDataProtection()
    .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(site.DataPath, "keys")))
    .SetApplicationName("Videnscenter");
builder.Services.AddRazorPages();
builder.Services.AddHealthChecks();

var app = builder.Build();

await FirstRun.PrepareAsync(app.Services, site, forceRecipe: command is "recipe");
if (command is "recipe") return;
await SearchStartup.EnsureIndexAsync(app.Services, force: command is "reindex");
if (command is "reindex") return;

// First, so a trusted reverse proxy's X-Forwarded-Proto: https makes the request HTTPS for all that follows.
app.UseForwardedHeaders();
var danish = CultureInfo.GetCultureInfo("da-DK");
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture(danish),
    SupportedCultures = [danish],
    SupportedUICultures = [danish],
});
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/fejl/500");
    app.UseHsts();
    app.UseHttpsRedirection();
}
app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/fejl/{0}");
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();

app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapHealthChecks("/health");
app.MapSearchApi();
app.MapMedia();

app.Run();

/// <summary>For WebApplicationFactory in the tests.</summary>
public partial class Program;
