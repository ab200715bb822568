using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Editing;

/// <summary>
/// One seeded site for all admin tests, with a signed-in client per role. Each user signs in once
/// here and the clients are shared (a site start and a sign-in are the slow parts).
/// </summary>
public sealed class AdminSite : IAsyncLifetime
{
    public const string Password = "Test-Bruger-2026-Adgang";
    /// <summary>Staff member whose profile (anders-lykke) is theirs by its e-mail field.</summary>
    public const string StaffUser = "anders";
    public const string StaffEmail = "anders.lykke@randers.dk";

    public SiteFactory Site { get; } = new();
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Editor { get; private set; } = null!;
    public HttpClient Staff { get; private set; } = null!;
    public HttpClient Volunteer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await CreateUserAsync("redaktoer", "redaktoer@randers.dk", Roles.Editor);
        await CreateUserAsync(StaffUser, StaffEmail, Roles.Staff);
        await CreateUserAsync("frivillig", "frivillig@example.dk", Roles.Volunteer);
        Admin = await Site.SignedInAsync();
        Editor = await Site.SignedInAsync("redaktoer", Password);
        Staff = await Site.SignedInAsync(StaffUser, Password);
        Volunteer = await Site.SignedInAsync("frivillig", Password);
    }

    private async Task CreateUserAsync(string userName, string? email, string role)
    {
        await using var scope = Site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser(userName) { Email = email, EmailConfirmed = email is not null };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    public Task DisposeAsync()
    {
        Site.Dispose();
        return Task.CompletedTask;
    }

    public Task<T> WithStoreAsync<T>(Func<ContentStore, Task<T>> work) => Site.WithStoreAsync(work);

    public async Task<ContentItem> CreateAsync(ContentDraft draft, bool publish = false)
    {
        var created = await Site.WithStoreAsync(s => s.CreateAsync(draft, "test"));
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        if (!publish) return created.Item!;
        return await Site.WithStoreAsync(s => s.PublishAsync(created.Item!.Id));
    }

    public Task<ContentItem?> LatestAsync(Guid id) => Site.WithStoreAsync(s => s.GetLatestAsync(id));

    /// <summary>A small PNG put straight into the site's media library, with alt text.</summary>
    public async Task<Videnscenter.Media.Library.MediaFile> UploadImageAsync(string name, string alt)
    {
        var library = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Videnscenter.Media.Library.MediaLibrary>(Site.Services);
        var png = Media.MediaSite.Png;
        var result = await library.UploadAsync(new Videnscenter.Media.Library.MediaUpload(name, new MemoryStream(png), png.Length, alt), "test");
        return result.File ?? throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Message)));
    }

    public async Task<Guid> IdOfAsync(string type, string slug) =>
        await Site.WithStoreAsync(s => s.FindBySlugAsync(type, slug)) ?? throw new InvalidOperationException($"{type}/{slug} findes ikke");
}

[CollectionDefinition(Name)]
public sealed class AdminCollection : ICollectionFixture<AdminSite>
{
    public const string Name = "Admin";
}

/// <summary>A page's form as a browser would submit it: every named control with its current value.</summary>
public sealed class FormData
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public string Action { get; private init; } = "";

    public static FormData From(IHtmlFormElement form, string pageUrl)
    {
        var data = new FormData { Action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl };
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !input.IsDisabled:
                    if (input.Type is "submit" or "button" or "reset" or "image") break;
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked) break;
                    data.Add(input.Name!, input.Type is "checkbox" or "radio" ? input.GetAttribute("value") ?? "on" : input.Value);
                    break;
                case IHtmlTextAreaElement textarea when !string.IsNullOrEmpty(textarea.Name):
                    data.Add(textarea.Name!, textarea.Value);
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    var selected = select.Options.Where(o => o.IsSelected).ToList();
                    if (selected.Count == 0 && select.Options.Length > 0) selected.Add(select.Options[0]!);
                    foreach (var option in selected) data.Add(select.Name!, option.Value);
                    break;
            }
        }
        return data;
    }

    public FormData Add(string name, string value)
    {
        _fields.Add(new(name, value));
        return this;
    }

    public FormData Set(string name, string value)
    {
        _fields.RemoveAll(f => f.Key == name);
        return Add(name, value);
    }

    public FormData Remove(string name)
    {
        _fields.RemoveAll(f => f.Key == name);
        return this;
    }

    public IReadOnlyList<string> All(string name) => _fields.Where(f => f.Key == name).Select(f => f.Value).ToList();

    public string? Get(string name) => _fields.FirstOrDefault(f => f.Key == name).Value;

    public FormUrlEncodedContent Content(string? action) =>
        new(action is null ? _fields : _fields.Append(new("handling", action)));

    /// <summary>The form as multipart/form-data, as a browser sends it for a button with formenctype="multipart/form-data".</summary>
    public MultipartFormDataContent Multipart(string action, string fileField, string fileName, byte[] file, string contentType)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in _fields.Where(f => f.Key != fileField)) content.Add(new StringContent(value), name);
        content.Add(new StringContent(action), "handling");
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        content.Add(part, fileField, fileName);
        return content;
    }
}

/// <summary>Opening and submitting the admin's forms like a browser.</summary>
public static class AdminPages
{
    public static async Task<IHtmlDocument> GetAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return SiteFactory.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The editor page and its form.</summary>
    public static async Task<(IHtmlDocument Page, FormData Form)> OpenEditorAsync(HttpClient client, string url)
    {
        var page = await GetAsync(client, url);
        var form = page.QuerySelector("form.editor") as IHtmlFormElement ?? throw new InvalidOperationException($"{url} har ingen editor-formular");
        return (page, FormData.From(form, url));
    }

    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, FormData form, string action) =>
        client.PostAsync(form.Action, form.Content(action));

    public static async Task<IHtmlDocument> SubmitExpectingPageAsync(HttpClient client, FormData form, string action)
    {
        var response = await SubmitAsync(client, form, action);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return SiteFactory.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Submits and follows the redirect (post/redirect/get), returning where it went and the page.</summary>
    public static async Task<(string Location, IHtmlDocument Page)> SubmitExpectingRedirectAsync(HttpClient client, FormData form, string action)
    {
        var response = await SubmitAsync(client, form, action);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Forventede en omdirigering, fik {(int)response.StatusCode}: " +
            SiteFactory.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".error-summary, .publish-warnings")?.TextContent);
        var location = response.Headers.Location!.OriginalString;
        return (location, await GetAsync(client, location));
    }

    public static string EditUrl(string section, Guid id) => $"/admin/indhold/{section}/{id}";
}
