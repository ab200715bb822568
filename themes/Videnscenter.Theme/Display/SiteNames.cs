namespace Videnscenter.Theme.Display;

/// <summary>
/// The names the site uses for itself, in one place so header, footer, titles and pages agree,
/// and the slugs of the site's own pages the layout links to (seeded in content-seed/sider/).
/// </summary>
public static class SiteNames
{
    /// <summary>The product's name, as in the header and every page title.</summary>
    public const string Site = "Videnscenter";

    /// <summary>The centre the site belongs to, the same wherever it is named.</summary>
    public const string Centre = "Center for Psykiatri, Randers Kommune";

    /// <summary>The one name of the competence profile section, also used for the links to it.</summary>
    public const string Profiles = "Kompetenceprofiler";

    public const string PageType = "Page";
    public const string ContactSlug = "kontakt";
    public const string AccessibilitySlug = "tilgaengelighedserklaering";
    public const string PrivacySlug = "privatliv-og-cookies";
}
