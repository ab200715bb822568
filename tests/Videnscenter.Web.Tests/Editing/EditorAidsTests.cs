using Videnscenter.Web.Editing;

namespace Videnscenter.Web.Tests.Editing;

/// <summary>LIX, the pre-publish checks and the version diff, without the site.</summary>
public sealed class EditorAidsTests
{
    [Fact]
    public void Lix_of_a_known_Danish_text_matches_the_hand_computed_value()
    {
        // Sentence 1: Recoveryskolen(14) har kurser(6) hver forår(5) og efterår(7) = 7 words, 2 long.
        // Sentence 2: Alle kan deltage(7) gratis(6) = 4 words, 1 long.
        // Sentence 3: Underviserne(12) er en fagperson(9) og en peer = 7 words, 2 long.
        // LIX = 18/3 + 100 * 5/18 = 6 + 27.78 = 33.78, so 34: «let».
        const string text = "Recoveryskolen har kurser hver forår og efterår. Alle kan deltage gratis. Underviserne er en fagperson og en peer.";
        var lix = Lix.OfText(text)!;
        Assert.Equal(18, lix.Words);
        Assert.Equal(3, lix.Sentences);
        Assert.Equal(5, lix.LongWords);
        Assert.Equal(33.78, lix.Value, 2);
        Assert.Equal(34, lix.Rounded);
        Assert.Equal("let", lix.Level);
    }

    [Fact]
    public void Lix_counts_headings_and_list_items_as_sentences_and_keeps_compounds_whole()
    {
        // Heading «Sådan gør du» (3 words), two list items of 2 words each, and one sentence of
        // 4 words where «peer-medarbejderen» (17 letters) is one word: 11 words, 4 sentences.
        var lix = Lix.OfMarkdown("## Sådan gør du\n\n- Kom ind\n- Sig hej\n\nSpørg en peer-medarbejderen bagefter.")!;
        Assert.Equal(11, lix.Words);
        Assert.Equal(4, lix.Sentences);
        Assert.Equal(2, lix.LongWords); // «peer-medarbejderen» and «bagefter»
        Assert.Null(Lix.OfMarkdown("  "));
        Assert.Null(Lix.OfText("... !"));
    }

    [Theory]
    [InlineData(24, "meget let")]
    [InlineData(25, "let")]
    [InlineData(34, "let")]
    [InlineData(35, "middel")]
    [InlineData(44, "middel")]
    [InlineData(45, "svær")]
    [InlineData(54, "svær")]
    [InlineData(55, "meget svær")]
    public void The_Danish_LIX_scale(int lix, string level)
    {
        // One sentence of «lix» short words has LIX = lix exactly.
        var text = string.Join(' ', Enumerable.Repeat("ord", lix)) + ".";
        var result = Lix.OfText(text)!;
        Assert.Equal(lix, result.Rounded);
        Assert.Equal(level, result.Level);
    }

    [Fact]
    public void Images_without_alt_text_are_found_but_not_those_with_it_or_in_code()
    {
        var markdown = "![](/a.png) ![ ](/b.png) ![Et foto](/c.png) [![](/d.png)](/link)\n\n    ![](/e.png)\n\n`![](/f.png)`";
        Assert.Equal(["/a.png", "/b.png", "/d.png"], PublishChecks.ImagesWithoutAlt(markdown));
    }

    [Fact]
    public void Internal_links_are_the_site_paths_without_query_or_fragment()
    {
        var markdown = "[a](/metoder/nada) [b](https://sind.dk) [c](//evil.example/x) [d](/slides/x#slide-2) [e](/soeg?q=x) [f](mailto:a@b.dk) ![g](/medier/x.png)";
        Assert.Equal(["/metoder/nada", "/slides/x", "/soeg"], PublishChecks.InternalLinks(markdown));
    }

    [Fact]
    public void The_line_diff_marks_removed_and_added_lines_and_folds_long_unchanged_runs()
    {
        var before = Enumerable.Range(1, 20).Select(i => $"Linje {i}").ToList();
        var after = before.ToList();
        after[9] = "Linje ti";
        after.Add("Linje 21");

        var diff = VersionDiff.Fold(VersionDiff.Lines(before, after));
        Assert.Equal(
        [
            new DiffLine(DiffKind.Skipped, "7"),
            new DiffLine(DiffKind.Same, "Linje 8"), new DiffLine(DiffKind.Same, "Linje 9"),
            new DiffLine(DiffKind.Removed, "Linje 10"), new DiffLine(DiffKind.Added, "Linje ti"),
            new DiffLine(DiffKind.Same, "Linje 11"), new DiffLine(DiffKind.Same, "Linje 12"),
            new DiffLine(DiffKind.Skipped, "6"),
            new DiffLine(DiffKind.Same, "Linje 19"), new DiffLine(DiffKind.Same, "Linje 20"),
            new DiffLine(DiffKind.Added, "Linje 21"),
        ], diff.Select(l => l with { Words = null }));
        // Within the replaced line, only the changed word is marked.
        Assert.Equal([new DiffSegment("Linje ", false), new DiffSegment("10", true)], diff.Single(l => l.Kind == DiffKind.Removed).Words!);
        Assert.Equal([new DiffSegment("Linje ", false), new DiffSegment("ti", true)], diff.Single(l => l.Kind == DiffKind.Added && l.Text == "Linje ti").Words!);
        Assert.Null(diff.Single(l => l.Text == "Linje 21").Words);
    }

    [Fact]
    public void A_long_text_with_one_changed_phrase_is_diffed_in_linear_memory_and_marks_the_phrase()
    {
        // 20 000 lines each side: a line table would need 400 million cells.
        var before = Enumerable.Range(1, 20_000).Select(i => $"Afsnit {i} om recovery og håb.").ToList();
        var after = before.ToList();
        after[12_345] = "Afsnit 12346 om recovery, mod og håb.";
        GC.Collect();
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var diff = VersionDiff.Lines(before, after);

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 100_000_000, "Diffen brugte for meget hukommelse");
        Assert.Equal(20_001, diff.Count);
        var added = diff.Single(l => l.Kind == DiffKind.Added);
        Assert.Equal([", mod"], added.Words!.Where(w => w.Changed).Select(w => w.Text.TrimEnd()));
        Assert.Matches("^Afsnit 12346 om recovery<mark>, mod ?</mark> ?og håb\\.$", VersionDiff.Html(added));
    }
}
