using System.Globalization;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Videnscenter.Search;

namespace Videnscenter.Web.Caching;

/// <summary>
/// Recent search answers, per (query, filters, page, audience level), for a short while: the same
/// few searches come in bursts (a course starting, a link in a newsletter), and a hit costs a
/// dictionary look-up instead of a search. Small and bounded (<see cref="MaxEntries"/> answers, each
/// kept <see cref="Lifetime"/>), emptied with the page cache when readers' content changes, so a
/// publish is findable at once.
/// </summary>
public sealed class SearchAnswerCache : IDisposable
{
    public const int MaxEntries = 1000;
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private MemoryCache _answers = NewCache();

    /// <summary>The cached answer to <paramref name="request"/>, or a new one from <paramref name="search"/>.</summary>
    public SearchResult GetOrSearch(SearchRequest request, Func<SearchRequest, SearchResult> search)
    {
        // Answers that depend on a caller-given "now" are not comparable across callers.
        if (request.NowUtc is not null) return search(request);
        var key = KeyOf(request);
        var answers = _answers;
        if (answers.TryGetValue(key, out SearchResult? cached) && cached is not null) return cached;
        var answer = search(request);
        answers.Set(key, answer, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return answer;
    }

    /// <summary>
    /// Forgets every answer: a new cache, so a search finishing now cannot refill the old one after
    /// the clear. The old one is not disposed: a search that began before the clear may still read
    /// or write it (a disposed MemoryCache throws, which answered 500 when another node's change
    /// arrived mid-search); nothing refers to it afterwards, so it is collected.
    /// </summary>
    public void Clear() => Interlocked.Exchange(ref _answers, NewCache());

    public void Dispose() => _answers.Dispose();

    internal static string KeyOf(SearchRequest r)
    {
        var key = new StringBuilder()
            .Append((int)r.Reader).Append('\u001f').Append(r.Query).Append('\u001f')
            .Append(r.Type).Append('\u001f').Append(r.Department).Append('\u001f')
            .Append(r.Page.ToString(CultureInfo.InvariantCulture)).Append('\u001f')
            .Append(r.PageSize.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in (r.FacetFilters ?? new Dictionary<string, string>()).OrderBy(f => f.Key, StringComparer.Ordinal))
            key.Append('\u001f').Append(name).Append('=').Append(value);
        return key.ToString();
    }

    private static MemoryCache NewCache() => new(new MemoryCacheOptions { SizeLimit = MaxEntries });
}
