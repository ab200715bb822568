using Microsoft.AspNetCore.Mvc;
using Videnscenter.Content.Items;
using Videnscenter.Web.Identity;
using Videnscenter.Web.Recoveryskolen;

namespace Videnscenter.Web.Pages.Recoveryskolen;

/// <summary>The course page's live parts, which the theme template cannot know: places left and the sign-up form.</summary>
public sealed class CourseSignUpPanel
{
    public required CourseFacts Course { get; init; }
    public required CourseAvailability Availability { get; init; }
    public required SignUpFormView Form { get; init; }
    public bool IsPreview { get; init; }
    public bool CanManage { get; init; }
}

/// <summary>
/// Called from the theme's Display/Course template by name:
/// <c>Component.InvokeAsync("CourseSignUp", new { course, part = "places" | "actions" | "form", preview })</c>.
/// </summary>
public sealed class CourseSignUpViewComponent(RegistrationStore registrations, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(ContentItem course, string part, bool preview = false)
    {
        var facts = new CourseFacts(course);
        var availability = CourseAvailability.Of(facts, await registrations.CountAsync(course.Id), clock.GetUtcNow().UtcDateTime);
        var panel = new CourseSignUpPanel
        {
            Course = facts,
            Availability = availability,
            Form = new SignUpFormView(course.Slug, new SignUpForm(), [], availability, facts.DeleteAfterUtc),
            IsPreview = preview,
            CanManage = UserClaimsPrincipal.IsInRole(Roles.Editor) || UserClaimsPrincipal.IsInRole(Roles.Administrator),
        };
        return View(part switch
        {
            "places" => "/Pages/Recoveryskolen/_CoursePlaces.cshtml",
            "actions" => "/Pages/Recoveryskolen/_CourseActions.cshtml",
            _ => "/Pages/Recoveryskolen/_CourseSignUp.cshtml",
        }, panel);
    }
}
