using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Videnscenter.Web.Editing;

/// <summary>
/// Base of the editorial admin pages. Anonymous visitors are sent to the login page; signed-in
/// users who are not editors or administrators get the Danish 403 page (not a login form they
/// have already passed), unless the page lets staff in for their own profile.
/// </summary>
[Authorize]
public abstract class AdminPage : PageModel
{
    /// <summary>Pages that staff may open (for their own competence profile) override this.</summary>
    protected virtual bool StaffAllowed => false;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!User.IsEditor() && !(StaffAllowed && User.IsStaffOnly()))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }
        await next();
    }
}
