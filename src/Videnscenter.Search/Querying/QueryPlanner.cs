using Lucene.Net.Index;
using Lucene.Net.Search;
using Videnscenter.Search.Analysis;
using Videnscenter.Search.Index;

namespace Videnscenter.Search.Querying;

/// <summary>The Lucene queries for one search, and what was learnt on the way.</summary>
internal sealed record QueryPlan(
    Query? AllWords,
    Query? AnyWord,
    string? DidYouMean,
    IReadOnlyList<string> SynonymsTried,
    IReadOnlySet<string> HighlightTerms);

/// <summary>
/// Builds Lucene queries from a <see cref="UserQuery"/> (never from query syntax). Each word becomes
/// its stem over the weighted fields; a compound, whichever way it is written ("recoveryskolen",
/// "recovery skolen", "recovery-skolen"), becomes the same clause: the joined word, or all its parts
/// together, so one part alone never matches. Unknown words are corrected to the nearest word a
/// document the reader may see holds, split into known parts, or matched as the last part of
/// compounds. Synonyms widen a word at query time.
/// </summary>
internal sealed class QueryPlanner(DanishAnalysis analysis, Vocabulary vocabulary, SynonymSet synonyms)
{
    /// <summary>Compounds shorter than this are not split: short words split into noise.</summary>
    private const int MinSplitLength = 7;
    private const int MinPartLength = 3;
    private const float SynonymWeight = 0.6f;

    /// <summary>
    /// Weight of "all parts somewhere in the document" when the index knows the compound itself: a
    /// document that says "peer-medarbejder" ranks far above one that mentions "peer" here and
    /// "medarbejdere" there (issue 8: a compound ranks above matches of its parts). Measured on the
    /// relevance set: 1.0 → people 0.784, compound (synthetic) 0.599; 0.3 → 0.807, 0.826; 0.15 → 0.847,
    /// 0.857; lower changes nothing more.
    /// </summary>
    private const float PartsWeight = 0.15f;

    private readonly HashSet<string> _highlight = new(StringComparer.Ordinal);
    private readonly List<string> _synonymsTried = [];
    private readonly Dictionary<string, string> _stems = new(StringComparer.Ordinal);

    public QueryPlan Plan(UserQuery query)
    {
        var words = MergeSplitCompounds(query.Words);
        var clauses = new List<Query>();
        var corrected = new List<string>();
        var anyCorrection = false;
        foreach (var word in words)
        {
            (var clause, var correction) = WordClause(word, allowCorrection: true);
            corrected.Add(correction ?? word.Surface);
            anyCorrection |= correction is not null;
            if (clause is not null)
            {
                clauses.Add(clause);
            }
        }

        foreach (var phrase in query.Phrases)
        {
            clauses.Add(PhraseClause(phrase));
        }

        var exclusions = new List<Query>();
        foreach (var word in query.ExcludedWords)
        {
            if (WordClause(word, allowCorrection: false).Clause is { } clause)
            {
                exclusions.Add(clause);
            }
        }

        foreach (var phrase in query.ExcludedPhrases)
        {
            exclusions.Add(PhraseClause(phrase, highlight: false));
        }

        if (clauses.Count == 0)
        {
            return new QueryPlan(null, null, null, _synonymsTried, _highlight);
        }

        var didYouMean = anyCorrection ? string.Join(' ', corrected.Concat(query.Phrases.Select(p => $"\"{p.Surface}\""))) : null;
        return new QueryPlan(
            Combine(clauses, exclusions, Occur.MUST),
            clauses.Count > 1 ? Combine(clauses, exclusions, Occur.SHOULD) : null,
            didYouMean,
            _synonymsTried.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            _highlight);
    }

    /// <summary>The stem of a word over all weighted fields (scores add up, weighted by field).</summary>
    public Query FieldsQuery(string stem)
    {
        var query = new BooleanQuery(disableCoord: true);
        foreach ((var field, var weight) in IndexFields.TextFields)
        {
            query.Add(new TermQuery(new Term(field, stem)) { Boost = weight }, Occur.SHOULD);
        }

        return query;
    }

    private static BooleanQuery Combine(List<Query> clauses, List<Query> exclusions, Occur occur)
    {
        var query = new BooleanQuery(disableCoord: true);
        foreach (var clause in clauses)
        {
            query.Add(clause, occur);
        }

        foreach (var exclusion in exclusions)
        {
            query.Add(exclusion, Occur.MUST_NOT);
        }

        return query;
    }

    /// <summary>"recovery skolen" is searched as the compound "recoveryskolen" when the index knows that word.</summary>
    private List<QueryWord> MergeSplitCompounds(List<QueryWord> words)
    {
        var merged = new List<QueryWord>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (i + 1 < words.Count && !word.Prefix && !words[i + 1].Prefix
                && vocabulary.StemVisible(Stem(word.Joined + words[i + 1].Joined)))
            {
                var next = words[i + 1];
                merged.Add(new QueryWord(word.Surface + " " + next.Surface, [.. word.Parts, .. next.Parts], false));
                i++;
                continue;
            }

            merged.Add(word);
        }

        return merged;
    }

    /// <summary>The clause for one word, and the word it was corrected to (for "Mente du …?").</summary>
    private (Query? Clause, string? Correction) WordClause(QueryWord word, bool allowCorrection)
    {
        if (word.Prefix)
        {
            return (PrefixClause(word.Joined), null);
        }

        var joined = word.Joined;
        var stem = Stem(joined);
        if (stem.Length == 0)
        {
            return (null, null);
        }

        List<string> parts = [.. word.Parts.Where(p => !DanishAnalysis.IsStopWord(p))];
        if (vocabulary.StemVisible(stem))
        {
            if (parts.Count < 2 && joined.Length >= MinSplitLength)
            {
                parts = Split(joined) ?? parts;
            }

            return (WithSynonyms(joined, stem, CompoundClause(stem, parts)), null);
        }

        if (allowCorrection && vocabulary.Closest(joined, 1) is { } near)
        {
            return (WithSynonyms(near, Stem(near), CompoundClause(Stem(near), [])), near);
        }

        if (parts.Count < 2 && joined.Length >= MinSplitLength)
        {
            parts = Split(joined) ?? parts;
        }

        if (parts.Count >= 2)
        {
            return (WithSynonyms(joined, stem, CompoundClause(stem, parts)), null);
        }

        if (allowCorrection && joined.Length >= 5 && vocabulary.Closest(joined, 2) is { } far)
        {
            return (WithSynonyms(far, Stem(far), CompoundClause(Stem(far), [])), far);
        }

        // An unknown word may be the last part of compounds the index holds ("vejledning" in "mestringsvejledning").
        var compounds = vocabulary.CompoundsEndingWith(joined, 16);
        if (compounds.Count > 0)
        {
            var any = new BooleanQuery(disableCoord: true);
            foreach (var compound in compounds)
            {
                any.Add(FieldsQuery(Highlight(Stem(compound))), Occur.SHOULD);
            }

            return (WithSynonyms(joined, stem, any), null);
        }

        return (WithSynonyms(joined, stem, FieldsQuery(stem)), null);
    }

    /// <summary>The joined word, or all of its parts in one document.</summary>
    private Query CompoundClause(string joinedStem, List<string> parts)
    {
        Highlight(joinedStem);
        var joinedQuery = FieldsQuery(joinedStem);
        if (parts.Count < 2)
        {
            return joinedQuery;
        }

        var allParts = new BooleanQuery(disableCoord: true);
        foreach (var part in parts)
        {
            allParts.Add(FieldsQuery(Highlight(Stem(part))), Occur.MUST);
        }

        if (vocabulary.StemVisible(joinedStem))
        {
            allParts.Boost = PartsWeight;
        }

        var either = new BooleanQuery(disableCoord: true)
        {
            { joinedQuery, Occur.SHOULD },
            { allParts, Occur.SHOULD },
        };
        return either;
    }

    /// <summary>
    /// Two known words written together: the longest known first part, allowing the Danish linking
    /// "s" or "e" ("mestrings|vejledning"). Null when no split has both parts in the index.
    /// </summary>
    private List<string>? Split(string word)
    {
        for (var at = word.Length - MinPartLength; at >= MinPartLength; at--)
        {
            var tail = word[at..];
            if (DanishAnalysis.IsStopWord(tail) || !vocabulary.StemVisible(Stem(tail)))
            {
                continue;
            }

            var head = word[..at];
            foreach (var candidate in (string[])[head, head.Length > MinPartLength + 1 && head[^1] is 's' or 'e' ? head[..^1] : ""])
            {
                if (candidate.Length >= MinPartLength && !DanishAnalysis.IsStopWord(candidate) && vocabulary.StemVisible(Stem(candidate)))
                {
                    return [candidate, tail];
                }
            }
        }

        return null;
    }

    private Query? PrefixClause(string prefix)
    {
        if (prefix.Length < 2)
        {
            return null;
        }

        _highlight.Add(prefix + "*");
        var query = new BooleanQuery(disableCoord: true);
        foreach ((var field, var weight) in IndexFields.TextFields)
        {
            query.Add(new PrefixQuery(new Term(field, prefix)) { Boost = weight }, Occur.SHOULD);
        }

        // Stems may be shorter than the typed prefix ("metoder*" → stem "metod"): the surface words catch those.
        query.Add(new PrefixQuery(new Term(IndexFields.Words, prefix)), Occur.SHOULD);
        return query;
    }

    private Query PhraseClause(QueryPhrase phrase, bool highlight = true)
    {
        var query = new BooleanQuery(disableCoord: true);
        foreach ((var field, var weight) in IndexFields.TextFields)
        {
            var fieldPhrase = new PhraseQuery { Boost = weight };
            foreach ((var word, var position) in phrase.Words)
            {
                var stem = Stem(word);
                if (highlight)
                {
                    Highlight(stem);
                }

                fieldPhrase.Add(new Term(field, stem), position);
            }

            query.Add(fieldPhrase, Occur.SHOULD);
        }

        return query;
    }

    /// <summary>Adds the synonyms of a word (single words as stems, several words as phrases).</summary>
    private Query WithSynonyms(string word, string stem, Query clause)
    {
        if (synonyms.Groups.Count == 0)
        {
            return clause;
        }

        var alternatives = new List<Query>();
        foreach (var group in synonyms.Groups)
        {
            if (!group.Any(term => SameTerm(term, word, stem)))
            {
                continue;
            }

            foreach (var other in group.Where(term => !SameTerm(term, word, stem)))
            {
                var parsed = UserQuery.Parse(other.Contains(' ', StringComparison.Ordinal) ? $"\"{other}\"" : other);
                if (parsed.Phrases.Count == 1)
                {
                    alternatives.Add(PhraseClause(parsed.Phrases[0]));
                }
                else if (parsed.Words.Count == 1)
                {
                    alternatives.Add(FieldsQuery(Highlight(Stem(parsed.Words[0].Joined))));
                }
                else
                {
                    continue;
                }

                _synonymsTried.Add(other);
            }
        }

        if (alternatives.Count == 0)
        {
            return clause;
        }

        var either = new BooleanQuery(disableCoord: true) { { clause, Occur.SHOULD } };
        foreach (var alternative in alternatives)
        {
            // What was typed ranks above what it was widened to.
            alternative.Boost *= SynonymWeight;
            either.Add(alternative, Occur.SHOULD);
        }

        return either;
    }

    private bool SameTerm(string term, string word, string stem)
    {
        var folded = DanishAnalysis.Normalize(term).ToLowerInvariant();
        return folded == word || (!folded.Contains(' ', StringComparison.Ordinal) && Stem(folded.Replace("-", "", StringComparison.Ordinal)) == stem);
    }

    private string Highlight(string stem)
    {
        _highlight.Add(stem);
        return stem;
    }

    private string Stem(string word)
    {
        if (!_stems.TryGetValue(word, out var stem))
        {
            stem = analysis.Stem(word);
            _stems[word] = stem;
        }

        return stem;
    }
}
