import AssayLinalg

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
/// Rows with a negative label (no label) are left out of every step.
public struct ConfidentLearning: Sendable, Equatable {
    /// K, the number of classes (the probability matrix's columns).
    public let classCount: Int
    /// t_j for each class; NaN for a class without rows.
    public let thresholds: [Double]
    /// The confident joint before calibration, C[given][y*].
    public let confidentJoint: [[Int]]
    /// The calibrated, rounded confident joint: row i sums to the count of label i.
    public let calibratedJoint: [[Int]]
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

        // Steps 2–3: the confident joint.
        var joint = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        for row in 0..<n where labels[row] >= 0 {
            var guess = -1
            for column in 0..<k where prob(row, column) >= thresholds[column] - 1e-6 {
                if guess < 0 || prob(row, column) > prob(row, guess) { guess = column }
            }
            if guess >= 0 { joint[Int(labels[row])][guess] += 1 }
        }
        for j in 0..<k { joint[j][j] = max(joint[j][j], 1) }
        let calibrated = ConfidentLearning.calibrate(joint, counts: counts)

        // Step 4: prune by noise rate.
        var flagged = [Bool](repeating: false, count: n)
        var rowsByLabel = [[Int]](repeating: [], count: k)
        for row in 0..<n where labels[row] >= 0 { rowsByLabel[Int(labels[row])].append(row) }
        for given in 0..<k where counts[given] > 1 {
            for other in 0..<k where other != given && calibrated[given][other] > 0 {
                let ranked = rowsByLabel[given].sorted { a, b in
                    let ma = prob(a, other) - prob(a, given)
                    let mb = prob(b, other) - prob(b, given)
                    return ma != mb ? ma > mb : a < b
                }
                for row in ranked.prefix(calibrated[given][other]) { flagged[row] = true }
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
    public var noiseMatrix: [[Double]] {
        let k = classCount
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for j in 0..<k {
            let column = (0..<k).reduce(0) { $0 + calibratedJoint[$1][j] }
            for i in 0..<k {
                matrix[i][j] = column > 0 ? Double(calibratedJoint[i][j]) / Double(column) : (i == j ? 1 : 0)
            }
        }
        return matrix
    }

    /// The labelled rows considered.
    public var labelledRows: Int { labelCounts.reduce(0, +) }

    /// Share of the labelled rows with a label issue (0 when there are none).
    public var issueRate: Double {
        labelledRows > 0 ? Double(issues.count) / Double(labelledRows) : 0
    }

    /// Calibrates the confident joint so that row i sums to `counts[i]` and the whole to N, then rounds
    /// each row to integers preserving its total; a class with rows keeps a diagonal of at least 1.
    static func calibrate(_ joint: [[Int]], counts: [Int]) -> [[Int]] {
        let k = counts.count
        var scaled = joint.enumerated().map { i, row -> [Double] in
            let total = row.reduce(0, +)
            return row.map { total > 0 ? Double($0) / Double(total) * Double(counts[i]) : 0 }
        }
        let sum = scaled.joined().reduce(0, +)
        let n = Double(counts.reduce(0, +))
        if sum > 0 { scaled = scaled.map { $0.map { $0 / sum * n } } }
        var rounded = scaled.map(roundPreservingSum)
        for i in 0..<k where counts[i] > 0 && rounded[i][i] < 1 {
            // Keep one row of the class: take it from its largest off-diagonal cell.
            guard let largest = (0..<k).filter({ $0 != i }).max(by: { rounded[i][$0] < rounded[i][$1] }),
                rounded[i][largest] > 0
            else { continue }
            rounded[i][largest] -= 1
            rounded[i][i] += 1
        }
        return rounded
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
