import AssayCore
import Testing

@testable import AssayText

/// `NearDuplicates`: exact shingle-set Jaccard by hand, MinHash/LSH candidates, verification and groups.
@Suite struct MinHashTests {
    /// A 200-character sentence about a dog that is `adjective`.
    static func sentence(_ adjective: String) -> String {
        "the quick brown fox jumps over the \(adjective) dog while the farmer watches from the porch of his old "
            + "wooden house near the river bank and the children play in the tall grass under a bright and cloudless sky"
    }
    /// The sentence, the same with one word changed, and two unrelated sentences.
    static let sentence = sentence("lazy")
    static let oneWordChanged = sentence("sleepy")
    static let unrelated =
        "quarterly revenue grew by twelve percent as the company expanded its retail network into three new "
        + "regions and reduced shipping costs through a partnership with a regional logistics provider"
    static let unrelated2 =
        "to install the package run the setup script with administrator rights then restart the service and "
        + "check the log file for any warnings about missing configuration values or expired certificates"

    // MARK: Exact Jaccard, by hand

    @Test func jaccardOfTwoSixLetterStrings() {
        // {abcde, bcdef} and {abcde, bcdeg}: one shared of three.
        #expect(NearDuplicates.jaccard("abcdef", "abcdeg") == 1.0 / 3.0)
        #expect(NearDuplicates.jaccard("abcdef", "abcdef") == 1)
        #expect(NearDuplicates.jaccard("abcdef", "uvwxyz") == 0)
    }

    @Test func jaccardOfTwoShortSentences() {
        // "the cat sat": the c, he ca, e cat, " cat ", cat s, at sa, t sat; "the cat sit" shares the first
        // five and adds "at si", "t sit": 5 shared of 9.
        #expect(NearDuplicates.jaccard("the cat sat", "the cat sit") == 5.0 / 9.0)
    }

    @Test func jaccardCountsEachShingleOnce() {
        // "aaaaaaa" has three shingles, all "aaaaa": the set {aaaaa}, the same as the set of "aaaaa".
        #expect(NearDuplicates.jaccard("aaaaaaa", "aaaaa") == 1)
        // {abcab, bcabc, cabca} vs {abcab}: 1 of 3.
        #expect(NearDuplicates.jaccard("abcabca", "abcab") == 1.0 / 3.0)
    }

    @Test func jaccardShinglesUnicodeScalarsNotBytes() {
        // "éabcdé" is 6 scalars (8 bytes): {éabcd, abcdé} vs {éabcd, abcdx} → 1/3.
        #expect(NearDuplicates.jaccard("\u{E9}abcd\u{E9}", "\u{E9}abcdx") == 1.0 / 3.0)
    }

    @Test func jaccardWithOtherShingleSizes() {
        // Size 3: {abc, bcd} vs {abc, bce}. Size 1: the character sets {a, b} and {a, b}.
        #expect(NearDuplicates.jaccard("abcd", "abce", shingleSize: 3) == 1.0 / 3.0)
        #expect(NearDuplicates.jaccard("aab", "abb", shingleSize: 1) == 1)
        #expect(NearDuplicates.jaccard("ab", "bc", shingleSize: 1) == 1.0 / 3.0)
    }

    @Test func textsShorterThanTheShingleAreOneShingle() {
        // "abc" is the single shingle "abc"; "abcde" is "abcde": nothing shared.
        #expect(NearDuplicates.jaccard("abc", "abc") == 1)
        #expect(NearDuplicates.jaccard("abc", "abd") == 0)
        #expect(NearDuplicates.jaccard("abc", "abcde") == 0)
        #expect(NearDuplicates.jaccard("ab", "abc") == 0)
    }

    @Test func emptyTextsHaveNoShingles() {
        #expect(NearDuplicates.jaccard("", "") == 0)
        #expect(NearDuplicates.jaccard("", "abc") == 0)
    }

    @Test func candidateProbabilityIsTheBandingFormula() {
        // 1 − (1 − 0.8⁵)²⁰ = 1 − 0.67232²⁰ = 1 − 0.000356 = 0.999644 (Leskovec et al. §3.4.2).
        let options = MinHashOptions()
        #expect(abs(options.candidateProbability(jaccard: 0.8) - 0.999_644) < 1e-6)
        // 1 − (1 − 0.2⁵)²⁰ = 1 − 0.99968²⁰ = 0.006381.
        #expect(abs(options.candidateProbability(jaccard: 0.2) - 0.006_381) < 1e-6)
        #expect(options.candidateProbability(jaccard: 1) == 1)
        #expect(options.candidateProbability(jaccard: 0) == 0)
        #expect(options.hashCount == 100)
    }

    // MARK: within

    @Test func withinFindsASentenceWithOneWordChanged() {
        let texts = [Self.unrelated, Self.oneWordChanged, Self.unrelated2, Self.sentence]
        let truth = NearDuplicates.jaccard(Self.sentence, Self.oneWordChanged)
        // 200 scalars, 196 shingles, 189 distinct. "lazy" → "sleepy" removes the 7 that overlap "the lazy do"
        // ("the l", "he la", "e laz", " lazy", "lazy ", "azy d", "zy do") and adds 9 ("the s" … "py do"):
        // 182 shared of 198, 91/99 = 0.919.
        #expect(Self.sentence.unicodeScalars.count == 200)
        #expect(truth == 182.0 / 198.0)
        #expect(truth >= 0.8)
        #expect(NearDuplicates.within(texts) == [SimilarPair(a: 1, b: 3, jaccard: truth)])
    }

    @Test func withinDoesNotPairUnrelatedSentences() {
        #expect(NearDuplicates.within([Self.sentence, Self.unrelated, Self.unrelated2]).isEmpty)
        #expect(NearDuplicates.jaccard(Self.sentence, Self.unrelated) < 0.2)
    }

    @Test func thresholdIsInclusive() {
        // The two sentences share 5 of 9 shingles. One row per band and 50 bands make every pair with
        // Jaccard ≥ 0.5 a candidate with probability 1 − 0.5⁵⁰, so the verdict is the verification's.
        let texts = ["the cat sat", "the cat sit"]
        let at = MinHashOptions(bands: 50, rowsPerBand: 1, threshold: 5.0 / 9.0)
        #expect(NearDuplicates.within(texts, options: at) == [SimilarPair(a: 0, b: 1, jaccard: 5.0 / 9.0)])
        let above = MinHashOptions(bands: 50, rowsPerBand: 1, threshold: 0.56)
        #expect(NearDuplicates.within(texts, options: above).isEmpty)
    }

    @Test func shortAndEmptyTextsPairOnlyWithEqualTexts() {
        let texts = ["abc", "", "abc", "abd", "ab", "", "ab"]
        #expect(
            NearDuplicates.within(texts) == [
                SimilarPair(a: 0, b: 2, jaccard: 1), SimilarPair(a: 4, b: 6, jaccard: 1),
            ])
        #expect(NearDuplicates.within(["", "", ""]).isEmpty)
        #expect(NearDuplicates.within([]).isEmpty)
        #expect(NearDuplicates.within(["only one"]).isEmpty)
    }

    @Test func withinAgreesWithAllPairsOnAPlantedCorpus() {
        let texts = Self.plantedCorpus(count: 120)
        var expected: [SimilarPair] = []
        for a in 0..<texts.count {
            for b in (a + 1)..<texts.count {
                let similarity = NearDuplicates.jaccard(texts[a], texts[b])
                if similarity >= 0.8 { expected.append(SimilarPair(a: a, b: b, jaccard: similarity)) }
            }
        }
        // 120 rows plant 9 exact copies (Jaccard 1) and 10 one-word changes, of which some fall below 0.8.
        #expect(expected.count >= 9)
        #expect(NearDuplicates.within(texts) == expected)
    }

    @Test func resultsAreTheSameInEveryRunAndSorted() {
        let texts = Self.plantedCorpus(count: 300)
        let first = NearDuplicates.within(texts)
        #expect(!first.isEmpty)
        #expect(NearDuplicates.within(texts) == first)
        #expect(first.allSatisfy { $0.a < $0.b && $0.jaccard >= 0.8 })
        #expect(zip(first, first.dropFirst()).allSatisfy { ($0.a, $0.b) < ($1.a, $1.b) })
        // Another seed draws other hash functions; whatever it finds is verified exactly.
        let reseeded = NearDuplicates.within(texts, options: MinHashOptions(seed: 99))
        #expect(!reseeded.isEmpty)
        #expect(reseeded.allSatisfy { $0.jaccard == NearDuplicates.jaccard(texts[$0.a], texts[$0.b]) })
        #expect(reseeded.allSatisfy { $0.jaccard >= 0.8 })
    }

    @Test func aThousandCopiesAreOneGroupWithoutAllPairs() {
        let texts = [Self.unrelated] + Array(repeating: Self.sentence, count: 1000) + [Self.unrelated2]
        let pairs = NearDuplicates.within(texts)
        // Each band has one bucket of 1,000 rows: every copy is compared with the first copy only.
        #expect(pairs == (2...1000).map { SimilarPair(a: 1, b: $0, jaccard: 1) })
        #expect(NearDuplicates.groups(pairs, count: texts.count) == [Array(1...1000)])
    }

    // MARK: across

    @Test func acrossPairsQueryRowsWithBaseRows() {
        let queries = [Self.unrelated2, Self.oneWordChanged]
        let base = ["something else entirely", Self.unrelated, Self.sentence, ""]
        let truth = NearDuplicates.jaccard(Self.oneWordChanged, Self.sentence)
        #expect(NearDuplicates.across(queries: queries, base: base) == [SimilarPair(a: 1, b: 2, jaccard: truth)])
        // Swapping the sides swaps a and b.
        #expect(NearDuplicates.across(queries: base, base: queries) == [SimilarPair(a: 2, b: 1, jaccard: truth)])
    }

    @Test func acrossIgnoresPairsInsideOneSide() {
        let queries = [Self.sentence, Self.sentence]
        #expect(NearDuplicates.across(queries: queries, base: [Self.unrelated]).isEmpty)
        #expect(NearDuplicates.across(queries: [], base: queries).isEmpty)
        #expect(
            NearDuplicates.across(queries: [Self.unrelated], base: queries + [Self.unrelated]) == [
                SimilarPair(a: 0, b: 2, jaccard: 1)
            ])
    }

    @Test func acrossWithManyCopiesOnBothSidesPairsEveryRow() {
        // 100 queries and 100 base rows share one bucket of 200: each query meets the first base row, each base
        // row the first query.
        let queries = Array(repeating: Self.sentence, count: 100)
        let base = [Self.unrelated] + Array(repeating: Self.sentence, count: 100)
        let pairs = NearDuplicates.across(queries: queries, base: base)
        let expected =
            (0..<100).map { SimilarPair(a: $0, b: 1, jaccard: 1) }
            + (2...100).map { SimilarPair(a: 0, b: $0, jaccard: 1) }
        #expect(pairs == expected.sorted { ($0.a, $0.b) < ($1.a, $1.b) })
    }

    // MARK: groups

    @Test func groupsAreConnectedComponentsOfTwoOrMoreRows() {
        let pairs = [
            SimilarPair(a: 5, b: 7, jaccard: 0.9), SimilarPair(a: 1, b: 3, jaccard: 0.8),
            SimilarPair(a: 3, b: 9, jaccard: 0.85), SimilarPair(a: 7, b: 8, jaccard: 1),
            SimilarPair(a: 8, b: 5, jaccard: 1),
        ]
        // Rows 0, 2, 4 and 6 are in no pair.
        #expect(NearDuplicates.groups(pairs, count: 10) == [[1, 3, 9], [5, 7, 8]])
        // A chain joined from its far end: 9–8, 8–7, …, 1–0 is one group.
        let chain = (0..<9).reversed().map { SimilarPair(a: $0, b: $0 + 1, jaccard: 0.8) }
        #expect(NearDuplicates.groups(chain, count: 10) == [Array(0..<10)])
        #expect(NearDuplicates.groups([], count: 4).isEmpty)
        #expect(NearDuplicates.groups([SimilarPair(a: 2, b: 2, jaccard: 1)], count: 3).isEmpty)
    }

    @Test func groupsAreOrderedByTheirFirstRow() {
        let pairs = [
            SimilarPair(a: 6, b: 0, jaccard: 1), SimilarPair(a: 2, b: 4, jaccard: 1),
            SimilarPair(a: 1, b: 5, jaccard: 1),
        ]
        #expect(NearDuplicates.groups(pairs, count: 7) == [[0, 6], [1, 5], [2, 4]])
    }

    // MARK: Fixtures

    /// `count` texts of 12–20 words from a 400-word vocabulary; every sixth row is a copy of an earlier row
    /// with one word replaced, every twelfth an exact copy of an earlier row.
    static func plantedCorpus(count: Int) -> [String] {
        var random = SeededRandom(seed: 5, stream: "tests/minhash")
        let syllables = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "de", "va"]
        let vocabulary = (0..<400).map { _ in
            (0..<(1 + random.below(3))).map { _ in syllables[random.below(10)] }.joined()
        }
        var rows: [[String]] = []
        for row in 0..<count {
            if row >= 12, row % 12 == 0 {
                rows.append(rows[random.below(row)])
            } else if row >= 6, row % 6 == 0 {
                var words = rows[random.below(row)]
                words[random.below(words.count)] = vocabulary[random.below(vocabulary.count)]
                rows.append(words)
            } else {
                rows.append((0..<(12 + random.below(9))).map { _ in vocabulary[random.below(vocabulary.count)] })
            }
        }
        return rows.map { $0.joined(separator: " ") }
    }
}
