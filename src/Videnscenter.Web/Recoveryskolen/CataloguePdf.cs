using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Videnscenter.Content;
using Videnscenter.Content.Markdown;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>
/// A semester's course catalogue as a printable A4 PDF: a title page with the contents, then the
/// courses one after another. All text is real text in an embedded font, so it can be searched,
/// copied and read aloud.
/// </summary>
public static class CataloguePdf
{
    public static byte[] Render(Semester semester, IReadOnlyList<CourseFacts> courses, string baseUrl)
    {
        PdfSetup.Ensure();
        var title = $"Recoveryskolen – kursuskatalog {semester.Name}";
        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Author = "Recoveryskolen, Center for Psykiatri, Randers Kommune";
        document.Info.Subject = $"Recoveryskolens kurser i {semester.Name}";
        document.Language = "da-DK";

        var fonts = new Fonts();
        var flow = new Flow(document, fonts);
        var semesterUrl = baseUrl + semester.Url;

        // Title page.
        flow.Space(120);
        flow.Paragraph(title, fonts.Title, Colours.Brand, after: 10);
        flow.Paragraph("Center for Psykiatri, Randers Kommune", fonts.Subtitle, Colours.Muted, after: 24);
        flow.Paragraph("Alle kurser er gratis, og du skal ikke henvises.", fonts.Body, Colours.Ink, after: 4, bullet: true);
        flow.Paragraph("Hvert kursus har to undervisere: en fagprofessionel og en peer, der bruger sin egen erfaring.", fonts.Body, Colours.Ink, after: 4, bullet: true);
        flow.Paragraph("Borgere, pårørende og medarbejdere deltager på lige fod.", fonts.Body, Colours.Ink, after: 4, bullet: true);
        flow.Paragraph($"Tilmeld dig på {semesterUrl}", fonts.Body, Colours.Ink, after: 24, bullet: true);

        flow.Paragraph(courses.Count == 0 ? "Kurserne er ikke lagt på endnu." : "Kurserne i dette katalog", fonts.Heading, Colours.Brand, after: 8);
        // The page numbers are written once the courses are laid out.
        var contents = courses.Select(c => flow.ContentsLine(c.Item.Title, FirstDate(c))).ToList();

        var startPages = new List<int>();
        foreach (var course in courses)
        {
            startPages.Add(CourseBlock(flow, fonts, course, baseUrl, first: startPages.Count == 0));
        }
        flow.Finish();

        for (var i = 0; i < contents.Count; i++) flow.WritePageNumber(contents[i], startPages[i]);
        flow.WriteFooters($"Recoveryskolen · kursuskatalog {semester.Name}");

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>Lays out one course; returns its page number (1-based).</summary>
    private static int CourseBlock(Flow flow, Fonts fonts, CourseFacts course, string baseUrl, bool first)
    {
        var item = course.Item;
        if (first) flow.NewPage();
        else
        {
            // Keep the title with the start of the course: never a heading alone at the foot of a page.
            flow.KeepTogether(140);
            flow.Rule();
        }
        var page = flow.PageNumber;

        flow.Paragraph(item.Title, fonts.CourseTitle, Colours.Brand, after: 4);
        if (!string.IsNullOrWhiteSpace(item.Summary)) flow.Paragraph(item.Summary, fonts.Lead, Colours.Muted, after: 8);

        flow.Labelled("Hvornår", course.Sessions.Select(s => FirstUpper(Danish.Range(s.Start, s.End))).ToList());
        if (course.Place is { } place) flow.Labelled("Sted", [place]);
        if (course.Audiences.Count > 0) flow.Labelled("For hvem", [string.Join(", ", course.Audiences)]);
        flow.Labelled("Pladser", [$"{course.Capacity.ToString(Danish.Culture)} – gratis, du skal ikke henvises"]);
        if (item.Text("accessibility") is { } access) flow.Labelled("Tilgængelighed", [access]);
        flow.Space(6);

        foreach (var paragraph in PlainParagraphs(item.Body)) flow.Paragraph(paragraph, fonts.Body, Colours.Ink, after: 6);

        if (item.Text("learningGoals") is { } goals)
        {
            flow.KeepTogether(40);
            flow.Paragraph("Det lærer du", fonts.SubHeading, Colours.Ink, after: 3);
            foreach (var line in goals.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
            {
                var isItem = line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal);
                var text = MarkdownRenderer.ToPlainText(isItem ? line[2..] : line);
                if (text.Length > 0) flow.Paragraph(text, fonts.Body, Colours.Ink, after: 2, bullet: isItem);
            }
            flow.Space(6);
        }
        flow.Paragraph($"Læs mere og tilmeld dig: {baseUrl}{course.Url}", fonts.Small, Colours.Muted, after: 4);
        return page;
    }

    private static string FirstDate(CourseFacts course) =>
        course.Sessions.Count == 0 ? "" : course.Sessions[0].Start.ToString("d. MMMM", Danish.Culture);

    private static string FirstUpper(string s) => CourseFacts.Capitalise(s);

    /// <summary>Markdown body as plain-text paragraphs (no raw markup in print).</summary>
    private static IEnumerable<string> PlainParagraphs(string markdown) =>
        MarkdownRenderer.ToPlainText(markdown).Replace("\r\n", "\n").Split('\n')
            .Select(p => p.Trim()).Where(p => p.Length > 0);

    /// <summary>Made per document, after the font resolver is installed.</summary>
    private sealed class Fonts
    {
        private const string Family = DejaVuFontResolver.FamilyName;
        public readonly XFont Title = new(Family, 24, XFontStyleEx.Bold);
        public readonly XFont Subtitle = new(Family, 13, XFontStyleEx.Regular);
        public readonly XFont Heading = new(Family, 14, XFontStyleEx.Bold);
        public readonly XFont CourseTitle = new(Family, 15, XFontStyleEx.Bold);
        public readonly XFont SubHeading = new(Family, 10.5, XFontStyleEx.Bold);
        public readonly XFont Lead = new(Family, 10.5, XFontStyleEx.Italic);
        public readonly XFont Body = new(Family, 10, XFontStyleEx.Regular);
        public readonly XFont Label = new(Family, 10, XFontStyleEx.Bold);
        public readonly XFont Small = new(Family, 8.5, XFontStyleEx.Regular);
    }

    private static class Colours
    {
        public static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(29, 35, 39));
        public static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(74, 85, 96));
        public static readonly XBrush Brand = new XSolidBrush(XColor.FromArgb(11, 93, 82));
        public static readonly XPen Rule = new(XColor.FromArgb(207, 216, 214), 0.75);
    }

    /// <summary>A place on a page where a contents line ends, for its page number.</summary>
    private sealed record ContentsAnchor(int PageIndex, double Y);

    /// <summary>
    /// Top-to-bottom text layout on A4 pages: wraps words to the column, starts a new page when the
    /// next line does not fit. Small on purpose: a catalogue needs paragraphs, labels and bullets.
    /// </summary>
    private sealed class Flow(PdfDocument document, Fonts fonts)
    {
        private const double Margin = 56;
        private const double FooterSpace = 28;
        private const double LabelWidth = 104;
        private XGraphics? _gfx;
        private PdfPage? _page;
        private double _y;

        private double Width => _page!.Width.Point - 2 * Margin;
        private double Bottom => _page!.Height.Point - Margin - FooterSpace;
        public int PageNumber => document.PageCount;

        public void NewPage()
        {
            _gfx?.Dispose();
            _page = document.AddPage();
            _page.Size = PageSize.A4;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        private XGraphics Gfx
        {
            get
            {
                if (_gfx is null) NewPage();
                return _gfx!;
            }
        }

        public void Space(double points)
        {
            _ = Gfx;
            _y += points;
        }

        public void KeepTogether(double points)
        {
            _ = Gfx;
            if (_y + points > Bottom) NewPage();
        }

        public void Rule()
        {
            _y += 8;
            Gfx.DrawLine(Colours.Rule, Margin, _y, Margin + Width, _y);
            _y += 14;
        }

        public void Paragraph(string text, XFont font, XBrush brush, double after, bool bullet = false)
        {
            var indent = bullet ? 14 : 0;
            var lines = Wrap(text, font, Width - indent);
            var height = font.GetHeight() * 1.25;
            for (var i = 0; i < lines.Count; i++)
            {
                if (_y + height > Bottom) NewPage();
                if (bullet && i == 0) Gfx.DrawString("•", font, brush, new XRect(Margin, _y, indent, height), XStringFormats.TopLeft);
                Gfx.DrawString(lines[i], font, brush, new XRect(Margin + indent, _y, Width - indent, height), XStringFormats.TopLeft);
                _y += height;
            }
            _y += after;
        }

        /// <summary>"Sted   Psykiatriens Hus": a bold label and its value lines in a column beside it.</summary>
        public void Labelled(string label, IReadOnlyList<string> values)
        {
            var height = fonts.Body.GetHeight() * 1.25;
            var lines = values.SelectMany(v => Wrap(v, fonts.Body, Width - LabelWidth)).ToList();
            KeepTogether(height * Math.Min(lines.Count, 3));
            Gfx.DrawString(label, fonts.Label, Colours.Ink, new XRect(Margin, _y, LabelWidth, height), XStringFormats.TopLeft);
            foreach (var line in lines)
            {
                if (_y + height > Bottom) NewPage();
                Gfx.DrawString(line, fonts.Body, Colours.Ink, new XRect(Margin + LabelWidth, _y, Width - LabelWidth, height), XStringFormats.TopLeft);
                _y += height;
            }
            _y += 2;
        }

        /// <summary>A contents line whose page number is written later.</summary>
        public ContentsAnchor ContentsLine(string title, string date)
        {
            const double numberWidth = 36;
            const double dateWidth = 80;
            var height = fonts.Body.GetHeight() * 1.35;
            var lines = Wrap(title, fonts.Body, Width - numberWidth - dateWidth);
            for (var i = 0; i < lines.Count; i++)
            {
                if (_y + height > Bottom) NewPage();
                Gfx.DrawString(lines[i], fonts.Body, Colours.Ink, new XRect(Margin, _y, Width - numberWidth - dateWidth, height), XStringFormats.TopLeft);
                if (i == lines.Count - 1 && date.Length > 0)
                    Gfx.DrawString(date, fonts.Body, Colours.Muted, new XRect(Margin + Width - numberWidth - dateWidth, _y, dateWidth, height), XStringFormats.TopLeft);
                _y += height;
            }
            return new ContentsAnchor(document.PageCount - 1, _y - height);
        }

        public void Finish()
        {
            _gfx?.Dispose();
            _gfx = null;
        }

        public void WritePageNumber(ContentsAnchor anchor, int pageNumber)
        {
            var page = document.Pages[anchor.PageIndex];
            using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var height = fonts.Body.GetHeight() * 1.35;
            var width = page.Width.Point - 2 * Margin;
            gfx.DrawString($"side {pageNumber}", fonts.Body, Colours.Muted, new XRect(Margin, anchor.Y, width, height), XStringFormats.TopRight);
        }

        public void WriteFooters(string text)
        {
            var total = document.PageCount;
            for (var i = 0; i < total; i++)
            {
                var page = document.Pages[i];
                using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
                var y = page.Height.Point - Margin;
                var width = page.Width.Point - 2 * Margin;
                gfx.DrawString(text, fonts.Small, Colours.Muted, new XRect(Margin, y, width, 12), XStringFormats.TopLeft);
                gfx.DrawString($"Side {i + 1} af {total}", fonts.Small, Colours.Muted, new XRect(Margin, y, width, 12), XStringFormats.TopRight);
            }
        }

        /// <summary>Greedy word wrap; a word longer than the column (a long web address) is broken by characters.</summary>
        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            var line = "";
            foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Gfx.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0) lines.Add(line);
                line = word;
                while (line.Length > 1 && Gfx.MeasureString(line, font).Width > width)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && Gfx.MeasureString(line[..cut], font).Width > width) cut--;
                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }
            if (line.Length > 0) lines.Add(line);
            return lines;
        }
    }
}
