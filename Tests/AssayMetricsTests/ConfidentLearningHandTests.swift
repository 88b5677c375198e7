import AssayLinalg
import AssayReport
import Testing

@testable import AssayMetrics

/// Confident learning on small probability matrices, every count derived by hand from METRICS.md's
/// steps (probabilities are multiples of 1/8 or 1/16, exact in Float).
struct ConfidentLearningHandTests {
    private func learn(_ rows: [[Float]], _ labels: [Int32]) -> ConfidentLearning {
        ConfidentLearning(probabilities: Matrix(rowVectors: rows), labels: labels)
    }

    /// Three classes, four rows each; row 3 (labelled 0) looks like class 1, row 7 (labelled 1) like 2.
    /// t0 = (3·6/8 + 1/8)/4 = 19/32, t1 = 19/32, t2 = 6/8. Row 3: p1 = 6/8 ≥ t1 → C[0][1]; row 7:
    /// p2 = 6/8 ≥ t2 → C[1][2]; the rest on the diagonal. C = [[3,1,0],[0,3,1],[0,0,4]], rows already sum
    /// to the counts (4) and the whole to N (12). Prune: the one class-0 row with the largest p1 − p0 is
    /// row 3; the one class-1 row with the largest p2 − p1 is row 7. Both have self-confidence 1/8: the
    /// tie goes to the lower row.
    @Test func twoFlippedRowsOfThreeClasses() {
        let a: [Float] = [6 / 8, 1 / 8, 1 / 8]
        let b: [Float] = [1 / 8, 6 / 8, 1 / 8]
        let c: [Float] = [1 / 8, 1 / 8, 6 / 8]
        let learning = learn([a, a, a, b, b, b, b, c, c, c, c, c], [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2])
        #expect(learning.thresholds == [19.0 / 32, 19.0 / 32, 0.75])
        #expect(learning.confidentJoint.dense == [[3, 1, 0], [0, 3, 1], [0, 0, 4]])
        #expect(learning.calibratedJoint.dense == [[3, 1, 0], [0, 3, 1], [0, 0, 4]])
        #expect(learning.issues == [3, 7])
        #expect(learning.predicted[3] == 1 && learning.predicted[7] == 2)
        #expect(learning.selfConfidence[3] == 0.125)
        #expect(abs(learning.issueRate - 2.0 / 12) < 1e-12)
        // Columns of C sum to 3, 4, 5: P(given | true).
        let noise = learning.noiseMatrix.dense
        #expect(noise[0] == [1, 0.25, 0])
        #expect(noise[1] == [0, 0.75, 0.2])
        #expect(noise[2] == [0, 0, 0.8])
        // Five of the nine cells are not zero, and only those are kept.
        #expect(learning.noiseMatrix.nonZeroCount == 5)
        #expect(learning.calibratedJoint.nonZeroCount == 5)
        #expect(learning.calibratedJoint[2, 0] == 0 && learning.calibratedJoint[1, 2] == 1)
    }

    /// t0 = (4/8 + 2/8)/2 = 3/8, t1 = 3/8, t2 = (6/8 + 4/8)/2 = 5/8.
    /// Row 0 is confident in 0 (4/8) and 1 (3/8): the more probable, 0, counts → C[0][0].
    /// Rows 1 and 5 reach no threshold and are not counted. Row 3 (labelled 1) reaches only t0 → C[1][0].
    /// C = [[1,0,0],[1,1,0],[0,0,1]]; calibrated to the counts (2 each): [[2,0,0],[1,1,0],[0,0,2]].
    /// Prune C[1][0] = 1: of rows 2 and 3, row 3 has the larger p0 − p1 (1/8 against −3/8); its argmax is
    /// class 0 (a tie of 3/8 with class 2, to the lower class), not its label → one issue.
    @Test func theMostProbableConfidentClassCountsAndUnconfidentRowsDoNot() {
        let learning = learn(
            [
                [4 / 8, 3 / 8, 1 / 8], [2 / 8, 2 / 8, 4 / 8], [1 / 8, 4 / 8, 3 / 8], [3 / 8, 2 / 8, 3 / 8],
                [1 / 8, 1 / 8, 6 / 8], [2 / 8, 2 / 8, 4 / 8],
            ], [0, 0, 1, 1, 2, 2])
        #expect(learning.thresholds == [0.375, 0.375, 0.625])
        #expect(learning.confidentJoint.dense == [[1, 0, 0], [1, 1, 0], [0, 0, 1]])
        #expect(learning.calibratedJoint.dense == [[2, 0, 0], [1, 1, 0], [0, 0, 2]])
        #expect(learning.issues == [3])
        #expect(learning.predicted[3] == 0)
    }

    /// Two classes. t0 = (9/16 + 1 + 1)/3 = 41/48, t1 = (6/16 + 6/16 + 7/16)/3 = 19/48.
    /// Row 0 (labelled 0): p0 = 9/16 < t0, p1 = 7/16 ≥ t1 → C[0][1]. Rows 1, 2 → C[0][0]; rows 3, 4 reach
    /// neither; row 5 → C[1][1]. C = [[2,1],[0,1]], calibrated [[2,1],[0,3]]. Pruning flags row 0 (largest
    /// p1 − p0), but its most probable class is its own label, so it is cleared: no issue.
    @Test func aFlaggedRowWhoseArgmaxIsItsLabelIsCleared() {
        let learning = learn(
            [[9 / 16, 7 / 16], [1, 0], [1, 0], [10 / 16, 6 / 16], [10 / 16, 6 / 16], [9 / 16, 7 / 16]],
            [0, 0, 0, 1, 1, 1])
        #expect(learning.confidentJoint.dense == [[2, 1], [0, 1]])
        #expect(learning.calibratedJoint.dense == [[2, 1], [0, 3]])
        #expect(learning.issues.isEmpty)
        #expect(learning.issueRate == 0)
    }

    /// Every row confident in its own label: a diagonal joint, no issue, the identity noise matrix.
    /// (A row at 6/8 beside one at 7/8 would fall below its class's threshold of 13/16 and not count.)
    @Test func cleanLabelsHaveNoIssues() {
        let learning = learn([[7 / 8, 1 / 8], [7 / 8, 1 / 8], [1 / 8, 7 / 8], [1 / 8, 7 / 8]], [0, 0, 1, 1])
        #expect(learning.confidentJoint.dense == [[2, 0], [0, 2]])
        #expect(learning.issues.isEmpty)
        #expect(learning.noiseMatrix.dense == [[1, 0], [0, 1]])
    }

    /// Rows without a label (−1) count nowhere; a class with one row is never pruned.
    /// Class 1 has the single row 2, which looks like class 0: t1 = 1/8 so row 2 is confident in 1 as well
    /// as 0 (p0 = 7/8 ≥ t0 = 7/8) → most probable: 0 → C[1][0] = 1; the diagonal clip makes C[1][1] = 1.
    /// Calibrated row 1: [0.5, 0.5] → half-to-even [0, 0], one short of 1 → the first cell: [1, 0]; class 1
    /// keeps one row on the diagonal → [0, 1]. Nothing to prune, and class 1 has one row anyway.
    @Test func unlabelledRowsAndSingleRowClassesAreLeftAlone() {
        let learning = learn([[7 / 8, 1 / 8], [7 / 8, 1 / 8], [7 / 8, 1 / 8], [1 / 8, 7 / 8]], [0, 0, 1, -1])
        #expect(learning.labelCounts == [2, 1])
        #expect(learning.thresholds == [0.875, 0.125])
        #expect(learning.confidentJoint.dense == [[2, 0], [1, 1]])
        #expect(learning.calibratedJoint.dense == [[2, 0], [0, 1]])
        #expect(learning.issues.isEmpty)
        #expect(learning.selfConfidence[3].isNaN)
        #expect(learning.labelledRows == 3)
    }

    /// Half-to-even rounding, then the shortfall goes to the largest remainders (ties to the earlier
    /// value) and a surplus is taken from the smallest.
    @Test func roundingPreservesEachRowsTotal() {
        // 0.5, 1.5, 2.5, 0.5 → 0, 2, 2, 0 (sum 4, target 5) → remainders .5, −.5, .5, .5 → index 0.
        #expect(ConfidentLearning.roundPreservingSum([0.5, 1.5, 2.5, 0.5]) == [1, 2, 2, 0])
        // 1.4, 1.4, 1.2 → 1, 1, 1 (sum 3, target 4) → the first .4.
        #expect(ConfidentLearning.roundPreservingSum([1.4, 1.4, 1.2]) == [2, 1, 1])
        // 1.6, 1.6, 0.8 → 2, 2, 1 (sum 5, target 4) → the first −.4.
        #expect(ConfidentLearning.roundPreservingSum([1.6, 1.6, 0.8]) == [1, 2, 1])
    }

    /// C = [[3,1],[1,1]] with counts [5, 1]: row 0 → [3.75, 1.25] → [4, 1]; row 1 → [0.5, 0.5] → [1, 0];
    /// the whole already sums to N = 6. Class 1 has a row but no diagonal: one moves from [1][0] to [1][1].
    @Test func calibrationScalesRowsToTheLabelCounts() {
        #expect(
            ConfidentLearning.calibrate(SparseMatrix([[3, 1], [1, 1]]), counts: [5, 1]).dense == [[4, 1], [0, 1]])
    }

    /// Rows without a diagonal cell. C = [[2, 2, 0], [0, 0, 0], [0, 0, 0]] with counts [2, 2, 0]: row 0 → [1, 1, 0];
    /// row 1 has no cells (its total is 0). The whole sums to 2 of N = 4: ×2 → row 0 [2, 2, 0]. Class 1 has rows
    /// but no cell to take one from, so it stays empty; class 2 has no rows and stays empty too.
    @Test func calibrationOfRowsWithoutCells() {
        let calibrated = ConfidentLearning.calibrate(
            SparseMatrix([[2, 2, 0], [0, 0, 0], [0, 0, 0]]), counts: [2, 2, 0])
        #expect(calibrated.dense == [[2, 2, 0], [0, 0, 0], [0, 0, 0]])
        // C = [[1, 3], [2, 0]], counts [4, 2]: row 1 → [2, 0] has no diagonal cell; one unit moves onto it.
        let moved = ConfidentLearning.calibrate(SparseMatrix([[1, 3], [2, 0]]), counts: [4, 2])
        #expect(moved.dense == [[1, 3], [1, 1]])
        #expect(moved.cells.map(\.column) == [0, 1, 0, 1])
    }

    /// Many classes: 1,000 classes of two rows; each class's first row is certain of its class, its second
    /// of the next class (mod K). t_j = 1/2, so the joint has the diagonal cells (j, j) and the cells
    /// (j, j + 1) of 1, 2,000 of the million; calibrated (rows sum to 2, the whole to N) it stays so; each
    /// column sums to 2, so the noise matrix is 0.5 at those cells. Pruning flags every second row.
    @Test func aThousandClassesKeepOnlyTheirNonZeroCells() {
        let k = 1000
        var values = [Float](repeating: 0, count: 2 * k * k)
        var labels: [Int32] = []
        for j in 0..<k {
            values[(2 * j) * k + j] = 1
            values[(2 * j + 1) * k + (j + 1) % k] = 1
            labels += [Int32(j), Int32(j)]
        }
        let learning = ConfidentLearning(
            probabilities: Matrix(rows: 2 * k, columns: k, values: values), labels: labels)
        #expect(learning.confidentJoint.nonZeroCount == 2 * k)
        #expect(learning.calibratedJoint.nonZeroCount == 2 * k)
        #expect(learning.calibratedJoint[7, 7] == 1 && learning.calibratedJoint[7, 8] == 1)
        #expect(learning.calibratedJoint[k - 1, 0] == 1 && learning.calibratedJoint[8, 7] == 0)
        #expect(learning.noiseMatrix.nonZeroCount == 2 * k)
        #expect(learning.noiseMatrix[7, 8] == 0.5 && learning.noiseMatrix[8, 8] == 0.5)
        // Each class's second row is flagged and suggested as the next class.
        #expect(learning.issues.count == k)
        #expect(learning.predicted[15] == 8)
    }
}
