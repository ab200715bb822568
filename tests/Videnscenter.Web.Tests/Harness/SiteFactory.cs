using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Tests.Harness;

/// <summary>The real site on a fresh SQLite file with the real recipe and seed, shared by a test class.</summary>
public class SiteFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Test-Admin-2026-Adgang";
    private readonly string _dataPath = Directory.CreateTempSubdirectory("videnscenter-web-").FullName;

    public SiteFactory()
    {
        Environment.SetEnvironmentVariable("VIDENSCENTER_ADMIN_PASSWORD", AdminPassword);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Videnscenter:DataPath", _dataPath);
        // No SMTP server: mails go to App_Data/mail/ as .eml files, looked for twice a second.
        builder.UseSetting("Mail:PollSeconds", "0.5");
    }

    /// <summary>The site's data folder (its mail folder is <c>mail/</c> in it).</summary>
    public string DataPath => _dataPath;

    /// <summary>Waits (up to 30 s) until the sender has written at least <paramref name="count"/> mails to <paramref name="to"/> as .eml files.</summary>
    public async Task<IReadOnlyList<MimeKit.MimeMessage>> MailsToAsync(string to, int count)
    {
        var folder = Path.Combine(DataPath, "mail");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var mails = Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(b => b.Address == to)).ToList()
                : [];
            if (mails.Count >= count) return mails;
            Assert.True(DateTime.UtcNow < deadline, $"Ventede på {count} mail(s) til {to}, men der kom {mails.Count}.");
            await Task.Delay(200);
        }
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client signed in through the real login form.</summary>
    public async Task<HttpClient> SignedInAsync(string userName = "admin", string password = AdminPassword)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/konto/log-ind");
        var response = await client.PostAsync("/konto/log-ind", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static string AntiforgeryToken(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException("Siden har intet antiforgery-felt.");

    public async Task<T> WithStoreAsync<T>(Func<ContentStore, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ContentStore>());
    }

    public static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(_dataPath, recursive: true); } catch (IOException) { /* SQLite may still hold the file briefly */ }
    }
}
