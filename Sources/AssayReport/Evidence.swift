import Foundation

/// The rules a verdict or a ranked problem must meet before the report states it: enough rows, an
/// interval that excludes "no difference", and a difference large enough to matter.
///
/// Every threshold is named here, so the report, the README and the tests quote one number.
public enum Evidence {
    /// The standard normal's 97.5% quantile: every interval the verdicts compute is a 95% interval.
    public static let z = 1.959964

    /// A side needs this many rows before a family reads anything but "too few rows to judge".
    public static let minimumRows = 20

    /// Per-side metrics count for or against a family only when they differ by at least this share of
    /// the original's magnitude (besides lying outside each other's intervals): at large N every
    /// difference is significant, and a 2% change is not a problem.
    public static let materialRelativeDifference = 0.1

    /// A KS distance counts as a difference only at or above this size, and above the two-sample
    /// test's 5% critical value for the sides' row counts.
    public static let materialKS = 0.1

    /// A label confusion (given class → the class a model of the original reads) is a problem when at
    /// least this many rows carry it …
    public static let minimumConfusedRows = 5
    /// … the class has at least `minimumRows` rows, and the Wilson lower bound of the confused share
    /// of the class reaches this and twice the original model's own cross-validated error rate.
    public static let confusedShare = 0.1

    /// An attribute value of the original is "missing" from the synthetic set when the original has at
    /// least this many rows of it and the synthetic set none.
    public static let minimumValueRows = 10

    /// Rows mentioning a group each side needs for its group–label associations to be judged: with fewer,
    /// one row moves a label's share among them by ten points or more, and the amplification's interval
    /// spans several units.
    public static let minimumMentions = 10

    /// A language rate of the synthetic set (rows in other languages, responses not in their prompt's language,
    /// rows mixing languages) drifts when it exceeds the original's by at least this much (`drift`): language
    /// identification errs on some short rows of both sides alike.
    public static let languageDrift = 0.05
    /// A language is one of a set's main languages when it holds at least this share of its identified rows.
    public static let mainLanguageShare = 0.1

    /// The synthetic minus original difference of two rates, with Newcombe's 95% interval, when it is drift: at
    /// least `languageDrift`, its interval above 0, and at least `minimumRows` rows counted a side; nil otherwise.
    public static func drift(synthetic: (count: Int, total: Int), original: (count: Int, total: Int)) -> (
        value: Double, low: Double, high: Double
    )? {
        guard min(synthetic.total, original.total) >= minimumRows,
            let difference = difference(synthetic, original), difference.value >= languageDrift, difference.low > 0
        else { return nil }
        return difference
    }

    /// The main languages of counts of rows by language (`und` left out): those of at least `mainLanguageShare`
    /// of the identified rows, and always the commonest, the most rows first.
    public static func mainLanguages(_ counts: [String: Int]) -> [String] {
        let identified = counts.filter { $0.key != "und" }
        let total = identified.values.reduce(0, +)
        let ranked = identified.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return ranked.enumerated().filter { index, entry in
            index == 0 || Double(entry.value) >= mainLanguageShare * Double(total)
        }.map(\.element.key)
    }

    /// `count` of `total` with its Wilson score interval (Wilson 1927); nil when `total` is 0.
    public static func wilson(_ count: Int, of total: Int) -> (value: Double, low: Double, high: Double)? {
        guard total > 0 else { return nil }
        let n = Double(total)
        let p = Double(count) / n
        let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
        return (p, max(0, centre - half), min(1, centre + half))
    }

    /// The difference `a − b` of two independent proportions with Newcombe's hybrid score interval
    /// (Newcombe 1998, method 10: the Wilson intervals of each combined); nil when a total is 0.
    public static func difference(_ a: (count: Int, total: Int), _ b: (count: Int, total: Int)) -> (
        value: Double, low: Double, high: Double
    )? {
        guard let p = wilson(a.count, of: a.total), let q = wilson(b.count, of: b.total) else { return nil }
        let delta = p.value - q.value
        let low = delta - ((p.value - p.low) * (p.value - p.low) + (q.high - q.value) * (q.high - q.value)).squareRoot()
        let high =
            delta + ((p.high - p.value) * (p.high - p.value) + (q.value - q.low) * (q.value - q.low)).squareRoot()
        return (delta, low, high)
    }

    /// Label issue rates are compared only when the classifier behind them reads the original's labels at
    /// least this well (cross-validated accuracy): a weak classifier flags rows by chance, differently on
    /// each side.
    public static let reliableClassifierAccuracy = 0.8

    /// The two-sample Kolmogorov–Smirnov statistic's 5% critical value for samples of `n` and `m`:
    /// c(0.05)·√((n + m)/(n·m)) with c(0.05) = 1.358 (Smirnov 1948's asymptotic distribution).
    public static func ksCritical(_ n: Int, _ m: Int) -> Double {
        guard n > 0, m > 0 else { return .infinity }
        return 1.358 * (Double(n + m) / Double(n * m)).squareRoot()
    }

    /// The z with P(Z > z) = `p` for a standard normal Z, by bisection on erfc (to 1e-10).
    public static func upperNormalQuantile(_ p: Double) -> Double {
        var low = -40.0
        var high = 40.0
        while high - low > 1e-10 {
            let mid = (low + high) / 2
            if 0.5 * erfc(mid / 2.0.squareRoot()) > p { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }

    /// Whether `a` and `b` differ by at least `materialRelativeDifference` of `a`'s magnitude.
    public static func isMaterial(_ a: Double, _ b: Double) -> Bool {
        abs(b - a) >= materialRelativeDifference * max(abs(a), 1e-12)
    }
}
