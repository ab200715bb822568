using System.Text;
using Videnscenter.Search;

namespace Videnscenter.Benchmarks.Search;

/// <summary>
/// Deterministic synthetic Danish documents for the search benchmark. A vocabulary of a few thousand
/// surface words is built from domain nouns (with definite/plural/genitive inflections), verbs,
/// adjectives and generated compounds. Text is topical, as real text is: every document is about one
/// or two of ~60 topics, and about a third of its content words come from those topics; the rest are
/// general words (Zipf-distributed) and stop words.
/// </summary>
internal sealed class DanishCorpus
{
    // Domain nouns: (singular indefinite, definite, plural, plural definite).
    private static readonly (string Sg, string Def, string Pl, string PlDef)[] Nouns =
    [
        ("recovery", "recoveryen", "recoveryer", "recoveryerne"), ("metode", "metoden", "metoder", "metoderne"),
        ("borger", "borgeren", "borgere", "borgerne"), ("pårørende", "pårørende", "pårørende", "pårørende"),
        ("vejledning", "vejledningen", "vejledninger", "vejledningerne"), ("mestring", "mestringen", "mestringer", "mestringerne"),
        ("skole", "skolen", "skoler", "skolerne"), ("kursus", "kurset", "kurser", "kurserne"),
        ("gruppe", "gruppen", "grupper", "grupperne"), ("samtale", "samtalen", "samtaler", "samtalerne"),
        ("netværk", "netværket", "netværk", "netværkene"), ("forløb", "forløbet", "forløb", "forløbene"),
        ("indsats", "indsatsen", "indsatser", "indsatserne"), ("støtte", "støtten", "støtter", "støtterne"),
        ("hverdag", "hverdagen", "hverdage", "hverdagene"), ("relation", "relationen", "relationer", "relationerne"),
        ("fællesskab", "fællesskabet", "fællesskaber", "fællesskaberne"), ("angst", "angsten", "angster", "angsterne"),
        ("depression", "depressionen", "depressioner", "depressionerne"), ("psykiatri", "psykiatrien", "psykiatrier", "psykiatrierne"),
        ("behandling", "behandlingen", "behandlinger", "behandlingerne"), ("medarbejder", "medarbejderen", "medarbejdere", "medarbejderne"),
        ("frivillig", "frivillige", "frivillige", "frivillige"), ("peer", "peeren", "peers", "peersene"),
        ("håb", "håbet", "håb", "håbene"), ("mål", "målet", "mål", "målene"), ("ressource", "ressourcen", "ressourcer", "ressourcerne"),
        ("symptom", "symptomet", "symptomer", "symptomerne"), ("diagnose", "diagnosen", "diagnoser", "diagnoserne"),
        ("bolig", "boligen", "boliger", "boligerne"), ("arbejde", "arbejdet", "arbejder", "arbejderne"),
        ("uddannelse", "uddannelsen", "uddannelser", "uddannelserne"), ("familie", "familien", "familier", "familierne"),
        ("barn", "barnet", "børn", "børnene"), ("ung", "unge", "unge", "unge"), ("krise", "krisen", "kriser", "kriserne"),
        ("plan", "planen", "planer", "planerne"), ("møde", "mødet", "møder", "møderne"), ("værdi", "værdien", "værdier", "værdierne"),
        ("princip", "princippet", "principper", "principperne"), ("erfaring", "erfaringen", "erfaringer", "erfaringerne"),
        ("viden", "videnen", "videner", "videnerne"), ("center", "centret", "centre", "centrene"), ("kommune", "kommunen", "kommuner", "kommunerne"),
        ("region", "regionen", "regioner", "regionerne"), ("tilbud", "tilbuddet", "tilbud", "tilbuddene"), ("bosted", "bostedet", "bosteder", "bostederne"),
        ("medicin", "medicinen", "mediciner", "medicinerne"), ("søvn", "søvnen", "søvne", "søvnene"), ("motion", "motionen", "motioner", "motionerne"),
        ("ensomhed", "ensomheden", "ensomheder", "ensomhederne"), ("stress", "stressen", "stresser", "stresserne"),
        ("trivsel", "trivslen", "trivsler", "trivslerne"), ("sundhed", "sundheden", "sundheder", "sundhederne"),
        ("læring", "læringen", "læringer", "læringerne"), ("undervisning", "undervisningen", "undervisninger", "undervisningerne"),
        ("deltager", "deltageren", "deltagere", "deltagerne"), ("underviser", "underviseren", "undervisere", "underviserne"),
        ("tema", "temaet", "temaer", "temaerne"), ("modul", "modulet", "moduler", "modulerne"), ("semester", "semestret", "semestre", "semestrene"),
        ("kompetence", "kompetencen", "kompetencer", "kompetencerne"), ("partner", "partneren", "partnere", "partnerne"),
        ("samarbejde", "samarbejdet", "samarbejder", "samarbejderne"), ("dialog", "dialogen", "dialoger", "dialogerne"),
        ("refleksion", "refleksionen", "refleksioner", "refleksionerne"), ("øvelse", "øvelsen", "øvelser", "øvelserne"),
        ("redskab", "redskabet", "redskaber", "redskaberne"), ("strategi", "strategien", "strategier", "strategierne"),
        ("signal", "signalet", "signaler", "signalerne"), ("tanke", "tanken", "tanker", "tankerne"), ("følelse", "følelsen", "følelser", "følelserne"),
        ("krop", "kroppen", "kroppe", "kroppene"), ("rolle", "rollen", "roller", "rollerne"), ("ansvar", "ansvaret", "ansvar", "ansvarene"),
        ("rettighed", "rettigheden", "rettigheder", "rettighederne"), ("inddragelse", "inddragelsen", "inddragelser", "inddragelserne"),
        ("overgang", "overgangen", "overgange", "overgangene"), ("udskrivning", "udskrivningen", "udskrivninger", "udskrivningerne"),
        ("indlæggelse", "indlæggelsen", "indlæggelser", "indlæggelserne"), ("afdeling", "afdelingen", "afdelinger", "afdelingerne"),
        ("team", "teamet", "teams", "teamsene"), ("leder", "lederen", "ledere", "lederne"), ("kollega", "kollegaen", "kollegaer", "kollegaerne"),
        ("evaluering", "evalueringen", "evalueringer", "evalueringerne"), ("forskning", "forskningen", "forskninger", "forskningerne"),
        ("artikel", "artiklen", "artikler", "artiklerne"), ("bog", "bogen", "bøger", "bøgerne"), ("film", "filmen", "film", "filmene"),
        ("værktøj", "værktøjet", "værktøjer", "værktøjerne"), ("skema", "skemaet", "skemaer", "skemaerne"), ("guide", "guiden", "guider", "guiderne"),
        ("borgerinddragelse", "borgerinddragelsen", "borgerinddragelser", "borgerinddragelserne"), ("egenomsorg", "egenomsorgen", "egenomsorger", "egenomsorgerne"),
        ("misbrug", "misbruget", "misbrug", "misbrugene"), ("alkohol", "alkoholen", "alkoholer", "alkoholerne"), ("økonomi", "økonomien", "økonomier", "økonomierne"),
        ("job", "jobbet", "job", "jobbene"), ("praktik", "praktikken", "praktikker", "praktikkerne"), ("hjem", "hjemmet", "hjem", "hjemmene"),
        ("weekend", "weekenden", "weekender", "weekenderne"), ("aften", "aftenen", "aftener", "aftenerne"), ("uge", "ugen", "uger", "ugerne"),
        ("dag", "dagen", "dage", "dagene"), ("år", "året", "år", "årene"), ("tid", "tiden", "tider", "tiderne"), ("sted", "stedet", "steder", "stederne"),
        ("menneske", "mennesket", "mennesker", "menneskerne"), ("liv", "livet", "liv", "livene"), ("sygdom", "sygdommen", "sygdomme", "sygdommene"),
    ];

    private static readonly string[] Verbs =
    [
        "arbejde", "støtte", "lære", "tale", "lytte", "hjælpe", "mestre", "vejlede", "deltage", "undervise", "samarbejde", "inddrage",
        "forstå", "opleve", "udvikle", "skabe", "finde", "bruge", "give", "tage", "møde", "dele", "fortælle", "spørge", "svare",
        "håndtere", "planlægge", "evaluere", "reflektere", "øve", "træne", "motivere", "styrke", "fastholde", "komme", "gå", "se",
        "tænke", "føle", "bo", "leve", "sove", "spise", "ringe", "skrive", "læse", "tilmelde", "afholde", "tilbyde", "anbefale",
    ];

    private static readonly string[] Adjectives =
    [
        "god", "stor", "lille", "ny", "gammel", "svær", "let", "vigtig", "personlig", "faglig", "social", "psykisk", "fysisk",
        "tryg", "åben", "fælles", "lokal", "konkret", "praktisk", "aktiv", "positiv", "negativ", "stærk", "sårbar", "ensom",
        "glad", "trist", "rolig", "hurtig", "langsom", "tidlig", "sen", "lang", "kort", "hel", "fri", "egen", "særlig", "almindelig", "relevant",
    ];

    private static readonly string[] StopWords =
    [
        "og", "i", "at", "det", "en", "den", "til", "er", "som", "på", "de", "med", "af", "for", "ikke", "der", "har", "om",
        "vi", "men", "et", "kan", "man", "sig", "fra", "skal", "når", "også", "eller", "hvor", "efter", "over", "være", "blive",
    ];

    private static readonly string[] CompoundLinks = ["", "s", "e"];

    /// <summary>Hand-picked compounds (first part with linking letter, second part) that the query mix uses.</summary>
    private static readonly (string First, string Second)[] KnownCompounds =
    [
        ("recovery", "skole"), ("mestrings", "vejledning"), ("peer", "støtte"), ("netværks", "møde"), ("pårørende", "gruppe"),
        ("mestrings", "gruppe"), ("samtale", "forløb"), ("recovery", "forløb"), ("borger", "forløb"), ("angst", "behandling"),
        ("søvn", "vejledning"), ("kursus", "forløb"), ("medarbejder", "kursus"), ("recovery", "værdi"),
    ];

    /// <summary>Query-mix words: topical, and placed mid-way in the general frequency ranks.</summary>
    public static readonly string[] Anchors =
    [
        "recovery", "metode", "borger", "pårørende", "mestringsvejledning", "recoveryskole", "peer", "peerstøtte",
        "netværksmøde", "angst", "samtale", "kursus", "mestringsgruppe", "søvnvejledning",
    ];

    public static readonly string[] Types = ["Method", "Course", "Event", "Person", "Partner", "SlideDeck", "Article"];
    public static readonly string[] Departments = ["Randers Psykiatri", "Distriktspsykiatri Nord", "Distriktspsykiatri Syd", "Bostøtte", "Recoveryskolen", "Misbrugscenter", "Ungeenheden", "Socialpsykiatrien"];
    public static readonly string[] Tags = ["recovery", "pårørende", "peer", "angst", "depression", "søvn", "netværk", "mestring", "ung", "job", "bolig", "motion", "kost", "medicin", "krise", "samtale", "gruppe", "kursus", "evaluering", "forskning"];
    public static readonly string[] RecoveryValues = ["Håb", "Mening", "Identitet", "Empowerment", "Forbundethed"];
    public static readonly string[] Principles = ["Borgerinddragelse", "Helhed", "Ligeværd", "Frivillighed"];

    private readonly Random _random;
    private readonly string[][] _lemmaForms;       // lemma → its surface forms
    private readonly int[] _lemmaSplit;             // compound lemma → length of its first part (0: not a compound)
    private readonly double[] _generalCdf;          // Zipf over lemmas
    private readonly int[][] _topics;               // topic → lemma indexes
    private readonly double[] _topicCdf;            // Zipf inside a topic

    public DanishCorpus(int seed = 20240601)
    {
        _random = new Random(seed);
        var lemmas = new List<(string[] Forms, int Split)>();
        foreach (var n in Nouns)
        {
            lemmas.Add((Distinct(n.Sg, n.Def, n.Pl, n.PlDef, n.Def + "s", n.PlDef + "s"), 0));
        }

        foreach (var v in Verbs)
        {
            var stem = v.EndsWith('e') ? v[..^1] : v;
            lemmas.Add((Distinct(v, stem + "er", stem + "ede", stem + "et", stem + "ende"), 0));
        }

        foreach (var a in Adjectives)
        {
            lemmas.Add((Distinct(a, a + "e", a + "t"), 0));
        }

        // Compounds: the known ones plus generated noun+noun pairs.
        var compounds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((var first, var second) in KnownCompounds)
        {
            compounds[first + second] = first.Length;
        }

        var rnd = new Random(seed + 1);
        while (compounds.Count < 900)
        {
            var first = Nouns[rnd.Next(Nouns.Length)].Sg;
            var second = Nouns[rnd.Next(Nouns.Length)].Sg;
            if (first == second || first.Length + second.Length > 22)
            {
                continue;
            }

            var link = first.EndsWith('e') || first.EndsWith('s') ? "" : CompoundLinks[rnd.Next(CompoundLinks.Length)];
            compounds.TryAdd(first + link + second, first.Length + link.Length);
        }

        foreach ((var compound, var split) in compounds.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var e = compound.EndsWith('e');
            lemmas.Add((Distinct(compound, compound + (e ? "n" : "en"), compound + (e ? "r" : "er"), compound + (e ? "rne" : "erne")), split));
        }

        // General frequency ranks: the simple words (shuffled) first, then the compounds (shuffled), as
        // compounds are individually rarer; then the query-mix words go to ranks 200, 210, …: common
        // in a domain corpus, not everywhere.
        int[] simpleOrder = [.. Enumerable.Range(0, lemmas.Count).Where(i => lemmas[i].Split == 0)];
        int[] compoundOrder = [.. Enumerable.Range(0, lemmas.Count).Where(i => lemmas[i].Split > 0)];
        rnd.Shuffle(simpleOrder);
        rnd.Shuffle(compoundOrder);
        int[] order = [.. simpleOrder, .. compoundOrder];
        for (var a = 0; a < Anchors.Length; a++)
        {
            var lemma = lemmas.FindIndex(l => l.Forms[0] == Anchors[a]);
            var at = Array.IndexOf(order, lemma);
            var target = 200 + (a * 10);
            (order[at], order[target]) = (order[target], order[at]);
        }

        _lemmaForms = [.. order.Select(i => lemmas[i].Forms)];
        _lemmaSplit = [.. order.Select(i => lemmas[i].Split)];
        _generalCdf = ZipfCdf(_lemmaForms.Length, 1.0);

        // Topics: 60 topics of 40 lemmas each.
        _topics = new int[60][];
        for (var t = 0; t < _topics.Length; t++)
        {
            var members = new HashSet<int>();
            while (members.Count < 40)
            {
                members.Add(rnd.Next(_lemmaForms.Length));
            }

            _topics[t] = [.. members];
        }

        // Every query-mix word is a leading word of four topics.
        for (var a = 0; a < Anchors.Length; a++)
        {
            var lemma = Array.FindIndex(_lemmaForms, forms => forms[0] == Anchors[a]);
            for (var k = 0; k < 4; k++)
            {
                _topics[((a * 4) + k) % _topics.Length][k] = lemma;
            }
        }

        _topicCdf = ZipfCdf(40, 0.8);
        VocabularySize = _lemmaForms.Sum(f => f.Length);
    }

    /// <summary>Number of distinct surface words (without stop words).</summary>
    public int VocabularySize { get; }

    /// <summary>The two topics each document of the last <see cref="Generate"/> was written from ("doc-i" → index i).</summary>
    public List<(int A, int B)> DocumentTopics { get; } = [];

    /// <summary>
    /// Graded judgements from the generator's ground truth. Per lemma: the lemma's share of the topic
    /// words, averaged over the document's two topics, makes the document about it: share ≥ 5 % (a
    /// leading word of its topics) is 3, ≥ 2.5 % is 2, ≥ 0.8 % is 1; a document whose topics do not
    /// carry the lemma but whose text uses it (any inflected form, hyphenated or not) is 1, as a
    /// reader would call it related. For several lemmas the least of their grades counts. Keys are
    /// document ids; <paramref name="documents"/> is what <see cref="Generate"/> returned.
    /// </summary>
    public IReadOnlyList<Dictionary<string, int>> Grades(IReadOnlyList<SearchDocument> documents, IReadOnlyList<string[]> lemmaSets)
    {
        string[] all = [.. lemmaSets.SelectMany(l => l).Distinct()];
        var lemmaOf = all.ToDictionary(l => l, l => Array.FindIndex(_lemmaForms, forms => forms[0] == l));
        if (lemmaOf.FirstOrDefault(p => p.Value < 0) is { Key: { } unknown })
        {
            throw new ArgumentException("Unknown lemma: " + unknown);
        }

        // One pass over the text: which of the lemmas each document mentions.
        var formToLemma = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((var lemma, var index) in lemmaOf)
        {
            foreach (var form in _lemmaForms[index])
            {
                formToLemma[form] = Array.IndexOf(all, lemma);
            }
        }

        var mentions = new bool[documents.Count, all.Length];
        var word = new StringBuilder();
        for (var d = 0; d < documents.Count; d++)
        {
            foreach (var text in (string[])[documents[d].Title, documents[d].Summary, documents[d].Body])
            {
                foreach (var c in text + " ")
                {
                    if (char.IsLetter(c))
                    {
                        word.Append(char.ToLowerInvariant(c));
                    }
                    else if (c != '-')
                    {
                        if (word.Length > 0 && formToLemma.TryGetValue(word.ToString(), out var at))
                        {
                            mentions[d, at] = true;
                        }

                        word.Clear();
                    }
                }
            }
        }

        var result = new List<Dictionary<string, int>>();
        foreach (var lemmas in lemmaSets)
        {
            var grades = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var d = 0; d < documents.Count; d++)
            {
                (var a, var b) = DocumentTopics[d];
                var grade = lemmas.Min(lemma =>
                {
                    var share = (TopicShare(a, lemmaOf[lemma]) + TopicShare(b, lemmaOf[lemma])) / 2;
                    var topical = share >= 0.05 ? 3 : share >= 0.025 ? 2 : share >= 0.008 ? 1 : 0;
                    return Math.Max(topical, mentions[d, Array.IndexOf(all, lemma)] ? 1 : 0);
                });
                if (grade > 0)
                {
                    grades[documents[d].Id] = grade;
                }
            }

            result.Add(grades);
        }

        return result;
    }

    /// <summary>The probability that a topic word of <paramref name="topic"/> is <paramref name="lemma"/>.</summary>
    private double TopicShare(int topic, int lemma)
    {
        double share = 0;
        for (var position = 0; position < _topics[topic].Length; position++)
        {
            if (_topics[topic][position] == lemma)
            {
                share += _topicCdf[position] - (position > 0 ? _topicCdf[position - 1] : 0);
            }
        }

        return share;
    }

    public List<SearchDocument> Generate(int count)
    {
        var documents = new List<SearchDocument>(count);
        DocumentTopics.Clear();
        var now = new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var topicA = _random.Next(_topics.Length);
            var topicB = _random.NextDouble() < 0.5 ? _random.Next(_topics.Length) : topicA;
            DocumentTopics.Add((topicA, topicB));
            var type = Types[_random.Next(Types.Length)];
            var dated = type is "Course" or "Event";
            var facets = new Dictionary<string, IReadOnlyList<string>>();
            if (type == "Method")
            {
                facets["recoveryValue"] = [RecoveryValues[_random.Next(RecoveryValues.Length)]];
                facets["principle"] = [Principles[_random.Next(Principles.Length)]];
            }

            if (type == "Course")
            {
                facets["semester"] = [(_random.Next(2) == 0 ? "Forår " : "Efterår ") + (2024 + _random.Next(3))];
            }

            var audienceDraw = _random.NextDouble();
            documents.Add(new SearchDocument
            {
                Id = "doc-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Type = type,
                Title = Title(topicA, topicB),
                Summary = Sentences(20 + _random.Next(21), topicA, topicB),
                Body = Sentences(200 + _random.Next(601), topicA, topicB),
                Url = "/indhold/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Audience = audienceDraw < 0.7 ? Audience.Offentlig : audienceDraw < 0.85 ? Audience.Frivillig : Audience.Medarbejder,
                Departments = [Departments[_random.Next(Departments.Length)]],
                Tags = [.. Enumerable.Range(0, _random.Next(4)).Select(_ => Tags[_random.Next(Tags.Length)]).Distinct()],
                Facets = facets,
                Boost = type == "Method" ? 1.5 : type == "Course" ? 1.2 : 1.0,
                StartsUtc = dated ? now.AddDays(_random.Next(-365, 365)) : null,
                UpdatedUtc = now.AddDays(-_random.Next(1000)),
            });
        }

        return documents;
    }

    private string Title(int topicA, int topicB)
    {
        var words = 3 + _random.Next(6);
        var title = new StringBuilder();
        for (var w = 0; w < words; w++)
        {
            var word = _random.NextDouble() < 0.25 && w > 0 ? StopWords[_random.Next(StopWords.Length)] : TopicWord(w % 2 == 0 ? topicA : topicB);
            if (w == 0)
            {
                word = char.ToUpperInvariant(word[0]) + word[1..];
            }

            if (title.Length > 0)
            {
                title.Append(' ');
            }

            title.Append(word);
        }

        return title.ToString();
    }

    private string Sentences(int words, int topicA, int topicB)
    {
        var text = new StringBuilder(words * 8);
        var sentence = 0;
        var sentenceLength = 6 + _random.Next(12);
        for (var w = 0; w < words; w++)
        {
            var draw = _random.NextDouble();
            var word = draw < 0.40 ? StopWords[_random.Next(StopWords.Length)]
                : draw < 0.62 ? TopicWord(_random.Next(2) == 0 ? topicA : topicB)
                : GeneralWord();
            if (sentence == 0)
            {
                word = char.ToUpperInvariant(word[0]) + word[1..];
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(word);
            sentence++;
            if (sentence >= sentenceLength || w == words - 1)
            {
                text.Append(_random.NextDouble() < 0.1 ? "?" : ".");
                sentence = 0;
                sentenceLength = 6 + _random.Next(12);
            }
            else if (_random.NextDouble() < 0.05)
            {
                text.Append(',');
            }
        }

        return text.ToString();
    }

    private string TopicWord(int topic)
    {
        var lemma = _topics[topic][Sample(_topicCdf)];
        return Inflect(lemma);
    }

    private string GeneralWord() => Inflect(Sample(_generalCdf));

    private string Inflect(int lemma)
    {
        var forms = _lemmaForms[lemma];
        var form = forms[_random.NextDouble() < 0.5 ? 0 : _random.Next(forms.Length)];
        // Now and then a compound is written with a hyphen, as people do ("recovery-skolen").
        var split = _lemmaSplit[lemma];
        if (split > 0 && _random.NextDouble() < 0.03)
        {
            form = form[..split] + "-" + form[split..];
        }

        return form;
    }

    private int Sample(double[] cdf)
    {
        var index = Array.BinarySearch(cdf, _random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, cdf.Length - 1);
    }

    private static double[] ZipfCdf(int n, double exponent)
    {
        var cdf = new double[n];
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += 1.0 / Math.Pow(i + 1, exponent);
            cdf[i] = sum;
        }

        for (var i = 0; i < n; i++)
        {
            cdf[i] /= sum;
        }

        return cdf;
    }

    private static string[] Distinct(params string[] forms) => [.. forms.Distinct()];
}
