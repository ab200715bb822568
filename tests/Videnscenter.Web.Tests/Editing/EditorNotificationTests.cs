using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Editing;
using Videnscenter.Web.Hosting;
using Videnscenter.Web.Mail;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Editing;

/// <summary>Editors hear about what needs them: a staff member's profile change, and each month the methods not reviewed for a year.</summary>
public sealed class EditorNotificationTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<IdentityUser> CreateUserAsync(string userName, string email, string role) => InScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser(userName) { Email = email, LockoutEnabled = true };
        Assert.True((await users.CreateAsync(user, "Godt-Kodeord-2026")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    });

    private Task<ContentItem> SaveAsync(string slug, string type, string author, Action<ContentDraft, JsonObject> change) => InScopeAsync(async sp =>
    {
        var store = sp.GetRequiredService<ContentStore>();
        var live = (await store.ListLatestAsync(type)).Single(i => i.Slug == slug);
        var draft = ContentDraft.From(live);
        change(draft, draft.Fields);
        var result = await store.SaveAsync(live.Id, live.VersionId, draft, author);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Message)));
        return result.Item!;
    });

    private Task<int> OutboxCountAsync(string kind, string to) => InScopeAsync(sp =>
        sp.GetRequiredService<MailDbContext>().Outbox.CountAsync(m => m.Kind == kind && m.To == to));

    [Fact]
    public async Task A_staff_members_profile_change_mails_the_editors_once_per_submission()
    {
        var editorEmail = $"redaktoer-{Guid.NewGuid():N}@eksempel.dk";
        await CreateUserAsync("redaktoer.post", editorEmail, Roles.Editor);
        // The staff member owns the seeded profile with their work address.
        await CreateUserAsync("mette.k", "mette.kjaergaard@randers.dk", Roles.Staff);

        await SaveAsync("mette-kjaergaard", AdminAccess.ProfileType, "mette.k", (_, f) => f["askMeAbout"] = "Håb og fællesskaber");
        var mail = Assert.Single(await site.MailsToAsync(editorEmail, 1));
        Assert.Equal("Kompetenceprofil til gennemsyn: Mette Kjærgaard", mail.Subject);
        Assert.Contains("mette.k har rettet kompetenceprofilen «Mette Kjærgaard»", mail.TextBody, StringComparison.Ordinal);
        Assert.Matches(@"https?://\S+/admin/indhold/kompetenceprofiler/[0-9a-f-]{36}", mail.TextBody);

        // Saving again before an editor has looked: still the one submission.
        await SaveAsync("mette-kjaergaard", AdminAccess.ProfileType, "mette.k", (_, f) => f["askMeAbout"] = "Håb, fællesskaber og recovery");
        // An editor's own save announces nothing.
        var byEditor = await SaveAsync("mette-kjaergaard", AdminAccess.ProfileType, "redaktoer.post", (_, f) => f["askMeAbout"] = "Håb og recovery");
        Assert.Equal(1, await OutboxCountAsync(MailKinds.ProfileSubmitted, editorEmail));

        // Published; the next change by the staff member is a new submission.
        await InScopeAsync(sp => sp.GetRequiredService<ContentStore>().PublishAsync(byEditor.Id, byEditor.VersionId));
        await SaveAsync("mette-kjaergaard", AdminAccess.ProfileType, "mette.k", (_, f) => f["askMeAbout"] = "Recovery i praksis");
        Assert.Equal(2, await OutboxCountAsync(MailKinds.ProfileSubmitted, editorEmail));
    }

    [Fact]
    public async Task Each_owner_gets_one_monthly_mail_listing_their_methods_not_reviewed_for_a_year_once_per_cluster()
    {
        // Motiverende interview is owned by Birgitte Vestergaard; make it overdue.
        var overdue = await SaveAsync("motiverende-interview", "Method", "redaktør", (_, f) => f["lastReviewed"] = "2024-05-02");
        await InScopeAsync(sp => sp.GetRequiredService<ContentStore>().PublishAsync(overdue.Id, overdue.VersionId));

        // Whatever an earlier start did, this month's turn is free again for the test.
        await InScopeAsync(sp => sp.GetRequiredService<MailDbContext>().JobLeases.Where(l => l.Name == ReviewReminderService.JobName).ExecuteDeleteAsync());
        var now = DateTime.UtcNow;
        var first = await InScopeAsync(sp => ReviewReminderService.SendIfDueAsync(sp, "node-a", now, CancellationToken.None));
        var second = await InScopeAsync(sp => ReviewReminderService.SendIfDueAsync(sp, "node-b", now, CancellationToken.None));
        Assert.NotNull(first);
        Assert.Null(second);

        var mail = Assert.Single(await site.MailsToAsync("birgitte.vestergaard@randers.dk", 1));
        Assert.Contains("Indhold, der venter på din gennemgang", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("– Motiverende interview (Sidst gennemgået: 2. maj 2024)", mail.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ikke er gennemgået i 12 måneder", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(first, await InScopeAsync(sp => sp.GetRequiredService<MailDbContext>().Outbox.CountAsync(m => m.Kind == MailKinds.ReviewDue)));
    }

    [Fact]
    public void The_monthly_turn_lasts_until_the_first_of_next_month_in_Danish_time()
    {
        // 31 December 2026, 23:30 UTC is already 1 January 2027 in Denmark.
        Assert.Equal(new DateTime(2027, 1, 31, 23, 0, 0, DateTimeKind.Utc),
            ReviewReminderService.NextMonthStartUtc(new DateTime(2026, 12, 31, 23, 30, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2026, 12, 31, 23, 0, 0, DateTimeKind.Utc),
            ReviewReminderService.NextMonthStartUtc(new DateTime(2026, 12, 6, 1, 0, 0, DateTimeKind.Utc)));
    }
}
