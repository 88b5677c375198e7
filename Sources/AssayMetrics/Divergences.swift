import Foundation

/// The distances, divergences and tests between two samples or two distributions that the metrics
/// share, in one place: on category distributions the total variation distance, the Jensen–Shannon
/// divergence and the χ² test of homogeneity; on two samples of a number the Kolmogorov–Smirnov
/// statistic and the Wasserstein-1 distance; on scores the ROC AUC.
///
/// Pure functions of their arguments; each states its formula and source.
public enum Divergences {
    // MARK: Category distributions

    /// Total variation distance ½ Σ_k |p_k − q_k| of two distributions over the same categories, each
    /// normalised to sum 1 first; in [0, 1].
    ///
    /// - Parameters:
    ///   - p: non-negative masses (counts or shares) with a positive sum.
    ///   - q: the same for the other side, category for category.
    /// - Complexity: O(K).
    public static func totalVariation(_ p: [Double], _ q: [Double]) -> Double {
        precondition(p.count == q.count, "the distributions have different numbers of categories")
        let p = normalized(p)
        let q = normalized(q)
        return 0.5 * zip(p, q).reduce(0) { $0 + abs($1.0 - $1.1) }
    }

    /// The Jensen–Shannon divergence (Lin 1991) in bits, of two distributions each normalised to sum 1:
    /// JSD = ½·KL(p‖m) + ½·KL(q‖m), m = (p + q)/2, with base-2 logarithms and 0·log 0 = 0; in [0, 1]. The
    /// divergence itself, not its square root (SciPy's `jensenshannon` returns the root).
    ///
    /// - Parameters:
    ///   - p: non-negative masses (counts or shares) with a positive sum.
    ///   - q: the same for the other side, category for category.
    /// - Complexity: O(K).
    public static func jensenShannon(_ p: [Double], _ q: [Double]) -> Double {
        precondition(p.count == q.count, "the distributions have different numbers of categories")
        let p = normalized(p)
        let q = normalized(q)
        var divergence = 0.0
        for (a, b) in zip(p, q) {
            let middle = (a + b) / 2
            if a > 0 { divergence += 0.5 * a * log2(a / middle) }
            if b > 0 { divergence += 0.5 * b * log2(b / middle) }
        }
        return min(1, max(0, divergence))
    }

    /// `masses` divided by their sum.
    static func normalized(_ masses: [Double]) -> [Double] {
        precondition(masses.allSatisfy { $0 >= 0 }, "a distribution has a negative mass")
        let total = masses.reduce(0, +)
        precondition(total > 0, "a distribution has no mass")
        return masses.map { $0 / total }
    }

    /// The χ² test that two count vectors over the same categories come from one distribution.
    ///
    /// Statistic Σ (O − E)² / E over the 2 × K table, E = row total · column total / N; categories with
    /// no count on either side are dropped; K − 1 degrees of freedom (Pearson 1900).
    /// - Returns: nil when a side has no counts or fewer than two categories remain.
    /// - Complexity: O(K).
    static func chiSquare(_ a: [Double], _ b: [Double]) -> (statistic: Double, degrees: Int, pValue: Double)? {
        precondition(a.count == b.count, "the two sides need the same categories")
        let kept = a.indices.filter { a[$0] + b[$0] > 0 }
        let totalA = kept.reduce(0) { $0 + a[$1] }
        let totalB = kept.reduce(0) { $0 + b[$1] }
        guard kept.count >= 2, totalA > 0, totalB > 0 else { return nil }
        let n = totalA + totalB
        var statistic = 0.0
        for k in kept {
            let column = a[k] + b[k]
            for (observed, rowTotal) in [(a[k], totalA), (b[k], totalB)] {
                let expected = rowTotal * column / n
                statistic += (observed - expected) * (observed - expected) / expected
            }
        }
        let degrees = kept.count - 1
        return (statistic, degrees, upperRegularizedGamma(Double(degrees) / 2, statistic / 2))
    }

    /// Q(s, x) = Γ(s, x) / Γ(s), the χ² survival function at 2x with 2s degrees of freedom.
    ///
    /// The series of P(s, x) below x < s + 1, else Legendre's continued fraction for Q evaluated by
    /// the modified Lentz method (Press et al., Numerical Recipes, §6.2); relative accuracy ~1e-14.
    /// - Complexity: O(√s + log(1/ε)) iterations.
    static func upperRegularizedGamma(_ s: Double, _ x: Double) -> Double {
        guard x > 0 else { return 1 }
        let logPrefactor = s * log(x) - x - lgamma(s)
        if x < s + 1 {
            var term = 1 / s
            var sum = term
            var denominator = s
            for _ in 0..<10_000 {
                denominator += 1
                term *= x / denominator
                sum += term
                if abs(term) < abs(sum) * 1e-16 { break }
            }
            return max(0, 1 - sum * exp(logPrefactor))
        }
        let tiny = 1e-300
        var b = x + 1 - s
        var c = 1 / tiny
        var d = 1 / b
        var fraction = d
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - s)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            fraction *= step
            if abs(step - 1) < 1e-16 { break }
        }
        return min(1, exp(logPrefactor) * fraction)
    }

    // MARK: Samples of a number

    /// The two-sample Kolmogorov–Smirnov statistic sup_x |F_a(x) − F_b(x)| of the empirical
    /// distribution functions of `a` and `b` (ties handled by stepping over every copy of a value; the
    /// statistic of `scipy.stats.ks_2samp`); nil when either sample is empty.
    ///
    /// - Complexity: O(n log n) for n values in all.
    static func kolmogorovSmirnov(_ a: [Double], _ b: [Double]) -> Double? {
        kolmogorovSmirnov(sorted: a.sorted(), b.sorted())
    }

    /// `kolmogorovSmirnov(_:_:)` of two samples sorted ascending.
    ///
    /// - Complexity: O(n).
    static func kolmogorovSmirnov(sorted x: [Double], _ y: [Double]) -> Double? {
        guard !x.isEmpty, !y.isEmpty else { return nil }
        let (nx, ny) = (Double(x.count), Double(y.count))
        var (i, j) = (0, 0)
        var statistic = 0.0
        while i < x.count, j < y.count {
            let value = min(x[i], y[j])
            while i < x.count, x[i] <= value { i += 1 }
            while j < y.count, y[j] <= value { j += 1 }
            statistic = max(statistic, abs(Double(i) / nx - Double(j) / ny))
        }
        return statistic
    }

    /// The Wasserstein-1 (earth mover's) distance ∫ |F_a(x) − F_b(x)| dx between the empirical
    /// distributions of `a` and `b` (`scipy.stats.wasserstein_distance`); nil when either is empty.
    ///
    /// - Complexity: O(n log n) for n values in all.
    static func wasserstein(_ a: [Double], _ b: [Double]) -> Double? {
        wasserstein(sorted: a.sorted(), b.sorted())
    }

    /// `wasserstein(_:_:)` of two samples sorted ascending.
    ///
    /// - Complexity: O(n).
    static func wasserstein(sorted x: [Double], _ y: [Double]) -> Double? {
        guard !x.isEmpty, !y.isEmpty else { return nil }
        let (nx, ny) = (Double(x.count), Double(y.count))
        var (i, j) = (0, 0)
        var previous: Double?
        var distance = 0.0
        while i < x.count || j < y.count {
            let value = min(i < x.count ? x[i] : .infinity, j < y.count ? y[j] : .infinity)
            if let previous { distance += abs(Double(i) / nx - Double(j) / ny) * (value - previous) }
            while i < x.count, x[i] == value { i += 1 }
            while j < y.count, y[j] == value { j += 1 }
            previous = value
        }
        return distance
    }

    // MARK: Scores

    /// The ROC AUC of `scores` for telling `positives` from the rest: the Mann–Whitney U statistic over
    /// n₊·n₋, P(score of a positive > score of a negative) with ties counted ½ (Hanley & McNeil 1982; the
    /// value of scikit-learn's `roc_auc_score`). Computed from average ranks:
    /// AUC = (Σ_{positives} rank − n₊(n₊ + 1)/2)/(n₊·n₋).
    ///
    /// - Parameters:
    ///   - scores: one score per example, higher = more positive; not NaN.
    ///   - positives: whether each example is positive.
    /// - Returns: the AUC in [0, 1]; nil without both positives and negatives.
    /// - Complexity: O(n log n).
    public static func rocAUC(scores: [Double], positives: [Bool]) -> Double? {
        precondition(scores.count == positives.count, "\(scores.count) scores for \(positives.count) labels")
        precondition(!scores.contains { $0.isNaN }, "a score is NaN")
        let positiveCount = positives.count { $0 }
        let negativeCount = positives.count - positiveCount
        guard positiveCount > 0, negativeCount > 0 else { return nil }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var positiveRanks = 0.0
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, scores[order[end]] == scores[order[start]] { end += 1 }
            let averageRank = Double(start + 1 + end) / 2
            for position in start..<end where positives[order[position]] { positiveRanks += averageRank }
            start = end
        }
        let n = Double(positiveCount)
        return (positiveRanks - n * (n + 1) / 2) / (n * Double(negativeCount))
    }
}
