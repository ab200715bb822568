using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content;
using Videnscenter.Content.Items;
using Videnscenter.Media.Library;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Hosting;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Media;

/// <summary>
/// One seeded site for the media tests with a signed-in client per reader level. The login page
/// allows 10 requests a minute, so each user signs in once here.
/// </summary>
public sealed class MediaSite : IAsyncLifetime
{
    public const string Password = "Test-Medier-2026-Adgang";

    /// <summary>A real 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public SiteFactory Site { get; } = new();
    public HttpClient Anonymous { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Staff { get; private set; } = null!;
    public HttpClient Volunteer { get; private set; } = null!;

    public string MediaFolder => Path.Combine(Site.Services.GetRequiredService<SiteOptions>().DataPath, "media");
    public MediaLibrary Library => Site.Services.GetRequiredService<MediaLibrary>();

    public async Task InitializeAsync()
    {
        Anonymous = Site.Anonymous();
        await CreateUserAsync("medie.medarbejder", Roles.Staff);
        await CreateUserAsync("medie.frivillig", Roles.Volunteer);
        Admin = await Site.SignedInAsync();
        Staff = await Site.SignedInAsync("medie.medarbejder", Password);
        Volunteer = await Site.SignedInAsync("medie.frivillig", Password);
    }

    private async Task CreateUserAsync(string userName, string role)
    {
        await using var scope = Site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser(userName);
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    public async Task<MediaFile> UploadAsync(string name, byte[] content, string? alt = null)
    {
        var result = await Library.UploadAsync(new MediaUpload(name, new MemoryStream(content), content.Length, alt), "test");
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Message)));
        return result.File!;
    }

    /// <summary>Creates and publishes a page of the given audience.</summary>
    public async Task<ContentItem> PublishPageAsync(string title, string body, Audience audience)
    {
        var created = await Site.WithStoreAsync(s => s.CreateAsync(
            new ContentDraft { Type = "Page", Title = title, Body = body, Audience = audience }, "test"));
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        return await Site.WithStoreAsync(s => s.PublishAsync(created.Item!.Id));
    }

    public static string RepoFile(string relative, [CallerFilePath] string sourceFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Videnscenter.sln"))) return Path.Combine(dir.FullName, relative);
        throw new InvalidOperationException("Fandt ikke Videnscenter.sln over " + sourceFile);
    }

    public Task DisposeAsync()
    {
        Site.Dispose();
        return Task.CompletedTask;
    }
}
