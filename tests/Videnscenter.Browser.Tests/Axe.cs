using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Videnscenter.Browser.Tests;

public static class Axe
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = new List<string> { "wcag2a", "wcag2aa", "wcag21a", "wcag21aa" } },
        // Only the violations carry node details back: keeps the result (and the run) small.
        ResultTypes = new HashSet<ResultType> { ResultType.Violations },
    };

    /// <summary>Runs axe-core with the WCAG 2.0/2.1 A and AA rules and fails listing every violation and where it is.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        await Screenshots.SaveAsync(page);
        var result = await page.RunAxe(Wcag21AA);
        if (result.Violations.Length == 0) return;

        var report = new StringBuilder($"axe fandt {result.Violations.Length} WCAG 2.1 A/AA-brud på {page.Url}:\n");
        foreach (var v in result.Violations)
        {
            report.AppendLine($"- {v.Id} ({v.Impact}): {v.Help} [{v.HelpUrl}]");
            foreach (var node in v.Nodes)
            {
                report.AppendLine($"    {node.Target}   {node.Html}");
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []);
                foreach (var message in checks.Select(c => c.Message).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct())
                    report.AppendLine($"      {message}");
            }
        }
        Assert.Fail(report.ToString());
    }
}

/// <summary>Full-page screenshots for a human to look at: set VIDENSCENTER_SCREENSHOTS to a folder.</summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string suffix = "", int? maxHeight = null)
    {
        if (Environment.GetEnvironmentVariable("VIDENSCENTER_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        var uri = new Uri(page.Url);
        var name = (uri.AbsolutePath.Trim('/').Replace('/', '_') is { Length: > 0 } p ? p : "forside")
                   + (uri.Query.Length > 0 ? "_" + string.Concat(uri.Query.Where(char.IsLetterOrDigit)) : "") + suffix;
        var path = Path.Combine(folder, $"{name}.png");
        for (var i = 2; File.Exists(path); i++) path = Path.Combine(folder, $"{name}-{i}.png");
        var size = page.ViewportSize;
        await page.ScreenshotAsync(new()
        {
            Path = path, FullPage = true,
            Clip = maxHeight is { } h && size is not null ? new() { X = 0, Y = 0, Width = size.Width, Height = h } : null,
        });
    }
}
