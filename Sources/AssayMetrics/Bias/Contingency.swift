import Foundation

/// Statistics on counts the bias audit uses: the log odds ratio and entropy (the χ² test of homogeneity
/// is in `Divergences`).
enum Contingency {
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
