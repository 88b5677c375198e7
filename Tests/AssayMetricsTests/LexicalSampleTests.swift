import AssayCore
import Foundation
import Testing

@testable import AssayMetrics

/// Every lexical measure against values computed by hand on tiny corpora.
@Suite struct LexicalSampleTests {
    private func sample(_ texts: [String]) -> LexicalSample {
        let corpus = makeCorpus(texts)
        return LexicalSample(corpus: corpus, rows: Array(0..<corpus.count))
    }

    // Corpus "a b c a" | "a b d": 7 tokens, types {a, b, c, d}.
    // bigrams: ab bc ca | ab bd → 5, unique 4; trigrams: abc bca | abd → 3 unique of 3;
    // 4-grams: abca | (none) → 1 of 1.
    @Test(arguments: [(1, 4.0 / 7), (2, 4.0 / 5), (3, 1.0), (4, 1.0)])
    func distinctNCountsUniqueNGramsWithinDocuments(order: Int, expected: Double) {
        #expect(close(sample(["a b c a", "a b d"]).distinct(order: order), expected))
    }

    @Test func distinctNIsUndefinedWhenNoRowIsLongEnough() {
        #expect(sample(["a b", "c"]).distinct(order: 3) == nil)
        #expect(sample(["", ""]).distinct(order: 1) == nil)
    }

    @Test func distinctIgnoresCaseAndPunctuation() {
        // "The cat." | "the CAT!" → tokens the cat | the cat: unigrams 2 unique of 4, bigrams 1 of 2.
        let s = sample(["The cat.", "the CAT!"])
        #expect(close(s.distinct(order: 1), 0.5))
        #expect(close(s.distinct(order: 2), 0.5))
    }

    // Joined "a b c a a b d": n=1 4/7; n=2 ab bc ca aa ab bd → 5/6; n=3 abc bca caa aab abd → 5/5;
    // n=4 abca bcaa caab aabd → 4/4. Sum = 4/7 + 5/6 + 2.
    @Test func ngramDiversityScoreLetsNGramsCrossDocuments() {
        #expect(close(sample(["a b c a", "a b d"]).ngramDiversityScore(), 4.0 / 7 + 5.0 / 6 + 2))
        #expect(sample(["a b", "c"]).ngramDiversityScore() == nil)
    }

    // Reference: python3 -c "import gzip; s=' '.join([...]).encode(); print(len(s), len(gzip.compress(s)))"
    // → 53 bytes raw, 45 gzipped (level 9, as Python's default).
    @Test func compressionRatioMatchesPythonGzip() {
        let s = sample(["the cat sat on the mat", "the cat sat on the mat", "the dog"])
        #expect(close(s.compressionRatio(), 53.0 / 45))
        // Non-ASCII text: 36 bytes raw, 57 gzipped (header and trailer dominate tiny inputs).
        #expect(close(sample(["Ünïcode café", "naïve — déjà vu"]).compressionRatio(), 36.0 / 57))
    }

    // "a" + 40,000 × "é" is 80,001 bytes; the first 65,536 would end inside an "é", so the row counts with
    // its first 65,535 bytes ("a" + 32,767 × "é"), which Python's gzip.compress(…, 9) makes 100 bytes.
    @Test func compressionRatioReadsAtMost64KiBOfARowCutAtACharacter() {
        let long = "a" + String(repeating: "é", count: 40_000)
        #expect(close(sample([long]).compressionRatio(), 65_535.0 / 100))
        #expect(
            sample([long, "the dog"]).compressionRatio()
                == sample(["a" + String(repeating: "é", count: 32_767), "the dog"]).compressionRatio())
    }

    @Test func vocabularyAndTypeTokenRatio() {
        let s = sample(["a b c a", "a b d"])
        #expect(s.vocabularySize() == 4)
        #expect(close(s.typeTokenRatio(), 4.0 / 7))
        #expect(sample(["", "..."]).typeTokenRatio() == nil)
    }

    // 4-gram sets: {xyzw} | {xyzw, yzwv} | {pqrs}; c(xyzw) = 2, c(yzwv) = c(pqrs) = 1.
    // Row scores: log(1 + 1), log(1 + 1 + 0), log(1 + 0) → mean 2·log 2 / 3.
    @Test func selfRepetitionCountsOtherDocumentsSharingEachFourGram() {
        let scores = sample(["x y z w", "x y z w v", "p q r s"]).selfRepetitionScores()
        #expect(scores.count == 3)
        #expect(close(scores[0], log(2.0)))
        #expect(close(scores[1], log(2.0)))
        #expect(close(scores[2], 0))
    }

    // "x y z w x y z w" has 4-grams xyzw yzwx zwxy wxyz xyzw: its set counts xyzw once, so
    // c(xyzw) = 2 (two rows), and both rows score log(1 + 1).
    @Test func selfRepetitionCountsARepeatInsideOneRowOnce() {
        let scores = sample(["x y z w x y z w", "x y z w"]).selfRepetitionScores()
        #expect(close(scores[0], log(2.0)))
        #expect(close(scores[1], log(2.0)))
    }

    // Non-stopwords per row: {cat, dog} | {cat} → 2 + 1 = 3 ("the", "and" are NLTK stopwords).
    @Test func targenVocabularySumsDistinctNonStopwordsPerRow() {
        let counts = sample(["The cat and the dog", "the the cat"]).targenVocabularyCounts()
        #expect(counts == [2, 1])
    }

    // Stream a b a c c, window 3: {a,b} 2/3, {b,a,c} 3/3, {a,c} 2/3 → mean 7/9.
    // A sample far smaller than its corpus (50 tokens of "cat dog" among 253 types) numbers its words densely
    // on its own: the values are those of the same rows alone. MATTR: every window of 50 holds 2 types →
    // 2/50; HD-D: neither word (25 of 50 tokens) can be absent from a draw of 42 → 2/42; TarGEN: 2.
    // "cat dog cat fox": 3 types of 4 tokens; MTLD forward cat dog | cat (TTR 2/3 ≤ 0.72, one factor) then fox → 4/1,
    // backward fox cat dog cat ends at TTR 3/4 → factor (1 − 0.75)/0.28 → 4/0.892857 = 4.48; mean 4.24.
    @Test func aSmallSampleOfALargeCorpusCountsOnlyItsOwnWords() {
        let filler = (0..<250).map { "f\($0)" }.joined(separator: " ")
        let row = Array(repeating: "cat dog", count: 25).joined(separator: " ")
        let corpus = makeCorpus([filler, row, "cat dog cat fox"])
        let sample = LexicalSample(corpus: corpus, rows: [1])
        #expect(sample.vocabularySize() == 2)
        #expect(close(sample.movingAverageTTR(), 2.0 / 50))
        #expect(close(sample.hdd(), 2.0 / 42))
        #expect(sample.targenVocabularyCounts() == [2])
        let short = LexicalSample(corpus: corpus, rows: [2])
        #expect(short.vocabularySize() == 3)
        #expect(close(short.typeTokenRatio(), 0.75))
        #expect(short.targenVocabularyCounts() == [3])
        #expect(short.mtldScores().count == 1)
        #expect(close(short.mtldScores().first, (4 + 4 / (0.25 / 0.28)) / 2))
        // The same rows measured in a corpus of their own (the corpus's ids) give the same values.
        let alone = makeCorpus([row, "cat dog cat fox"])
        let both = LexicalSample(corpus: alone, rows: [0, 1])
        let inLarge = LexicalSample(corpus: corpus, rows: [1, 2])
        #expect(inLarge.vocabularySize() == both.vocabularySize())
        #expect(inLarge.movingAverageTTR() == both.movingAverageTTR())
        #expect(inLarge.hdd() == both.hdd())
        #expect(inLarge.targenVocabularyCounts() == both.targenVocabularyCounts())
        #expect(inLarge.mtldScores() == both.mtldScores())
    }

    @Test func mattrAveragesTheTTROfEverySlidingWindow() {
        #expect(close(sample(["a b a c", "c"]).movingAverageTTR(window: 3), 7.0 / 9))
        #expect(sample(["a b a c", "c"]).movingAverageTTR() == nil)  // fewer than 50 tokens
    }

    // Tokens a a b, 2 draws: P(no a) = C(1,2)/C(3,2) = 0, P(no b) = C(2,2)/C(3,2) = 1/3;
    // HD-D = (1 − 0)/2 + (1 − 1/3)/2 = 5/6.
    @Test func hddIsTheExpectedTTROfARandomDraw() {
        #expect(close(sample(["a a b"]).hdd(draws: 2), 5.0 / 6))
        #expect(sample(["a a b"]).hdd() == nil)  // fewer than 42 tokens
    }

    // 60 distinct words, 42 draws: each word contributes [1 − (N − 42)/N]/42 = 1/N, so HD-D = V/N = 1.
    @Test func hddOfAllDistinctWordsIsOne() {
        let words = (0..<60).map { "w\($0)" }.joined(separator: " ")
        #expect(close(sample([words]).hdd(), 1, tolerance: 1e-12))
    }

    // MTLD, threshold 0.72:
    // "a b a b": forward TTR 1, 1, 2/3 → factor, then "b" alone (TTR 1, partial 0): 4 / 1; backward the same → 4.
    // "a a a a a": TTR 1, 1/2 → factor; 1, 1/2 → factor; "a" left (partial 0): 5 / 2 = 2.5 both ways.
    // "": no tokens, skipped.
    // "a b c a": TTR 1, 1, 1, 3/4 (above 0.72): partial (1 − 0.75)/(1 − 0.72) = 25/28 → 4 / (25/28) = 4.48.
    // "a b c d e": never falls; lexicalrichness counts one factor → 5.
    @Test func mtldFollowsMcCarthyAndJarvis() {
        let scores = sample(["a b a b", "a a a a a", "", "a b c a", "a b c d e"]).mtldScores()
        #expect(scores.count == 4)
        #expect(close(scores[0], 4))
        #expect(close(scores[1], 2.5))
        #expect(close(scores[2], 4.48))
        #expect(close(scores[3], 5))
    }

    // Two identical rows: every precision 1, reference length 4 = hypothesis length → BLEU 1.
    @Test func selfBLEUOfIdenticalRowsIsOne() {
        let scores = sample(["a b c d", "a b c d"]).selfBLEUScores(hypotheses: [0, 1])
        #expect(scores.count == 2)
        #expect(close(scores[0], 1))
        #expect(close(scores[1], 1))
    }

    // Hypothesis "a b c d", reference "a b x y": p1 = 2/4, p2 = 1/3 (ab), p3 = 0 → 0.1/2, p4 = 0 → 0.1/1;
    // BP = 1 (equal lengths); BLEU = (0.5 · 1/3 · 0.05 · 0.1)^(1/4). The other row is symmetric.
    @Test func selfBLEUSmoothsZeroPrecisionsWithEpsilon() {
        let scores = sample(["a b c d", "a b x y"]).selfBLEUScores(hypotheses: [0, 1])
        let expected = pow(0.5 * (1.0 / 3) * 0.05 * 0.1, 0.25)
        #expect(close(scores[0], expected))
        #expect(close(scores[1], expected))
        #expect(abs(expected - 0.169_90) < 1e-4)
    }

    // Hypothesis "a b" against two rows "a b c d": p1 = p2 = 1; p3, p4 have no n-grams (denominator 1) → 0.1;
    // BP = exp(1 − 4/2). BLEU = e^(−1) · (0.1 · 0.1)^(1/4).
    @Test func selfBLEUAppliesTheBrevityPenalty() {
        let scores = sample(["a b", "a b c d", "a b c d"]).selfBLEUScores(hypotheses: [0])
        #expect(close(scores[0], exp(-1) * pow(0.01, 0.25)))
    }

    // Hypothesis "a b c" with references "a b" (length 2) and "a b c d" (length 4): the closest length is a
    // tie, NLTK takes the shorter (2), so c = 3 > r and BP = 1. p1 = p2 = p3 = 1, p4 = 0.1/1 → 0.1^(1/4).
    @Test func selfBLEUBreaksReferenceLengthTiesTowardTheShorter() {
        let scores = sample(["a b c", "a b", "a b c d"]).selfBLEUScores(hypotheses: [0])
        #expect(close(scores[0], pow(0.1, 0.25)))
    }

    // "a a a a" vs "a b": unigram count clipped to 1 → 1/4; aa ×3 → 0.1/3; aaa ×2 → 0.1/2; aaaa → 0.1/1; BP 1.
    // "a b" vs "a a a a": 1/2, then 0.1/1 three times; BP = exp(1 − 4/2).
    @Test func selfBLEUClipsCountsToTheMostInAnySingleReference() {
        let scores = sample(["a a a a", "a b"]).selfBLEUScores(hypotheses: [0, 1])
        #expect(close(scores[0], pow(0.25 * (0.1 / 3) * 0.05 * 0.1, 0.25)))
        #expect(close(scores[1], exp(-1) * pow(0.5 * 0.001, 0.25)))
    }

    @Test func selfBLEUIsZeroWithoutAUnigramMatchAndEmptyWithoutReferences() {
        #expect(sample(["a b", "c d"]).selfBLEUScores(hypotheses: [0, 1]) == [0, 0])
        #expect(sample(["a b"]).selfBLEUScores(hypotheses: [0]).isEmpty)
    }

    // 4-gram sets: {abcd, bcde} | {xabc, abcd} | {abcd} | {pqrs}: only "a b c d" is in two or more rows (3),
    // first in row 0.
    @Test func repeatedPhrasesListNGramsSharedByRowsWithTheFirstRow() {
        let phrases = sample(["a b c d e", "x a b c d", "a b c d", "p q r s"]).repeatedPhrases()
        #expect(phrases == [RepeatedPhrase(text: "a b c d", rows: 3, firstRow: 0)])
    }

    // "a b c d" and "e f g h" are each in 2 rows; the tie goes to the phrase seen first (row 0 before row 1).
    @Test func repeatedPhrasesBreakTiesByFirstRowAndKeepTheTop() {
        let s = sample(["E F G H", "a b c d", "e f g h", "A B C D!"])
        #expect(
            s.repeatedPhrases()
                == [
                    RepeatedPhrase(text: "e f g h", rows: 2, firstRow: 0),
                    RepeatedPhrase(text: "a b c d", rows: 2, firstRow: 1),
                ])
        #expect(s.repeatedPhrases(top: 1).map(\.text) == ["e f g h"])
    }
}
