using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Videnscenter.Web.Hosting;

namespace Videnscenter.Web.Operations;

/// <summary>
/// What an operator watches: /health/live and /health/ready (next to /health), logs with the node
/// name and request id in scope (text by default, one JSON object per line with
/// <c>Logging:Console:FormatterName=json</c>), and OpenTelemetry traces and metrics sent over OTLP
/// when <c>OpenTelemetry:Endpoint</c> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (nothing otherwise).
/// </summary>
public static class OperationsFeature
{
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder, SiteOptions site)
    {
        var services = builder.Services;
        // The console formatter is chosen by Logging:Console:FormatterName (json, simple); both show scopes.
        services.Configure<JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);
        services.Configure<SimpleConsoleFormatterOptions>(o => o.IncludeScopes = true);
        services.AddSingleton<SiteMetrics>();
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag])
            .AddCheck<SearchIndexReadyCheck>("search-index", tags: [ReadyTag]);

        var endpoint = builder.Configuration["OpenTelemetry:Endpoint"] is { Length: > 0 } configured
            ? configured
            : Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            var otlp = new Uri(endpoint);
            services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService("videnscenter", serviceInstanceId: site.NodeName))
                .WithTracing(t => t
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddOtlpExporter(o => o.Endpoint = otlp))
                .WithMetrics(m => m
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter(SiteMetrics.MeterName, "Npgsql")
                    .AddOtlpExporter(o => o.Endpoint = otlp));
        }
        return builder;
    }

    /// <summary>Every request's logs carry the node's name (the request id comes from ASP.NET Core's own scope).</summary>
    public static WebApplication UseOperations(this WebApplication app)
    {
        var node = app.Services.GetRequiredService<SiteOptions>().NodeName;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Videnscenter.Requests");
        var metrics = app.Services.GetRequiredService<SiteMetrics>();
        app.Use(async (context, next) =>
        {
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["Node"] = node });
            var path = context.Request.Path;
            if (!path.StartsWithSegments("/soeg") && !path.StartsWithSegments("/api/search") && !path.StartsWithSegments("/api/autocomplete"))
            {
                await next();
                return;
            }
            var started = Stopwatch.GetTimestamp();
            await next();
            metrics.RecordSearch(Stopwatch.GetElapsedTime(started), path.Value!);
        });
        return app;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        // Live: the process answers. Ready: it can serve (database, migrations, search index and its lag).
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReport.WriteJsonAsync,
        });
        return app;
    }
}
