using System.Net;
using System.Text.Json.Nodes;
using Videnscenter.Content.Items;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Cluster;

/// <summary>The operator's endpoints on the one-process default.</summary>
public sealed class HealthTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Live_ready_and_the_old_health_answer_and_ready_reports_the_database_and_the_index_lag()
    {
        var client = site.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var report = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", report["status"]!.GetValue<string>());
        Assert.Equal("Healthy", report["checks"]!["database"]!["status"]!.GetValue<string>());
        var index = report["checks"]!["search-index"]!["data"]!;
        Assert.Equal(0, index["lagEntries"]!.GetValue<long>());
        Assert.True(index["appliedPosition"]!.GetValue<long>() > 0, "Frøindholdets udgivelser skulle stå i ændringsloggen.");
    }

    [Fact]
    public async Task A_publish_on_this_node_is_applied_before_the_publish_returns()
    {
        var created = await site.WithStoreAsync(s => s.CreateAsync(new ContentDraft { Type = "Page", Title = "Straks fundet", Body = "Kolibrifjer." }, "test"));
        await site.WithStoreAsync(s => s.PublishAsync(created.Item!.Id));
        var report = JsonNode.Parse(await site.Anonymous().GetStringAsync("/health/ready"))!;
        Assert.Equal(0, report["checks"]!["search-index"]!["data"]!["lagEntries"]!.GetValue<long>());
        Assert.Contains("Straks fundet", await site.Anonymous().GetStringAsync("/api/search?q=kolibrifjer"));
    }
}
