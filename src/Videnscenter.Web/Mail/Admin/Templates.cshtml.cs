using Microsoft.AspNetCore.Mvc;
using Videnscenter.Web.Editing;

namespace Videnscenter.Web.Mail.Admin;

/// <summary>/admin/post/skabeloner: editors adjust the subject and text of each mail, with placeholders, or go back to the default.</summary>
public sealed class TemplatesModel(MailTemplates templates, TimeProvider clock) : AdminPage
{
    public IReadOnlyList<(MailTemplate Template, bool Edited)> All { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "skabelon")]
    public string? Key { get; set; }

    [BindProperty]
    public string? Subject { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    public MailTemplate? Current { get; private set; }
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    public RenderedMail? Example { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        All = await templates.ListAsync(ct);
        if (Key is null) return Page();
        Current = All.FirstOrDefault(t => t.Template.Key == Key).Template;
        if (Current is null) return NotFound();
        Subject = Current.Subject;
        Body = Current.Body;
        Example = MailTemplates.Render(Current, ExampleValues(Current));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        All = await templates.ListAsync(ct);
        Current = All.FirstOrDefault(t => t.Template.Key == Key).Template;
        if (Current is null) return NotFound();
        Errors = MailTemplates.Check(Current, Subject, Body);
        if (Errors.Count > 0) return Page();
        await templates.SaveAsync(Current.Key, Subject!, Body!, User.Identity?.Name, clock.GetUtcNow().UtcDateTime, ct);
        TempData["Message"] = $"«{Current.Name}» er gemt. Nye mails bruger den nye tekst.";
        return Redirect($"/admin/post/skabeloner?skabelon={Current.Key}");
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        var template = MailTemplates.Defaults.FirstOrDefault(t => t.Key == Key);
        if (template is null) return NotFound();
        await templates.ResetAsync(template.Key, ct);
        TempData["Message"] = $"«{template.Name}» bruger igen standardteksten.";
        return Redirect($"/admin/post/skabeloner?skabelon={template.Key}");
    }

    /// <summary>Made-up values for the preview, so editors see where each placeholder ends up.</summary>
    public static IReadOnlyDictionary<string, string> ExampleValues(MailTemplate template) =>
        template.Placeholders.ToDictionary(p => p, p => p switch
        {
            "navn" => "Anna Jensen",
            "kursus" => "Håb og recovery",
            "tid" => "4 kursusgange fra onsdag 3. februar 2027, kl. 13.00-15.00",
            "sted" => "Psykiatriens Hus, Randers",
            "nummer" => "2",
            "link" or "kursuslink" => "https://videnscenter.randers.dk/…",
            "timer" => "24",
            "afsender" => "Administratoren",
            "brugernavn" => "anna.jensen",
            _ => p,
        });
}
