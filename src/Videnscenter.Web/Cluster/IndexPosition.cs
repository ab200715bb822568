using System.Globalization;
using Videnscenter.Web.Hosting;

namespace Videnscenter.Web.Cluster;

/// <summary>
/// The last change-log entry this node's search index has applied, in a small file next to the
/// index. Applying an entry re-reads the item's current state, so applying one twice is harmless:
/// the file is written after the index has committed what it applied (an index change that was
/// only searchable in memory was lost with kill -9 while the file already counted it), and a crash
/// between the two only replays a few entries.
/// </summary>
public sealed class IndexPosition(SiteOptions site)
{
    public string FilePath { get; } = Path.Combine(site.DataPath, $"search-position-{SafeName(site.NodeName)}.txt");

    public bool Exists => File.Exists(FilePath);

    /// <summary>The applied position, or null when this node has none (a new node, or a lost file).</summary>
    public long? Read()
    {
        try
        {
            return long.TryParse(File.ReadAllText(FilePath).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public void Write(long position)
    {
        // Written beside and moved over, so a crash never leaves half a number.
        var temporary = FilePath + ".tmp";
        File.WriteAllText(temporary, position.ToString(CultureInfo.InvariantCulture));
        File.Move(temporary, FilePath, overwrite: true);
    }

    private static string SafeName(string node)
    {
        var name = new string([.. node.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-')]).Trim('-');
        return name.Length == 0 ? "node" : name;
    }
}
