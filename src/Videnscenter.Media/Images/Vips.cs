using System.Runtime.InteropServices;

namespace Videnscenter.Media.Images;

/// <summary>
/// A thin binding to Debian's libvips (<c>libvips42</c>): just enough to make a thumbnail from a file
/// and encode it to a buffer. libvips' operations are C variadic functions taking NULL-terminated
/// name/value option lists; each is bound here in the one fixed form we call, ending with the NULL.
/// When the library is absent, <see cref="IsAvailable"/> is false and nothing here is called.
/// </summary>
internal static class Vips
{
    private const string Library = "libvips.so.42";
    private const string GObject = "libgobject-2.0.so.0";
    private const string GLib = "libglib-2.0.so.0";
    private const string LibC = "libc.so.6";

    /// <summary>VipsSize: only ever shrink, never enlarge a small image.</summary>
    private const int SizeDown = 2;

    private static readonly Lock InitLock = new();
    private static bool? _available;

    /// <summary>True once libvips is loaded and initialised; false when it is not installed or fails to start.</summary>
    public static bool IsAvailable
    {
        get
        {
            lock (InitLock)
            {
                return _available ??= Initialise();
            }
        }
    }

    private static bool Initialise()
    {
        if (!NativeLibrary.TryLoad(Library, out _)) return false;
        KeepModulesOut();
        if (vips_init("videnscenter") != 0) return false;
        // Thumbnails are cached on disk by content hash; libvips' own operation cache keyed by file
        // name would hand back an old image after a file is replaced, so it is switched off.
        vips_cache_set_max(0);
        // Two cores serve the whole site: one thumbnail must not take both.
        vips_concurrency_set(1);
        try
        {
            // libvips 8.13+: refuse loaders not fuzzed for untrusted input (ImageMagick, PDF, …).
            vips_block_untrusted_set(1);
        }
        catch (EntryPointNotFoundException)
        {
            // Older libvips: uploads are still checked by content before they get here.
        }
        return true;
    }

    /// <summary>
    /// vips_init loads libvips' optional modules (HEIF, JPEG XL, ImageMagick, OpenSlide, Poppler)
    /// with global symbol binding. OpenSlide brings the system's libsqlite3, whose symbols then
    /// take the place of those inside Microsoft.Data.Sqlite's own e_sqlite3, and the next database
    /// call crashes the process. We need none of those loaders (PNG, JPEG, GIF and WebP are built
    /// into libvips, and untrusted loaders are blocked anyway), so libvips is pointed at a home
    /// folder without modules, unless whoever runs the site has set VIPSHOME themselves.
    /// </summary>
    private static void KeepModulesOut()
    {
        if (Marshal.PtrToStringUTF8(getenv("VIPSHOME")) is { Length: > 0 }) return;
        // .NET's Environment.SetEnvironmentVariable does not reach native getenv, so libc's setenv it is.
        setenv("VIPSHOME", Path.Combine(AppContext.BaseDirectory, "vips-without-modules"), 1);
    }

    /// <summary>
    /// Shrinks the image file to at most <paramref name="width"/> pixels wide (height follows the
    /// aspect ratio) and encodes it with the saver the suffix names, e.g. ".jpg[Q=82,strip]".
    /// </summary>
    public static byte[] Thumbnail(string path, int width, string suffix)
    {
        if (!IsAvailable) throw new InvalidOperationException("libvips er ikke tilgængelig.");
        // A height far above any real image makes the width the only limit.
        if (vips_thumbnail(path, out var image, width, "height", 100_000, "size", SizeDown, IntPtr.Zero) != 0)
            throw new VipsException(TakeError());
        try
        {
            if (vips_image_write_to_buffer(image, suffix, out var buffer, out var length, IntPtr.Zero) != 0)
                throw new VipsException(TakeError());
            try
            {
                var bytes = new byte[checked((int)length)];
                Marshal.Copy(buffer, bytes, 0, bytes.Length);
                return bytes;
            }
            finally
            {
                g_free(buffer);
            }
        }
        finally
        {
            g_object_unref(image);
        }
    }

    private static string TakeError()
    {
        var message = Marshal.PtrToStringUTF8(vips_error_buffer()) ?? "";
        vips_error_clear();
        return message.Trim();
    }

    [DllImport(Library)]
    private static extern int vips_init([MarshalAs(UnmanagedType.LPUTF8Str)] string argv0);

    [DllImport(Library)]
    private static extern void vips_cache_set_max(int max);

    [DllImport(Library)]
    private static extern void vips_concurrency_set(int concurrency);

    [DllImport(Library)]
    private static extern void vips_block_untrusted_set(int state);

    // int vips_thumbnail(const char *filename, VipsImage **out, int width, ...): bound as
    // (filename, out, width, "height", int, "size", VipsSize, NULL).
    [DllImport(Library)]
    private static extern int vips_thumbnail(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string filename, out IntPtr image, int width,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string heightName, int height,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string sizeName, int size,
        IntPtr terminator);

    // int vips_image_write_to_buffer(VipsImage *in, const char *suffix, void **buf, size_t *size, ...): bound with the NULL only.
    [DllImport(Library)]
    private static extern int vips_image_write_to_buffer(
        IntPtr image, [MarshalAs(UnmanagedType.LPUTF8Str)] string suffix, out IntPtr buffer, out nuint size, IntPtr terminator);

    [DllImport(Library)]
    private static extern IntPtr vips_error_buffer();

    [DllImport(Library)]
    private static extern void vips_error_clear();

    [DllImport(LibC)]
    private static extern IntPtr getenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport(LibC)]
    private static extern int setenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    [DllImport(GObject)]
    private static extern void g_object_unref(IntPtr instance);

    [DllImport(GLib)]
    private static extern void g_free(IntPtr memory);
}

public sealed class VipsException(string message) : Exception(message);
