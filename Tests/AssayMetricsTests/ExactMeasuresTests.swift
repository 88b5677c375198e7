import AssayCore
import AssayReport
import Testing

@testable import AssayMetrics

/// The exact measures a sharded report computes from every row's exact-key digest (`Duplicates.exactMeasures`).
@Suite struct ExactMeasuresTests {
    // The sorting grouping of digests gives the groups the table of lists gives, on 20,000 keys drawn from 6,000
    // values (so most rows repeat one, some many times), and on a hand-made list.
    @Test func sortingDigestsGivesTheGroupsOfATableOfLists() {
        var random = SeededRandom(seed: 3, stream: "exact-groups")
        let keys = (0..<20_000).map { _ in UInt64(random.below(6_000)) &* 0x9E37_79B9_7F4A_7C15 }
        let sorted = WithinSet.equalGroups(keys)
        #expect(sorted == WithinSet.equalGroups(keys, skipping: { _ in false }))
        #expect(sorted.count > 3_000 && sorted.allSatisfy { $0.count > 1 && $0 == $0.sorted() })
        #expect(WithinSet.equalGroups([9, 4, 9, 7, 4, 9, 1] as [UInt64]) == [[0, 2, 5], [1, 4]])
        #expect(WithinSet.equalGroups([] as [UInt64]).isEmpty)
    }

    // Hand-computed: original keys 1 1 2 3 (one row dropped of 4); synthetic 2 2 5 6 (one dropped of 4), whose
    // rows 0 and 1 copy original row 2: 2 of 4 copied. By class, the synthetic class "a" (rows 0 and 2) has
    // one copied row of 2.
    @Test func theExactRatesAndTheCopiedShareAreCountedFromTheKeys() throws {
        let original = ExactRows(keys: [1, 1, 2, 3], labels: [0, 1, 0, 1], labelNames: ["a", "b"])
        let synthetic = ExactRows(keys: [2, 2, 5, 6], labels: [0, 1, 0, 1], labelNames: ["a", "b"])
        let metrics = Duplicates.exactMeasures(original: original, synthetic: synthetic, settings: AnalysisSettings())
        #expect(metrics.map(\.id) == ["duplicates.exact_rate", "leakage.synthetic_exact_in_original_rate"])
        #expect(metrics[0].original?.value == 0.25 && metrics[0].synthetic?.value == 0.25)
        // Rows 0 and 1 of each side share a key but not a class: no class drops a row.
        #expect(metrics[0].byClass?["a"]?.original == 0 && metrics[0].byClass?["b"]?.synthetic == 0)
        #expect(metrics[1].value == 0.5 && metrics[1].n == 4)
        #expect(metrics[1].byClass?["a"]?.value == 0.5 && metrics[1].byClass?["b"]?.value == 0.5)
        let ci = try #require(metrics[1].ci)
        #expect(ci[0] <= 0.5 && ci[1] >= 0.5)
    }

    // Hand-made 13-gram hashes: original rows {1, 2} and {3}; synthetic rows {2, 9} (shares 2), {} (too short),
    // {4, 5} and {3} (shares 3): 2 of 4 rows, one in each class.
    @Test func theThirteenGramShareIsCountedFromEachRowsHashes() throws {
        let original = ExactRows(
            keys: [1, 2], labels: nil, labelNames: [], ngrams: RowNgrams(counts: [2, 1], hashes: [1, 2, 3]))
        let synthetic = ExactRows(
            keys: [7, 8, 9, 10], labels: [0, 1, 0, 1], labelNames: ["a", "b"],
            ngrams: RowNgrams(counts: [2, 0, 2, 1], hashes: [2, 9, 4, 5, 3]))
        #expect(
            Duplicates.sharing(try #require(synthetic.ngrams), base: try #require(original.ngrams)) == [
                true, false, false, true,
            ])
        let metrics = Duplicates.exactMeasures(original: original, synthetic: synthetic, settings: AnalysisSettings())
        #expect(metrics.map(\.id).last == "leakage.synthetic_13gram_rate")
        let shared = try #require(metrics.last)
        #expect(shared.value == 0.5 && shared.n == 4)
        #expect(shared.byClass?["a"]?.value == 0.5 && shared.byClass?["b"]?.value == 0.5)
        // Without either side's 13-grams there is no 13-gram measure.
        let keysOnly = ExactRows(keys: [1, 2], labels: nil, labelNames: [])
        #expect(
            Duplicates.exactMeasures(original: keysOnly, synthetic: synthetic, settings: AnalysisSettings()).count == 2)
    }
}
