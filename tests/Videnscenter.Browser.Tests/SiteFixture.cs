using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

namespace Videnscenter.Browser.Tests;

/// <summary>
/// Starts the real site once for the whole collection: the web project's built dll (copied into
/// this project's output by the project reference) in its own process on 127.0.0.1 and a free
/// port, with a fresh data folder, so it seeds itself from the recipe and content-seed exactly as
/// on a first start. Also holds one Playwright driver and one Chromium (Debian's) for all tests.
/// </summary>
public class SiteFixture : IAsyncLifetime
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "Test-Admin-2026-Adgang";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly StringBuilder _output = new();
    private readonly SemaphoreSlim _signInLock = new(1, 1);
    private Process? _site;
    private string? _dataPath;
    private IPlaywright? _playwright;
    private string? _adminState;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>What the site process has written to stdout and stderr so far.</summary>
    public string SiteOutput { get { lock (_output) return _output.ToString(); } }

    public async Task InitializeAsync()
    {
        _dataPath = Directory.CreateTempSubdirectory("videnscenter-browser-").FullName;
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var baseDir = AppContext.BaseDirectory;

        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = baseDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(baseDir, "Videnscenter.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Videnscenter__DataPath"] = _dataPath;
        start.Environment["VIDENSCENTER_ADMIN_PASSWORD"] = AdminPassword;
        start.Environment["Videnscenter__RecipePath"] = Path.Combine(SiteCollection.RepositoryRoot(), "recipes", "videnscenter.recipe.json");
        // Mails go to the test SMTP server when ./test.sh started one (else to the data folder).
        if (Videnscenter.Web.Tests.Mail.TestSmtp.Configured)
        {
            var (smtpHost, smtpPort) = Videnscenter.Web.Tests.Mail.TestSmtp.Address;
            start.Environment["Mail__Host"] = smtpHost;
            start.Environment["Mail__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["Mail__Security"] = "None";
        }
        start.Environment["Mail__PollSeconds"] = "0.5";
        // Every browser test signs up from 127.0.0.1: lift the per-address limits (tested in the web tests).
        start.Environment["Recoveryskolen__SignUpLimits__PerAddress"] = "1000";
        start.Environment["Recoveryskolen__SignUpLimits__PerAddressAndCourse"] = "1000";
        start.Environment["Recoveryskolen__SignUpLimits__PerCourse"] = "1000";
        start.Environment["Recoveryskolen__SignUpLimits__PostsPerAddress"] = "1000";
        // Keep the test host's own settings out of the site.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ConnectionStrings__Videnscenter");
        await BeforeSiteStartsAsync(start.Environment);

        _site = new Process { StartInfo = start, EnableRaisingEvents = true };
        _site.OutputDataReceived += (_, e) => Append(e.Data);
        _site.ErrorDataReceived += (_, e) => Append(e.Data);
        _site.Start();
        _site.BeginOutputReadLine();
        _site.BeginErrorReadLine();

        // Start the browser while the site seeds itself.
        var browserTask = LaunchBrowserAsync();
        try
        {
            await WaitForHealthAsync();
            Browser = await browserTask;
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: leave no site process or temp dir behind.
            try { Browser = await browserTask; } catch (PlaywrightException) { }
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>What a fixture with more around the site (e.g. an identity provider) starts first, and the settings it gives the site.</summary>
    protected virtual Task BeforeSiteStartsAsync(IDictionary<string, string?> environment) => Task.CompletedTask;

    /// <summary>Stops what <see cref="BeforeSiteStartsAsync"/> started, after the site.</summary>
    protected virtual ValueTask AfterSiteStoppedAsync() => ValueTask.CompletedTask;

    private async Task<IBrowser> LaunchBrowserAsync()
    {
        _playwright = await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = new[] { "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                           "--disable-sync", "--no-first-run", "--disable-quic" },
        });
    }

    private async Task WaitForHealthAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_site!.HasExited)
                throw new InvalidOperationException(
                    $"Sitet stoppede under opstart med kode {_site.ExitCode}.\n--- output ---\n{SiteOutput}");
            try
            {
                using var response = await http.GetAsync($"{BaseUrl}/health");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException(
            $"Sitet svarede ikke 200 på {BaseUrl}/health inden for {StartTimeout.TotalSeconds:0} s.\n--- output ---\n{SiteOutput}");
    }

    /// <summary>A fresh, signed-out browser context (own cookies), Danish locale, desktop viewport.</summary>
    public Task<IBrowserContext> NewContextAsync() => Browser.NewContextAsync(Options(null));

    /// <summary>A fresh browser context signed in as the administrator.</summary>
    /// <remarks>
    /// Signs in through the login page once per fixture and reuses the cookie: the login page is
    /// rate limited (10 requests a minute per IP) and every test signing in again would hit it.
    /// </remarks>
    public async Task<IBrowserContext> NewAdminContextAsync()
    {
        await _signInLock.WaitAsync();
        try
        {
            if (_adminState is null)
            {
                await using var context = await NewContextAsync();
                var page = await context.NewPageAsync();
                await SignInAsync(page, AdminUserName, AdminPassword);
                if (!await page.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).IsVisibleAsync())
                    throw new InvalidOperationException(
                        $"Log ind som {AdminUserName} lykkedes ikke; siden viser: {await page.Locator("main").InnerTextAsync()}");
                _adminState = await context.StorageStateAsync();
            }
        }
        finally { _signInLock.Release(); }
        return await Browser.NewContextAsync(Options(_adminState));
    }

    /// <summary>Fills in and submits the login form at /konto/log-ind; leaves the page where the site sends it.</summary>
    public async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync($"{BaseUrl}/konto/log-ind");
        await page.Locator("#UserName").FillAsync(userName);
        await page.Locator("#Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    private BrowserNewContextOptions Options(string? storageState) => new()
    {
        BaseURL = BaseUrl,
        Locale = "da-DK",
        ViewportSize = new() { Width = 1280, Height = 800 },
        StorageState = storageState,
    };

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
            Browser = null!;
        }
        _playwright?.Dispose();
        _playwright = null;
        if (_site is not null)
        {
            try
            {
                if (!_site.HasExited)
                {
                    _site.Kill(entireProcessTree: true);
                    await _site.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                }
            }
            catch (InvalidOperationException) { }
            catch (TimeoutException) { }
            _site.Dispose();
            _site = null;
        }
        if (_dataPath is not null)
        {
            try { Directory.Delete(_dataPath, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            _dataPath = null;
        }
        await AfterSiteStoppedAsync();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The dotnet host running the tests (the SDK sets DOTNET_HOST_PATH), else dotnet on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>
{
    public const string Name = "Site";

    /// <summary>The repository the tests were built from (see the csproj).</summary>
    internal static string RepositoryRoot() =>
        System.Reflection.CustomAttributeExtensions.GetCustomAttributes<System.Reflection.AssemblyMetadataAttribute>(typeof(SiteFixture).Assembly)
            .First(a => a.Key == "RepositoryRoot").Value!;
}
