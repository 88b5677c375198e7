/// Principal component analysis through the eigen-decomposition of the d×d covariance matrix.
public struct PCA: Sendable {
    /// The mean that was subtracted.
    public let mean: [Float]
    /// The principal axes as rows, by decreasing variance; each unit length, its largest-magnitude
    /// entry positive (so the signs are the same on every machine).
    public let components: Matrix
    /// The variance along each component.
    public let explainedVariance: [Float]
    /// Each component's share of the total variance.
    public let explainedVarianceRatio: [Double]

    /// The fewest leading components that explain at least `varianceToKeep` of the variance
    /// (MAUVE keeps 0.9), or exactly `componentCount` when given.
    ///
    /// - Returns: nil when the eigen-decomposition fails.
    /// - Complexity: O(N · d² + d³).
    public init?(_ data: Matrix, varianceToKeep: Double = 1, componentCount: Int? = nil) {
        precondition(data.rows > 1, "PCA needs at least two rows")
        let mean = data.columnMeans
        let covariance = data.subtractingFromRows(mean).gram(alpha: 1 / Float(data.rows - 1))
        guard let eigen = SymmetricEigen(covariance) else { return nil }
        let d = data.columns
        let order = Array((0..<d).reversed())
        let variances = order.map { max(0, eigen.values[$0]) }
        let total = variances.reduce(0) { $0 + Double($1) }
        let ratios = variances.map { total > 0 ? Double($0) / total : 0 }
        var keep = componentCount ?? d
        if componentCount == nil {
            var cumulative = 0.0
            for (index, ratio) in ratios.enumerated() {
                cumulative += ratio
                if cumulative >= varianceToKeep - 1e-9 {
                    keep = index + 1
                    break
                }
            }
        }
        keep = max(1, min(keep, d))
        var axes = eigen.vectors.selecting(rows: Array(order.prefix(keep)))
        for r in 0..<keep {
            var largest: Float = 0
            for j in 0..<d where abs(axes[r, j]) > abs(largest) { largest = axes[r, j] }
            if largest < 0 {
                for j in 0..<d { axes[r, j] = -axes[r, j] }
            }
        }
        self.mean = mean
        self.components = axes
        self.explainedVariance = Array(variances.prefix(keep))
        self.explainedVarianceRatio = Array(ratios.prefix(keep))
    }

    /// `data` centred and projected on the components (N × components).
    public func transform(_ data: Matrix) -> Matrix {
        Matrix.product(data.subtractingFromRows(mean), components, transposeB: true)
    }
}
