using Microsoft.AspNetCore.Mvc;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Caching;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>The course page's live parts, which the theme template cannot know: places left and the sign-up form.</summary>
public sealed class CourseSignUpPanel
{
    public required RegistrableItem Course { get; init; }
    public required CourseAvailability Availability { get; init; }
    public required SignUpFormView Form { get; init; }
    public bool IsPreview { get; init; }
    public bool CanManage { get; init; }
}

/// <summary>
/// Called from the course page's template (CourseDisplay.cshtml):
/// <c>Component.InvokeAsync&lt;CourseSignUpViewComponent&gt;(new { course, part = "places" | "actions" | "form", preview })</c>.
/// </summary>
public sealed class CourseSignUpViewComponent(RegistrationStore registrations, CoursePlacesOnPages places, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(ContentItem course, string part, bool preview = false)
    {
        var facts = new RegistrableItem(course);
        // The page shows three parts of the panel; the places are counted once per request, not once per part.
        var key = "videnscenter.course-places." + course.Id;
        if (HttpContext.Items[key] is not CourseAvailability availability)
        {
            // Counted before the page cache was asked (the count is part of the cached page's key), or
            // not known to be a course page yet: count now, and the page cache keeps no copy of this answer.
            CourseCount count;
            DateTime now;
            if (CoursePlacesOnPages.Counted(HttpContext, course.Id) is { } counted)
                (count, now) = counted;
            else
            {
                PageCache.Unforeseen(HttpContext);
                if (!preview) places.Remember(HttpContext, facts);
                (count, now) = (await registrations.CountAsync(course.Id), clock.GetUtcNow().UtcDateTime);
            }
            HttpContext.Items[key] = availability = CourseAvailability.Of(facts, count, now);
        }
        var panel = new CourseSignUpPanel
        {
            Course = facts,
            Availability = availability,
            Form = new SignUpFormView(facts.SignUpUrl, new SignUpForm(), [], availability, facts.DeleteAfterUtc),
            IsPreview = preview,
            CanManage = UserClaimsPrincipal.IsInRole(Roles.Editor) || UserClaimsPrincipal.IsInRole(Roles.Administrator),
        };
        return View(part switch
        {
            "places" => "/Recoveryskolen/_CoursePlaces.cshtml",
            "actions" => "/Recoveryskolen/_CourseActions.cshtml",
            _ => "/Recoveryskolen/_CourseSignUp.cshtml",
        }, panel);
    }
}
