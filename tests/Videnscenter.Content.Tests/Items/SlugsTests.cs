using Videnscenter.Content.Items;

namespace Videnscenter.Content.Tests.Items;

public sealed class SlugsTests
{
    [Theory]
    [InlineData("Pårørende i recovery", "paaroerende-i-recovery")]
    [InlineData("Støttemodellen", "stoettemodellen")]
    [InlineData("Mestringsvejledning (SEL § 85)", "mestringsvejledning-sel-85")]
    [InlineData("Café – åbent hus!", "cafe-aabent-hus")]
    [InlineData("  ACT  ", "act")]
    public void Titles_become_readable_ascii_slugs(string title, string slug)
    {
        Assert.Equal(slug, Slugs.FromTitle(title));
        Assert.True(Slugs.IsValid(slug));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Store-Bogstaver")]
    [InlineData("-kant")]
    [InlineData("to--streger")]
    [InlineData("æble")]
    [InlineData("a/b")]
    public void Invalid_slugs_are_recognised(string slug) => Assert.False(Slugs.IsValid(slug));
}
