using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Videnscenter.Web.Mail;
using Videnscenter.Web.Recoveryskolen;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Recoveryskolen;

/// <summary>
/// The sign-up mails through the real pages and the real outbox, delivered by the site's sender to
/// its mail folder (the embedded default without an SMTP server): confirmation with the sessions as
/// .ics, waiting list, the place from the waiting list, cancellation; the same person twice; abuse.
/// </summary>
public sealed partial class SignUpMailTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private async Task<IReadOnlyList<MimeMessage>> MailsToAsync(string to, int count)
    {
        var folder = Path.Combine(site.DataPath, "mail");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var mails = Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f))
                    .Where(m => m.To.Mailboxes.Any(b => b.Address == to)).OrderBy(m => m.Date).ToList()
                : [];
            if (mails.Count >= count) return mails;
            Assert.True(DateTime.UtcNow < deadline, $"Ventede på {count} mail(s) til {to}, men der kom {mails.Count}.");
            await Task.Delay(200);
        }
    }

    private async Task<List<CourseRegistration>> RegistrationsAsync(Guid courseId)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistrationsDbContext>().Registrations.AsNoTracking()
            .Where(r => r.CourseId == courseId).ToListAsync();
    }

    [Fact]
    public async Task Signing_up_sends_a_confirmation_with_the_cancellation_link_and_the_sessions_as_ics_and_cancelling_sends_a_receipt()
    {
        var course = await Courses.CreateAsync(site, places: 1, sessions: 3);
        var client = site.Anonymous();
        var anna = $"anna-{Guid.NewGuid():N}@eksempel.dk";
        var link = await Courses.SignUpForLinkAsync(client, course.Slug, "Anna Ærø", anna);

        var confirmation = Assert.Single(await MailsToAsync(anna, 1));
        Assert.Equal($"Du er tilmeldt: {course.Title}", confirmation.Subject);
        Assert.Contains("Kære Anna Ærø", confirmation.TextBody);
        var mailedLink = LinkPattern().Match(confirmation.TextBody ?? "").Value;
        Assert.EndsWith(link, mailedLink);
        Assert.StartsWith("http", mailedLink);
        Assert.Contains($"href=\"{mailedLink}\"", confirmation.HtmlBody);
        var ics = Assert.Single(confirmation.Attachments.OfType<MimePart>());
        Assert.Equal($"{course.Slug}.ics", ics.FileName);
        Assert.Equal("text/calendar", ics.ContentType.MimeType);
        using (var content = new MemoryStream())
        {
            await ics.Content!.DecodeToAsync(content);
            var calendar = System.Text.Encoding.UTF8.GetString(content.ToArray());
            Assert.Equal(3, Regex.Matches(calendar, "BEGIN:VEVENT").Count);
        }

        // Bo gets the waiting list, with his place in the queue.
        var bo = $"bo-{Guid.NewGuid():N}@eksempel.dk";
        await Courses.SignUpForLinkAsync(client, course.Slug, "Bo Bæk", bo);
        var waiting = Assert.Single(await MailsToAsync(bo, 1));
        Assert.Equal($"Du er på ventelisten: {course.Title}", waiting.Subject);
        Assert.Contains("som nummer 1", waiting.TextBody);

        // Anna cancels through the link in her mail: she gets a receipt, Bo gets the place.
        var path = new Uri(mailedLink).AbsolutePath;
        var cancelPage = await client.GetStringAsync(path + "/afmeld");
        var cancelled = await client.PostAsync(path + "/afmeld", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(cancelPage),
        }));
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Contains(await MailsToAsync(anna, 2), m => m.Subject == $"Du er afmeldt: {course.Title}");
        var promoted = (await MailsToAsync(bo, 2)).Single(m => m.Subject != waiting.Subject);
        Assert.Equal($"Du har fået en plads: {course.Title}", promoted.Subject);
        Assert.Matches(LinkPattern(), promoted.TextBody);
        Assert.Single(promoted.Attachments);
    }

    [Fact]
    public async Task The_same_person_twice_is_told_they_are_signed_up_gets_no_second_seat_and_can_have_the_link_sent_again()
    {
        var course = await Courses.CreateAsync(site, places: 5);
        var client = site.Anonymous();
        var email = $"Dobbelt-{Guid.NewGuid():N}@Eksempel.dk";
        await Courses.SignUpForLinkAsync(client, course.Slug, "Dorte Dobbelt", email);

        // Same e-mail in other letters case: recognised.
        var again = await Courses.SignUpAsync(client, course.Slug, "Dorte D.", email.ToLowerInvariant());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var page = SiteFactory.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal("Du er allerede tilmeldt", page.QuerySelector(".already-signed-up h2")!.TextContent.Trim());
        Assert.Single(await RegistrationsAsync(course.Id));

        // Same phone, written another way, with no e-mail: recognised too.
        await Courses.SignUpAsync(client, course.Slug, "Telefon Først", null, "86 12 34 99");
        var byPhone = await Courses.SignUpAsync(client, course.Slug, "Telefon Igen", null, "+45 86123499");
        Assert.Contains("Du er allerede tilmeldt", await byPhone.Content.ReadAsStringAsync());
        Assert.Equal(2, (await RegistrationsAsync(course.Id)).Count);

        // "Send mig linket igen" mails the link to the address of the sign-up.
        var form = page.QuerySelector(".already-signed-up form")!;
        var sent = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Email"] = email.ToLowerInvariant(),
            ["Form.Phone"] = "",
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(await again.Content.ReadAsStringAsync()),
        }));
        Assert.Contains("Vi har sendt dit link", await sent.Content.ReadAsStringAsync());
        var mails = await MailsToAsync(email, 2);
        var first = mails.Single(m => m.Subject == $"Du er tilmeldt: {course.Title}");
        var again2 = mails.Single(m => m.Subject == $"Dit link til {course.Title}");
        Assert.Equal(LinkPattern().Match(first.TextBody ?? "").Value, LinkPattern().Match(again2.TextBody ?? "").Value);
    }

    [Fact]
    public async Task A_filled_in_honeypot_is_refused_and_stores_nothing()
    {
        var course = await Courses.CreateAsync(site, places: 5);
        var client = site.Anonymous();
        var html = await client.GetStringAsync($"/kurser/{course.Slug}");
        var honeypot = SiteFactory.Parse(html).QuerySelector("#signup-website")!;
        Assert.NotNull(honeypot.Closest("[hidden]"));
        var response = await client.PostAsync($"/kurser/{course.Slug}/tilmeld", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = "Robot",
            ["Form.Email"] = "robot@eksempel.dk",
            ["Form.Website"] = "http://spam.example",
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(html),
        }));
        Assert.Contains("Tilmeldingen kunne ikke modtages", await response.Content.ReadAsStringAsync());
        Assert.Empty(await RegistrationsAsync(course.Id));
    }

    [Fact]
    public void Eight_quick_sign_ups_from_one_address_are_stopped_and_a_course_cannot_be_flooded_from_many()
    {
        var limits = new SignUpLimits(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var course = Guid.NewGuid();
        var results = Enumerable.Range(0, 8).Select(_ => limits.TryTake("10.0.0.1", course)).ToList();
        Assert.Equal([true, true, true, false, false, false, false, false], results);
        // The refused attempts count too: the address is spent for other courses as well, others are not.
        var other = Guid.NewGuid();
        Assert.False(limits.TryTake("10.0.0.1", other));
        Assert.True(limits.TryTake("10.0.0.2", other));
        // Many addresses on one course: 30, then no more.
        var flood = Guid.NewGuid();
        Assert.Equal(30, Enumerable.Range(0, 40).Count(i => limits.TryTake($"10.1.0.{i}", flood)));
    }

    [Fact]
    public async Task A_course_that_has_begun_is_closed_for_sign_up_and_marked_i_gang()
    {
        var course = await Courses.CreateAsync(site, places: 10, daysFromNow: -1, sessions: 3);
        var client = site.Anonymous();
        var page = SiteFactory.Parse(await client.GetStringAsync($"/kurser/{course.Slug}"));
        Assert.Null(page.QuerySelector("form.sign-up-form"));
        Assert.Contains("Kurset er gået i gang", page.QuerySelector("main")!.TextContent);
        Assert.Contains("I gang", page.QuerySelector("main .places")!.TextContent);
    }

    [Fact]
    public async Task The_reminder_two_days_before_goes_out_once_however_often_the_job_runs()
    {
        var course = await Courses.CreateAsync(site, places: 5, daysFromNow: 1);
        var client = site.Anonymous();
        var email = $"husk-{Guid.NewGuid():N}@eksempel.dk";
        await Courses.SignUpForLinkAsync(client, course.Slug, "Husk Mig", email);
        await MailsToAsync(email, 1);

        var now = DateTime.UtcNow;
        for (var run = 0; run < 3; run++)
        {
            await using var scope = site.Services.CreateAsyncScope();
            await CourseReminderService.RemindDueAsync(scope.ServiceProvider, now, CancellationToken.None);
        }
        var mails = await MailsToAsync(email, 2);
        Assert.Contains(mails, m => m.Subject == $"Påmindelse: {course.Title} begynder snart");
        await Task.Delay(1500);
        Assert.Equal(2, (await MailsToAsync(email, 2)).Count);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var outbox = await scope.ServiceProvider.GetRequiredService<MailDbContext>().Outbox.AsNoTracking()
                .Where(m => m.To == email).ToListAsync();
            Assert.Equal(2, outbox.Count);
        }
    }

    [GeneratedRegex(@"https?://\S+/kurser/min-tilmelding/[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkPattern();
}
