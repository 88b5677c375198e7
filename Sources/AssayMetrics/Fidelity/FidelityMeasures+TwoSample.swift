import AssayCore
import AssayLinalg
import Foundation

/// The classifier two-sample test.
extension FidelityMeasures {
    /// The result of a classifier two-sample test.
    public struct TwoSampleTest: Sendable, Equatable {
        /// One held-out row and the classifier's score for it.
        public struct HeldOutRow: Sendable, Equatable {
            /// 0 for a row of the original set, 1 for one of the synthetic set.
            public let side: Int
            /// The row's index within its side's matrix.
            public let row: Int
            /// P(synthetic | row), the trained classifier's probability.
            public let score: Double

            public init(side: Int, row: Int, score: Double) {
                self.side = side
                self.row = row
                self.score = score
            }
        }

        /// The ROC AUC of `score` for `side == 1` over the held-out rows; 0.5 = indistinguishable.
        public let auc: Double
        /// Every held-out row: the original ones by ascending row, then the synthetic ones.
        public let heldOut: [HeldOutRow]
    }

    /// The classifier two-sample test (Lopez-Paz & Oquab 2017; as Evidently's text drift and SDMetrics'
    /// detection metrics): can a classifier tell the synthetic rows from the original ones?
    ///
    /// Rows of `original` are labelled 0, rows of `synthetic` 1. Each side is split at random (seeded,
    /// stream "fidelity/two-sample/original" or ".../synthetic"): ⌊n/2⌋ rows train, the other ⌈n/2⌉ are
    /// held out (scikit-learn's `train_test_split(test_size=0.5, stratify=…)` proportions). A
    /// `LogisticRegression` with default options (C = 1, on standardised features) is trained on the
    /// training rows; the AUC is that of P(synthetic) on the held-out rows.
    ///
    /// - Returns: the AUC and every held-out row's side, index and score; nil when a side has fewer than 2
    ///   rows.
    /// - Complexity: O(N·d) to split and standardise, then O(N·d) per L-BFGS iteration.
    public static func classifierTwoSample(original: Matrix, synthetic: Matrix, seed: UInt64) -> TwoSampleTest? {
        precondition(
            original.columns == synthetic.columns,
            "original rows have \(original.columns) columns, synthetic \(synthetic.columns)")
        guard original.rows >= 2, synthetic.rows >= 2 else { return nil }
        let originalSplit = halves(original.rows, seed: seed, stream: "fidelity/two-sample/original")
        let syntheticSplit = halves(synthetic.rows, seed: seed, stream: "fidelity/two-sample/synthetic")
        let training = original.selecting(rows: originalSplit.training)
        let syntheticTraining = synthetic.selecting(rows: syntheticSplit.training)
        let features = Matrix(
            rows: training.rows + syntheticTraining.rows, columns: original.columns,
            values: training.values + syntheticTraining.values)
        let labels =
            [Int32](repeating: 0, count: training.rows) + [Int32](repeating: 1, count: syntheticTraining.rows)
        let model = LogisticRegression(features: features, labels: labels, classCount: 2)
        let originalScores = model.probabilities(original.selecting(rows: originalSplit.heldOut))
        let syntheticScores = model.probabilities(synthetic.selecting(rows: syntheticSplit.heldOut))
        let heldOut =
            originalSplit.heldOut.enumerated().map { position, row in
                TwoSampleTest.HeldOutRow(side: 0, row: row, score: Double(originalScores[position, 1]))
            }
            + syntheticSplit.heldOut.enumerated().map { position, row in
                TwoSampleTest.HeldOutRow(side: 1, row: row, score: Double(syntheticScores[position, 1]))
            }
        guard let auc = Divergences.rocAUC(scores: heldOut.map(\.score), positives: heldOut.map { $0.side == 1 }) else {
            return nil
        }
        return TwoSampleTest(auc: auc, heldOut: heldOut)
    }

    /// A seeded split of 0..<count: ⌊count/2⌋ training rows and the rest held out, each ascending.
    ///
    /// - Complexity: O(count log count).
    private static func halves(_ count: Int, seed: UInt64, stream: String) -> (training: [Int], heldOut: [Int]) {
        var random = SeededRandom(seed: seed, stream: stream)
        let training = Sampling.withoutReplacement(count / 2, from: count, using: &random)
        var isTraining = [Bool](repeating: false, count: count)
        for row in training { isTraining[row] = true }
        return (training, (0..<count).filter { !isTraining[$0] })
    }
}
