import AssayCore

/// k-means clustering as faiss's `Clustering` runs it (Johnson, Douze & Jégou 2019), the clustering
/// mauve-text uses: centres started at distinct random rows, Lloyd iterations with distances through
/// sgemm, emptied clusters refilled by splitting a populous one, the best of several restarts by the
/// sum of squared distances.
///
/// Given the same rows and seed it draws the same starting rows as faiss (`std::mt19937` through
/// `MersenneTwister`), computes centres the same way (single-precision sums in row order, times
/// 1/count) and splits the same clusters, so it reaches the same clusters up to rounding. It stops a
/// restart once no centre moves — a fixed point, where faiss would repeat the same iteration until its
/// limit — and after the first iteration measures only what can have changed: a row whose centre
/// stayed put is compared with the centres that moved, and only a row whose own centre moved is
/// compared with all of them.
public struct KMeans: Sendable {
    /// The centres, one per row.
    public let centroids: Matrix
    /// The centre of each data row.
    public let assignments: [Int]
    /// Σ of squared distances of rows to their centres at the last assignment of the kept restart,
    /// summed in `Float` in row order, as faiss's objective.
    public let inertia: Float
    /// Lloyd iterations the kept restart ran.
    public let iterations: Int

    /// Clusters the rows of `data` into `k` groups.
    ///
    /// Restart r starts from the rows `MersenneTwister.permutation(N, seed: seed + 1 + r·15486557)`
    /// lists first (faiss's `rand_perm`; the sum taken modulo 2³²), so `seed` is faiss's
    /// `ClusteringParameters.seed`. Unlike faiss, the rows are never subsampled (faiss keeps at most 256
    /// per centre; MAUVE's k of N/10 never reaches that).
    /// - Parameters:
    ///   - maxIterations: Lloyd iterations a restart runs at most (faiss's `niter`).
    ///   - progress: advanced by one when each restart is done.
    /// - Complexity: O(restarts · iterations · N · k · d) at worst; an iteration after the first costs
    ///   O(N · m · d + r · k · d) for m moved centres and r rows whose centre moved.
    public init(
        _ data: Matrix, k: Int, restarts: Int = 5, maxIterations: Int = 500, seed: UInt32,
        progress: ProgressStep = .silent
    ) {
        precondition(k > 0 && k <= data.rows, "k must be between 1 and the number of rows")
        let norms = KMeans.rowSquaredNorms(data)
        func run(_ restart: Int) -> Lloyd {
            let start = MersenneTwister.permutation(
                data.rows, seed: seed &+ 1 &+ UInt32(truncatingIfNeeded: restart &* 15_486_557))
            var run = Lloyd(data, norms: norms, start: Array(start.prefix(k)))
            run.iterate(maxIterations: maxIterations)
            progress.advance()
            return run
        }
        var kept = run(0)
        for restart in 1..<max(1, restarts) {
            let next = run(restart)
            if next.objective < kept.objective { kept = next }
        }
        centroids = kept.centroids
        assignments = kept.assignment.map(Int.init)
        inertia = kept.objective
        iterations = kept.iterations
    }

    /// The squared length of each row.
    ///
    /// - Complexity: O(N · d).
    static func rowSquaredNorms(_ matrix: Matrix) -> [Float] {
        (0..<matrix.rows).map { i in
            var sum: Float = 0
            for j in 0..<matrix.columns {
                sum += matrix.values[i * matrix.columns + j] * matrix.values[i * matrix.columns + j]
            }
            return sum
        }
    }
}

/// One restart of Lloyd's algorithm: the centres, each row's centre and squared distance to it.
private struct Lloyd {
    let data: Matrix
    let norms: [Float]
    var centroids: Matrix
    var assignment: [Int32]
    var distance: [Float]
    /// The objective at the last assignment (faiss's `obj`).
    var objective: Float = .infinity
    var iterations = 0

    /// faiss's ε for the symmetric nudge that tells a split centre from its twin.
    static let splitNudge: Float = 1 / 1024

    init(_ data: Matrix, norms: [Float], start: [Int]) {
        self.data = data
        self.norms = norms
        self.centroids = data.selecting(rows: start)
        self.assignment = [Int32](repeating: -1, count: data.rows)
        self.distance = [Float](repeating: 0, count: data.rows)
    }

    /// Assign, recompute the centres, split empty clusters; until no centre moves or `maxIterations`.
    /// When the limit ends the loop, the rows are assigned once more to the last centres (as faiss's
    /// caller searches its final index); the objective stays the last iteration's.
    mutating func iterate(maxIterations: Int) {
        let k = centroids.rows
        var moved = Array(0..<k)
        while iterations < maxIterations {
            iterations += 1
            assign(moved: moved)
            objective = distance.reduce(0, +)
            let previous = centroids
            updateCentres()
            moved = (0..<k).filter { !centroids.rowsEqual($0, previous) }
            if moved.isEmpty { return }
        }
        let objectiveOfLastIteration = objective
        assign(moved: moved)
        objective = objectiveOfLastIteration
    }

    /// Each row's nearest centre (the lowest index among equals) and squared Euclidean distance
    /// max(0, |x|² − 2 x·c + |c|²), given that only the centres `moved` changed since the last call.
    ///
    /// - Complexity: O(N · m · d) for m moved centres, plus O(r · k · d) for the r rows whose own
    ///   centre moved; O(N · k · d) on the first call.
    private mutating func assign(moved: [Int]) {
        let k = centroids.rows
        let centreNorms = KMeans.rowSquaredNorms(centroids)
        if moved.count == k {
            nearest(rows: Array(0..<data.rows), among: Array(0..<k), centreNorms: centreNorms, fresh: true)
            return
        }
        var isMoved = [Bool](repeating: false, count: k)
        for c in moved { isMoved[c] = true }
        // A row whose centre stayed keeps its distance to it: only the moved centres can beat it.
        let settled = (0..<data.rows).filter { !isMoved[Int(assignment[$0])] }
        let unsettled = (0..<data.rows).filter { isMoved[Int(assignment[$0])] }
        nearest(rows: settled, among: moved, centreNorms: centreNorms, fresh: false)
        nearest(rows: unsettled, among: Array(0..<k), centreNorms: centreNorms, fresh: true)
    }

    /// For each of `rows`, the nearest of the centres `candidates` (ascending); `fresh` starts from
    /// nothing, otherwise from the row's current centre and distance.
    ///
    /// - Complexity: O(|rows| · |candidates| · d), in sgemm tiles of at most ~4M products.
    private mutating func nearest(rows: [Int], among candidates: [Int], centreNorms: [Float], fresh: Bool) {
        guard !rows.isEmpty, !candidates.isEmpty else { return }
        let centres = candidates.count == centroids.rows ? centroids : centroids.selecting(rows: candidates)
        let width = candidates.count
        let tileRows = max(64, 4_194_304 / width)
        var products = Matrix(rows: 0, columns: 0)
        var start = 0
        while start < rows.count {
            let tile = Array(rows[start..<min(rows.count, start + tileRows)])
            let block = tile.count == data.rows ? data : data.selecting(rows: tile)
            Matrix.multiply(block, centres, transposeB: true, alpha: -2, into: &products)
            products.values.withUnsafeBufferPointer { products in
                assignment.withUnsafeMutableBufferPointer { assignment in
                    distance.withUnsafeMutableBufferPointer { distance in
                        RowBlocks(rows: tile.count, width: width).inParallel { positions in
                            for position in positions {
                                let row = tile[position]
                                let rowNorm = norms[row]
                                var best = fresh ? -1 : Int(assignment[row])
                                var bestDistance = fresh ? Float.infinity : distance[row]
                                for j in 0..<width {
                                    let centre = candidates[j]
                                    let d = max(0, products[position * width + j] + rowNorm + centreNorms[centre])
                                    if d < bestDistance || (d == bestDistance && centre < best) {
                                        best = centre
                                        bestDistance = d
                                    }
                                }
                                assignment[row] = Int32(best)
                                distance[row] = bestDistance
                            }
                        }
                    }
                }
            }
            start += tileRows
        }
    }

    /// faiss's `compute_centroids` and `split_clusters`: each centre the mean of its rows (summed in
    /// `Float` in row order, times 1/count); each empty one a copy of a populous centre, chosen at
    /// random in proportion to (count − 1)/(N − k) from `std::mt19937(1234)`, the two nudged apart by
    /// ±1/1024 on alternating coordinates, the rows split evenly between them on paper.
    ///
    /// - Complexity: O(N · d + k · d).
    private mutating func updateCentres() {
        let k = centroids.rows
        let d = data.columns
        var sums = [Float](repeating: 0, count: k * d)
        var counts = [Float](repeating: 0, count: k)
        data.values.withUnsafeBufferPointer { values in
            for i in 0..<data.rows {
                let c = Int(assignment[i])
                counts[c] += 1
                for j in 0..<d { sums[c * d + j] += values[i * d + j] }
            }
        }
        for c in 0..<k where counts[c] > 0 {
            let scale = 1 / counts[c]
            for j in 0..<d { sums[c * d + j] *= scale }
        }
        var random = MersenneTwister(seed: 1234)
        let spare = Float(data.rows - k)
        for empty in 0..<k where counts[empty] == 0 {
            var donor = 0
            while true {
                let probability = Float(Double(counts[donor] - 1) / Double(spare))
                if random.nextFloat() < probability { break }
                donor = (donor + 1) % k
            }
            for j in 0..<d {
                sums[empty * d + j] = sums[donor * d + j]
                let up = j % 2 == 0
                sums[empty * d + j] *= up ? 1 + Lloyd.splitNudge : 1 - Lloyd.splitNudge
                sums[donor * d + j] *= up ? 1 - Lloyd.splitNudge : 1 + Lloyd.splitNudge
            }
            counts[empty] = counts[donor] / 2
            counts[donor] -= counts[empty]
        }
        centroids.values = sums
    }
}

extension Matrix {
    /// Whether row `row` of `self` and of `other` hold the same bits.
    fileprivate func rowsEqual(_ row: Int, _ other: Matrix) -> Bool {
        let start = row * columns
        for j in start..<start + columns where values[j].bitPattern != other.values[j].bitPattern { return false }
        return true
    }
}
