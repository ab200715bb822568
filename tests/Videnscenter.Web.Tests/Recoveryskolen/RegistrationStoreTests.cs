using Videnscenter.Content.Tests.Harness;
using Videnscenter.Web.Recoveryskolen;

namespace Videnscenter.Web.Tests.Recoveryskolen;

/// <summary>The registration store's queries and changes, on SQLite and PostgreSQL alike.</summary>
public sealed class RegistrationStoreTests
{
    private static readonly DateTime Ends = new(2030, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Sign_up_look_up_count_cancel_and_delete_work_the_same_on_both_databases(DatabaseKind kind)
    {
        await using var database = await RegistrationDatabase.CreateAsync(kind);
        var clock = new TestClock(new DateTime(2030, 3, 1, 9, 0, 0, DateTimeKind.Utc));
        var course = Guid.NewGuid();
        var other = Guid.NewGuid();

        var first = await database.NewStore(clock).SignUpAsync(course, 1, Ends, " Åse Ørum ", "aase@eksempel.dk", " ");
        var second = await database.NewStore(clock).SignUpAsync(course, 1, Ends, "Bent Bæk", null, "86 12 34 56");
        var third = await database.NewStore(clock).SignUpAsync(course, 1, Ends, "Cille Cæsar", null, "86 12 34 57");
        await database.NewStore(clock).SignUpAsync(other, 10, Ends.AddDays(30), "Dorte Dahl", "d@eksempel.dk", null);

        var store = database.NewStore(clock);
        var found = await store.FindByTokenAsync(first.Token);
        Assert.NotNull(found);
        Assert.Equal("Åse Ørum", found.Name);
        Assert.Null(found.Phone);
        Assert.Equal(clock.UtcNow, found.CreatedUtc);
        Assert.Equal(DateTimeKind.Utc, found.CreatedUtc.Kind);
        Assert.Null(await store.FindByTokenAsync(RegistrationToken.Create().Token));
        Assert.Null(await store.FindByTokenAsync("ikke-et-token"));

        Assert.Equal(new CourseCount(1, 2), await store.CountAsync(course));
        var counts = await store.CountsAsync([course, other, Guid.NewGuid()]);
        Assert.Equal(new CourseCount(1, 0), counts[other]);
        Assert.Equal(2, counts.Count);
        Assert.Equal(2, await store.WaitingPositionAsync((await store.FindByTokenAsync(third.Token))!));
        Assert.Equal(["Åse Ørum", "Bent Bæk", "Cille Cæsar"], (await store.ListAsync(course)).Select(r => r.Name));

        clock.UtcNow = clock.UtcNow.AddHours(1);
        var outcome = await database.NewStore(clock).CancelAsync(first.Registration.Id, 1, RegistrationStore.CancelledByParticipant);
        Assert.Equal("Åse Ørum", outcome!.Name);
        var promoted = Assert.Single(outcome.Promoted);
        Assert.Equal(second.Registration.Id, promoted.Id);
        Assert.True((await database.NewStore(clock).CancelAsync(first.Registration.Id, 1, "redaktør"))!.WasAlreadyCancelled);
        Assert.Null(await database.NewStore(clock).CancelAsync(Guid.NewGuid(), 1, "redaktør"));

        var moved = (await store.FindByTokenAsync(second.Token))!;
        Assert.Equal(RegistrationStatus.Confirmed, moved.Status);
        Assert.Equal(clock.UtcNow, moved.PromotedUtc);
        Assert.Equal(1, await store.WaitingPositionAsync((await store.FindByTokenAsync(third.Token))!));

        // More places: the rest of the waiting list moves up; fewer places never take one away.
        Assert.Single(await database.NewStore(clock).FillFreePlacesAsync(course, 5));
        Assert.Empty(await database.NewStore(clock).FillFreePlacesAsync(course, 0));
        Assert.Equal(new CourseCount(2, 0), await store.CountAsync(course));

        var courses = await store.CoursesAsync();
        Assert.Equal(Ends, courses.Single(c => c.CourseId == course).EndsUtc);
        Assert.Equal(3, await database.NewStore(clock).DeleteCourseAsync(course));
        Assert.Null(await store.FindByTokenAsync(second.Token));
        Assert.Equal([other], (await store.CoursesAsync()).Select(c => c.CourseId));
    }
}
