using System.Globalization;

namespace Videnscenter.Content;

/// <summary>Danish formatting of dates and times for readers (machine formats use the invariant culture).</summary>
public static class Danish
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("da-DK");
    private static readonly TimeZoneInfo Zone = FindZone();

    private static TimeZoneInfo FindZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
    }

    public static System.DateTime ToLocal(System.DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static System.DateTime ToUtc(System.DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    /// <summary>"3. februar 2027"</summary>
    public static string Date(DateOnly date) => date.ToString("d. MMMM yyyy", Culture);

    public static string Date(DateTime utc) => ToLocal(utc).ToString("d. MMMM yyyy", Culture);

    /// <summary>"3. februar 2027 kl. 17.00"</summary>
    public static string DateAndTime(DateTime utc) => ToLocal(utc).ToString("d. MMMM yyyy 'kl.' HH.mm", Culture);

    /// <summary>A local range: "onsdag 3. februar 2027 kl. 17.00-19.00".</summary>
    public static string Range(DateTime localStart, DateTime localEnd) =>
        localStart.Date == localEnd.Date
            ? $"{localStart.ToString("dddd d. MMMM yyyy 'kl.' HH.mm", Culture)}-{localEnd.ToString("HH.mm", Culture)}"
            : $"{localStart.ToString("d. MMMM yyyy 'kl.' HH.mm", Culture)} til {localEnd.ToString("d. MMMM yyyy 'kl.' HH.mm", Culture)}";

    public static readonly StringComparer Sort = StringComparer.Create(Culture, ignoreCase: true);
}
