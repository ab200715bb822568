using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content.Definitions;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Editing;

namespace Videnscenter.Web.Accounts.Audit;

/// <summary>The audit log, newest first, filtered by user, action, item or user acted on, and dates.</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class IndexModel(AuditLog log, SchemaStore schemaStore) : PageModel
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d.M.yyyy", "d-M-yyyy", "d/M/yyyy", "d.M.yy"];

    [BindProperty(SupportsGet = true, Name = "bruger")]
    public string? UserFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "handling")]
    public string? ActionFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "tekst")]
    public string? TextFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "fra")]
    public string? FromText { get; set; }

    [BindProperty(SupportsGet = true, Name = "til")]
    public string? ToText { get; set; }

    [BindProperty(SupportsGet = true, Name = "side")]
    public int PageNumber { get; set; } = 1;

    public AuditPage Result { get; private set; } = new([], 0, 1, 50);
    public ContentSchema Schema { get; private set; } = ContentSchema.Empty;
    public Dictionary<string, string> Errors { get; } = [];

    public bool Filtered => !string.IsNullOrWhiteSpace(UserFilter) || !string.IsNullOrWhiteSpace(ActionFilter)
                            || !string.IsNullOrWhiteSpace(TextFilter) || !string.IsNullOrWhiteSpace(FromText) || !string.IsNullOrWhiteSpace(ToText);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Schema = await schemaStore.GetAsync(ct);
        var from = ParseDate(FromText, "fra", "«Fra dato»");
        var to = ParseDate(ToText, "til", "«Til dato»");
        if (from is not null && to is not null && from > to) Errors["til"] = "«Til dato» skal ligge samme dag som eller efter «Fra dato».";
        AuditAction? action = Enum.TryParse<AuditAction>(ActionFilter, out var a) ? a : null;
        if (!string.IsNullOrEmpty(ActionFilter) && action is null) Errors["handling"] = "Vælg en handling fra listen.";
        // Show nothing rather than a misleading unfiltered list when a filter could not be read.
        if (Errors.Count > 0) return;

        Result = await log.SearchAsync(new AuditQuery
        {
            User = UserFilter,
            Action = action,
            Text = TextFilter,
            From = from,
            To = to,
            Page = PageNumber,
        }, ct);
    }

    private DateOnly? ParseDate(string? text, string key, string label)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Errors[key] = $"{label} skal være en dato, fx 2026-12-03 eller 3.12.2026.";
        return null;
    }

    /// <summary>The editor's page of the item an entry concerns, if it is a content entry of a known type.</summary>
    public string? ItemLink(AuditEntry entry) =>
        entry.ItemId is { } id && entry.ItemType is { } t && Schema.Type(t) is { } type ? AdminUrls.Edit(type, id) : null;

    /// <summary>The entry's details, with the client's address for sign-ins (where it helps to spot an attack).</summary>
    public string DetailsOf(AuditEntry entry)
    {
        if (entry.RemoteAddress is not { } ip || !entry.Action.StartsWith("SignIn", StringComparison.Ordinal)) return entry.Details;
        return entry.Details.Length == 0 ? $"fra {ip}" : $"{entry.Details}, fra {ip}";
    }

    /// <summary>This page's address with the current filters and another page number.</summary>
    public string PageLink(int page)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        Add("bruger", UserFilter);
        Add("handling", ActionFilter);
        Add("tekst", TextFilter);
        Add("fra", FromText);
        Add("til", ToText);
        if (page > 1) query.Add($"side={page}");
        return "/admin/log" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}
