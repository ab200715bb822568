using System.Net;
using Videnscenter.Web.Accounts;

namespace Videnscenter.Web.Tests.Hosting;

/// <summary>
/// The search limit behind the municipality's proxy (configured as known proxy 127.0.0.1): signed-in
/// staff are limited each by their own account, anonymous visitors by the address the proxy names
/// with room for a whole office, and a refusal says in Danish when to try again.
/// </summary>
[Collection(ProductionSiteCollection.Name)]
public sealed class RateLimitTests(ProductionSite site)
{
    private const string Office = "198.51.100.20";
    private const string Password = "Rigtigt-Kodeord-2026";

    private static async Task<HttpResponseMessage> SearchAsync(HttpClient client, string from)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/autocomplete?q=re");
        request.Headers.Add("X-Forwarded-For", from);
        request.Headers.Add("X-Forwarded-Proto", "https");
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task One_account_running_out_of_searches_stops_neither_colleagues_nor_visitors_behind_the_same_address()
    {
        await site.CreateUserAsync("ivrig.soeger", Password, Roles.Staff);
        await site.CreateUserAsync("rolig.kollega", Password, Roles.Staff);
        var eager = await SignedInBehindProxyAsync("ivrig.soeger");
        var colleague = await SignedInBehindProxyAsync("rolig.kollega");

        HttpResponseMessage? refused = null;
        for (var i = 0; i < 1000 && refused is null; i++)
        {
            var response = await SearchAsync(eager, Office);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.NotNull(refused);
        Assert.True(refused.Headers.RetryAfter?.Delta is { } wait && wait > TimeSpan.Zero, "429 uden Retry-After");
        Assert.Contains("For mange forsøg", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await SearchAsync(colleague, Office)).StatusCode);
        var anonymous = site.Client("https://videnscenter.randers.dk");
        for (var i = 0; i < 100; i++)
            Assert.Equal(HttpStatusCode.OK, (await SearchAsync(anonymous, Office)).StatusCode);
    }

    private async Task<HttpClient> SignedInBehindProxyAsync(string userName)
    {
        var client = site.Client("https://videnscenter.randers.dk");
        var response = await SecuritySite.SignInAsync(client, userName, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
