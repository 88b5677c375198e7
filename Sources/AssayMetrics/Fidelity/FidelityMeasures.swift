import AssayCore
import AssayLinalg
import Foundation

/// The fidelity measures of METRICS.md ("Fidelity", family `fidelity`), as pure functions of embedding
/// matrices (one row per example; P the original rows, Q the synthetic ones) and of label distributions.
///
/// The heavy products go to OpenBLAS through `Matrix`; no measure holds an N×M or N×N matrix. Each is
/// deterministic for the same inputs (and seed, where it draws at random).
public enum FidelityMeasures {
    // MARK: MAUVE

    /// The seeded k-means restarts MAUVE's clustering runs.
    public static let mauveRestarts = 5

    /// MAUVE (Pillutla et al. 2021, NeurIPS), as the `mauve-text` package's `compute_mauve` computes it
    /// from features, with `seed` as its `seed`.
    ///
    /// The rows of `q` then `p` are pooled (mauve-text's order) and scaled to unit length (its
    /// `norm='l2'`), projected by PCA on the fewest components that keep 90% of the variance, and
    /// clustered by k-means with k = max(2, round(min(N_P, N_Q)/10)) (round half to even, as Python), 5
    /// restarts and at most 500 iterations: `KMeans` runs faiss's algorithm from faiss's starting rows
    /// for clustering seed `seed + 2`, so the clusters are mauve-text's up to rounding. The two sides'
    /// shares of rows per cluster are the histograms handed to `mauve(histogramP:histogramQ:scaling:points:)`.
    ///
    /// - Parameters:
    ///   - p: the original rows, N_P×d.
    ///   - q: the synthetic rows, N_Q×d.
    ///   - seed: mauve-text's `seed` (its default is 25); only its low 32 bits matter.
    ///   - progress: advanced by one per k-means restart (`mauveRestarts` in all).
    /// - Returns: MAUVE in (0, 1], higher = closer; nil when a side has fewer than 2 rows or the PCA's
    ///   eigen-decomposition fails.
    /// - Complexity: O(N·d² + d³) for the PCA and O(5 · iterations · N·k·d′) at worst for k-means (the
    ///   iterations after the first touch only moved centres), N = N_P + N_Q, d′ the components kept.
    public static func mauve(_ p: Matrix, _ q: Matrix, seed: UInt64, progress: ProgressStep = .silent) -> Double? {
        precondition(p.columns == q.columns, "P has \(p.columns) columns, Q \(q.columns)")
        guard p.rows >= 2, q.rows >= 2 else { return nil }
        let pooled = Matrix(rows: q.rows + p.rows, columns: p.columns, values: q.values + p.values).rowNormalized
        guard let pca = PCA(pooled, varianceToKeep: 0.9) else { return nil }
        let k = mauveClusterCount(p.rows, q.rows)
        let clusters = KMeans(
            pca.transform(pooled), k: k, restarts: mauveRestarts, maxIterations: 500,
            seed: UInt32(truncatingIfNeeded: seed &+ 2), progress: progress)
        var histogramP = [Double](repeating: 0, count: k)
        var histogramQ = [Double](repeating: 0, count: k)
        for (row, cluster) in clusters.assignments.enumerated() {
            if row < q.rows {
                histogramQ[cluster] += 1
            } else {
                histogramP[cluster] += 1
            }
        }
        return mauve(histogramP: histogramP, histogramQ: histogramQ)
    }

    /// mauve-text's number of clusters: max(2, round(min(N_P, N_Q)/10)), rounding half to even.
    public static func mauveClusterCount(_ rowsP: Int, _ rowsQ: Int) -> Int {
        max(2, Int((Double(min(rowsP, rowsQ)) / 10).rounded(.toNearestOrEven)))
    }

    /// The area under the divergence curve of two histograms: the deterministic half of MAUVE.
    ///
    /// With p, q each normalised to sum 1, λ_i = `points` values evenly spaced from 10⁻⁶ to 1 − 10⁻⁶
    /// (NumPy's `linspace`) and R_i = λ_i·p + (1 − λ_i)·q, the curve is the points
    /// (x, y) = (exp(−c·KL(q‖R_i)), exp(−c·KL(p‖R_i))) with the extreme points (1, 0) and (0, 1), c =
    /// `scaling`, KL(a‖b) = Σ_{a_k > 0} a_k·log(a_k/b_k) (natural logarithm; +∞ when some b_k = 0 < a_k).
    /// As mauve-text's `compute_mauve`, MAUVE = ½·[A(x, y) + A(y, x)], A the trapezoid rule
    /// (`sklearn.metrics.auc`) over the points sorted by their first coordinate.
    ///
    /// Two choices make exact ties well defined where mauve-text's unstable `argsort` is not: KL is
    /// clamped at 0 (rounding can make it −10⁻¹⁷, putting x just above the extreme point's 1), and points
    /// with equal first coordinates are ordered along the curve (second coordinate descending). So p = q
    /// gives exactly 1; mauve-text returns 0.75 for p = q uniform over 4 bins, where all 26 points tie.
    /// Elsewhere the two agree to rounding.
    ///
    /// - Parameters:
    ///   - histogramP: the original side's mass per bin (counts or shares), non-negative, positive sum.
    ///   - histogramQ: the synthetic side's, over the same bins.
    ///   - scaling: c, mauve-text's `mauve_scaling_factor` (5).
    ///   - points: how many mixture weights λ (mauve-text's `divergence_curve_discretization_size`, 25).
    /// - Returns: the area, in (0, 1]; 1 when p = q.
    /// - Complexity: O(points · bins).
    public static func mauve(histogramP: [Double], histogramQ: [Double], scaling: Double = 5, points: Int = 25)
        -> Double
    {
        precondition(histogramP.count == histogramQ.count, "the histograms have different numbers of bins")
        precondition(points > 0, "the divergence curve needs at least one mixture weight")
        let p = Divergences.normalized(histogramP)
        let q = Divergences.normalized(histogramQ)
        var curve: [(x: Double, y: Double)] = [(1, 0)]
        var mixture = [Double](repeating: 0, count: p.count)
        for weight in linspace(1e-6, 1 - 1e-6, count: points) {
            for bin in mixture.indices { mixture[bin] = weight * p[bin] + (1 - weight) * q[bin] }
            curve.append(
                (exp(-scaling * kullbackLeibler(q, mixture)), exp(-scaling * kullbackLeibler(p, mixture))))
        }
        curve.append((0, 1))
        let byX = curve.sorted { $0.x != $1.x ? $0.x < $1.x : $0.y > $1.y }
        let byY = curve.map { (x: $0.y, y: $0.x) }.sorted { $0.x != $1.x ? $0.x < $1.x : $0.y > $1.y }
        return 0.5 * (trapezoid(byX) + trapezoid(byY))
    }

    /// NumPy's `linspace(start, stop, count)`: start + i·step, the last value exactly `stop`.
    private static func linspace(_ start: Double, _ stop: Double, count: Int) -> [Double] {
        guard count > 1 else { return [start] }
        let step = (stop - start) / Double(count - 1)
        var values = (0..<count).map { Double($0) * step + start }
        values[count - 1] = stop
        return values
    }

    /// KL(a‖b) = Σ_{a_k > 0} a_k·log(a_k/b_k), +∞ when b_k = 0 < a_k, clamped at 0 (it is ≥ 0 exactly).
    private static func kullbackLeibler(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for k in a.indices where a[k] > 0 {
            guard b[k] > 0 else { return .infinity }
            sum += a[k] * log(a[k] / b[k])
        }
        return max(0, sum)
    }

    /// Σ_i (x_{i+1} − x_i)·(y_i + y_{i+1})/2 over points sorted by x.
    private static func trapezoid(_ points: [(x: Double, y: Double)]) -> Double {
        var area = 0.0
        for i in 1..<points.count {
            area += (points[i].x - points[i - 1].x) * (points[i].y + points[i - 1].y) / 2
        }
        return area
    }

    // MARK: Fréchet distance

    /// The Fréchet distance between Gaussians fitted to the two sets (Dowson & Landau 1982; Heusel et al.
    /// 2017's FID, here on sentence embeddings):
    ///
    ///     FD = |μ_P − μ_Q|² + Tr Σ_P + Tr Σ_Q − 2·Tr (Σ_P Σ_Q)^{1/2},
    ///
    /// means and covariances with N − 1. Tr (Σ_P Σ_Q)^{1/2} = Σ √λ_i over the eigenvalues of the symmetric
    /// M = Σ_P^{1/2} Σ_Q Σ_P^{1/2} (which has the eigenvalues of Σ_P Σ_Q), Σ_P^{1/2} from the eigen-
    /// decomposition of Σ_P; negative eigenvalues (rounding) count as 0, and FD is clamped at 0.
    ///
    /// A side with fewer rows than dimensions (N < d) has a singular covariance; it is shrunk toward a
    /// scaled identity by Ledoit & Wolf (2004), exactly as scikit-learn's `ledoit_wolf_shrinkage` of the
    /// centred rows: with E = XᵀX/N, m = Tr E/d, δ = (‖E‖²_F − (Tr E)²/d)/d and
    /// β = min(δ, (Σ_i |x_i|⁴/N − ‖E‖²_F)/(N·d)), α = β/δ (0 when β = 0), and the covariance used is
    /// (1 − α)·Σ + α·(Tr Σ/d)·I (Σ with N − 1, as everywhere here).
    ///
    /// Covariances and eigen-decompositions are in `Float` (ssyrk, ssyevd), sums in `Double`: FD is exact
    /// to about 10⁻⁶ of Tr Σ_P + Tr Σ_Q (measured against SciPy), which bounds how small a distance it
    /// resolves.
    ///
    /// - Returns: FD ≥ 0 in squared embedding units; nil when a side has fewer than 2 rows or an
    ///   eigen-decomposition fails.
    /// - Complexity: O((N_P + N_Q)·d² + d³).
    public static func frechet(_ p: Matrix, _ q: Matrix) -> Double? {
        precondition(p.columns == q.columns, "P has \(p.columns) columns, Q \(q.columns)")
        guard p.rows >= 2, q.rows >= 2 else { return nil }
        let d = p.columns
        let (meanP, covarianceP) = gaussian(p)
        let (meanQ, covarianceQ) = gaussian(q)
        guard let rootP = symmetricSquareRoot(covarianceP) else { return nil }
        var middle = Matrix.product(Matrix.product(rootP, covarianceQ), rootP)
        for i in 0..<d {
            for j in 0..<i {
                let average = (middle[i, j] + middle[j, i]) / 2
                middle[i, j] = average
                middle[j, i] = average
            }
        }
        guard let eigen = SymmetricEigen(middle) else { return nil }
        var distance = 0.0
        for j in 0..<d { distance += (meanP[j] - meanQ[j]) * (meanP[j] - meanQ[j]) }
        for j in 0..<d { distance += Double(covarianceP[j, j]) + Double(covarianceQ[j, j]) }
        for value in eigen.values { distance -= 2 * Double(max(0, value)).squareRoot() }
        return max(0, distance)
    }

    /// The mean (in `Double`) and the covariance with N − 1 (in `Float`) of the rows of `x`, the covariance
    /// shrunk by Ledoit–Wolf when N < d.
    ///
    /// - Complexity: O(N·d²).
    private static func gaussian(_ x: Matrix) -> (mean: [Double], covariance: Matrix) {
        let n = x.rows
        let d = x.columns
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n {
            for j in 0..<d { mean[j] += Double(x.values[i * d + j]) }
        }
        for j in 0..<d { mean[j] /= Double(n) }
        var centred = x
        for i in 0..<n {
            for j in 0..<d { centred.values[i * d + j] = Float(Double(x.values[i * d + j]) - mean[j]) }
        }
        var covariance = centred.gram(alpha: Float(1 / Double(n - 1)))
        if n < d {
            let alpha = ledoitWolfShrinkage(centred: centred, covariance: covariance)
            var trace = 0.0
            for j in 0..<d { trace += Double(covariance[j, j]) }
            for index in covariance.values.indices { covariance.values[index] *= Float(1 - alpha) }
            for j in 0..<d { covariance[j, j] += Float(alpha * trace / Double(d)) }
        }
        return (mean, covariance)
    }

    /// scikit-learn's `ledoit_wolf_shrinkage` of centred rows, from them and their covariance with N − 1
    /// (E = Σ·(N − 1)/N): α = min(β, δ)/δ, δ = (‖E‖²_F − (Tr E)²/d)/d, β = (Σ_i |x_i|⁴/N − ‖E‖²_F)/(N·d).
    ///
    /// - Complexity: O(N·d + d²).
    private static func ledoitWolfShrinkage(centred: Matrix, covariance: Matrix) -> Double {
        let n = Double(centred.rows)
        let d = Double(centred.columns)
        let scale = (n - 1) / n
        var trace = 0.0
        var squaredFrobenius = 0.0
        for a in 0..<centred.columns {
            for b in 0..<centred.columns {
                let entry = Double(covariance[a, b]) * scale
                squaredFrobenius += entry * entry
                if a == b { trace += entry }
            }
        }
        var fourthMoment = 0.0
        for i in 0..<centred.rows {
            var squaredNorm = 0.0
            for j in 0..<centred.columns {
                let value = Double(centred.values[i * centred.columns + j])
                squaredNorm += value * value
            }
            fourthMoment += squaredNorm * squaredNorm
        }
        let delta = (squaredFrobenius - trace * trace / d) / d
        let beta = min(delta, (fourthMoment / n - squaredFrobenius) / (n * d))
        guard beta > 0, delta > 0 else { return 0 }
        return min(1, beta / delta)
    }

    /// S^{1/2} = Vᵀ·diag(√max(0, λ))·V of a symmetric positive semi-definite S = Vᵀ·diag(λ)·V.
    ///
    /// - Complexity: O(d³).
    private static func symmetricSquareRoot(_ matrix: Matrix) -> Matrix? {
        guard let eigen = SymmetricEigen(matrix) else { return nil }
        var scaled = eigen.vectors
        for r in 0..<scaled.rows {
            let root = Float(Double(max(0, eigen.values[r])).squareRoot())
            for c in 0..<scaled.columns { scaled[r, c] *= root }
        }
        return Matrix.product(eigen.vectors, scaled, transposeA: true)
    }

    // MARK: Label distributions

    /// `Divergences.totalVariation(_:_:)`, kept under this name for the fidelity analyzer.
    public static func totalVariation(_ p: [Double], _ q: [Double]) -> Double {
        Divergences.totalVariation(p, q)
    }

    /// `Divergences.jensenShannon(_:_:)`, kept under this name for the fidelity analyzer.
    public static func jensenShannon(_ p: [Double], _ q: [Double]) -> Double {
        Divergences.jensenShannon(p, q)
    }
}
