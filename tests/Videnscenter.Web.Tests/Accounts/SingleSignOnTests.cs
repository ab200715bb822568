using System.Net;
using Videnscenter.Web.Accounts.SingleSignOn;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Accounts;

/// <summary>Single sign-on's settings and what the site shows without them (the browser tests sign in through a real provider).</summary>
public sealed class SingleSignOnTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Without_settings_there_is_no_work_account_button_and_no_work_account_page()
    {
        var client = site.Anonymous();
        Assert.DoesNotContain("arbejdskonto", await client.GetStringAsync("/konto/log-ind"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/konto/arbejdskonto")).StatusCode);
    }

    [Fact]
    public void Groups_give_the_mapped_roles_once_each_and_unknown_groups_give_none()
    {
        var options = new SingleSignOnOptions
        {
            GroupRoles = new(StringComparer.Ordinal) { ["vc-redaktoerer"] = "Redaktør", ["vc-ledere"] = "Redaktør", ["vc-ansatte"] = "Medarbejder" },
        };
        Assert.Equal(new[] { "Medarbejder", "Redaktør" }, options.RolesFor(["vc-ledere", "vc-redaktoerer", "vc-ansatte", "kantinen"]));
        Assert.Empty(options.RolesFor(["kantinen", "VC-REDAKTOERER"]));
        Assert.Equal(new HashSet<string> { "Redaktør", "Medarbejder" }, options.ManagedRoles);
    }

    [Theory]
    [InlineData("mette.sorensen@randers.dk", "mette.sorensen@randers.dk")]
    [InlineData("Søren Ølgaard", "SørenØlgaard")]
    [InlineData("  .<script>-", "script")]
    [InlineData("   ", null)]
    [InlineData("!!!", null)]
    public void A_user_name_is_made_from_what_the_provider_calls_the_user(string wish, string? expected) =>
        Assert.Equal(expected, WorkAccountModel.UserNameFrom(wish));
}
