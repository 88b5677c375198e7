import AssayCore
import AssayLinalg
import AssayMetrics
import Foundation

/// Exact top-k neighbours within a set of N random unit vectors (d = 384, k = 10) against the raw
/// sgemm rate of the same shapes, and the Vendi score through the d×d dual.
func linalgBench(rows: Int) {
    let d = 384
    print(
        "assay linalg bench — N = \(rows), d = \(d), OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)")"
    )
    var random = SeededRandom(seed: 3, stream: "bench/linalg")
    let data = Matrix(
        rows: rows, columns: d, values: (0..<(rows * d)).map { _ in Float(random.below(20_001)) / 10_000 - 1 }
    ).rowNormalized
    let flops = 2 * Double(rows) * Double(rows) * Double(d)
    var neighbors: NearestNeighbors?
    let search = seconds { neighbors = NearestNeighbors(queries: data, base: data, k: 10, excludeSelf: true) }
    // The ceiling: the same products as plain sgemm calls on 1,024-row tiles, results thrown away.
    let tile = 1024
    let plain = seconds {
        var start = 0
        while start < rows {
            let queries = data.selecting(rows: Array(start..<min(start + tile, rows)))
            var base = 0
            while base < rows {
                _ = Matrix.product(
                    queries, data.selecting(rows: Array(base..<min(base + tile, rows))), transposeB: true)
                base += tile
            }
            start += tile
        }
    }
    print(
        String(
            format:
                "top-10 neighbours: %.2f s, %.1f GFLOP/s; plain sgemm of the same tiles %.2f s, %.1f GFLOP/s; ratio %.2f",
            search, flops / search / 1e9, plain, flops / plain / 1e9, plain / search))
    _ = neighbors?.k
    var vendi: Double?
    let vendiTime = seconds { vendi = SemanticMeasures(embeddings: data).vendi()?.score }
    print(String(format: "Vendi score %.1f in %.2f s (d×d dual)", vendi ?? 0, vendiTime))
    print(String(format: "peak RSS %.0f MB", peakResidentMegabytes()))
}
