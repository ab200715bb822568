using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Videnscenter.Theme.Display;

namespace Videnscenter.Web.Caching;

/// <summary>
/// Puts the reader's own parts into a page (see <see cref="PersonalParts"/>): their name, and a fresh
/// antiforgery token wherever a form needs one. It sits outside the page cache, so the cache keeps the
/// page with markers, once per URL and audience level, and every answer, rendered or cached, is filled
/// here for the one reader who gets it.
/// <para>
/// Why our own filling and not a library: ASP.NET Core's output cache has no notion of holes, and
/// "donut caching" packages for it are unmaintained or rendering-bound. Filling is a byte search for a
/// marker, a few dozen lines.
/// </para>
/// <para>
/// The antiforgery rule stays as it was: the token comes from <see cref="IAntiforgery"/> for this
/// request (cookie set when missing, bound to the signed-in user), and the system marks the answer
/// no-store as before. Filled pages are compressed after filling (the outer compression in
/// <see cref="CachingFeature.UseCaching"/>): BREACH needs a secret that stays the same across answers,
/// and the request token is encrypted anew, with a fresh random key and IV, for every answer.
/// </para>
/// </summary>
// The site's own HtmlEncoder (Hosting: letters as UTF-8 text), so a filled-in name is written as the rendered page would write it.
public sealed class PersonalPartsFilling(RequestDelegate next, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> options, HtmlEncoder html)
{
    /// <summary>Set on a cached page's answer that was filled here: its only secrets are new for this answer (see SafeCompression).</summary>
    public const string FilledItem = "videnscenter.personal-parts.filled";

    /// <summary>More than any page; a body this large is not a page and is refused rather than held in memory.</summary>
    private const int MaxPage = 8 * 1024 * 1024;

    private static readonly byte[] Prefix = Encoding.ASCII.GetBytes(PersonalParts.Prefix);
    private static readonly int MarkerLength = Prefix.Length + 1 + PersonalParts.Suffix.Length;

    public async Task InvokeAsync(HttpContext http)
    {
        // Markers are written only by Razor pages (their layout and partials); other answers pass untouched.
        if (http.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is null)
        {
            await next(http);
            return;
        }

        var prior = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var body = new MarkedBody(http.Response, prior);
        http.Features.Set<IHttpResponseBodyFeature>(body);
        try
        {
            await next(http);
            await body.FlushWriterAsync();
        }
        finally
        {
            http.Features.Set(prior);
        }
        if (body.Marked) await SendFilledAsync(http, body.Template, prior);
    }

    private async Task SendFilledAsync(HttpContext http, ReadOnlyMemory<byte> page, IHttpResponseBodyFeature prior)
    {
        var response = http.Response;
        response.Headers.Remove(PersonalParts.Header);
        // First what goes into each marker (the token sets its cookie and headers before the answer starts), then the page.
        var parts = new List<(int At, byte[] Value)>();
        byte[]? tokenInput = null;
        for (var from = 0; page.Span[from..].IndexOf(Prefix) is var found and >= 0;)
        {
            var at = from + found;
            if (page.Length - at < MarkerLength) break;
            parts.Add((at, page.Span[at + Prefix.Length] switch
            {
                PersonalParts.FormTokenKind => tokenInput ??= TokenInput(http),
                PersonalParts.NameKind => Encoding.UTF8.GetBytes(html.Encode(http.User.Identity?.Name ?? "")),
                _ => [],
            }));
            from = at + MarkerLength;
        }
        // A cached page's only secrets are the ones filled here (the rest is shared by an audience level).
        // Other pages may hold a lasting secret (a receipt's link), so they stay uncompressed as before.
        if (http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.OutputCaching.IOutputCachePolicy>() is PageCache)
            http.Items[FilledItem] = true;
        response.ContentLength = page.Length + parts.Sum(p => p.Value.Length - MarkerLength);
        if (HttpMethods.IsHead(http.Request.Method)) return;

        var writer = prior.Writer;
        var written = 0;
        foreach (var (at, value) in parts)
        {
            writer.Write(page.Span[written..at]);
            writer.Write(value);
            written = at + MarkerLength;
        }
        writer.Write(page.Span[written..]);
        await writer.FlushAsync(http.RequestAborted);
    }

    /// <summary>One token per answer, shared by its forms (as the antiforgery system itself does within a request).</summary>
    private byte[] TokenInput(HttpContext http)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var field = html.Encode(tokens.FormFieldName ?? options.Value.FormFieldName);
        return Encoding.UTF8.GetBytes($"<input name=\"{field}\" type=\"hidden\" value=\"{html.Encode(tokens.RequestToken ?? "")}\" />");
    }

    /// <summary>
    /// The response body while a page runs: passes straight through unless the page says it holds
    /// markers (the header is set while rendering, before the first byte is written), then keeps the
    /// body to be filled.
    /// </summary>
    private sealed class MarkedBody(HttpResponse response, IHttpResponseBodyFeature prior) : Stream, IHttpResponseBodyFeature
    {
        private readonly MemoryStream _template = new();
        private bool? _marked;
        private PipeWriter? _writer;

        public bool Marked => _marked ?? response.Headers.ContainsKey(PersonalParts.Header);
        public ReadOnlyMemory<byte> Template => _template.GetBuffer().AsMemory(0, (int)_template.Length);

        private bool Keeping => _marked ??= response.Headers.ContainsKey(PersonalParts.Header);

        public Stream Stream => this;
        public PipeWriter Writer => _writer ??= Keeping ? PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true)) : prior.Writer;

        public async Task FlushWriterAsync()
        {
            if (_writer is not null && Keeping) await _writer.FlushAsync();
        }

        public void DisableBuffering() => prior.DisableBuffering();
        public Task StartAsync(CancellationToken ct = default) => Keeping ? Task.CompletedTask : prior.StartAsync(ct);
        public Task CompleteAsync() => Keeping ? FlushWriterAsync() : prior.CompleteAsync();
        public Task SendFileAsync(string path, long offset, long? count, CancellationToken ct = default) =>
            Keeping ? SendFileFallback.SendFileAsync(this, path, offset, count, ct) : prior.SendFileAsync(path, offset, count, ct);

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Flush()
        {
            if (!Keeping) prior.Stream.Flush();
        }

        public override Task FlushAsync(CancellationToken ct) => Keeping ? Task.CompletedTask : prior.Stream.FlushAsync(ct);

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (!Keeping)
            {
                prior.Stream.Write(buffer);
                return;
            }
            if (_template.Length + buffer.Length > MaxPage)
                throw new InvalidOperationException($"En side med personlige felter er over {MaxPage / 1024 / 1024} MB.");
            _template.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            if (!Keeping) return prior.Stream.WriteAsync(buffer, ct);
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _template.Dispose();
            base.Dispose(disposing);
        }
    }
}
