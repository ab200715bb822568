using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Media.Library;
using Videnscenter.Web.Accounts;

namespace Videnscenter.Web.Editing;

/// <summary>
/// The editor form for one item (or a new one), generated from its type definition. Every action
/// (save, preview, publish, take down, archive) first saves what was typed if it differs from the
/// latest version, so nothing typed is ever lost; a failed save shows the form again as typed.
/// </summary>
public sealed class EditModel(ContentStore store, SchemaStore schemaStore, UserManager<IdentityUser> users, MediaLibrary media) : AdminPage
{
    public const string NewId = "ny";
    public const int BlankRangeRows = 3;

    // Staff may open their own competence profile; the checks are in LoadAsync.
    protected override bool StaffAllowed => true;

    public ContentSchema Schema { get; private set; } = ContentSchema.Empty;
    public ContentTypeDefinition Type { get; private set; } = null!;
    /// <summary>The latest version, or null for a new item.</summary>
    public ContentItem? Latest { get; private set; }
    public EditorForm Form { get; private set; } = new();
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public bool Conflict { get; private set; }
    public bool ShowTextPreview { get; private set; }
    public IReadOnlyList<PublishWarning> Warnings { get; private set; } = [];
    public string? Message { get; private set; }
    /// <summary>Items each reference field may point to, by field name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ContentItem>> Candidates { get; private set; } = new Dictionary<string, IReadOnlyList<ContentItem>>();

    public bool IsNew => Latest is null;
    /// <summary>The form shows typed text that is not saved (a failed save, a text preview, a filter).</summary>
    public bool Unsaved { get; private set; }
    public bool CanPublish => User.IsEditor();
    public string FormAction => IsNew ? AdminUrls.New(Type) : AdminUrls.Edit(Type, Latest!.Id);

    public async Task<IActionResult> OnGetAsync(string type, string id, string? besked, int? fra, CancellationToken ct)
    {
        if (await LoadAsync(type, id, ct) is { } refused) return refused;
        Form = Latest is null ? EditorForm.Empty(Type) : EditorForm.FromItem(Latest, Type);
        // A reference filter may also come in the address (…?felt.methods.soeg=motiv), e.g. from a bookmark.
        foreach (var f in Type.Fields.Where(f => f.Kind == FieldKind.Reference))
            Form.Field(f.Name).Filter = Request.Query[$"{EditorIds.FieldName(f.Name)}.soeg"].ToString();
        Message = Latest is null ? null : MessageFor(besked, fra, Latest);
        await LoadCandidatesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string type, string id, CancellationToken ct)
    {
        if (await LoadAsync(type, id, ct) is { } refused) return refused;
        Form = EditorForm.Read(Request.Form, Type);
        if (User.IsStaffOnly()) await KeepReferencesHiddenFromStaffAsync(ct);
        var action = Request.Form[EditorIds.Action].ToString();

        // Re-rendering actions: nothing is saved.
        if (action.StartsWith("soeg:", StringComparison.Ordinal))
            return await ShowAsync(ct);
        if (action is ImagePicker.InsertAction or ImagePicker.UploadAction)
        {
            if (action == ImagePicker.UploadAction && User.IsStaffOnly()) return StatusCode(StatusCodes.Status403Forbidden);
            var picked = action == ImagePicker.InsertAction
                ? await ImagePicker.ChooseAsync(media, Request.Form[ImagePicker.ChoiceName], ct)
                : await ImagePicker.UploadAsync(media, Request.Form.Files[ImagePicker.FileName], Request.Form[ImagePicker.AltName], User.Identity?.Name ?? "ukendt", ct);
            if (picked.File is { } image)
            {
                Form.Body = ImagePicker.Append(Form.Body, image);
                Message = $"Billedet «{image.Name}» er sat ind nederst i brødteksten. Husk at gemme.";
            }
            else Errors = picked.Errors.Select(e => new FieldError("body", e.Message)).ToList();
            return await ShowAsync(ct);
        }
        if (action == "tekst")
        {
            ShowTextPreview = true;
            return await ShowAsync(ct);
        }

        if (action is "udgiv" or "afpublicer" or "arkiver" && !CanPublish)
            return StatusCode(StatusCodes.Status403Forbidden);

        var saved = Latest;
        var changed = Latest is null || Form.Fingerprint(Type) != EditorForm.FromItem(Latest, Type).Fingerprint(Type);
        if (changed)
        {
            var draft = Form.ToDraft(Type);
            var author = User.Identity?.Name ?? "ukendt";
            var result = Latest is null
                ? await store.CreateAsync(draft, author, ct)
                : await store.SaveAsync(Latest.Id, Form.BaseVersionId ?? Guid.Empty, draft, author, ct);
            if (!result.Succeeded)
            {
                Errors = result.Conflict ? result.Errors : ExplainIncompleteRows(result.Errors);
                Conflict = result.Conflict;
                return await ShowAsync(ct);
            }
            saved = result.Item!;
        }

        switch (action)
        {
            case "forhaandsvis":
                return Redirect(AdminUrls.Preview(Type, saved!.Id, saved.VersionNumber));
            case "udgiv":
            {
                // A draft may be incomplete; publishing needs every required field, with the same messages.
                if (FieldValues.MissingRequired(Type, saved!.Fields) is { Count: > 0 } missingFields)
                {
                    Latest = saved;
                    Form = EditorForm.FromItem(saved, Type);
                    Errors = missingFields;
                    Message = $"Kladden er gemt som version {saved.VersionNumber}, men kan ikke udgives, før felterne herunder er udfyldt.";
                    return await ShowAsync(ct);
                }
                var missing = await PublishChecks.MissingMediaAsync(saved!, Type, media, ct);
                if (missing.Count > 0)
                {
                    // Refused, not a warning: a published page would show a broken image or a dead download.
                    Latest = saved;
                    Form = EditorForm.FromItem(saved!, Type);
                    Errors = missing;
                    Message = changed ? $"Dine ændringer er gemt som version {saved!.VersionNumber}, men ikke udgivet, fordi en fil mangler." : "Ikke udgivet, fordi en fil mangler.";
                    return await ShowAsync(ct);
                }
                var warnings = await PublishChecks.RunAsync(saved!, Type, Schema, store, ct);
                if (warnings.Count > 0 && Request.Form[EditorIds.ConfirmPublish] != "true")
                {
                    // The publish step: show what to look at; the editor fixes it or confirms.
                    Latest = saved;
                    Form = EditorForm.FromItem(saved!, Type);
                    Warnings = warnings;
                    Message = changed ? $"Dine ændringer er gemt som version {saved!.VersionNumber}, men ikke udgivet endnu." : null;
                    return await ShowAsync(ct);
                }
                await store.PublishAsync(saved!.Id, saved.VersionId, ct);
                return Redirect(AdminUrls.Edit(Type, saved.Id) + "?besked=udgivet");
            }
            case "afpublicer":
                await store.UnpublishAsync(saved!.Id, ct);
                return Redirect(AdminUrls.Edit(Type, saved.Id) + "?besked=afpubliceret");
            case "arkiver":
                await store.ArchiveAsync(saved!.Id, ct);
                return Redirect(AdminUrls.Edit(Type, saved.Id) + "?besked=arkiveret");
            default:
                return Redirect(AdminUrls.Edit(Type, saved!.Id) + (changed ? "?besked=gemt" : "?besked=uaendret"));
        }
    }

    /// <summary>Replaces the store's message about a half-filled date-time row with one naming the row.</summary>
    private List<FieldError> ExplainIncompleteRows(IReadOnlyList<FieldError> errors)
    {
        var result = errors.ToList();
        foreach (var f in Type.Fields.Where(f => f.Kind == FieldKind.DateTimeRanges))
        {
            var rows = Form.IncompleteRows(f);
            if (rows.Count == 0) continue;
            var at = result.FindIndex(e => e.Field == f.Name);
            result.RemoveAll(e => e.Field == f.Name);
            var messages = rows.Select(r => new FieldError(f.Name, $"«{f.Label}», linje {r + 1}: udfyld både dato, start og slut, eller tøm hele linjen."));
            result.InsertRange(at < 0 ? result.Count : Math.Min(at, result.Count), messages);
        }
        return result;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Unsaved = Warnings.Count == 0;
        await LoadCandidatesAsync(ct);
        return Page();
    }

    /// <summary>Finds the type and item, and refuses what the user may not open (404 hides others' items).</summary>
    private async Task<IActionResult?> LoadAsync(string type, string id, CancellationToken ct)
    {
        Schema = await schemaStore.GetAsync(ct);
        if (AdminUrls.TypeOf(Schema, type) is not { } definition) return NotFound();
        Type = definition;
        var staff = User.IsStaffOnly();

        if (id == NewId) return staff ? StatusCode(StatusCodes.Status403Forbidden) : null;
        if (!Guid.TryParse(id, out var itemId)) return NotFound();
        Latest = await store.GetLatestAsync(itemId, ct);
        if (Latest is null || Latest.Type != Type.Name) return NotFound();
        if (staff)
        {
            var user = await users.GetUserAsync(User);
            if (user is null || !AdminAccess.OwnsProfile(Latest, user.UserName, user.Email)) return NotFound();
        }
        return null;
    }

    /// <summary>The library's files, for the image picker and media fields (newest first).</summary>
    public IReadOnlyList<MediaFile> MediaFiles { get; private set; } = [];

    private async Task LoadCandidatesAsync(CancellationToken ct)
    {
        MediaFiles = await media.ListAsync(ct);
        var fields = Type.Fields.Where(f => f.Kind == FieldKind.Reference).ToList();
        if (fields.Count == 0) return;
        // Staff editing their own profile may pick only what they may read anyway: published items
        // for their audience (an editor's drafts and internal titles are none of their business).
        var all = User.IsStaffOnly()
            ? await store.ListPublishedAsync(null, User.ReaderAudience(), ct)
            : await store.ListLatestAsync(null, ct);
        var result = new Dictionary<string, IReadOnlyList<ContentItem>>();
        foreach (var f in fields)
        {
            var input = Form.Field(f.Name);
            result[f.Name] = all
                .Where(i => f.ReferenceTypes.Count == 0 || f.ReferenceTypes.Contains(i.Type, StringComparer.OrdinalIgnoreCase))
                .Where(i => i.Id != Latest?.Id)
                // Archived items are offered no more, but one already chosen stays so saving keeps it.
                .Where(i => i.Status != ContentStatus.Archived || input.Reference(i.Id) is not null)
                .OrderBy(i => i.Title, Danish.Sort)
                .ToList();
        }
        Candidates = result;
    }

    /// <summary>
    /// A reference an editor chose to an item the staff member cannot see is not in their form
    /// (its title is not theirs to read): keep it when they save, so their edit does not drop it.
    /// </summary>
    private async Task KeepReferencesHiddenFromStaffAsync(CancellationToken ct)
    {
        if (Latest is null) return;
        var fields = Type.Fields.Where(f => f.Kind == FieldKind.Reference).ToList();
        var chosen = fields.SelectMany(f => Latest.References(f.Name)).Select(r => r.Id).Distinct().ToList();
        if (chosen.Count == 0) return;
        var visible = (await store.GetPublishedAsync(chosen, User.ReaderAudience(), ct)).Select(i => i.Id).ToHashSet();
        foreach (var f in fields)
        {
            var input = Form.Field(f.Name);
            foreach (var r in Latest.References(f.Name).Where(r => !visible.Contains(r.Id) && input.Reference(r.Id) is null))
                input.References.Add(new ReferenceInput(r.Id, r.Level));
        }
    }

    /// <summary>
    /// The candidates a reference picker shows: the chosen ones first, then those matching the
    /// filter (all of them without a filter).
    /// </summary>
    public IReadOnlyList<ContentItem> Shown(FieldDefinition field)
    {
        var input = Form.Field(field.Name);
        var candidates = Candidates.GetValueOrDefault(field.Name) ?? [];
        var filter = input.Filter.Trim();
        return candidates.Where(c => input.Reference(c.Id) is not null)
            .Concat(candidates.Where(c => input.Reference(c.Id) is null
                                          && (filter.Length == 0 || c.Title.Contains(filter, StringComparison.CurrentCultureIgnoreCase))))
            .ToList();
    }

    public IReadOnlyList<string> ErrorsFor(string inputId) =>
        Errors.Where(e => EditorIds.ForError(e.Field) == inputId).Select(e => e.Message).ToList();

    /// <summary>The value of aria-describedby for an input with optional help and error texts.</summary>
    public static string? DescribedBy(params string?[] ids) =>
        ids.Any(i => i is not null) ? string.Join(' ', ids.OfType<string>()) : null;

    /// <summary>Texts for volunteers should be easy to read (LIX under 40).</summary>
    public bool ForVolunteers =>
        Form.Audience == Audience.Frivillig || Type.Name == Home.HomeFeature.PageTypeName && Type.Field("forVolunteers") is not null && Form.Field("forVolunteers").IsChecked;

    public string PublicUrl(ContentItem item) => $"/{Type.Section}/{item.Slug}";

    private string? MessageFor(string? key, int? from, ContentItem latest) => key switch
    {
        "gemt" when User.IsStaffOnly() => $"Din ændring er gemt som en kladde (version {latest.VersionNumber}). En redaktør ser den igennem og udgiver den.",
        "gemt" => $"Kladden er gemt som version {latest.VersionNumber}.",
        "uaendret" => "Der var ingen ændringer at gemme.",
        "udgivet" => $"Version {latest.VersionNumber} er udgivet.",
        "afpubliceret" => "Indholdet er taget af siden. Det ligger nu som kladde.",
        "arkiveret" => "Indholdet er arkiveret og vises ikke længere på siden.",
        "gendannet" => $"Version {from} er gendannet som en ny kladde (version {latest.VersionNumber}). Udgiv den, når den er klar.",
        _ => null,
    };
}

/// <summary>One type field of the editor, for the field partial.</summary>
public sealed record EditorFieldView(EditModel Page, FieldDefinition Field);

/// <summary>A Markdown textarea (the body or a Markdown field) with its LIX and preview, for the Markdown partial.</summary>
public sealed record MarkdownFieldView(EditModel Page, string Id, string Name, string Label, bool Required, string Value, string Help);
