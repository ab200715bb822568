using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Videnscenter.Content;
using Videnscenter.Web.Accounts;

namespace Videnscenter.Web.Accounts.Users;

/// <summary>Every user with their roles and whether they can sign in.</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class IndexModel(UserManager<IdentityUser> users) : PageModel
{
    public sealed record Row(IdentityUser User, IReadOnlyList<string> Roles, string Status, bool Locked);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await users.Users.ToListAsync(ct);
        var rows = new List<Row>();
        foreach (var user in all.OrderBy(u => u.UserName, Danish.Sort))
        {
            var roles = await users.GetRolesAsync(user);
            // Only a user without a password can be waiting for an invitation; only they need the logins looked up.
            var hasWorkAccount = user.PasswordHash is null && (await users.GetLoginsAsync(user)).Count > 0;
            rows.Add(new Row(user, Roles.All.Where(roles.Contains).Concat(roles.Where(r => !Roles.All.Contains(r))).ToList(),
                UserAdmin.Status(user, hasWorkAccount), UserAdmin.IsLocked(user)));
        }
        Rows = rows;
    }
}
