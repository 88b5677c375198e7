import AssayCore
import AssayLinalg
import Foundation

/// Precision, recall, density and coverage of one embedding set against another.
extension FidelityMeasures {
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
}
