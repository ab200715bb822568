using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using Videnscenter.Content.Storage;
using Videnscenter.Content.Tests.Harness;
using Videnscenter.Web.Hosting;
using Videnscenter.Web.Mail;
using Videnscenter.Web.Recoveryskolen;
using Videnscenter.Web.Tests.Recoveryskolen;

namespace Videnscenter.Web.Tests.Mail;

/// <summary>The outbox: stored with the action, claimed once across senders, retried with back-off, sent over real SMTP or to files.</summary>
public sealed class OutboxTests
{
    private const string PublicUrl = "https://videnscenter.test";

    /// <summary>The mail feature as the site wires it, on the given database and mail settings.</summary>
    private static ServiceProvider Site(string connectionString, string dataPath, Dictionary<string, string?> mail, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(mail).Build();
        var site = new SiteOptions { DataPath = dataPath, ConnectionString = connectionString, RecipePath = "", NodeName = "node-a", PublicUrl = PublicUrl };
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(site)
            // PublicUrl is configured, so the address never asks the (absent) server where it listens.
            .AddSingleton(new PublicAddress(site, null!));
        if (clock is not null) services.AddSingleton(clock);
        services.AddMail(configuration, connectionString);
        services.AddDbContext<RegistrationsDbContext>(o => o.Use(connectionString, RegistrationsDbContext.HistoryTable));
        return services.BuildServiceProvider();
    }

    private static async Task MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MailDbContext>().Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<RegistrationsDbContext>().Database.MigrateAsync();
    }

    private static MailRequest Request(string to, string name = "Åse Ørum") => new(to, name, MailKinds.SignUpLinkAgain, new Dictionary<string, string>
    {
        ["navn"] = name,
        ["kursus"] = "Håb & recovery",
        ["link"] = PublicUrl + "/kurser/min-tilmelding/abc",
    });

    private static async Task<List<OutboxMessage>> OutboxAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailDbContext>().Outbox.AsNoTracking().ToListAsync();
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_mail_is_stored_with_the_action_that_causes_it_or_not_at_all(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var data = new TempFolder();
        await using var services = Site(database.ConnectionString, data.Path, []);
        await MigrateAsync(services);
        var outbox = services.GetRequiredService<MailOutbox>();

        foreach (var commit in new[] { false, true })
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistrationsDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Registrations.Add(new CourseRegistration
            {
                Id = Guid.NewGuid(), CourseId = Guid.NewGuid(), Number = 1, Name = "Åse", Status = RegistrationStatus.Confirmed,
                TokenHash = Guid.NewGuid().ToString("N"), CreatedUtc = DateTime.UtcNow, CourseEndsUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            await outbox.EnqueueAsync(db, Request(commit ? "gemt@eksempel.dk" : "fortrudt@eksempel.dk"));
            if (commit) await tx.CommitAsync();
            else await tx.RollbackAsync();
        }

        var stored = Assert.Single(await OutboxAsync(services));
        Assert.Equal("gemt@eksempel.dk", stored.To);
        Assert.Equal("Dit link til Håb & recovery", stored.Subject);
        Assert.Equal(OutboxStatus.Pending, stored.Status);
        await using (var scope = services.CreateAsyncScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<RegistrationsDbContext>().Registrations.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Two_senders_claiming_at_the_same_time_never_take_the_same_mail(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var data = new TempFolder();
        await using var services = Site(database.ConnectionString, data.Path, []);
        await MigrateAsync(services);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistrationsDbContext>();
            await services.GetRequiredService<MailOutbox>().EnqueueAsync(db, Enumerable.Range(0, 50).Select(i => Request($"m{i}@eksempel.dk")));
        }

        async Task<List<Guid>> DrainAsync(string node)
        {
            var taken = new List<Guid>();
            while (true)
            {
                await using var scope = services.CreateAsyncScope();
                var batch = await scope.ServiceProvider.GetRequiredService<OutboxStore>().ClaimAsync(node, CancellationToken.None);
                if (batch.Count == 0) return taken;
                taken.AddRange(batch.Select(m => m.Id));
            }
        }

        var results = await Task.WhenAll(Task.Run(() => DrainAsync("node-a")), Task.Run(() => DrainAsync("node-b")));
        Assert.Empty(results[0].Intersect(results[1]));
        Assert.Equal(50, results[0].Concat(results[1]).Distinct().Count());
    }

    [SmtpFact]
    public async Task A_mail_server_that_is_down_loses_nothing_and_the_mail_is_sent_once_when_it_is_back()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        using var data = new TempFolder();
        var (host, port) = TestSmtp.Address;
        var down = new Dictionary<string, string?> { ["Mail:Host"] = "127.0.0.1", ["Mail:Port"] = ClosedPort().ToString(), ["Mail:Security"] = "None" };
        var up = new Dictionary<string, string?> { ["Mail:Host"] = host, ["Mail:Port"] = port.ToString(), ["Mail:Security"] = "None" };
        var to = TestSmtp.NewRecipient("nede");

        await using (var services = Site(database.ConnectionString, data.Path, down))
        {
            await MigrateAsync(services);
            await using (var scope = services.CreateAsyncScope())
                await services.GetRequiredService<MailOutbox>().EnqueueAsync(scope.ServiceProvider.GetRequiredService<RegistrationsDbContext>(), Request(to));
            Assert.Equal(1, await services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None));
            var waiting = Assert.Single(await OutboxAsync(services));
            Assert.Equal(OutboxStatus.Pending, waiting.Status);
            Assert.Equal(1, waiting.Attempts);
            Assert.NotNull(waiting.LastError);
            Assert.InRange(waiting.NextAttemptUtc - DateTime.UtcNow, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(31));
            // Backing off: nothing is due yet.
            Assert.Equal(0, await services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None));
        }

        // The server is back (and the back-off has passed): the same mail goes out, once.
        var later = new TestClock(DateTime.UtcNow.AddMinutes(1));
        await using (var services = Site(database.ConnectionString, data.Path, up, later))
        {
            Assert.Equal(1, await services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None));
            Assert.Equal(0, await services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None));
            var sent = Assert.Single(await OutboxAsync(services));
            Assert.Equal(OutboxStatus.Sent, sent.Status);
            Assert.Equal(2, sent.Attempts);

            var mail = Assert.Single(await TestSmtp.WaitForAsync(to));
            Assert.Equal("Dit link til Håb & recovery", mail.Subject);
            Assert.Equal($"{sent.Id:N}@videnscenter.test", mail.MessageId);
            Assert.Contains("Kære Åse Ørum", mail.TextBody);
            Assert.Contains($"<a href=\"{PublicUrl}/kurser/min-tilmelding/abc\">", mail.HtmlBody);
            Assert.Contains("Håb &amp; recovery", mail.HtmlBody);
            await Task.Delay(500);
            Assert.Single(TestSmtp.MailsTo(to));
        }
    }

    [Fact]
    public async Task A_mail_that_keeps_failing_is_marked_failed_after_the_last_attempt_and_an_administrator_can_retry_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        using var data = new TempFolder();
        var clock = new TestClock(DateTime.UtcNow);
        var down = new Dictionary<string, string?>
        {
            ["Mail:Host"] = "127.0.0.1", ["Mail:Port"] = ClosedPort().ToString(), ["Mail:Security"] = "None", ["Mail:MaxAttempts"] = "3",
        };
        await using var services = Site(database.ConnectionString, data.Path, down, clock);
        await MigrateAsync(services);
        await using (var scope = services.CreateAsyncScope())
            await services.GetRequiredService<MailOutbox>().EnqueueAsync(scope.ServiceProvider.GetRequiredService<RegistrationsDbContext>(), Request("fejl@eksempel.dk"));

        var sender = services.GetRequiredService<OutboxSender>();
        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(1, await sender.SendDueAsync(CancellationToken.None));
            var row = Assert.Single(await OutboxAsync(services));
            waits.Add(row.NextAttemptUtc - clock.UtcNow);
            clock.UtcNow += TimeSpan.FromHours(1);
        }
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120)], waits);
        var failed = Assert.Single(await OutboxAsync(services));
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));

        await using (var scope = services.CreateAsyncScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<OutboxStore>().RetryAsync(failed.Id, CancellationToken.None));
        Assert.Equal(OutboxStatus.Pending, Assert.Single(await OutboxAsync(services)).Status);
        Assert.Equal(TimeSpan.FromHours(1), OutboxStore.BackOff(30));
    }

    [Fact]
    public async Task Without_a_mail_server_mails_are_written_as_eml_files_under_the_data_folder_once_each()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        using var data = new TempFolder();
        await using var services = Site(database.ConnectionString, data.Path, []);
        await MigrateAsync(services);
        await using (var scope = services.CreateAsyncScope())
            await services.GetRequiredService<MailOutbox>().EnqueueAsync(scope.ServiceProvider.GetRequiredService<RegistrationsDbContext>(),
                Request("fil@eksempel.dk", "<script>alert(1)</script>"));
        Assert.Equal(1, await services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None));
        Assert.Equal(0, await services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None));

        var file = Assert.Single(Directory.GetFiles(Path.Combine(data.Path, "mail"), "*.eml"));
        var mail = await MimeMessage.LoadAsync(file);
        Assert.Equal("fil@eksempel.dk", mail.To.Mailboxes.Single().Address);
        Assert.Contains("Kære <script>alert(1)</script>", mail.TextBody);
        Assert.DoesNotContain("<script>", mail.HtmlBody);
        Assert.Contains("&lt;script&gt;", mail.HtmlBody);
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await OutboxAsync(services)).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_scheduled_job_takes_one_turn_per_interval_across_nodes(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var data = new TempFolder();
        var clock = new TestClock(DateTime.UtcNow);
        await using var services = Site(database.ConnectionString, data.Path, [], clock);
        await MigrateAsync(services);

        async Task<bool> TurnAsync(string node)
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<JobLeases>().TryTakeTurnAsync("paamindelser", node, TimeSpan.FromMinutes(10), CancellationToken.None);
        }

        var first = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => TurnAsync($"node-{i}"))));
        Assert.Equal(1, first.Count(t => t));
        clock.UtcNow += TimeSpan.FromMinutes(5);
        Assert.False(await TurnAsync("node-1"));
        clock.UtcNow += TimeSpan.FromMinutes(6);
        Assert.True(await TurnAsync("node-2"));
    }

    [Fact]
    public void Templates_fill_in_placeholders_and_refuse_unknown_ones_or_a_missing_link()
    {
        var template = MailTemplates.Default(MailKinds.SignUpWaiting);
        var mail = MailTemplates.Render(template, new Dictionary<string, string>
        {
            ["navn"] = "Bo", ["kursus"] = "Angst", ["nummer"] = "3", ["link"] = "https://videnscenter.test/kurser/min-tilmelding/x",
        });
        Assert.Equal("Du er på ventelisten: Angst", mail.Subject);
        Assert.Contains("som nummer 3", mail.Text);
        Assert.Contains("<a href=\"https://videnscenter.test/kurser/min-tilmelding/x\">", mail.Html);

        Assert.Empty(MailTemplates.Check(template, "Venteliste: {kursus}", "Hej {navn}, nr. {nummer}: {link}"));
        var errors = MailTemplates.Check(template, "Hej {fornavn}", "Hej {navn}");
        Assert.Contains("{fornavn}", errors["subject"]);
        Assert.Contains("{link}", errors["body"]);
        Assert.Contains("én linje", MailTemplates.Check(template, "a\nb", "{link}")["subject"]);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>A temporary folder for one test, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("videnscenter-mail-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
