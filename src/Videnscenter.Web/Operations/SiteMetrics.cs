using System.Diagnostics.Metrics;
using Videnscenter.Web.Cluster;

namespace Videnscenter.Web.Operations;

/// <summary>
/// The site's own metrics on the "Videnscenter" meter (exported with the OpenTelemetry ones when an
/// OTLP endpoint is configured): how long searches take, and how far this node's search index is
/// behind the content change log.
/// </summary>
public sealed class SiteMetrics : IDisposable
{
    public const string MeterName = "Videnscenter";
    private readonly Meter _meter;
    private readonly Histogram<double> _searchDuration;

    public SiteMetrics(IMeterFactory meters, ContentChangeFeed feed)
    {
        _meter = meters.Create(MeterName);
        _searchDuration = _meter.CreateHistogram<double>("videnscenter.search.duration", "s",
            "Time to answer a search request (search page, JSON API or autocomplete)");
        _meter.CreateObservableGauge("videnscenter.index.lag.entries", () => feed.LastLag.Entries, "{entry}",
            "Change-log entries this node's search index has not applied yet");
        _meter.CreateObservableGauge("videnscenter.index.lag.age", () => feed.LastLag.Age.TotalSeconds, "s",
            "Age of the oldest change-log entry this node has not applied yet");
    }

    public void RecordSearch(TimeSpan elapsed, string route) =>
        _searchDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("route", route));

    public void Dispose() => _meter.Dispose();
}
