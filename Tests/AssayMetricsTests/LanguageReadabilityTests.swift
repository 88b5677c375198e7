import AssayCore
import AssayTestSupport
import Foundation
import Testing

@testable import AssayMetrics
@testable import AssayReport

/// Readability and words by language, on the hand-made fixtures of `fixtures/language`: German gets Amstad's
/// reading ease over German syllables (checked against the hand computation of `de_readability.md`), Chinese gets
/// words from ICU's segmentation and no readability at all, with the reason.
@Suite struct LanguageReadabilityTests {
    static func corpus(_ name: String) throws -> Corpus {
        let text = try String(contentsOfFile: TestPaths.fixture(name), encoding: .utf8)
        let texts = try text.split(separator: "\n").map { line in
            let row = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(row["text"] as? String)
        }
        return makeCorpus(texts, path: name)
    }

    /// Each row's complexity counts of `corpus`, after checking that every row is identified as `language`.
    static func rowCounts(_ corpus: Corpus, allIn language: String) -> [ComplexityCounts] {
        let languages = Bias.rowLanguages(of: corpus)
        #expect(languages == Array(repeating: language, count: corpus.count))
        let packed = Complexity.packedCounts(of: corpus, languages: languages)
        return (0..<corpus.count).map { ComplexityCounts(packed: packed, at: $0 * ComplexityCounts.width) }
    }

    /// The words, sentences and syllables (of the counts at `syllables`) of `rows` together.
    static func totals(_ rows: [ComplexityCounts], syllables: KeyPath<ComplexityCounts, UInt32>) -> (
        words: Int, sentences: Int, syllables: Int
    ) {
        rows.reduce((0, 0, 0)) { ($0.0 + Int($1.tokens), $0.1 + Int($1.sentences), $0.2 + Int($1[keyPath: syllables])) }
    }

    /// Checks the report of `corpus`, all of whose rows are in `language`: its reading ease is the mean of each row's
    /// `formula` over the syllables at `syllables`, and the five grade formulas are skipped, naming the language.
    static func expectReadingEaseAlone(
        _ corpus: Corpus, rows: [ComplexityCounts], syllables: KeyPath<ComplexityCounts, UInt32>,
        formula: KeyPath<Readability, Double?>, language: String
    ) throws {
        let output = try Complexity().analyze(AnalysisContext(original: nil, synthetic: corpus))
        let ease = try #require(output.metrics.first { $0.id == "complexity.flesch_reading_ease" })
        let perRow = rows.map { row in
            Readability(
                words: Int(row.tokens), sentences: Int(row.sentences), syllables: Int(row[keyPath: syllables]),
                polysyllables: 0, characters: 0
            )[keyPath: formula] ?? .nan
        }
        #expect(close(ease.synthetic?.value, perRow.reduce(0, +) / Double(rows.count), tolerance: 1e-9))
        let skipped = Set(output.skipped.map(\.id))
        for id in ["flesch_kincaid_grade", "smog", "gunning_fog", "ari", "coleman_liau"] {
            #expect(skipped.contains("complexity.\(id)"), "\(id)")
            #expect(!output.metrics.contains { $0.id.rawValue == "complexity.\(id)" })
        }
        let reason = output.skipped.first { $0.id == "complexity.smog" }?.reason
        #expect(reason?.contains("\(language) \(rows.count)") == true)
    }

    // de_readability.md: 171 words, 17 sentences, 262 syllables (vowel runs) over the 12 texts together, so
    // FRE_de = 180 − 171/17 − 58.5 · 262/171 = 233,460 / 2,907 = 80.3096.
    @Test func germanRowsGetAmstadsReadingEaseMatchingTheHandComputation() throws {
        let corpus = try Self.corpus("language/de.jsonl")
        let rows = Self.rowCounts(corpus, allIn: "de")
        let (words, sentences, syllables) = Self.totals(rows, syllables: \.germanSyllables)
        #expect(words == 171 && sentences == 17 && syllables == 262)
        let pooled = Readability(
            words: words, sentences: sentences, syllables: syllables, polysyllables: 0, characters: 0)
        #expect(close(pooled.amstadReadingEase, 233_460.0 / 2_907.0, tolerance: 1e-9))

        // The report: each row's Amstad score, averaged; the grade formulas have no German form and are skipped.
        try Self.expectReadingEaseAlone(
            corpus, rows: rows, syllables: \.germanSyllables, formula: \.amstadReadingEase, language: "de")
    }

    // fr_readability.md: 125 words, 16 sentences, 194 syllables (vowel runs less a mute final e) over the 12 texts
    // together, so FRE_fr = 207 − 1.015 · 125/16 − 73.6 · 194/125 = 84.8431125.
    @Test func frenchRowsGetKandelAndMolesReadingEaseMatchingTheHandComputation() throws {
        let corpus = try Self.corpus("language/fr.jsonl")
        let rows = Self.rowCounts(corpus, allIn: "fr")
        let (words, sentences, syllables) = Self.totals(rows, syllables: \.frenchSyllables)
        #expect(words == 125 && sentences == 16 && syllables == 194)
        let pooled = Readability(
            words: words, sentences: sentences, syllables: syllables, polysyllables: 0, characters: 0)
        #expect(close(pooled.kandelMolesReadingEase, 84.8431125, tolerance: 1e-9))
        // The rule's known misses, and words it gets right (fr_readability.md).
        let counted = ["chambre", "toutes", "casque", "abîmée", "batterie", "qualité", "agréable", "échoué"].map(
            Syllables.countFrench)
        #expect(counted == [1, 1, 1, 3, 3, 3, 2, 2])

        try Self.expectReadingEaseAlone(
            corpus, rows: rows, syllables: \.frenchSyllables, formula: \.kandelMolesReadingEase, language: "fr")
    }

    // Most identified rows not in English: a warning that names the languages and what assumes English; none on
    // English rows.
    @Test func mostlyNonEnglishRowsWarnThatPlacesAndGroupsAreEnglish() throws {
        let german = try Self.corpus("language/de.jsonl")
        let report = try Assessment.run(
            AnalysisContext(original: nil, synthetic: german), analyzers: [], command: "analyze")
        let path = german.source.path
        #expect(
            report.warnings.contains(
                "\(path): 12 of 12 identified rows are not in English (de 12): the gazetteer's place names and the default group lexicon are English, so the region and group measures see little of them (give --groups a lexicon in their language; docs/languages.md)"
            ))
        let english = makeCorpus(["The room was clean and quiet.", "The staff were friendly and helpful."])
        let plain = try Assessment.run(
            AnalysisContext(original: nil, synthetic: english), analyzers: [], command: "analyze")
        #expect(!plain.warnings.contains { $0.contains("not in English") })
    }

    // zh.jsonl: 20 rows, 243 words by hand (PKU conventions). ICU's words are within 10% of that; no readability
    // formula is computed, each skipped with the languages found.
    @Test func chineseRowsGetSegmentedWordsAndNoReadability() throws {
        let corpus = try Self.corpus("language/zh.jsonl")
        #expect(Bias.rowLanguages(of: corpus) == Array(repeating: "zh", count: 20))
        let output = try Complexity().analyze(AnalysisContext(original: nil, synthetic: corpus))
        let words = try #require(output.metrics.first { $0.id == "complexity.tokens" }?.synthetic?.value)
        #expect(abs(words * 20 - 243) / 243 <= 0.10, "\(words * 20) words against 243 by hand")
        for id in ["flesch_reading_ease", "flesch_kincaid_grade", "smog", "gunning_fog", "ari", "coleman_liau"] {
            let skip = try #require(output.skipped.first { $0.id == "complexity.\(id)" }, "\(id)")
            #expect(skip.reason.contains("zh 20"), "\(skip.reason)")
            #expect(!output.metrics.contains { $0.id.rawValue == "complexity.\(id)" })
        }
    }

    // An English set keeps every formula, whatever a short row is taken for; a German row among English ones gets
    // the English formulas too (the side's main language decides), and the note counts the rows by language.
    @Test func theSidesMainLanguagePicksTheFormulas() throws {
        let english = makeCorpus([
            "The hotel was clean and the staff were friendly and helpful.",
            "Delivery took two weeks and the box arrived damaged.",
            "Das Zimmer war sauber und das Personal war sehr freundlich.",
        ])
        let output = try Complexity().analyze(AnalysisContext(original: nil, synthetic: english))
        #expect(output.skipped.allSatisfy { !$0.id.contains("flesch") && !$0.id.contains("smog") })
        let grade = try #require(output.metrics.first { $0.id == "complexity.flesch_kincaid_grade" })
        #expect(grade.synthetic?.value != nil)
        #expect(grade.synthetic?.note?.contains("en 2, de 1") == true, "\(grade.synthetic?.note ?? "")")
    }
}
