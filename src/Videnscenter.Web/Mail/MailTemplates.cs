using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;

namespace Videnscenter.Web.Mail;

/// <summary>A mail template: subject and plain text with {placeholders}; the HTML part is made from the text.</summary>
public sealed record MailTemplate(string Key, string Name, string Subject, string Body, IReadOnlyList<string> Placeholders);

/// <summary>A template filled in: what goes into the mail.</summary>
public sealed record RenderedMail(string Subject, string Text, string Html);

/// <summary>
/// The Danish mail templates: built-in defaults that editors can change in the admin. Editors write
/// plain text; the HTML part is made from it (paragraphs, links made clickable), so an edited template
/// can never put markup or script into a mail.
/// </summary>
public sealed partial class MailTemplates(MailDbContext db)
{
    /// <summary>Escapes markup but leaves æ, ø, å and other letters as they are (WebUtility would write them as numeric entities).</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public const int MaxSubject = 200;
    public const int MaxBody = 5000;

    public static readonly IReadOnlyList<MailTemplate> Defaults =
    [
        new(MailKinds.SignUpConfirmed, "Tilmelding bekræftet", "Du er tilmeldt: {kursus}",
            """
            Kære {navn}

            Tak for din tilmelding. Du har fået en plads på {kursus}.

            Hvornår: {tid}
            Hvor: {sted}

            Tidspunkterne ligger i den vedhæftede kalenderfil, som du kan åbne i din kalender.

            Kan du alligevel ikke komme, så afmeld dig her, så pladsen kan gå til en anden:
            {link}

            Venlig hilsen
            {afsender}
            """, ["navn", "kursus", "tid", "sted", "link", "afsender"]),
        new(MailKinds.SignUpWaiting, "Skrevet på ventelisten", "Du er på ventelisten: {kursus}",
            """
            Kære {navn}

            {kursus} er fuldt, så du er skrevet på ventelisten som nummer {nummer}.

            Bliver der en plads ledig, får du den automatisk, og vi sender dig en mail.

            Vil du ikke længere stå på ventelisten, kan du afmelde dig her:
            {link}

            Venlig hilsen
            {afsender}
            """, ["navn", "kursus", "nummer", "link", "afsender"]),
        new(MailKinds.SignUpPromoted, "Plads fra ventelisten", "Du har fået en plads: {kursus}",
            """
            Kære {navn}

            Der er blevet en plads ledig, og den er din: du er nu tilmeldt {kursus}.

            Hvornår: {tid}
            Hvor: {sted}

            Kan du ikke komme, så afmeld dig her, så pladsen kan gå videre:
            {link}

            Venlig hilsen
            {afsender}
            """, ["navn", "kursus", "tid", "sted", "link", "afsender"]),
        new(MailKinds.SignUpReminder, "Påmindelse før kurset", "Påmindelse: {kursus} begynder snart",
            """
            Kære {navn}

            Vi glæder os til at se dig på {kursus}.

            Første gang: {tid}
            Hvor: {sted}

            Kan du ikke komme alligevel, så afmeld dig her:
            {link}

            Venlig hilsen
            {afsender}
            """, ["navn", "kursus", "tid", "sted", "link", "afsender"]),
        new(MailKinds.SignUpCancelled, "Afmelding bekræftet", "Du er afmeldt: {kursus}",
            """
            Kære {navn}

            Du er nu afmeldt {kursus}, og vi har slettet dine oplysninger.

            Du er altid velkommen til at tilmelde dig igen på {kursuslink}

            Venlig hilsen
            {afsender}
            """, ["navn", "kursus", "kursuslink", "afsender"]),
        new(MailKinds.SignUpLinkAgain, "Link sendt igen", "Dit link til {kursus}",
            """
            Kære {navn}

            Du bad om dit link til tilmeldingen på {kursus}. Her kan du se din tilmelding og afmelde dig:
            {link}

            Har du ikke bedt om denne mail, kan du se bort fra den.

            Venlig hilsen
            {afsender}
            """, ["navn", "kursus", "link", "afsender"]),
        new(MailKinds.PasswordReset, "Glemt adgangskode", "Vælg en ny adgangskode til Videnscenter",
            """
            Hej {navn}

            Nogen (forhåbentlig dig) har bedt om at nulstille adgangskoden til din konto på Videnscenter.
            Vælg en ny adgangskode her; linket virker én gang og udløber efter {timer} timer:
            {link}

            Har du ikke bedt om det, kan du se bort fra mailen; din adgangskode er ikke ændret.

            Venlig hilsen
            Videnscenter, Center for Psykiatri, Randers Kommune
            """, ["navn", "link", "timer"]),
        new(MailKinds.Invitation, "Invitation til en konto", "Du er inviteret til Videnscenter",
            """
            Hej {navn}

            {afsender} har oprettet en konto til dig på Videnscenter med brugernavnet {brugernavn}.
            Vælg din adgangskode her; linket virker én gang og udløber efter {dage} dage:
            {link}

            Bagefter logger du ind på {logind}

            Venlig hilsen
            Videnscenter, Center for Psykiatri, Randers Kommune
            """, ["navn", "afsender", "brugernavn", "link", "dage", "logind"]),
        new(MailKinds.ProfileSubmitted, "Profil til gennemsyn (til redaktører)", "Kompetenceprofil til gennemsyn: {profil}",
            """
            Hej {navn}

            {medarbejder} har rettet kompetenceprofilen «{profil}». Ændringen ligger som en kladde,
            indtil en redaktør har set den igennem og udgivet den.

            Se ændringen og udgiv den her:
            {link}

            Venlig hilsen
            Videnscenter, Center for Psykiatri, Randers Kommune
            """, ["navn", "medarbejder", "profil", "link"]),
        new(MailKinds.ReviewDue, "Indhold der skal gennemgås (månedlig)", "Indhold, der venter på din gennemgang ({antal})",
            """
            Hej {navn}

            Du er metodeansvarlig for indhold på Videnscenter, som ikke er gennemgået i {maaneder} måneder:

            {liste}

            Læs det igennem, ret det, der er forældet, og sæt «Sidst gennemgået» til i dag, når du er færdig.
            Du finder det hele under «Ikke gennemgået i {maaneder} måneder» i administrationen:
            {link}

            Venlig hilsen
            Videnscenter, Center for Psykiatri, Randers Kommune
            """, ["navn", "antal", "maaneder", "liste", "link"]),
    ];

    public static MailTemplate Default(string key) =>
        Defaults.FirstOrDefault(t => t.Key == key) ?? throw new ArgumentOutOfRangeException(nameof(key), key, "Ukendt mailskabelon.");

    /// <summary>The template in use: the editors' version if there is one, else the default.</summary>
    public async Task<MailTemplate> GetAsync(string key, CancellationToken ct = default)
    {
        var template = Default(key);
        var row = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, ct);
        return row is null ? template : template with { Subject = row.Subject, Body = row.Body };
    }

    public async Task<IReadOnlyList<(MailTemplate Template, bool Edited)>> ListAsync(CancellationToken ct = default)
    {
        var rows = await db.Templates.AsNoTracking().ToDictionaryAsync(t => t.Key, ct);
        return Defaults.Select(d => rows.TryGetValue(d.Key, out var row)
            ? (d with { Subject = row.Subject, Body = row.Body }, true)
            : (d, false)).ToList();
    }

    /// <summary>Danish messages for a template an editor wrote, keyed "subject" or "body"; empty when it is fine.</summary>
    public static IReadOnlyDictionary<string, string> Check(MailTemplate template, string? subject, string? body)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(subject)) errors["subject"] = "Skriv en emnelinje.";
        else if (subject.Length > MaxSubject) errors["subject"] = $"Emnelinjen må højst være {MaxSubject} tegn.";
        else if (subject.Contains('\n') || subject.Contains('\r')) errors["subject"] = "Emnelinjen skal være én linje.";
        if (string.IsNullOrWhiteSpace(body)) errors["body"] = "Skriv teksten til mailen.";
        else if (body.Length > MaxBody) errors["body"] = $"Teksten må højst være {MaxBody} tegn.";
        foreach (var (field, text) in new[] { ("subject", subject ?? ""), ("body", body ?? "") })
        {
            var unknown = Placeholder().Matches(text).Select(m => m.Groups[1].Value)
                .Where(p => !template.Placeholders.Contains(p)).Distinct().ToList();
            if (unknown.Count > 0 && !errors.ContainsKey(field))
                errors[field] = $"Ukendt felt: {string.Join(", ", unknown.Select(u => "{" + u + "}"))}. " +
                                $"Du kan bruge {string.Join(", ", template.Placeholders.Select(p => "{" + p + "}"))}.";
        }
        if (template.Placeholders.Contains("link") && !(body ?? "").Contains("{link}", StringComparison.Ordinal) && !errors.ContainsKey("body"))
            errors["body"] = "Teksten skal indeholde {link}, ellers kan modtageren ikke komme videre.";
        return errors;
    }

    public async Task SaveAsync(string key, string subject, string body, string? by, DateTime nowUtc, CancellationToken ct = default)
    {
        var row = await db.Templates.FirstOrDefaultAsync(t => t.Key == key, ct);
        if (row is null) db.Templates.Add(row = new MailTemplateRow { Key = key });
        row.Subject = subject.Trim();
        row.Body = body.Replace("\r\n", "\n").Trim();
        row.UpdatedUtc = nowUtc;
        row.UpdatedBy = by;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Back to the built-in text.</summary>
    public Task ResetAsync(string key, CancellationToken ct = default) =>
        db.Templates.Where(t => t.Key == key).ExecuteDeleteAsync(ct);

    /// <summary>Fills in the placeholders; an unknown or missing value is left empty.</summary>
    public static RenderedMail Render(MailTemplate template, IReadOnlyDictionary<string, string> values)
    {
        string Fill(string text, Func<string, string> encode) =>
            Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v) ? encode(v) : "");

        var subject = Fill(template.Subject, v => v.Replace('\n', ' ').Replace('\r', ' ')).Trim();
        var text = Fill(template.Body.Replace("\r\n", "\n"), v => v);
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>")
            .Append(Html.Encode(subject)).Append("</title></head><body style=\"font-family:sans-serif;line-height:1.5\">");
        foreach (var paragraph in Fill(template.Body.Replace("\r\n", "\n"), v => "\u0001" + v + "\u0002")
                     .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            html.Append("<p>").Append(HtmlParagraph(paragraph)).Append("</p>");
        html.Append("</body></html>");
        return new RenderedMail(subject, text, html.ToString());
    }

    /// <summary>Encodes a paragraph; inserted values (between the markers) that are web addresses become links.</summary>
    private static string HtmlParagraph(string paragraph)
    {
        var html = new StringBuilder();
        foreach (var (part, i) in paragraph.Split('\u0001', '\u0002').Select((p, i) => (p, i)))
        {
            // Odd parts are values; even parts the editor's text.
            var isValue = i % 2 == 1;
            if (isValue && Uri.TryCreate(part, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                html.Append("<a href=\"").Append(Html.Encode(uri.AbsoluteUri)).Append("\">")
                    .Append(Html.Encode(part)).Append("</a>");
            else
                html.Append(Html.Encode(part).Replace("\n", "<br>"));
        }
        return html.ToString();
    }

    [GeneratedRegex(@"\{([a-zæøå]+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>The keys of the mail templates (and the Kind column of the outbox).</summary>
public static class MailKinds
{
    public const string SignUpConfirmed = "tilmelding-bekraeftet";
    public const string SignUpWaiting = "tilmelding-venteliste";
    public const string SignUpPromoted = "tilmelding-plads-fra-venteliste";
    public const string SignUpReminder = "tilmelding-paamindelse";
    public const string SignUpCancelled = "tilmelding-afmeldt";
    public const string SignUpLinkAgain = "tilmelding-link-igen";
    public const string PasswordReset = "glemt-adgangskode";
    public const string Invitation = "invitation";
    public const string ProfileSubmitted = "profil-til-gennemsyn";
    public const string ReviewDue = "indhold-til-gennemgang";
}
