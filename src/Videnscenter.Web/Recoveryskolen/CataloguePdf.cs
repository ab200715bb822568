using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;
using Videnscenter.Content;
using Videnscenter.Content.Markdown;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>
/// A semester's course catalogue as a printable A4 PDF: a title page with the contents, then the
/// courses one after another. All text is real text in an embedded font, and the PDF is tagged
/// (PDF/UA with PDFsharp's UAManager): a structure tree in reading order with the catalogue's title
/// as H1 and each course title as H2, paragraphs as P, page furniture (footers, rules, bullets) as
/// artifacts, language da-DK, the title shown as the window title, and a bookmark per course. So a
/// screen reader reads it as the web page would be read.
/// </summary>
public static class CataloguePdf
{
    public static byte[] Render(Semester semester, IReadOnlyList<RegistrableItem> courses, string baseUrl)
    {
        PdfSetup.Ensure();
        // Laid out twice: the first pass finds the page each course starts on and the number of pages,
        // so the second can write the contents' page numbers and "Side 1 af N" in reading order, as
        // tagged content must be, instead of going back to earlier pages.
        var layout = Layout(semester, courses, baseUrl, null);
        return Layout(semester, courses, baseUrl, layout).Bytes;
    }

    private sealed record Pages(IReadOnlyList<int> CourseStarts, int Total, byte[] Bytes);

    private static Pages Layout(Semester semester, IReadOnlyList<RegistrableItem> courses, string baseUrl, Pages? known)
    {
        var title = $"Recoveryskolen – kursuskatalog {semester.Name}";
        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Author = "Recoveryskolen, Center for Psykiatri, Randers Kommune";
        document.Info.Subject = $"Recoveryskolens kurser i {semester.Name}";
        document.Language = "da-DK";
        var tags = UAManager.ForDocument(document);
        tags.SetDocumentLanguage("da-DK");
        document.ViewerPreferences.DisplayDocTitle = true;

        var fonts = new Fonts();
        var flow = new Flow(document, fonts, tags.StructureBuilder, $"Recoveryskolen · kursuskatalog {semester.Name}", known?.Total);
        var semesterUrl = baseUrl + semester.Url;

        // Title page.
        flow.Space(120);
        flow.Paragraph(title, fonts.Title, Colours.Brand, after: 10, tag: PdfBlockLevelElementTag.Heading1);
        flow.Paragraph("Center for Psykiatri, Randers Kommune", fonts.Subtitle, Colours.Muted, after: 24);
        flow.Paragraph("Alle kurser er gratis, og du skal ikke henvises.", fonts.Body, Colours.Ink, after: 4, bullet: true);
        flow.Paragraph("Hvert kursus har to undervisere: en fagprofessionel og en peer, der bruger sin egen erfaring.", fonts.Body, Colours.Ink, after: 4, bullet: true);
        flow.Paragraph("Borgere, pårørende og medarbejdere deltager på lige fod.", fonts.Body, Colours.Ink, after: 4, bullet: true);
        flow.Paragraph($"Tilmeld dig på {semesterUrl}", fonts.Body, Colours.Ink, after: 24, bullet: true);

        if (courses.Count == 0) flow.Paragraph("Kurserne er ikke lagt på endnu.", fonts.Heading, Colours.Brand, after: 8);
        else
        {
            flow.Paragraph("Kurserne i dette katalog", fonts.Heading, Colours.Brand, after: 8, tag: PdfBlockLevelElementTag.Heading2);
            for (var i = 0; i < courses.Count; i++)
                flow.ContentsLine(courses[i].Item.Title, FirstDate(courses[i]), known?.CourseStarts[i]);
        }

        var startPages = new List<int>();
        foreach (var course in courses)
        {
            startPages.Add(CourseBlock(flow, fonts, course, baseUrl, first: startPages.Count == 0));
            document.Outlines.Add(course.Item.Title, document.Pages[startPages[^1] - 1]);
        }
        flow.Finish();

        var total = document.PageCount;
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return new Pages(startPages, total, output.ToArray());
    }

    /// <summary>Lays out one course; returns its page number (1-based).</summary>
    private static int CourseBlock(Flow flow, Fonts fonts, RegistrableItem course, string baseUrl, bool first)
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

        flow.Paragraph(item.Title, fonts.CourseTitle, Colours.Brand, after: 4, tag: PdfBlockLevelElementTag.Heading2);
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
            flow.Paragraph("Det lærer du", fonts.SubHeading, Colours.Ink, after: 3, tag: PdfBlockLevelElementTag.Heading3);
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

    private static string FirstDate(RegistrableItem course) =>
        course.Sessions.Count == 0 ? "" : course.Sessions[0].Start.ToString("d. MMMM", Danish.Culture);

    private static string FirstUpper(string s) => RegistrableItem.Capitalise(s);

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

    /// <summary>
    /// Top-to-bottom text layout on A4 pages: wraps words to the column, starts a new page when the
    /// next line does not fit. Small on purpose: a catalogue needs paragraphs, labels and bullets.
    /// </summary>
    /// <remarks>
    /// Every piece of text is drawn inside a structure element (<paramref name="tags"/>) in reading
    /// order; what only decorates (bullets, rules, footers) is drawn as an artifact, which screen
    /// readers skip. Footers are drawn as each page starts, with the total known from the first pass.
    /// </remarks>
    private sealed class Flow(PdfDocument document, Fonts fonts, StructureBuilder tags, string footer, int? totalPages)
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
            // The old page's graphics must live until the page is added: the tagging closes the
            // marked content still open on it (a paragraph continued on the next page) through them.
            var previous = _gfx;
            _page = document.AddPage();
            previous?.Dispose();
            _page.Size = PageSize.A4;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
            Footer();
        }

        private void Footer()
        {
            var y = _page!.Height.Point - Margin;
            tags.BeginArtifact();
            _gfx!.DrawString(footer, fonts.Small, Colours.Muted, new XRect(Margin, y, Width, 12), XStringFormats.TopLeft);
            var number = totalPages is { } total ? $"Side {document.PageCount} af {total}" : $"Side {document.PageCount}";
            _gfx.DrawString(number, fonts.Small, Colours.Muted, new XRect(Margin, y, Width, 12), XStringFormats.TopRight);
            tags.End();
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
            tags.BeginArtifact();
            Gfx.DrawLine(Colours.Rule, Margin, _y, Margin + Width, _y);
            tags.End();
            _y += 14;
        }

        /// <summary>A paragraph (or heading) as one structure element; a page break inside it continues the element on the next page.</summary>
        public void Paragraph(string text, XFont font, XBrush brush, double after, bool bullet = false,
            PdfBlockLevelElementTag tag = PdfBlockLevelElementTag.Paragraph)
        {
            var indent = bullet ? 14 : 0;
            var lines = Wrap(text, font, Width - indent);
            var height = font.GetHeight() * 1.25;
            if (_y + height > Bottom) NewPage();
            if (bullet)
            {
                tags.BeginArtifact();
                Gfx.DrawString("•", font, brush, new XRect(Margin, _y, indent, height), XStringFormats.TopLeft);
                tags.End();
            }
            tags.BeginElement(tag);
            foreach (var line in lines)
            {
                if (_y + height > Bottom) NewPage();
                Gfx.DrawString(line, font, brush, new XRect(Margin + indent, _y, Width - indent, height), XStringFormats.TopLeft);
                _y += height;
            }
            tags.End();
            _y += after;
        }

        /// <summary>"Sted   Psykiatriens Hus": a bold label and its value lines in a column beside it.</summary>
        public void Labelled(string label, IReadOnlyList<string> values)
        {
            var height = fonts.Body.GetHeight() * 1.25;
            var lines = values.SelectMany(v => Wrap(v, fonts.Body, Width - LabelWidth)).ToList();
            KeepTogether(height * Math.Min(lines.Count, 3));
            tags.BeginElement(PdfBlockLevelElementTag.Paragraph);
            Gfx.DrawString(label, fonts.Label, Colours.Ink, new XRect(Margin, _y, LabelWidth, height), XStringFormats.TopLeft);
            foreach (var line in lines)
            {
                if (_y + height > Bottom) NewPage();
                Gfx.DrawString(line, fonts.Body, Colours.Ink, new XRect(Margin + LabelWidth, _y, Width - LabelWidth, height), XStringFormats.TopLeft);
                _y += height;
            }
            tags.End();
            _y += 2;
        }

        /// <summary>A contents line: the course's title, its first date and (second pass) its page.</summary>
        public void ContentsLine(string title, string date, int? page)
        {
            const double numberWidth = 36;
            const double dateWidth = 80;
            var height = fonts.Body.GetHeight() * 1.35;
            var lines = Wrap(title, fonts.Body, Width - numberWidth - dateWidth);
            tags.BeginElement(PdfBlockLevelElementTag.Paragraph);
            for (var i = 0; i < lines.Count; i++)
            {
                if (_y + height > Bottom) NewPage();
                Gfx.DrawString(lines[i], fonts.Body, Colours.Ink, new XRect(Margin, _y, Width - numberWidth - dateWidth, height), XStringFormats.TopLeft);
                if (i == lines.Count - 1)
                {
                    if (date.Length > 0)
                        Gfx.DrawString(date, fonts.Body, Colours.Muted, new XRect(Margin + Width - numberWidth - dateWidth, _y, dateWidth, height), XStringFormats.TopLeft);
                    if (page is { } number)
                        Gfx.DrawString($"side {number}", fonts.Body, Colours.Muted, new XRect(Margin, _y, Width, height), XStringFormats.TopRight);
                }
                _y += height;
            }
            tags.End();
        }

        public void Finish()
        {
            _gfx?.Dispose();
            _gfx = null;
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
