import Foundation

/// Tests on counts the bias audit uses: the χ² test of homogeneity, the log odds ratio, entropy.
enum Contingency {
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

    /// The log odds ratio of a 2 × 2 table [[a, b], [c, d]] (a: exposed with the outcome, b: exposed
    /// without, c: unexposed with, d: unexposed without) and its standard error, ½ added to every cell
    /// (Haldane 1956; Anscombe 1956) so that empty cells give finite values:
    /// log((a + ½)(d + ½) / ((b + ½)(c + ½))), SE = √Σ 1/(cell + ½) (Woolf 1955).
    static func logOddsRatio(a: Int, b: Int, c: Int, d: Int) -> (value: Double, standardError: Double) {
        let cells = [a, b, c, d].map { Double($0) + 0.5 }
        let value = log(cells[0] * cells[3] / (cells[1] * cells[2]))
        return (value, cells.reduce(0) { $0 + 1 / $1 }.squareRoot())
    }

    /// Entropy of the distribution `counts` divides by log K over its K categories: 1 when uniform,
    /// 0 when one category has everything; nil for fewer than two categories or no counts.
    static func normalizedEntropy(_ counts: [Double]) -> Double? {
        let total = counts.reduce(0, +)
        guard counts.count >= 2, total > 0 else { return nil }
        let entropy = counts.reduce(0.0) { sum, count in
            count > 0 ? sum - count / total * log(count / total) : sum
        }
        return entropy / log(Double(counts.count))
    }
}
