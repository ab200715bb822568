using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Videnscenter.Content.Storage;
using Videnscenter.Web.Recoveryskolen;
using Videnscenter.Web.Tests.Harness;
using Videnscenter.Web.Tests.Hosting;

namespace Videnscenter.Web.Tests.Recoveryskolen;

/// <summary>
/// A sign-up is kept only once its owner can know it: the real site, started as its own process on
/// loopback with SQLite, is killed with SIGKILL in the middle of a burst of sign-ups. Afterwards every
/// receipt someone got points to a stored sign-up, every stored sign-up can be found again by its
/// owner's e-mail, none is stored twice, and the site starts again on the same data.
/// </summary>
public sealed class SignUpDurabilityTests : IDisposable
{
    private const int Attempts = 20; // the sign-up limit lets one address make 20 at once
    private readonly string _data = Directory.CreateTempSubdirectory("videnscenter-kill-").FullName;
    private Process? _site;

    [Fact]
    public async Task Killing_the_server_mid_burst_loses_no_receipted_sign_up_and_stores_none_twice()
    {
        var baseUrl = await StartSiteAsync();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(60),
        };
        var (action, token) = await OpenCourseAsync(http);

        var receipts = new ConcurrentDictionary<string, string>();
        var killed = new TaskCompletionSource();
        var burst = Enumerable.Range(0, Attempts).Select(i => Task.Run(async () =>
        {
            var email = $"holdbar{i}@eksempel.dk";
            try
            {
                using var response = await http.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Form.Name"] = $"Deltager {i}",
                    ["Form.Email"] = email,
                    ["__RequestVerificationToken"] = token,
                }));
                if (response.StatusCode != HttpStatusCode.OK) return;
                receipts[email] = Courses.Token(Courses.LinkOnReceipt(await response.Content.ReadAsStringAsync()));
                // Kill the server once a few people have their receipts and the rest are under way.
                if (receipts.Count == 5 && killed.TrySetResult()) _site!.Kill(entireProcessTree: true);
            }
            catch (HttpRequestException) { /* the server died under this request: no receipt */ }
            catch (TaskCanceledException) { /* likewise */ }
        })).ToList();
        await Task.WhenAll(burst);
        Assert.True(killed.Task.IsCompleted, "Serveren blev ikke slået ihjel midt i tilmeldingerne.");
        await _site!.WaitForExitAsync();

        var builder = new DbContextOptionsBuilder<RegistrationsDbContext>();
        builder.Use(DatabaseProvider.SqliteFile(Path.Combine(_data, "videnscenter.db")), RegistrationsDbContext.HistoryTable);
        var options = builder.Options;
        await using (var db = new RegistrationsDbContext(options))
        {
            var store = new RegistrationStore(db, TimeProvider.System);
            var rows = await db.Registrations.AsNoTracking().Where(r => r.Email!.StartsWith("holdbar")).ToListAsync();
            Assert.NotEmpty(rows);
            var courseId = rows[0].CourseId;
            Assert.All(rows, r => Assert.Equal(courseId, r.CourseId));
            Assert.True(rows.Count >= receipts.Count, $"{receipts.Count} kvitteringer, men kun {rows.Count} gemte tilmeldinger");
            Assert.True(rows.Count < Attempts, "Alle tilmeldinger nåede igennem: serveren døde ikke midt i dem.");

            foreach (var (email, secret) in receipts)
            {
                var found = Assert.Single(await store.FindByEmailAsync(email.ToUpperInvariant()));
                Assert.Equal(RegistrationToken.Hash(secret), found.TokenHash);
            }
            foreach (var row in rows)
                Assert.Single(await store.FindByEmailAsync(row.Email!));
            var all = await db.Registrations.AsNoTracking().Where(r => r.CourseId == courseId).ToListAsync();
            Assert.Equal(all.Count, all.Select(r => r.Number).Distinct().Count());
            var counter = await db.Counters.AsNoTracking().SingleAsync(c => c.CourseId == courseId);
            Assert.True(counter.NextNumber > all.Max(r => r.Number), "Tællerens næste nummer er allerede brugt.");
        }

        // The site starts again on the same data, and a receipt's link still works.
        baseUrl = await StartSiteAsync();
        using var again = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var (anyEmail, anySecret) = receipts.First();
        var receipt = await again.GetStringAsync(ReceiptModel.UrlOf(anySecret));
        Assert.Contains(WebUtility.HtmlEncode(anyEmail), receipt, StringComparison.Ordinal);
    }

    /// <summary>The first seeded course open for sign-up: its form's action and an antiforgery token.</summary>
    private static async Task<(string Action, string Token)> OpenCourseAsync(HttpClient http)
    {
        var catalogue = SiteFactory.Parse(await http.GetStringAsync("/kurser"));
        var links = catalogue.QuerySelectorAll("main a[href^='/kurser/']").Select(a => a.GetAttribute("href")!)
            .Where(h => !h.Contains('.') && !h.Contains("semester") && h.Count(c => c == '/') == 2).Distinct();
        foreach (var link in links)
        {
            var html = await http.GetStringAsync(link);
            var page = SiteFactory.Parse(html);
            if (page.QuerySelector("form.sign-up-form") is not { } form) continue;
            return (form.GetAttribute("action")!, SiteFactory.AntiforgeryToken(html));
        }
        throw new InvalidOperationException("Intet kursus i kataloget er åbent for tilmelding.");
    }

    private async Task<string> StartSiteAsync()
    {
        var root = RepositoryRoot.Find();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var dll = Path.Combine(root, "src", "Videnscenter.Web", "bin", configuration, "net10.0", "Videnscenter.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} findes ikke: byg sitet først.");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { dll, "--urls", $"http://127.0.0.1:{port}", $"--Videnscenter:DataPath={_data}",
                     $"--Videnscenter:RecipePath={Path.Combine(root, "recipes", "videnscenter.recipe.json")}",
                     // The burst comes from one address: lift the per-address sign-up limits it is not about.
                     $"--{SignUpLimits.Section}:PerAddress={Attempts}", $"--{SignUpLimits.Section}:PerAddressAndCourse={Attempts}",
                     $"--{SignUpLimits.Section}:PerCourse={Attempts}" })
            start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["VIDENSCENTER_ADMIN_PASSWORD"] = SiteFactory.AdminPassword;
        _site = Process.Start(start) ?? throw new InvalidOperationException("Sitet kunne ikke startes.");
        _site.OutputDataReceived += (_, _) => { };
        _site.ErrorDataReceived += (_, _) => { };
        _site.BeginOutputReadLine();
        _site.BeginErrorReadLine();

        var baseUrl = $"http://127.0.0.1:{port}";
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_site.HasExited, $"Sitet stoppede under opstarten (kode {(_site.HasExited ? _site.ExitCode : 0)}).");
            try
            {
                if ((await probe.GetAsync(baseUrl + "/health")).IsSuccessStatusCode) return baseUrl;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("Sitet svarede ikke på /health inden for tre minutter.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try { if (_site is { HasExited: false }) _site.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _site?.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
