using System.Globalization;

namespace Videnscenter.Search.Results;

/// <summary>Danish alphabetical order (æ, ø, å after z) for facet values, ordinal when ICU is missing.</summary>
internal static class DanishOrder
{
    private static readonly StringComparer Comparer = Create();

    public static int Compare(string a, string b) => Comparer.Compare(a, b);

    private static StringComparer Create()
    {
        try
        {
            return StringComparer.Create(CultureInfo.GetCultureInfo("da-DK"), ignoreCase: true);
        }
        catch (CultureNotFoundException)
        {
            return StringComparer.OrdinalIgnoreCase;
        }
    }
}
