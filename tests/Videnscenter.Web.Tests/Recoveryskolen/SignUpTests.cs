using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content;
using Videnscenter.Content.Items;
using Videnscenter.Web.Recoveryskolen;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Recoveryskolen;

/// <summary>Sign-up, waiting list and cancellation through the real pages, as a participant and an editor use them.</summary>
public sealed class SignUpTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private async Task<List<CourseRegistration>> RegistrationsAsync(Guid courseId)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistrationsDbContext>();
        return await db.Registrations.AsNoTracking().Where(r => r.CourseId == courseId).OrderBy(r => r.Number).ToListAsync();
    }

    [Fact]
    public async Task Signing_up_on_the_course_page_gives_a_place_and_a_receipt_with_a_link_to_keep()
    {
        var course = await Courses.CreateAsync(site, places: 2);
        var client = site.Anonymous();
        var before = SiteFactory.Parse(await client.GetStringAsync($"/kurser/{course.Slug}"));
        Assert.Contains("2 ledige pladser", before.QuerySelector("main")!.TextContent);
        Assert.Contains("Gratis – du skal ikke henvises", before.QuerySelector("main")!.TextContent);
        Assert.Contains("30 dage efter sidste kursusgang", before.QuerySelector("#signup-consent")!.TextContent);

        var link = await Courses.SignUpForLinkAsync(client, course.Slug, "Anna Østergaard", "anna@eksempel.dk");

        var receipt = SiteFactory.Parse(await client.GetStringAsync(link + "?ny=1"));
        Assert.Equal("Tak – du er tilmeldt", receipt.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Contains("Gem dette link", receipt.QuerySelector("main")!.TextContent);
        Assert.EndsWith(link, receipt.QuerySelector(".personal-link a")!.GetAttribute("href"));
        Assert.Contains("Anna Østergaard", receipt.QuerySelector("main")!.TextContent);
        Assert.Contains(receipt.QuerySelectorAll("main a"), a => a.GetAttribute("href")?.EndsWith("/afmeld") == true);

        // Only a hash of the secret is stored.
        var saved = Assert.Single(await RegistrationsAsync(course.Id));
        Assert.Equal(RegistrationStatus.Confirmed, saved.Status);
        Assert.Equal(RegistrationToken.Hash(Courses.Token(link)), saved.TokenHash);
        Assert.DoesNotContain(Courses.Token(link), saved.TokenHash);

        var after = SiteFactory.Parse(await client.GetStringAsync($"/kurser/{course.Slug}"));
        Assert.Contains("1 ledig plads", after.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_form_with_mistakes_keeps_what_was_typed_and_explains_beside_each_field()
    {
        var course = await Courses.CreateAsync(site, places: 5);
        var client = site.Anonymous();

        var response = await Courses.SignUpAsync(client, course.Slug, "Bo Ærø", email: "", phone: "");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = SiteFactory.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("Fejl:", page.Title);
        Assert.Equal("Bo Ærø", page.QuerySelector("#signup-name")!.GetAttribute("value"));
        var contactError = page.QuerySelector("#signup-contact-error")!.TextContent;
        Assert.Contains("e-mail eller dit telefonnummer", contactError);
        Assert.Contains("signup-contact-error", page.QuerySelector("#signup-email")!.GetAttribute("aria-describedby"));
        Assert.Contains("signup-contact-error", page.QuerySelector("#signup-phone")!.GetAttribute("aria-describedby"));
        Assert.Equal("true", page.QuerySelector("#signup-email")!.GetAttribute("aria-invalid"));
        Assert.NotNull(page.QuerySelector(".error-summary a[href='#signup-email']"));

        response = await Courses.SignUpAsync(client, course.Slug, "", email: "bo@eksempel", phone: "12");
        page = SiteFactory.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Skriv dit navn.", page.QuerySelector("#signup-name-error")!.TextContent.Trim());
        Assert.Equal("signup-name-error", page.QuerySelector("#signup-name")!.GetAttribute("aria-describedby"));
        Assert.Contains("navn@eksempel.dk", page.QuerySelector("#signup-email-error")!.TextContent);
        Assert.Contains("mindst 8 cifre", page.QuerySelector("#signup-phone-error")!.TextContent);
        Assert.Equal("bo@eksempel", page.QuerySelector("#signup-email")!.GetAttribute("value"));
        Assert.Equal("12", page.QuerySelector("#signup-phone")!.GetAttribute("value"));

        Assert.Empty(await RegistrationsAsync(course.Id));

        // A phone number alone is enough.
        response = await Courses.SignUpAsync(client, course.Slug, "Bo Ærø", email: "", phone: "+45 86 12 34 56");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Courses.LinkOnReceipt(await response.Content.ReadAsStringAsync());
        Assert.Equal("+45 86 12 34 56", Assert.Single(await RegistrationsAsync(course.Id)).Phone);
    }

    [Fact]
    public async Task A_full_course_takes_a_waiting_list_and_a_cancellation_moves_the_first_up_by_itself()
    {
        var course = await Courses.CreateAsync(site, places: 1);
        var client = site.Anonymous();
        var first = await Courses.SignUpForLinkAsync(client, course.Slug, "Første Deltager");

        // Before signing up, the course says it is full and what happens then.
        var full = SiteFactory.Parse(await client.GetStringAsync($"/kurser/{course.Slug}"));
        Assert.Contains("Fuldt – skriv dig på ventelisten", full.QuerySelector("main")!.TextContent);
        Assert.Equal("Skriv mig på ventelisten", full.QuerySelector("form.sign-up-form button")!.TextContent.Trim());

        var second = await Courses.SignUpForLinkAsync(client, course.Slug, "Anden Deltager");
        var third = await Courses.SignUpForLinkAsync(client, course.Slug, "Tredje Deltager");
        var secondReceipt = SiteFactory.Parse(await client.GetStringAsync(second + "?ny=1"));
        Assert.Equal("Du er skrevet på ventelisten", secondReceipt.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Contains("som nummer 1", secondReceipt.QuerySelector(".receipt-status")!.TextContent);
        Assert.Contains("som nummer 2", (await client.GetStringAsync(third)));

        // The first cancels through the confirmation page.
        var confirm = await client.GetStringAsync(first + "/afmeld");
        Assert.Equal("Vil du afmelde dig?", SiteFactory.Parse(confirm).QuerySelector("main h1")!.TextContent.Trim());
        var cancel = await client.PostAsync(first + "/afmeld", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(confirm),
        }));
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.Equal(first, cancel.Headers.Location!.OriginalString);

        Assert.Equal("Du er afmeldt", await Courses.HeadingAsync(client, first));
        Assert.Equal("Du har fået en plads", await Courses.HeadingAsync(client, second));
        Assert.Contains("som nummer 1", await client.GetStringAsync(third));

        var rows = await RegistrationsAsync(course.Id);
        Assert.Equal([RegistrationStatus.Cancelled, RegistrationStatus.Confirmed, RegistrationStatus.Waiting], rows.Select(r => r.Status));
        // Cancelling wipes the person's data at once.
        Assert.Equal("", rows[0].Name);
        Assert.Null(rows[0].Email);
        Assert.NotNull(rows[1].PromotedUtc);

        // A cancelled link cannot cancel again; its confirmation page leads back to the receipt.
        var again = await client.GetAsync(first + "/afmeld");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task Wrong_or_guessed_links_answer_404_and_reveal_nothing()
    {
        var course = await Courses.CreateAsync(site, places: 3, title: "Hemmeligt testkursus");
        var client = site.Anonymous();
        var link = await Courses.SignUpForLinkAsync(client, course.Slug, "Rigtig Deltager");
        var token = Courses.Token(link);
        var altered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        var random = RegistrationToken.Create().Token;

        foreach (var wrong in new[] { altered, random, "abc", token.ToUpperInvariant() == token ? token.ToLowerInvariant() : token.ToUpperInvariant() })
        {
            foreach (var path in new[] { $"/kurser/min-tilmelding/{wrong}", $"/kurser/min-tilmelding/{wrong}/afmeld" })
            {
                var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                var body = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain("Hemmeligt testkursus", body);
                Assert.DoesNotContain("Rigtig Deltager", body);
            }
        }

        // Posting a cancellation to a guessed link, even with a valid antiforgery token, does nothing.
        var page = await client.GetStringAsync($"/kurser/{course.Slug}");
        var post = await client.PostAsync($"/kurser/min-tilmelding/{random}/afmeld", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(RegistrationStatus.Confirmed, Assert.Single(await RegistrationsAsync(course.Id)).Status);
    }

    [Fact]
    public async Task Editors_see_participants_and_the_waiting_list_and_cancel_on_behalf()
    {
        var course = await Courses.CreateAsync(site, places: 1);
        var visitor = site.Anonymous();
        await Courses.SignUpForLinkAsync(visitor, course.Slug, "Karen Deltager", "karen@eksempel.dk");
        var waiting = await Courses.SignUpForLinkAsync(visitor, course.Slug, "Lars Venter");
        var path = $"/admin/kurser/{course.Slug}/deltagere";

        var anonymous = await visitor.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/konto/log-ind", anonymous.Headers.Location!.OriginalString);

        var editor = await site.SignedInAsync();
        var html = await editor.GetStringAsync(path);
        var page = SiteFactory.Parse(html);
        var participants = page.QuerySelector("#deltagere-heading")!.ParentElement!.TextContent;
        var waitingList = page.QuerySelector("#venteliste-heading")!.ParentElement!.TextContent;
        Assert.Contains("Karen Deltager", participants);
        Assert.Contains("karen@eksempel.dk", participants);
        Assert.Contains("Lars Venter", waitingList);
        // The course page links editors (only) to this list.
        Assert.Contains(path, await editor.GetStringAsync($"/kurser/{course.Slug}"));
        Assert.DoesNotContain(path, await visitor.GetStringAsync($"/kurser/{course.Slug}"));

        // "Afmeld" asks first; nothing has happened yet.
        var karen = (await RegistrationsAsync(course.Id)).First(r => r.Name == "Karen Deltager");
        var ask = page.QuerySelectorAll("a").First(a => a.GetAttribute("href") == $"?afmeld={karen.Id}");
        var confirmHtml = await editor.GetStringAsync(path + ask.GetAttribute("href"));
        var form = SiteFactory.Parse(confirmHtml).QuerySelector("form.cancel-form")!;
        Assert.Contains("Vil du afmelde Karen Deltager?", form.TextContent);
        Assert.Equal(RegistrationStatus.Confirmed, (await RegistrationsAsync(course.Id)).First(r => r.Id == karen.Id).Status);
        var cancel = await editor.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = form.QuerySelector("input[name=id]")!.GetAttribute("value")!,
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(confirmHtml),
        }));
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        var afterHtml = await editor.GetStringAsync(path);
        Assert.Contains("Karen Deltager er afmeldt. Lars Venter er rykket op fra ventelisten", afterHtml);
        Assert.Equal("Du har fået en plads", await Courses.HeadingAsync(visitor, waiting));
    }

    [Fact]
    public async Task More_places_published_by_an_editor_move_the_waiting_list_up()
    {
        var course = await Courses.CreateAsync(site, places: 1);
        var client = site.Anonymous();
        await Courses.SignUpForLinkAsync(client, course.Slug, "Med Plads");
        var waiting = await Courses.SignUpForLinkAsync(client, course.Slug, "Venter Først");

        var draft = ContentDraft.From(course);
        draft.Fields["places"] = 2;
        var saved = await site.WithStoreAsync(s => s.SaveAsync(course.Id, course.VersionId, draft, "redaktør"));
        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors));
        await site.WithStoreAsync(s => s.PublishAsync(course.Id));

        Assert.Equal("Du har fået en plads", await Courses.HeadingAsync(client, waiting));
    }

    [Fact]
    public async Task A_course_that_has_ended_cannot_be_signed_up_for()
    {
        var course = await Courses.CreateAsync(site, places: 10, daysFromNow: -30, sessions: 2);
        var client = site.Anonymous();
        var page = SiteFactory.Parse(await client.GetStringAsync($"/kurser/{course.Slug}"));
        Assert.Null(page.QuerySelector("form.sign-up-form"));
        Assert.Contains("Kurset er afholdt", page.QuerySelector("main")!.TextContent);
        Assert.Contains("Afholdt", page.QuerySelector("main .places")!.TextContent);

        // Posting anyway (an old tab) is refused with a message, and nothing is stored. The page
        // has no form any more, so the antiforgery token comes from another page of the site.
        var form = await client.GetStringAsync("/konto/log-ind");
        var response = await client.PostAsync($"/kurser/{course.Slug}/tilmeld", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = "For Sent",
            ["Form.Email"] = "sent@eksempel.dk",
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Kurset er afholdt", await response.Content.ReadAsStringAsync());
        Assert.Empty(await RegistrationsAsync(course.Id));
    }

    [Fact]
    public async Task A_staff_only_course_cannot_be_reached_for_sign_up_by_the_public()
    {
        var course = await Courses.CreateAsync(site, places: 10, audience: Audience.Medarbejder);
        var client = site.Anonymous();
        foreach (var path in new[] { $"/kurser/{course.Slug}", $"/kurser/{course.Slug}/tilmeld", $"/kurser/{course.Slug}.ics" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);

        var staff = await site.SignedInAsync();
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/kurser/{course.Slug}/tilmeld")).StatusCode);
    }

    [Fact]
    public async Task Teachers_are_named_and_linked_only_for_readers_who_may_see_their_profiles()
    {
        // A seeded course whose two teachers have staff-only profiles.
        const string path = "/kurser/angst-forstaa-og-haandtere";
        var anonymous = SiteFactory.Parse(await site.Anonymous().GetStringAsync(path)).QuerySelector(".practical")!;
        Assert.Contains("En fagprofessionel og en peer fra Recoveryskolen", anonymous.TextContent);
        Assert.Empty(anonymous.QuerySelectorAll("a[href^='/kompetenceprofiler/']"));

        var staff = SiteFactory.Parse(await (await site.SignedInAsync()).GetStringAsync(path)).QuerySelector(".practical")!;
        var links = staff.QuerySelectorAll("a[href^='/kompetenceprofiler/']");
        Assert.Equal(2, links.Length);
        Assert.Contains("peer-underviser", staff.TextContent);
    }
}
