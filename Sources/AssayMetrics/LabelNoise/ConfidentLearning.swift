import AssayLinalg
import AssayReport

/// Label issues found by confident learning (Northcutt, Jiang & Chuang 2021, as in cleanlab's
/// `find_label_issues(filter_by="prune_by_noise_rate")`), from out-of-sample class probabilities.
///
/// The steps, as METRICS.md ("Label noise") states them:
/// 1. Per-class thresholds t_j = mean of P̂_ij over the rows labelled j.
/// 2. The confident classes of row i are {j : P̂_ij ≥ t_j} (within 1e-6); y*_i is the one, or the most
///    probable among several; a row with none is not counted.
/// 3. The confident joint C[given][y*] counts the rows; every diagonal cell is at least 1 (as cleanlab);
///    it is calibrated so that row i sums to the count of label i and the whole to N, then rounded to
///    integers preserving each row's total (largest remainders first).
/// 4. Prune by noise rate: for each off-diagonal cell (i → j), the C[i][j] rows labelled i with the
///    largest margin P̂_j − P̂_i are flagged; a class keeps at least one row (its diagonal is at least
///    1), and a class with a single row is not pruned. A flagged row whose most probable class is its
///    given label is cleared again (as cleanlab).
/// 5. Issues are ranked by self-confidence P̂_{i,given}, lowest first.
///
/// Rows with a negative label (no label) are left out of every step. The joints and the noise matrix are
/// sparse (at most N + K cells are not zero), so nothing here costs O(K²) however many classes there are.
public struct ConfidentLearning: Sendable, Equatable {
    /// K, the number of classes (the probability matrix's columns).
    public let classCount: Int
    /// t_j for each class; NaN for a class without rows.
    public let thresholds: [Double]
    /// The confident joint before calibration, C[given][y*].
    public let confidentJoint: SparseMatrix<Int>
    /// The calibrated, rounded confident joint: row i sums to the count of label i.
    public let calibratedJoint: SparseMatrix<Int>
    /// The rows with label issues, most likely mislabelled (lowest self-confidence) first.
    public let issues: [Int]
    /// The most probable class of each row (ties to the lower class), the label to suggest.
    public let predicted: [Int32]
    /// P̂_{i,given} of each row (NaN for unlabelled rows).
    public let selfConfidence: [Double]
    /// The rows carrying each label.
    public let labelCounts: [Int]

    /// Finds the label issues of `labels` under `probabilities`.
    ///
    /// - Parameters:
    ///   - probabilities: N×K out-of-sample probabilities, one row per labelled row.
    ///   - labels: class ids in 0..<K, or −1 for a row without a label.
    /// - Complexity: O(N·K + N log N).
    public init(probabilities: Matrix, labels: [Int32]) {
        precondition(probabilities.rows == labels.count, "one probability row per label")
        let k = probabilities.columns
        precondition(labels.allSatisfy { $0 < k }, "a label id is not below the class count")
        let n = labels.count
        let p = probabilities.values.map(Double.init)
        func prob(_ row: Int, _ column: Int) -> Double { p[row * k + column] }

        var counts = [Int](repeating: 0, count: k)
        var sums = [Double](repeating: 0, count: k)
        var predicted = [Int32](repeating: 0, count: n)
        var selfConfidence = [Double](repeating: .nan, count: n)
        for row in 0..<n {
            var best = 0
            for column in 1..<max(k, 1) where prob(row, column) > prob(row, best) { best = column }
            predicted[row] = Int32(best)
            let label = Int(labels[row])
            guard label >= 0 else { continue }
            counts[label] += 1
            sums[label] += prob(row, label)
            selfConfidence[row] = prob(row, label)
        }
        let thresholds = (0..<k).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : .nan }

        // Steps 2–3: the confident joint, one cell of 1 per counted row.
        var guesses: [SparseMatrix<Int>.Cell] = []
        for row in 0..<n where labels[row] >= 0 {
            var guess = -1
            for column in 0..<k where prob(row, column) >= thresholds[column] - 1e-6 {
                if guess < 0 || prob(row, column) > prob(row, guess) { guess = column }
            }
            if guess >= 0 { guesses.append(.init(row: Int(labels[row]), column: guess, value: 1)) }
        }
        let counted = SparseMatrix(rows: k, columns: k, cells: guesses)
        let emptyDiagonal = (0..<k).filter { counted[$0, $0] == 0 }.map {
            SparseMatrix<Int>.Cell(row: $0, column: $0, value: 1)
        }
        let joint = SparseMatrix(rows: k, columns: k, cells: counted.cells + emptyDiagonal)
        let calibrated = ConfidentLearning.calibrate(joint, counts: counts)

        // Step 4: prune by noise rate.
        var flagged = [Bool](repeating: false, count: n)
        var rowsByLabel = [[Int]](repeating: [], count: k)
        for row in 0..<n where labels[row] >= 0 { rowsByLabel[Int(labels[row])].append(row) }
        for given in 0..<k where counts[given] > 1 {
            for cell in calibrated.cells(inRow: given) where cell.column != given && cell.value > 0 {
                let other = cell.column
                let ranked = rowsByLabel[given].sorted { a, b in
                    let ma = prob(a, other) - prob(a, given)
                    let mb = prob(b, other) - prob(b, given)
                    return ma != mb ? ma > mb : a < b
                }
                for row in ranked.prefix(cell.value) { flagged[row] = true }
            }
        }
        for row in 0..<n where flagged[row] && predicted[row] == labels[row] { flagged[row] = false }

        // Step 5: rank by self-confidence.
        let issues = (0..<n).filter { flagged[$0] }.sorted { a, b in
            selfConfidence[a] != selfConfidence[b] ? selfConfidence[a] < selfConfidence[b] : a < b
        }
        self.classCount = k
        self.thresholds = thresholds
        self.confidentJoint = joint
        self.calibratedJoint = calibrated
        self.issues = issues
        self.predicted = predicted
        self.selfConfidence = selfConfidence
        self.labelCounts = counts
    }

    /// The estimated noise matrix P(given = i | true = j) from the calibrated joint: each column sums
    /// to 1 (a class that no row is estimated to truly belong to gets the identity column).
    ///
    /// - Complexity: O(K + non-zero cells of the calibrated joint).
    public var noiseMatrix: SparseMatrix<Double> {
        let totals = calibratedJoint.columnSums
        var cells = calibratedJoint.cells.compactMap { cell in
            totals[cell.column] > 0
                ? SparseMatrix<Double>.Cell(
                    row: cell.row, column: cell.column, value: Double(cell.value) / Double(totals[cell.column]))
                : nil
        }
        for j in 0..<classCount where totals[j] == 0 { cells.append(.init(row: j, column: j, value: 1)) }
        return SparseMatrix(rows: classCount, columns: classCount, cells: cells)
    }

    /// The labelled rows considered.
    public var labelledRows: Int { labelCounts.reduce(0, +) }

    /// Share of the labelled rows with a label issue (0 when there are none).
    public var issueRate: Double {
        labelledRows > 0 ? Double(issues.count) / Double(labelledRows) : 0
    }

    /// Calibrates the confident joint so that row i sums to `counts[i]` and the whole to N, then rounds
    /// each row to integers preserving its total; a class with rows keeps a diagonal of at least 1.
    ///
    /// Only the joint's non-zero cells are scaled and rounded: a zero cell scales to 0 and adds nothing to a
    /// sum, and the rounding never moves a unit onto a value of 0 (a shortfall of d units has at least d
    /// positive remainders, a surplus at least d negative ones), so this is the dense computation's result.
    ///
    /// - Complexity: O(K + n log n) for n non-zero cells of `joint`.
    static func calibrate(_ joint: SparseMatrix<Int>, counts: [Int]) -> SparseMatrix<Int> {
        let k = counts.count
        let totals = joint.rowSums
        var scaled = joint.cells.map { cell in
            let total = totals[cell.row]
            return total > 0 ? Double(cell.value) / Double(total) * Double(counts[cell.row]) : 0
        }
        let sum = scaled.reduce(0, +)
        let n = Double(counts.reduce(0, +))
        if sum > 0 { scaled = scaled.map { $0 / sum * n } }
        var rounded = [Int](repeating: 0, count: scaled.count)
        var added: [SparseMatrix<Int>.Cell] = []
        for i in 0..<k {
            let row = joint.cells(inRow: i).indices
            rounded.replaceSubrange(row, with: roundPreservingSum(Array(scaled[row])))
            let diagonal = row.first { joint.cells[$0].column == i }
            guard counts[i] > 0, diagonal.map({ rounded[$0] < 1 }) ?? true else { continue }
            // Keep one row of the class: take it from its largest off-diagonal cell (the first of equals).
            guard let largest = row.filter({ $0 != diagonal }).max(by: { rounded[$0] < rounded[$1] }),
                rounded[largest] > 0
            else { continue }
            rounded[largest] -= 1
            if let diagonal {
                rounded[diagonal] += 1
            } else {
                added.append(.init(row: i, column: i, value: 1))
            }
        }
        let cells = zip(joint.cells, rounded).map { cell, value in
            SparseMatrix<Int>.Cell(row: cell.row, column: cell.column, value: value)
        }
        return SparseMatrix(rows: k, columns: k, cells: cells + added)
    }

    /// Rounds each value half to even, then moves the rounding error onto the values with the largest
    /// remainders (the smallest for a surplus) so the integers keep the rounded total; ties go to the
    /// earlier value.
    static func roundPreservingSum(_ values: [Double]) -> [Int] {
        var ints = values.map { Int($0.rounded(.toNearestOrEven)) }
        let target = Int(values.reduce(0, +).rounded(.toNearestOrEven))
        var difference = target - ints.reduce(0, +)
        while difference != 0 {
            let step = difference > 0 ? 1 : -1
            let order = values.indices.sorted { a, b in
                let ra = values[a] - Double(ints[a])
                let rb = values[b] - Double(ints[b])
                if ra != rb { return step > 0 ? ra > rb : ra < rb }
                return a < b
            }
            for index in order.prefix(min(abs(difference), values.count)) { ints[index] += step }
            difference = target - ints.reduce(0, +)
        }
        return ints
    }
}
