namespace Videnscenter.Content;

/// <summary>
/// Who may read an item. The levels are ordered: a reader sees an item iff its level is at most
/// the reader's. This one rule governs every route (pages, search, feeds, API).
/// </summary>
public enum Audience
{
    Offentlig = 0,
    Frivillig = 1,
    Medarbejder = 2,
}

public static class AudienceNames
{
    public static bool TryParse(string? text, out Audience audience)
    {
        audience = Audience.Offentlig;
        if (string.IsNullOrWhiteSpace(text)) return false;
        return Enum.TryParse(text.Trim(), ignoreCase: true, out audience) && Enum.IsDefined(audience);
    }

    /// <summary>The Danish phrase shown to readers and editors.</summary>
    public static string Describe(Audience audience) => audience switch
    {
        Audience.Offentlig => "Offentlig: alle kan læse den",
        Audience.Frivillig => "Frivillig: kun for frivillige og medarbejdere, der er logget ind",
        _ => "Medarbejder: kun for medarbejdere",
    };
}
