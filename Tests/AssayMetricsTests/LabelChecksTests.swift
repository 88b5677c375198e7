import AssayLinalg
import Testing

@testable import AssayMetrics

/// The pieces around confident learning: scores, folds, the neighbour vote, label-set matching.
struct LabelChecksTests {
    /// Truth 0 0 0 1 1 2, predicted 0 0 1 1 2 2, three classes:
    /// class 0: TP 2, FP 0, FN 1 → F1 = 4/5; class 1: TP 1, FP 1, FN 1 → 2/4; class 2: TP 1, FP 1, FN 0 → 2/3.
    /// Macro-F1 = (0.8 + 0.5 + 0.6667) / 3 = 0.65556; accuracy 4/6.
    @Test func accuracyAndMacroF1MatchAHandCount() {
        let scores = Utility.Scores(
            predicted: [0, 0, 1, 1, 2, 2], truth: [0, 0, 0, 1, 1, 2], rows: Array(0..<6), classCount: 3)
        #expect(abs(scores.accuracy - 4.0 / 6.0) < 1e-12)
        #expect(abs(scores.macroF1 - (0.8 + 0.5 + 2.0 / 3.0) / 3) < 1e-12)
    }

    /// A class neither true nor predicted scores F1 = 0 (scikit-learn's zero_division default) and
    /// still counts in the macro average.
    @Test func anAbsentClassCountsAsZeroInTheMacroAverage() {
        let scores = Utility.Scores(predicted: [0, 1], truth: [0, 1], rows: [0, 1], classCount: 3)
        #expect(scores.accuracy == 1)
        #expect(abs(scores.macroF1 - 2.0 / 3.0) < 1e-12)
    }

    @Test func foldsAreStratifiedBalancedAndSeeded() {
        let labels: [Int32] = Array(repeating: 0, count: 10) + Array(repeating: 1, count: 7) + [-1, -1, -1]
        let folds = OutOfSample.stratifiedFolds(labels: labels, classCount: 2, folds: 5, seed: 13, stream: "x")
        for fold in 0..<5 {
            // 10 rows of class 0 → exactly 2 per fold; 20 rows → 4 per fold.
            #expect(folds.indices.filter { folds[$0] == fold && labels[$0] == 0 }.count == 2)
            #expect(folds.filter { $0 == fold }.count == 4)
        }
        #expect(folds == OutOfSample.stratifiedFolds(labels: labels, classCount: 2, folds: 5, seed: 13, stream: "x"))
        #expect(folds != OutOfSample.stratifiedFolds(labels: labels, classCount: 2, folds: 5, seed: 14, stream: "x"))
    }

    /// Four points on a line: 0 and 1 close together, 2 and 3 close together. With k = 2 (self excluded)
    /// row 0's neighbours are rows 1 and 2 → votes: class 0 once (row 1), class 1 once (row 2);
    /// Laplace: (1 + 1) / (2 + 2) each.
    @Test func theNeighbourVoteIsLaplaceSmoothed() {
        let points = Matrix(rowVectors: [[1, 0], [0.99, 0.141], [0.6, 0.8], [0.0, 1]])
        let neighbors = NearestNeighbors(queries: points, base: points, k: 2, excludeSelf: true)
        let votes = OutOfSample.neighborVote(neighbors: neighbors, labels: [0, 0, 1, 1], classCount: 2)
        #expect(votes[0, 0] == 0.5 && votes[0, 1] == 0.5)
        // Row 3's neighbours: row 2 (class 1) and row 1 (class 0) → (1 + 1) / 4 each; row 2's: rows 1 and 3.
        #expect(votes[3, 1] == 0.5)
        // An unlabelled neighbour does not vote: row 0 with row 1 unlabelled → class 1 (2) / (1 + 2).
        let partial = OutOfSample.neighborVote(neighbors: neighbors, labels: [0, -1, 1, 1], classCount: 2)
        #expect(abs(partial[0, 1] - 2.0 / 3.0) < 1e-6)
    }

    @Test(arguments: [
        ("sci/tech", ["Business", "Sci/Tech", "Sports", "World"], "Sci/Tech", true),
        ("Sci / Tech", ["Business", "Sci/Tech", "Sports", "World"], "Sci/Tech", true),
        ("Tech", ["Business", "Sci/Tech", "Sports", "World"], "Sci/Tech", false),
        ("Sport", ["Business", "Sci/Tech", "Sports", "World"], "Sports", false),
        ("positve", ["negative", "positive"], "positive", false),
    ])
    func theClosestOriginalLabelIsFoundByName(label: String, candidates: [String], expected: String, variant: Bool) {
        let match = LabelSetCheck.closest(to: label, among: candidates)
        #expect(match?.label == expected)
        #expect(match?.isVariant == variant)
    }

    @Test func anUnrelatedLabelHasNoClosestMatch() {
        #expect(LabelSetCheck.closest(to: "Weather", among: ["Business", "Sports"]) == nil)
    }

    @Test func editDistanceCountsSingleCharacterEdits() {
        #expect(LabelSetCheck.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(LabelSetCheck.editDistance(Array(""), Array("abc")) == 3)
        #expect(LabelSetCheck.editDistance(Array("flaw"), Array("lawn")) == 2)
    }
}
