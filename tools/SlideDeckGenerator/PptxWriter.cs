using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace SlideDeckGenerator;

/// <summary>A deck to write: its slides, each a title and paragraphs (bullets unless marked otherwise).</summary>
public sealed record DeckSpec(string Title, IReadOnlyList<SlideSpec> Slides);

public sealed record SlideSpec(string Title, IReadOnlyList<SlideParagraph> Paragraphs)
{
    public static SlideSpec Bullets(string title, params string[] bullets) =>
        new(title, bullets.Select(b => new SlideParagraph(b, Bullet: true)).ToList());
}

public sealed record SlideParagraph(string Text, bool Bullet);

/// <summary>
/// Writes a small but complete PowerPoint file: one theme, one slide master, one "title and content"
/// layout, and a slide per <see cref="SlideSpec"/> with a title placeholder and a body placeholder.
/// The output is byte-for-byte the same for the same deck (fixed ZIP timestamps, no generated part
/// names), so regenerating the seed files changes nothing in git unless a deck changed.
/// </summary>
public static class PptxWriter
{
    // 16:9 in EMU (English Metric Units, 914400 per inch).
    private const long SlideWidth = 12192000;
    private const long SlideHeight = 6858000;
    private static readonly DateTimeOffset FixedTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Build(DeckSpec deck)
    {
        using var package = new MemoryStream();
        using (var document = PresentationDocument.Create(package, PresentationDocumentType.Presentation))
        {
            // With a fixed relationship id: AddPresentationPart() would pick a random one, and the
            // file would differ on every run.
            var presentation = document.AddNewPart<PresentationPart>(
                "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", "rId1");
            var master = presentation.AddNewPart<SlideMasterPart>("rId1");
            var theme = master.AddNewPart<ThemePart>("rId2");
            Feed(theme, ThemeXml);
            var layout = master.AddNewPart<SlideLayoutPart>("rId1");
            Feed(layout, LayoutXml);
            layout.AddPart(master, "rId1");
            Feed(master, MasterXml);
            presentation.AddPart(theme, "rId2");

            var slideIds = new P.SlideIdList();
            for (var i = 0; i < deck.Slides.Count; i++)
            {
                var relationshipId = $"rId{i + 10}";
                var slide = presentation.AddNewPart<SlidePart>(relationshipId);
                slide.AddPart(layout, "rId1");
                slide.Slide = BuildSlide(deck.Slides[i]);
                slideIds.Append(new P.SlideId { Id = (uint)(256 + i), RelationshipId = relationshipId });
            }

            var root = new P.Presentation(
                new P.SlideMasterIdList(new P.SlideMasterId { Id = 2147483648U, RelationshipId = "rId1" }),
                slideIds,
                new P.SlideSize { Cx = (int)SlideWidth, Cy = (int)SlideHeight },
                new P.NotesSize { Cx = 6858000, Cy = 9144000 });
            root.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
            presentation.Presentation = root;
        }
        return Deterministic(package.ToArray());
    }

    private static P.Slide BuildSlide(SlideSpec spec)
    {
        var body = new P.TextBody(new A.BodyProperties(), new A.ListStyle());
        foreach (var paragraph in spec.Paragraphs.DefaultIfEmpty(new SlideParagraph("", Bullet: false)))
        {
            var p = new A.Paragraph();
            if (!paragraph.Bullet) p.Append(new A.ParagraphProperties(new A.NoBullet()) { LeftMargin = 0, Indent = 0 });
            if (paragraph.Text.Length > 0) p.Append(Run(paragraph.Text));
            p.Append(new A.EndParagraphRunProperties { Language = "da-DK" });
            body.Append(p);
        }

        var title = new P.TextBody(new A.BodyProperties(), new A.ListStyle(),
            new A.Paragraph(Run(spec.Title), new A.EndParagraphRunProperties { Language = "da-DK" }));

        var slide = new P.Slide(
            new P.CommonSlideData(new P.ShapeTree(
                GroupProperties(),
                new P.GroupShapeProperties(new A.TransformGroup()),
                Placeholder(2, "Titel", new P.PlaceholderShape { Type = P.PlaceholderValues.Title }, title),
                Placeholder(3, "Indhold", new P.PlaceholderShape { Index = 1 }, body))),
            new P.ColorMapOverride(new A.MasterColorMapping()));
        // Declared once on the root instead of on every DrawingML element.
        slide.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        slide.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        return slide;
    }

    private static A.Run Run(string text) =>
        new(new A.RunProperties { Language = "da-DK" }, new A.Text(text));

    private static P.NonVisualGroupShapeProperties GroupProperties() => new(
        new P.NonVisualDrawingProperties { Id = 1, Name = "" },
        new P.NonVisualGroupShapeDrawingProperties(),
        new P.ApplicationNonVisualDrawingProperties());

    /// <summary>A shape that takes its place and look from the layout's placeholder.</summary>
    private static P.Shape Placeholder(uint id, string name, P.PlaceholderShape placeholder, P.TextBody text) => new(
        new P.NonVisualShapeProperties(
            new P.NonVisualDrawingProperties { Id = id, Name = name },
            new P.NonVisualShapeDrawingProperties(new A.ShapeLocks { NoGrouping = true }),
            new P.ApplicationNonVisualDrawingProperties(placeholder)),
        new P.ShapeProperties(),
        text);

    private static void Feed(OpenXmlPart part, string xml)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml));
        part.FeedData(stream);
    }

    /// <summary>The same package with every entry dated <see cref="FixedTime"/>, in the same order.</summary>
    private static byte[] Deterministic(byte[] package)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = FixedTime;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }
        return output.ToArray();
    }

    private const string Namespaces =
        "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" " +
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" " +
        "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";

    private const string EmptyGroup =
        "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>" +
        "<p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>";

    /// <summary>The master places the title and the body and gives them the theme's fonts and the centre's green.</summary>
    private static readonly string MasterXml =
        $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><p:sldMaster {Namespaces}>" +
        "<p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg><p:spTree>" + EmptyGroup +
        "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Titel\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"title\"/></p:nvPr></p:nvSpPr>" +
        "<p:spPr><a:xfrm><a:off x=\"838200\" y=\"365125\"/><a:ext cx=\"10515600\" cy=\"1325563\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr>" +
        "<p:txBody><a:bodyPr anchor=\"ctr\"/><a:lstStyle/><a:p><a:endParaRPr lang=\"da-DK\"/></a:p></p:txBody></p:sp>" +
        "<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Tekst\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" idx=\"1\"/></p:nvPr></p:nvSpPr>" +
        "<p:spPr><a:xfrm><a:off x=\"838200\" y=\"1825625\"/><a:ext cx=\"10515600\" cy=\"4351338\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr>" +
        "<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang=\"da-DK\"/></a:p></p:txBody></p:sp>" +
        "</p:spTree></p:cSld>" +
        "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>" +
        "<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/></p:sldLayoutIdLst>" +
        "<p:txStyles>" +
        "<p:titleStyle><a:lvl1pPr algn=\"l\"><a:defRPr sz=\"4000\" b=\"1\"><a:solidFill><a:schemeClr val=\"accent1\"/></a:solidFill><a:latin typeface=\"+mj-lt\"/></a:defRPr></a:lvl1pPr></p:titleStyle>" +
        "<p:bodyStyle><a:lvl1pPr marL=\"342900\" indent=\"-342900\"><a:spcBef><a:spcPts val=\"1200\"/></a:spcBef><a:buFont typeface=\"Arial\"/><a:buChar char=\"&#8226;\"/>" +
        "<a:defRPr sz=\"2600\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl1pPr></p:bodyStyle>" +
        "<p:otherStyle><a:lvl1pPr><a:defRPr sz=\"1800\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill></a:defRPr></a:lvl1pPr></p:otherStyle>" +
        "</p:txStyles></p:sldMaster>";

    private static readonly string LayoutXml =
        $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><p:sldLayout {Namespaces} type=\"obj\" preserve=\"1\">" +
        "<p:cSld name=\"Titel og indhold\"><p:spTree>" + EmptyGroup +
        "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Titel\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"title\"/></p:nvPr></p:nvSpPr>" +
        "<p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang=\"da-DK\"/></a:p></p:txBody></p:sp>" +
        "<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Indhold\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph idx=\"1\"/></p:nvPr></p:nvSpPr>" +
        "<p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang=\"da-DK\"/></a:p></p:txBody></p:sp>" +
        "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>";

    private static string SolidPlaceholderFill => "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";

    /// <summary>Colours from the site's theme (green, ink, rust); system fonts everyone has.</summary>
    private static readonly string ThemeXml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
        "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Videnscenter\"><a:themeElements>" +
        "<a:clrScheme name=\"Videnscenter\">" +
        "<a:dk1><a:srgbClr val=\"1D2327\"/></a:dk1><a:lt1><a:srgbClr val=\"FFFFFF\"/></a:lt1>" +
        "<a:dk2><a:srgbClr val=\"07443C\"/></a:dk2><a:lt2><a:srgbClr val=\"F3F6F5\"/></a:lt2>" +
        "<a:accent1><a:srgbClr val=\"0B5D52\"/></a:accent1><a:accent2><a:srgbClr val=\"8A3B12\"/></a:accent2>" +
        "<a:accent3><a:srgbClr val=\"4A5560\"/></a:accent3><a:accent4><a:srgbClr val=\"B27B00\"/></a:accent4>" +
        "<a:accent5><a:srgbClr val=\"2F6F9F\"/></a:accent5><a:accent6><a:srgbClr val=\"6B4C9A\"/></a:accent6>" +
        "<a:hlink><a:srgbClr val=\"0B5D52\"/></a:hlink><a:folHlink><a:srgbClr val=\"07443C\"/></a:folHlink>" +
        "</a:clrScheme>" +
        "<a:fontScheme name=\"Videnscenter\">" +
        "<a:majorFont><a:latin typeface=\"Calibri\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:majorFont>" +
        "<a:minorFont><a:latin typeface=\"Calibri\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont>" +
        "</a:fontScheme>" +
        "<a:fmtScheme name=\"Videnscenter\">" +
        "<a:fillStyleLst>" + SolidPlaceholderFill + SolidPlaceholderFill + SolidPlaceholderFill + "</a:fillStyleLst>" +
        "<a:lnStyleLst>" +
        "<a:ln w=\"6350\">" + SolidPlaceholderFill + "</a:ln><a:ln w=\"12700\">" + SolidPlaceholderFill + "</a:ln><a:ln w=\"19050\">" + SolidPlaceholderFill + "</a:ln>" +
        "</a:lnStyleLst>" +
        "<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>" +
        "<a:bgFillStyleLst>" + SolidPlaceholderFill + SolidPlaceholderFill + SolidPlaceholderFill + "</a:bgFillStyleLst>" +
        "</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>";
}
