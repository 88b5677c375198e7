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

    /// MAUVE (Pillutla et al. 2021, NeurIPS), as the `mauve-text` package computes it from features.
    ///
    /// The rows of `p` and `q` are pooled and scaled to unit length (mauve-text's `norm='l2'`), projected
    /// by PCA on the fewest components that keep 90% of the variance, and clustered by k-means with
    /// k = max(2, round(min(N_P, N_Q)/10)) (round half to even, as Python) and 5 seeded restarts
    /// (`KMeans`: k-means++ seeding, at most 100 Lloyd iterations, stopping when no row changes cluster, the
    /// restart of least inertia; mauve-text runs faiss for 500 iterations, so the clusters — and MAUVE, by a
    /// little — differ from its). The two sides' shares of rows per cluster are the
    /// histograms handed to `mauve(histogramP:histogramQ:scaling:points:)`.
    ///
    /// - Parameters:
    ///   - p: the original rows, N_P×d.
    ///   - q: the synthetic rows, N_Q×d.
    ///   - seed: seeds the k-means restarts.
    ///   - progress: advanced by one per k-means restart (`mauveRestarts` in all).
    /// - Returns: MAUVE in (0, 1], higher = closer; nil when a side has fewer than 2 rows or the PCA's
    ///   eigen-decomposition fails.
    /// - Complexity: O(N·d² + d³) for the PCA and O(5 · (iterations + 1) · N·k·d′) for k-means (the
    ///   k-means++ seeding costs about one Lloyd iteration's work, in k passes), N = N_P + N_Q, d′ the
    ///   components kept.
    public static func mauve(_ p: Matrix, _ q: Matrix, seed: UInt64, progress: ProgressStep = .silent) -> Double? {
        precondition(p.columns == q.columns, "P has \(p.columns) columns, Q \(q.columns)")
        guard p.rows >= 2, q.rows >= 2 else { return nil }
        let pooled = Matrix(rows: p.rows + q.rows, columns: p.columns, values: p.values + q.values).rowNormalized
        guard let pca = PCA(pooled, varianceToKeep: 0.9) else { return nil }
        let k = mauveClusterCount(p.rows, q.rows)
        let clusters = KMeans(
            pca.transform(pooled), k: k, restarts: mauveRestarts, seed: seed, progress: progress)
        var histogramP = [Double](repeating: 0, count: k)
        var histogramQ = [Double](repeating: 0, count: k)
        for (row, cluster) in clusters.assignments.enumerated() {
            if row < p.rows {
                histogramP[cluster] += 1
            } else {
                histogramQ[cluster] += 1
            }
        }
        return mauve(histogramP: histogramP, histogramQ: histogramQ)
    }

    /// mauve-text's number of clusters: max(2, round(min(N_P, N_Q)/10)), rounding half to even.
    static func mauveClusterCount(_ rowsP: Int, _ rowsQ: Int) -> Int {
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

    // MARK: Precision, recall, density, coverage

    /// Precision, recall (Kynkäänniemi et al. 2019) and density, coverage (Naeem et al. 2020).
    public struct PRDC: Sendable, Equatable {
        /// Share of synthetic rows inside some original row's k-NN ball.
        public var precision: Double
        /// Share of original rows inside some synthetic row's k-NN ball.
        public var recall: Double
        /// (1/(k·M)) Σ_j #{i : |y_j − x_i| < r_k(x_i)}: about 1 when the sets match.
        public var density: Double
        /// Share of original rows whose nearest synthetic row lies inside their own k-NN ball.
        public var coverage: Double

        public init(precision: Double, recall: Double, density: Double, coverage: Double) {
            self.precision = precision
            self.recall = recall
            self.density = density
            self.coverage = coverage
        }
    }

    /// Precision, recall, density and coverage of `fake` against `real`, Euclidean, as the `prdc` package's
    /// `compute_prdc(real, fake, nearest_k=k)` (Naeem et al. 2020).
    ///
    /// r_k(x) is the distance from x to its k-th nearest *other* row of its own set (`prdc` takes the
    /// (k+1)-th smallest distance with the row itself at 0). With x_i the N real rows, y_j the M fake ones
    /// and strict inequalities:
    ///
    ///     precision = (1/M) Σ_j [∃i: |x_i − y_j| < r_k(x_i)]      recall   = (1/N) Σ_i [∃j: |x_i − y_j| < r_k(y_j)]
    ///     density   = (1/(kM)) Σ_j #{i: |x_i − y_j| < r_k(x_i)}   coverage = (1/N) Σ_i [min_j |x_i − y_j| < r_k(x_i)]
    ///
    /// Distances are screened in tiles: squared distances |x|² + |y|² − 2x·y from `Float` sgemm products
    /// of the rows centred on the pooled mean (1,024 × 1,024 at a time, folded into per-row results; the
    /// radii by `NearestNeighbors` with k + 3 candidates). A comparison or a radius that this rounding
    /// could decide wrongly — within a worst-case error bound, 4·(d + 16)·2⁻²⁴ of |x|² + |y|² — is
    /// recomputed exactly from the rows in `Double`, so the results are those of exact distances, ties
    /// included (duplicate rows are at distance 0, and 0 < 0 is false).
    ///
    /// - Parameters:
    ///   - real: the original rows, N×d.
    ///   - fake: the synthetic rows, M×d.
    ///   - k: the neighbour whose distance is a row's radius (5, as Naeem et al. recommend).
    /// - Returns: nil when a side has k rows or fewer.
    /// - Complexity: O((N² + M² + N·M)·d) time, O((N + M)·d + tile²) memory.
    public static func prdc(real: Matrix, fake: Matrix, k: Int = 5) -> PRDC? {
        precondition(real.columns == fake.columns, "real rows have \(real.columns) columns, fake \(fake.columns)")
        precondition(k > 0, "k must be positive")
        guard real.rows > k, fake.rows > k else { return nil }
        let pair = CentredPair(real, fake)
        let realRadii = kthNeighborSquaredDistances(pair.real, k: k, slack: pair.slack)
        let fakeRadii = kthNeighborSquaredDistances(pair.fake, k: k, slack: pair.slack)
        let cross = crossComparisons(pair, realRadii: realRadii, fakeRadii: fakeRadii)
        let n = Double(real.rows)
        let m = Double(fake.rows)
        return PRDC(
            precision: Double(cross.insideCounts.count { $0 > 0 }) / m,
            recall: Double(cross.recalled.count { $0 }) / n,
            density: Double(cross.insideCounts.reduce(0) { $0 + Int($1) }) / (Double(k) * m),
            coverage: Double(cross.covered.count { $0 }) / n)
    }

    /// One set of rows for the tiled distances: as given, and centred on the pair's pooled mean.
    struct CentredRows {
        /// The rows as given; exact distances are computed from these.
        let original: Matrix
        /// The rows minus the pooled mean, rounded to `Float`: what the sgemm screening multiplies.
        let centred: Matrix
        /// |centred row|², in `Double`.
        let squaredNorms: [Double]

        init(_ rows: Matrix, mean: [Double]) {
            let d = rows.columns
            var centred = rows
            var squaredNorms = [Double](repeating: 0, count: rows.rows)
            for i in 0..<rows.rows {
                var sum = 0.0
                for j in 0..<d {
                    let value = Float(Double(rows.values[i * d + j]) - mean[j])
                    centred.values[i * d + j] = value
                    sum += Double(value) * Double(value)
                }
                squaredNorms[i] = sum
            }
            self.original = rows
            self.centred = centred
            self.squaredNorms = squaredNorms
        }

        /// |row i − row j of `other`|², exactly as far as `Double` goes, from the rows as given.
        func exactSquaredDistance(_ i: Int, _ other: CentredRows, _ j: Int) -> Double {
            let d = original.columns
            var sum = 0.0
            for c in 0..<d {
                let difference = Double(original.values[i * d + c]) - Double(other.original.values[j * d + c])
                sum += difference * difference
            }
            return sum
        }
    }

    /// The real and fake rows centred on their pooled mean (which makes |x|² + |y|² − 2x·y lose less to
    /// cancellation), with the screening's error bound.
    struct CentredPair {
        let real: CentredRows
        let fake: CentredRows
        /// s such that a screened squared distance is within s·(|x|² + |y|²) of the exact one: the
        /// worst-case `Float` dot-product error d·u·|x||y| (u = 2⁻²⁴, any summation order), doubled for
        /// the factor 2 and the centring's rounding, with a margin: 4·(d + 16)·u.
        let slack: Double

        init(_ real: Matrix, _ fake: Matrix) {
            let d = real.columns
            var mean = [Double](repeating: 0, count: d)
            for rows in [real, fake] {
                for i in 0..<rows.rows {
                    for j in 0..<d { mean[j] += Double(rows.values[i * d + j]) }
                }
            }
            for j in 0..<d { mean[j] /= Double(real.rows + fake.rows) }
            self.real = CentredRows(real, mean: mean)
            self.fake = CentredRows(fake, mean: mean)
            self.slack = 2 * Double(d + 16) * Double(Float.ulpOfOne)
        }

        /// One worker's share of a tile: the block rows `rows` (real rows realStart + r) against every
        /// column (fake rows fakeStart + c).
        struct TileComparisons: Sendable {
            let rows: Range<Int>
            /// Per column, the rows in `rows` whose ball holds that fake row.
            var insideCounts: [Int32]
            /// Per row in `rows`, whether some column's fake row lies in its ball.
            var covered: [Bool]
            /// Per row in `rows`, whether it lies in some column's fake row's ball.
            var recalled: [Bool]
        }

        /// Compares the real rows of `rows` of `block` (the products of real rows realStart… with fake rows
        /// fakeStart…) with every fake row of it: each screened squared distance |x|² + |y|² − 2x·y is
        /// checked against both radii, and recomputed exactly when within the error bound of either.
        ///
        /// - Complexity: O(rows.count · block.columns), plus O(d) per exact recomputation.
        func compare(
            _ block: Matrix, rows: Range<Int>, realStart: Int, fakeStart: Int, realRadii: [Double],
            fakeRadii: [Double]
        ) -> TileComparisons {
            let columns = block.columns
            var result = TileComparisons(
                rows: rows, insideCounts: [Int32](repeating: 0, count: columns),
                covered: [Bool](repeating: false, count: rows.count),
                recalled: [Bool](repeating: false, count: rows.count))
            block.values.withUnsafeBufferPointer { products in
                for (offset, r) in rows.enumerated() {
                    let i = realStart + r
                    let realNorm = real.squaredNorms[i]
                    let realRadius = realRadii[i]
                    for c in 0..<columns {
                        let j = fakeStart + c
                        let fakeNorm = fake.squaredNorms[j]
                        let screened = realNorm + fakeNorm - 2 * Double(products[r * columns + c])
                        let band = slack * (realNorm + fakeNorm)
                        let fakeRadius = fakeRadii[j]
                        // Almost every pair: farther than both radii for sure.
                        if screened - band >= max(realRadius, fakeRadius) { continue }
                        var exact: Double?
                        func distance() -> Double {
                            if let exact { return exact }
                            let value = real.exactSquaredDistance(i, fake, j)
                            exact = value
                            return value
                        }
                        if FidelityMeasures.isBelow(screened, band: band, radius: realRadius, exact: distance) {
                            result.insideCounts[c] += 1
                            result.covered[offset] = true
                        }
                        if FidelityMeasures.isBelow(screened, band: band, radius: fakeRadius, exact: distance) {
                            result.recalled[offset] = true
                        }
                    }
                }
            }
            return result
        }
    }

    /// r_k² of every row: the squared distance to its k-th nearest other row of the same set, exact.
    ///
    /// Candidates come from `NearestNeighbors` on the inner product ⟨[x, 1], [2y, −|y|²]⟩ = |x|² − |x − y|²,
    /// k + 3 of them; their exact distances are sorted and the k-th taken. A row outside the candidates
    /// has a screened distance at least the last candidate's D, so an exact one at least
    /// (D − 3s·|x|²)/(1 + 2s) (as |y|² ≤ 2|x|² + 2|x − y|²); when that bound is below the k-th exact
    /// distance, which near-ties can make happen, the row's distances to all others are computed exactly.
    ///
    /// - Complexity: O(N²·d), plus O(N·d) per row that needs the exact scan.
    static func kthNeighborSquaredDistances(_ rows: CentredRows, k: Int, slack: Double) -> [Double] {
        let n = rows.centred.rows
        let d = rows.centred.columns
        let candidates = min(k + 3, n - 1)
        var queries = Matrix(rows: n, columns: d + 1, repeating: 1)
        var base = Matrix(rows: n, columns: d + 1)
        for i in 0..<n {
            for j in 0..<d {
                queries[i, j] = rows.centred[i, j]
                base[i, j] = 2 * rows.centred[i, j]
            }
            base[i, d] = Float(-rows.squaredNorms[i])
        }
        let neighbors = NearestNeighbors(queries: queries, base: base, k: candidates, excludeSelf: true)
        return (0..<n).map { i in
            let found = neighbors.neighbors(of: i)
            let exact = found.map { rows.exactSquaredDistance(i, rows, $0.index) }.sorted()
            let radius = exact[k - 1]
            guard candidates < n - 1, let last = found.last else { return radius }
            let screened = rows.squaredNorms[i] - Double(last.similarity)
            let lowerBound = (screened - 3 * slack * rows.squaredNorms[i]) / (1 + 2 * slack)
            guard lowerBound < radius else { return radius }
            var all = (0..<n).filter { $0 != i }.map { rows.exactSquaredDistance(i, rows, $0) }
            all.sort()
            return all[k - 1]
        }
    }

    /// What the real × fake comparisons give, folded per row.
    struct CrossComparisons: Sendable {
        /// For each fake row, the real rows whose ball holds it.
        var insideCounts: [Int32]
        /// For each real row, whether some fake row lies in its ball (coverage).
        var covered: [Bool]
        /// For each real row, whether it lies in some fake row's ball (recall).
        var recalled: [Bool]
    }

    /// Every real row against every fake row, in tiles of `tileRows` × `tileRows` sgemm products, each
    /// tile's rows folded on every core: the comparisons of |x_i − y_j| with r_k(x_i) (precision, density,
    /// coverage) and with r_k(y_j) (recall).
    ///
    /// - Complexity: O(N·M·d) time, O(tileRows²) extra memory.
    static func crossComparisons(
        _ pair: CentredPair, realRadii: [Double], fakeRadii: [Double], tileRows: Int = 1024
    ) -> CrossComparisons {
        let realRows = pair.real.centred.rows
        let fakeRows = pair.fake.centred.rows
        var result = CrossComparisons(
            insideCounts: [Int32](repeating: 0, count: fakeRows), covered: [Bool](repeating: false, count: realRows),
            recalled: [Bool](repeating: false, count: realRows))
        let fakeTiles = stride(from: 0, to: fakeRows, by: tileRows).map { start in
            (start: start, rows: pair.fake.centred.selecting(rows: Array(start..<min(start + tileRows, fakeRows))))
        }
        // More parts than cores, so that a part with many exact recomputations does not leave a core idle.
        let workers = 8
        for realStart in stride(from: 0, to: realRows, by: tileRows) {
            let realTile = pair.real.centred.selecting(rows: Array(realStart..<min(realStart + tileRows, realRows)))
            for (fakeStart, fakeTile) in fakeTiles {
                let block = Matrix.product(realTile, fakeTile, transposeB: true)
                let parts = ParallelMap.map(0..<workers) { worker in
                    pair.compare(
                        block, rows: (block.rows * worker / workers)..<(block.rows * (worker + 1) / workers),
                        realStart: realStart, fakeStart: fakeStart, realRadii: realRadii, fakeRadii: fakeRadii)
                }
                for part in parts {
                    for (offset, count) in part.insideCounts.enumerated() {
                        result.insideCounts[fakeStart + offset] += count
                    }
                    for (offset, row) in part.rows.enumerated() {
                        result.covered[realStart + row] = result.covered[realStart + row] || part.covered[offset]
                        result.recalled[realStart + row] = result.recalled[realStart + row] || part.recalled[offset]
                    }
                }
            }
        }
        return result
    }

    /// Whether a squared distance is below `radius`, from its screened value when that is more than `band`
    /// from the radius, else from `exact()`.
    @inline(__always)
    static func isBelow(_ screened: Double, band: Double, radius: Double, exact: () -> Double) -> Bool {
        if screened + band < radius { return true }
        if screened - band >= radius { return false }
        return exact() < radius
    }

    // MARK: Classifier two-sample test

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
