using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;

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
public sealed class CourseSignUpViewComponent(RegistrationStore registrations, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(ContentItem course, string part, bool preview = false)
    {
        // Places left change with every sign-up: a page showing them is never kept in the page cache.
        if (HttpContext.Features.Get<IOutputCacheFeature>() is { } cache) cache.Context.AllowCacheStorage = false;
        var facts = new RegistrableItem(course);
        // The page shows three parts of the panel; the places are counted once per request, not once per part.
        var key = "videnscenter.course-places." + course.Id;
        if (HttpContext.Items[key] is not CourseAvailability availability)
            HttpContext.Items[key] = availability = CourseAvailability.Of(facts, await registrations.CountAsync(course.Id), clock.GetUtcNow().UtcDateTime);
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
