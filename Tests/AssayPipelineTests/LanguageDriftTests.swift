import AssayCore
import AssayMetrics
import AssayReport
import AssayTestSupport
import Foundation
import Testing

@testable import AssayPipeline

/// The language drift finding on the chat fixtures of `fixtures/language`: English questions with English answers
/// (the original) against English questions of which 12 got German answers (the synthetic set, each row's
/// `answer_language` saying which, written by hand).
@Suite struct LanguageDriftTests {
    static let original = TestPaths.fixture("language/chat_en_original.jsonl")
    static let synthetic = TestPaths.fixture("language/chat_en_de_synthetic.jsonl")

    /// The synthetic rows (line numbers) whose answer the fixture marks German.
    static func germanAnswerRows() throws -> [Int] {
        let text = try String(contentsOfFile: synthetic, encoding: .utf8)
        return try text.split(separator: "\n").enumerated().compactMap { index, line in
            let row = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return row["answer_language"] as? String == "de" ? index + 1 : nil
        }
    }

    static func report() throws -> Report {
        let corpora = try DatasetLoader.loadPair(original: original, synthetic: synthetic, fields: FieldOptions())
        return try Comparison.run(
            original: corpora.original, synthetic: corpora.synthetic, command: "compare",
            options: RunOptions(embedding: EmbeddingProvider(choice: .hashing))
        ).report
    }

    @Test func germanAnswersToEnglishPromptsAreOneRankedProblemNamingTheirRows() throws {
        let german = try Self.germanAnswerRows()
        #expect(german == [2, 5, 8, 12, 15, 18, 22, 25, 28, 32, 35, 38])
        let report = try Self.report()

        // 12 of 40 responses are outside the original's only language; Wilson (z = 1.959964) by hand:
        // centre (0.3 + z²/80) / (1 + z²/40) = 0.317524, half-width z/(1 + z²/40) · √(0.3·0.7/40 + z²/6400)
        // = 0.136776, so [0.180748, 0.454300]; 0 of 40 gives [0, z²/40 / (1 + z²/40)] = [0, 0.087622].
        let other = try #require(report.metric("bias.other_language_rate"))
        #expect(other.synthetic?.value == 0.3 && other.synthetic?.n == 40)
        #expect(close(other.synthetic?.ci?[0], 0.180748, tolerance: 1e-6))
        #expect(close(other.synthetic?.ci?[1], 0.454300, tolerance: 1e-6))
        #expect(other.original?.value == 0 && close(other.original?.ci?[1], 0.087622, tolerance: 1e-6))
        #expect(other.note?.hasPrefix("the original's main languages: en") == true)
        let mismatch = try #require(report.metric("bias.language_mismatch_rate"))
        #expect(mismatch.synthetic?.value == 0.3 && mismatch.synthetic?.n == 40)
        #expect(report.metric("bias.mixed_language_rate")?.synthetic?.value == 0)

        // Every German answer is flagged, for each rate, and nothing else.
        let findings = report.findings.filter { $0.kind == .languageDrift }
        for id: MetricID in ["bias.other_language_rate", "bias.language_mismatch_rate"] {
            #expect(findings.filter { $0.metric == id }.compactMap(\.row) == german, "\(id)")
        }
        #expect(findings.allSatisfy { $0.side == .synthetic && $0.part == .response })
        #expect(
            findings.first { $0.metric == "bias.language_mismatch_rate" }?.detail
                == "the response is in de, its prompt in en")

        // One problem, the more exact of the two, ranked first: Newcombe's interval of 0.3 − 0.025 is above 0.1.
        let problems = try #require(report.problems)
        let drift = problems.filter { $0.kind == "language_drift" }
        #expect(drift.count == 1)
        #expect(problems.first?.kind == "language_drift" && problems.first?.severity == .high)
        #expect(drift.first?.metric == "bias.language_mismatch_rate" && drift.first?.rows == german)
        #expect(report.families?.first { $0.id == "bias" }?.status == .bad)
    }

    // Newcombe's hybrid interval of 12/40 − 0/40, by hand from the Wilson bounds above:
    // 0.3 − √((0.3 − 0.180748)² + 0.087622²) = 0.152019 and 0.3 + √((0.454300 − 0.3)² + 0²) = 0.454300.
    @Test func driftNeedsSupportAMaterialDifferenceAndAnIntervalAboveZero() throws {
        let drift = try #require(Evidence.drift(synthetic: (12, 40), original: (0, 40)))
        #expect(close(drift.value, 0.3, tolerance: 1e-12))
        #expect(close(drift.low, 0.152019, tolerance: 1e-6) && close(drift.high, 0.454300, tolerance: 1e-6))
        // 19 rows a side are too few, however large the gap.
        #expect(Evidence.drift(synthetic: (19, 19), original: (0, 19)) == nil)
        // 4 points is below the 5-point threshold even with 100,000 rows a side.
        #expect(Evidence.drift(synthetic: (6_000, 100_000), original: (2_000, 100_000)) == nil)
        // 3 of 40 against 0 of 40: 7.5 points, but the interval reaches below 0.
        #expect(Evidence.drift(synthetic: (3, 40), original: (0, 40)) == nil)
        #expect(Evidence.mainLanguages(["en": 85, "de": 10, "fr": 5, "und": 30]) == ["en", "de"])
        #expect(Evidence.mainLanguages(["und": 3]) == [])
    }

    // A sharded run samples 10 rows a side of 40: the rate of rows in other languages still counts every row (the
    // states keep each row's language), and equals compare's.
    @Test func shardedReportsCountRowsInOtherLanguagesOverEveryRow() throws {
        try TestPaths.withTemporaryFolder { folder in
            var states: [String] = []
            for (side, path) in [("original", Self.original), ("synthetic", Self.synthetic)] {
                let state = try ShardState.merging(
                    [try Sharding.state(path: path, fields: FieldOptions(), seed: 13, sampleLimit: 10)], paths: [path])
                let out = folder.appendingPathComponent("\(side).state")
                try state.encoded().write(to: out)
                states.append(out.path)
            }
            let sharded = try ShardedReport.run(
                original: states[0], synthetic: states[1],
                options: RunOptions(embedding: EmbeddingProvider(choice: .hashing))
            ).report
            #expect(sharded.settings.sharded?.synthetic == .init(rows: 10, of: 40))
            #expect(sharded.settings.sharded?.everyRow.contains("bias.other_language_rate") == true)
            let other = try #require(sharded.metric("bias.other_language_rate"))
            #expect(other.synthetic?.value == 0.3 && other.synthetic?.n == 40 && other.original?.n == 40)
            #expect(other == (try Self.report()).metric("bias.other_language_rate"))
        }
    }

    @Test func tooFewRowsToJudgeSayNoDrift() throws {
        let corpora = try DatasetLoader.loadPair(
            original: Self.original, synthetic: Self.synthetic, fields: FieldOptions())
        let first = Array(0..<10)
        let report = try Comparison.run(
            original: corpora.original.selecting(rows: first), synthetic: corpora.synthetic.selecting(rows: first),
            command: "compare", options: RunOptions(embedding: EmbeddingProvider(choice: .hashing))
        ).report
        let other = try #require(report.metric("bias.other_language_rate"))
        #expect(other.note?.contains("too few rows to judge: 10 original, 10 synthetic (N < 20 a side)") == true)
        #expect(!report.findings.contains { $0.kind == .languageDrift })
        #expect(report.problems?.contains { $0.kind == "language_drift" } == false)
    }
}

/// Whether `a` is within `tolerance` of `b`.
private func close(_ a: Double?, _ b: Double, tolerance: Double) -> Bool {
    a.map { abs($0 - b) <= tolerance } ?? false
}
