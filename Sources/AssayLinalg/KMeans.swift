import AssayCore

/// k-means clustering: k-means++ seeding (Arthur & Vassilvitskii 2007), Lloyd iterations with
/// distances through sgemm, the best of several seeded restarts by inertia.
public struct KMeans: Sendable {
    /// The centres, one per row.
    public let centroids: Matrix
    /// The centre of each data row.
    public let assignments: [Int]
    /// Σ of squared distances of rows to their centres.
    public let inertia: Double
    /// Lloyd iterations the kept restart ran.
    public let iterations: Int

    /// Clusters the rows of `data` into `k` groups.
    ///
    /// Deterministic for a seed: restart r draws from the stream "kmeans/r". An emptied cluster is
    /// re-seeded with the row farthest from its centre.
    /// - Parameters:
    ///   - progress: advanced by one when each restart is done.
    /// - Complexity: O(restarts · iterations · N · k · d).
    public init(
        _ data: Matrix, k: Int, restarts: Int = 5, maxIterations: Int = 100, seed: UInt64,
        progress: ProgressStep = .silent
    ) {
        precondition(k > 0 && k <= data.rows, "k must be between 1 and the number of rows")
        var best: (centroids: Matrix, assignments: [Int], inertia: Double, iterations: Int)?
        for restart in 0..<max(1, restarts) {
            var random = SeededRandom(seed: seed, stream: "kmeans/\(restart)")
            let run = KMeans.lloyd(
                data, start: KMeans.plusPlus(data, k: k, random: &random), maxIterations: maxIterations)
            if best == nil || run.inertia < (best?.inertia ?? .infinity) { best = run }
            progress.advance()
        }
        let kept = best ?? (Matrix(rows: 0, columns: 0), [], 0, 0)
        centroids = kept.centroids
        assignments = kept.assignments
        inertia = kept.inertia
        iterations = kept.iterations
    }

    /// Each row's nearest centre (the first of equals) and its squared Euclidean distance
    /// |x|² − 2 x·c + |c|², clamped at 0; rows spread over every core.
    ///
    /// - Complexity: O(N · k · d) (one sgemm) plus O(N · k).
    static func nearestCentres(_ data: Matrix, _ centres: Matrix, dataNorms: [Float]) -> (
        centres: [Int], distances: [Float]
    ) {
        let k = centres.rows
        let products = Matrix.product(data, centres, transposeB: true, alpha: -2)
        let centreNorms = rowSquaredNorms(centres)
        var nearest = [Int](repeating: 0, count: data.rows)
        var distances = [Float](repeating: 0, count: data.rows)
        products.values.withUnsafeBufferPointer { products in
            nearest.withUnsafeMutableBufferPointer { nearest in
                distances.withUnsafeMutableBufferPointer { distances in
                    RowBlocks(rows: data.rows, width: k).inParallel { rows in
                        for i in rows {
                            var best = 0
                            var bestDistance = max(0, products[i * k] + dataNorms[i] + centreNorms[0])
                            for j in 1..<max(1, k) {
                                let distance = max(0, products[i * k + j] + dataNorms[i] + centreNorms[j])
                                if distance < bestDistance {
                                    best = j
                                    bestDistance = distance
                                }
                            }
                            nearest[i] = best
                            distances[i] = bestDistance
                        }
                    }
                }
            }
        }
        return (nearest, distances)
    }

    private static func rowSquaredNorms(_ matrix: Matrix) -> [Float] {
        (0..<matrix.rows).map { i in
            var sum: Float = 0
            for j in 0..<matrix.columns {
                sum += matrix.values[i * matrix.columns + j] * matrix.values[i * matrix.columns + j]
            }
            return sum
        }
    }

    /// k-means++: the first centre uniformly, each next one with probability ∝ D(x)², the squared
    /// distance to the nearest centre chosen so far.
    ///
    /// A row is only measured against a new centre c when it could come closer: with a its nearest
    /// centre so far, |x − c| ≥ |c − a| − |x − a|, so |c − a|² ≥ 4·D(x)² rules it out (the triangle
    /// inequality; Raff 2021, "Exact acceleration of k-means++ and k-means‖"). Once a few centres are
    /// down most rows are ruled out, and the cost falls from a pass over all the data per centre to the
    /// centres' distances to each other.
    /// - Complexity: O(k · N · d) at worst; O(k² · d + N · d) per the rows measured in practice.
    static func plusPlus(_ data: Matrix, k: Int, random: inout SeededRandom) -> Matrix {
        let n = data.rows
        let d = data.columns
        var chosen = [random.below(n)]
        var nearest = [Double](repeating: .infinity, count: n)
        var owner = [Int](repeating: -1, count: n)
        let norms = rowSquaredNorms(data)
        let blocks = RowBlocks(rows: n, width: d)
        // |c − a|² from the newest centre to each earlier one, by position in `chosen`.
        var gaps = [Double](repeating: 0, count: k)
        while chosen.count < k {
            let latest = chosen[chosen.count - 1]
            let position = chosen.count - 1
            for (index, centre) in chosen.enumerated() {
                gaps[index] = Double(max(0, norms[latest] + norms[centre] - 2 * dot(data, latest, centre)))
            }
            let total = nearest.withUnsafeMutableBufferPointer { nearest in
                owner.withUnsafeMutableBufferPointer { owner in
                    blocks.sum { rows in
                        var total = 0.0
                        for i in rows {
                            if owner[i] < 0 || gaps[owner[i]] < 4 * nearest[i] {
                                let distance = Double(max(0, norms[i] + norms[latest] - 2 * dot(data, i, latest)))
                                if distance < nearest[i] {
                                    nearest[i] = distance
                                    owner[i] = position
                                }
                            }
                            total += nearest[i]
                        }
                        return SIMD2(total, 0)
                    }[0]
                }
            }
            guard total > 0 else {
                // Every row coincides with a centre: take the first rows not chosen yet.
                let rest = (0..<n).filter { !chosen.contains($0) }
                chosen += rest.prefix(k - chosen.count)
                break
            }
            var target = Double(random.next() >> 11) / Double(1 << 53) * total
            var pick = n - 1
            for i in 0..<n {
                target -= nearest[i]
                if target < 0 {
                    pick = i
                    break
                }
            }
            chosen.append(pick)
        }
        return data.selecting(rows: chosen)
    }

    /// Σⱼ xᵢⱼ·xₗⱼ of rows i and l of `data`, eight lanes at a time.
    @inline(__always)
    private static func dot(_ data: Matrix, _ i: Int, _ l: Int) -> Float {
        let d = data.columns
        return data.values.withUnsafeBufferPointer { values in
            guard let base = values.baseAddress else { return 0 }
            let raw = UnsafeRawPointer(base)
            var lanes = SIMD8<Float>()
            var j = 0
            while j + 8 <= d {
                lanes +=
                    raw.loadUnaligned(fromByteOffset: (i * d + j) * 4, as: SIMD8<Float>.self)
                    * raw.loadUnaligned(fromByteOffset: (l * d + j) * 4, as: SIMD8<Float>.self)
                j += 8
            }
            var sum = lanes.sum()
            while j < d {
                sum += values[i * d + j] * values[l * d + j]
                j += 1
            }
            return sum
        }
    }

    private static func lloyd(_ data: Matrix, start: Matrix, maxIterations: Int) -> (
        centroids: Matrix, assignments: [Int], inertia: Double, iterations: Int
    ) {
        let k = start.rows
        let d = data.columns
        var centroids = start
        var assignments = [Int](repeating: -1, count: data.rows)
        var inertia = 0.0
        var iteration = 0
        let norms = rowSquaredNorms(data)
        while iteration < maxIterations {
            iteration += 1
            let (centres, distances) = nearestCentres(data, centroids, dataNorms: norms)
            var changed = false
            inertia = 0
            var farthest = (row: 0, distance: -1.0)
            for i in 0..<data.rows {
                let bestCentre = centres[i]
                let bestDistance = distances[i]
                if assignments[i] != bestCentre {
                    assignments[i] = bestCentre
                    changed = true
                }
                inertia += Double(bestDistance)
                if Double(bestDistance) > farthest.distance { farthest = (i, Double(bestDistance)) }
            }
            if !changed && iteration > 1 { break }
            var sums = [Double](repeating: 0, count: k * d)
            var counts = [Int](repeating: 0, count: k)
            for i in 0..<data.rows {
                counts[assignments[i]] += 1
                for j in 0..<d { sums[assignments[i] * d + j] += Double(data.values[i * d + j]) }
            }
            for c in 0..<k {
                if counts[c] == 0 {
                    for j in 0..<d { centroids.values[c * d + j] = data.values[farthest.row * d + j] }
                    continue
                }
                for j in 0..<d { centroids.values[c * d + j] = Float(sums[c * d + j] / Double(counts[c])) }
            }
        }
        return (centroids, assignments, inertia, iteration)
    }
}
