using Microsoft.EntityFrameworkCore;
using Videnscenter.Content.Storage;

namespace Videnscenter.Content.Settings;

/// <summary>Key/value site settings (site name, organisation …), written by the recipe's settings step.</summary>
public sealed class SiteSettings(ContentDbContext db)
{
    public const string SiteName = "siteName";
    public const string Organisation = "organisation";
    public const string Tagline = "tagline";
    public const string RecipeHash = "recipe.hash";

    public async Task<string?> GetAsync(string key, CancellationToken ct = default) =>
        (await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct))?.Value;

    public async Task<IReadOnlyDictionary<string, string>> AllAsync(CancellationToken ct = default) =>
        await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, ct);

    /// <summary>Returns false when the value was already set.</summary>
    public async Task<bool> SetAsync(string key, string value, CancellationToken ct = default)
    {
        var row = await db.Settings.FindAsync([key], ct);
        if (row?.Value == value) return false;
        if (row is null) db.Settings.Add(new SettingRecord { Key = key, Value = value });
        else row.Value = value;
        await db.SaveChangesAsync(ct);
        return true;
    }
}
