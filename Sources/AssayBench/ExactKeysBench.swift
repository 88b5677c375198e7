// Benchmark of the exact duplicate and leakage measures a sharded report computes over every row from the
// states' exact keys (release build; `AssayBench exact-keys [N]`). Not part of `swift test`.
//
// Draws N keys a side from a seeded generator (each row a repeat of an earlier row of its side with probability
// 0.2, and each synthetic row a copy of an original row with probability 0.1), labels them in 4 classes, and
// times `Duplicates.exactMeasures` with the default settings (200 bootstrap resamples), printing the values and
// the peak resident memory.
import AssayCore
import AssayMetrics
import AssayReport
import Foundation

/// `Duplicates.exactMeasures` on `rowCount` keys a side.
func exactKeysBench(rowCount: Int) {
    print(
        "assay exact-keys bench — \(rowCount) rows a side, \(ProcessInfo.processInfo.activeProcessorCount) cores, OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)"), loadavg \((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?")"
    )
    var random = SeededRandom(seed: 7, stream: "exact-keys-bench")
    func side(copying original: [UInt64]?) -> [UInt64] {
        var keys: [UInt64] = []
        keys.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            let draw = Double(random.next() >> 11) * 0x1p-53
            if row > 0, draw < 0.2 {
                keys.append(keys[random.below(row)])
            } else if let original, draw < 0.3 {
                keys.append(original[random.below(original.count)])
            } else {
                keys.append(random.next())
            }
        }
        return keys
    }
    let originalKeys = side(copying: nil)
    let syntheticKeys = side(copying: originalKeys)
    let labels = ["a", "b", "c", "d"]
    let original = ExactRows(
        keys: originalKeys, labels: (0..<rowCount).map { Int32($0 % 4) }, labelNames: labels)
    let synthetic = ExactRows(
        keys: syntheticKeys, labels: (0..<rowCount).map { Int32(($0 / 3) % 4) }, labelNames: labels)
    let before = peakResidentMegabytes()
    var metrics: [MetricResult] = []
    let time = seconds {
        metrics = Duplicates.exactMeasures(original: original, synthetic: synthetic, settings: AnalysisSettings())
    }
    for metric in metrics {
        let values = [metric.original?.value, metric.synthetic?.value, metric.value].compactMap { $0 }
        print("  \(metric.id): \(values.map { String(format: "%.6f", $0) }.joined(separator: ", "))")
    }
    print(
        String(
            format: "  exactMeasures: %.2f s; peak RSS %.0f MB (%.0f MB before, keys and labels of both sides)", time,
            peakResidentMegabytes(), before))
}
