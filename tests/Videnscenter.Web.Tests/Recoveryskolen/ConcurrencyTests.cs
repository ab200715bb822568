using Microsoft.EntityFrameworkCore;
using Videnscenter.Content.Tests.Harness;
using Videnscenter.Web.Recoveryskolen;

namespace Videnscenter.Web.Tests.Recoveryskolen;

/// <summary>Many people at once for the last places: never more confirmed than there are places, on either database.</summary>
public sealed class ConcurrencyTests
{
    private static readonly DateTime Ends = new(2030, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private static async Task<IReadOnlyList<CourseRegistration>> AllAsync(RegistrationDatabase database, Guid courseId)
    {
        await using var db = database.NewContext();
        return await db.Registrations.AsNoTracking().Where(r => r.CourseId == courseId).OrderBy(r => r.Number).ToListAsync();
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Twenty_sign_ups_at_once_for_the_last_place_give_exactly_one_place_and_nineteen_waiting(DatabaseKind kind)
    {
        await using var database = await RegistrationDatabase.CreateAsync(kind);
        var courseId = Guid.NewGuid();
        const int places = 5;
        for (var i = 0; i < places - 1; i++)
        {
            await using var db = database.NewContext();
            await new RegistrationStore(db, TimeProvider.System).SignUpAsync(courseId, places, Ends, $"Tidlig {i}", $"t{i}@eksempel.dk", null);
        }

        // Each sign-up on its own context and connection, started together.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await start.Task;
            await using var db = database.NewContext();
            return await new RegistrationStore(db, TimeProvider.System).SignUpAsync(courseId, places, Ends, $"Samtidig {i}", null, $"86 12 34 {i:00}");
        })).ToList();
        start.SetResult();
        var receipts = await Task.WhenAll(tasks);

        Assert.Single(receipts, r => r.Registration.Status == RegistrationStatus.Confirmed);
        Assert.Equal(19, receipts.Count(r => r.Registration.Status == RegistrationStatus.Waiting));
        var stored = await AllAsync(database, courseId);
        Assert.Equal(places, stored.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(19, stored.Count(r => r.Status == RegistrationStatus.Waiting));
        // Numbers are unique and without gaps: the waiting list has a well-defined order.
        Assert.Equal(Enumerable.Range(1, places - 1 + 20), stored.Select(r => r.Number));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Cancellations_at_once_each_give_their_place_to_the_next_on_the_waiting_list_in_order(DatabaseKind kind)
    {
        await using var database = await RegistrationDatabase.CreateAsync(kind);
        var courseId = Guid.NewGuid();
        const int places = 6;
        var all = new List<CourseRegistration>();
        for (var i = 0; i < places + 8; i++)
        {
            await using var db = database.NewContext();
            all.Add((await new RegistrationStore(db, TimeProvider.System).SignUpAsync(courseId, places, Ends, $"Deltager {i}", null, $"86 12 35 {i:00}")).Registration);
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = all.Take(4).Select(r => Task.Run(async () =>
        {
            await start.Task;
            await using var db = database.NewContext();
            return await new RegistrationStore(db, TimeProvider.System).CancelAsync(r.Id, places, RegistrationStore.CancelledByParticipant);
        })).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(tasks);

        Assert.Equal(4, outcomes.Sum(o => o!.Promoted.Count));
        var stored = await AllAsync(database, courseId);
        Assert.Equal(places, stored.Count(r => r.Status == RegistrationStatus.Confirmed));
        // The first four on the waiting list moved up, and the rest still wait in order.
        Assert.Equal(all.Skip(places).Take(4).Select(r => r.Id).Order(),
            stored.Where(r => r.PromotedUtc is not null).Select(r => r.Id).Order());
        Assert.Equal(all.Skip(places + 4).Select(r => r.Id), stored.Where(r => r.Status == RegistrationStatus.Waiting).Select(r => r.Id));
    }
}
