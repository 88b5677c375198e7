import AssayCore
import AssayReport
import Foundation
import Testing

@testable import AssayMetrics

/// The analyzer: ids, equal-N comparison, intervals and per-class values.
@Suite struct LexicalDiversityTests {
    static let expectedIDs = [
        "distinct_1", "distinct_2", "distinct_3", "distinct_4", "ngram_diversity_score", "compression_ratio",
        "self_repetition", "self_bleu", "vocabulary_size", "targen_vocabulary", "ttr", "mattr", "mtld", "hdd",
    ].map { MetricID("diversity.\($0)") }

    @Test func reportsEveryMetricOfThePackInCatalogOrder() throws {
        let corpus = makeCorpus(["a b c", "d e f"])
        let output = try LexicalDiversity().analyze(AnalysisContext(original: nil, synthetic: corpus))
        #expect(output.metrics.map(\.id) == Self.expectedIDs)
        #expect(LexicalDiversity().descriptors.map(\.id) == Self.expectedIDs)
    }

    // Original: 10 rows of one distinct word each; synthetic: 4 rows "a" "a" "b" "b".
    // At equal N = 4 the original side is a seeded 4-row subsample: distinct-1 = 4/4 = 1 whatever rows it
    // picks; the synthetic side: 2 types / 4 tokens = 0.5.
    @Test func comparesAtEqualSizeBySubsamplingTheLargerSide() throws {
        let original = makeCorpus((0..<10).map { "w\($0)" })
        let synthetic = makeCorpus(["a", "a", "b", "b"])
        let context = AnalysisContext(original: original, synthetic: synthetic)
        let rows = try #require(context.matchedRows[.original])
        #expect(rows.count == 4)
        #expect(rows == rows.sorted())
        #expect(Set(rows).count == 4)
        #expect(rows.allSatisfy { (0..<10).contains($0) })
        #expect(context.matchedRows[.synthetic] == [0, 1, 2, 3])
        #expect(context.sizeMatching?.subsampledSide == .original)
        #expect(context.sizeMatching?.rows == 4)

        let output = try LexicalDiversity().analyze(context)
        let distinct1 = try #require(output.metrics.first { $0.id == "diversity.distinct_1" })
        #expect(distinct1.original?.value == 1)
        #expect(distinct1.original?.n == 4)
        #expect(distinct1.synthetic?.value == 0.5)
        // The larger side carries subsample percentiles; every 4-row subsample of distinct words gives 1.
        #expect(distinct1.original?.interval == .subsample)
        #expect(distinct1.original?.ci == [1, 1])
        #expect(distinct1.synthetic?.ci == nil)
        let vocabulary = try #require(output.metrics.first { $0.id == "diversity.vocabulary_size" })
        #expect(vocabulary.original?.value == 4)
        #expect(vocabulary.synthetic?.value == 2)
    }

    @Test func theSameSeedPicksTheSameSubsampleAndAnotherSeedAnother() {
        let original = makeCorpus((0..<200).map { "w\($0)" })
        let synthetic = makeCorpus((0..<20).map { "s\($0)" })
        let first = AnalysisContext(original: original, synthetic: synthetic, settings: AnalysisSettings(seed: 7))
        let again = AnalysisContext(original: original, synthetic: synthetic, settings: AnalysisSettings(seed: 7))
        let other = AnalysisContext(original: original, synthetic: synthetic, settings: AnalysisSettings(seed: 8))
        #expect(first.matchedRows[.original] == again.matchedRows[.original])
        #expect(first.matchedRows[.original] != other.matchedRows[.original])
    }

    @Test func equalSizedSidesAreNotSubsampledAndCarryNoSubsampleInterval() throws {
        let context = AnalysisContext(original: makeCorpus(["a b", "c d"]), synthetic: makeCorpus(["a a", "b b"]))
        #expect(context.sizeMatching?.subsampledSide == nil)
        let output = try LexicalDiversity().analyze(context)
        let distinct1 = try #require(output.metrics.first { $0.id == "diversity.distinct_1" })
        #expect(distinct1.original?.ci == nil)
        #expect(distinct1.synthetic?.ci == nil)
        #expect(distinct1.original?.value == 1)
        #expect(distinct1.synthetic?.value == 0.5)
    }

    // Every row identical: each row's self-repetition is log(1 + 2) (its one 4-gram is in 2 other rows), so
    // every bootstrap resample has the same mean and the interval collapses to the value.
    @Test func perDocumentMetricsCarryABootstrapInterval() throws {
        let corpus = makeCorpus(Array(repeating: "p q r s", count: 3))
        let output = try LexicalDiversity().analyze(AnalysisContext(original: nil, synthetic: corpus))
        let repetition = try #require(output.metrics.first { $0.id == "diversity.self_repetition" })
        let value = try #require(repetition.synthetic?.value)
        #expect(close(value, log(3.0)))
        #expect(repetition.synthetic?.interval == .bootstrap)
        let ci = try #require(repetition.synthetic?.ci)
        #expect(close(ci[0], log(3.0)) && close(ci[1], log(3.0)))
    }

    // Class "pos": original rows "a b" "c d" vs synthetic "a b" "a b" → distinct-1 4/4 = 1 vs 2/4 = 0.5.
    // Class "neg" exists on the original only: 1 row "e f" → 1, synthetic absent.
    @Test func perClassValuesCompareEachClassAtEqualSize() throws {
        let original = makeCorpus(["a b", "c d", "e f"], labels: ["pos", "pos", "neg"])
        let synthetic = makeCorpus(["a b", "a b"], labels: ["pos", "pos"])
        let output = try LexicalDiversity().analyze(AnalysisContext(original: original, synthetic: synthetic))
        let distinct1 = try #require(output.metrics.first { $0.id == "diversity.distinct_1" })
        let byClass = try #require(distinct1.byClass)
        #expect(byClass["pos"] == ClassValue(original: 1, synthetic: 0.5, n: 2))
        #expect(byClass["neg"] == ClassValue(original: 1, synthetic: nil, n: 1))
        #expect(output.skipped.isEmpty)
    }

    @Test func unlabelledDataSkipsTheClassBreakdownWithAReason() throws {
        let output = try LexicalDiversity().analyze(
            AnalysisContext(original: makeCorpus(["a b"], labels: ["x"]), synthetic: makeCorpus(["c d"])))
        #expect(output.metrics.allSatisfy { $0.byClass == nil })
        #expect(output.skipped.map(\.id) == ["diversity.by_class"])
        #expect(output.skipped.first?.reason.contains("synthetic data has no labels") == true)
    }

    @Test func undefinedValuesAreNullWithANote() throws {
        let output = try LexicalDiversity().analyze(AnalysisContext(original: nil, synthetic: makeCorpus(["a b"])))
        let mattr = try #require(output.metrics.first { $0.id == "diversity.mattr" })
        #expect(mattr.synthetic?.value == nil)
        #expect(mattr.synthetic?.note == "fewer than 50 tokens in all rows")
    }
}
