import AssayCore
import AssayLinalg
import Foundation

/// One multinomial logistic-regression fit on N random unit vectors (d = 512, the hashing embedder's
/// width) with random labels in K classes, ten rows a class by default: the shape of each
/// cross-validation fold in `AssayBench classes`.
///
///   AssayBench logistic [N]   N rows (default 8,000) in N / 8 classes
func logisticBench(rows: Int) {
    let d = 512
    let classCount = max(2, rows / 8)
    print(
        "assay logistic bench — N = \(rows), d = \(d), K = \(classCount), OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)")"
    )
    var random = SeededRandom(seed: 5, stream: "bench/logistic")
    let features = Matrix(
        rows: rows, columns: d, values: (0..<(rows * d)).map { _ in Float(random.below(20_001)) / 10_000 - 1 }
    ).rowNormalized
    let labels = (0..<rows).map { Int32($0 % classCount) }
    for _ in 0..<2 {
        var model: LogisticRegression?
        let time = seconds {
            model = LogisticRegression(features: features, labels: labels, classCount: classCount)
        }
        let flops = 2 * Double(rows) * Double(d) * Double(classCount)
        print(
            String(
                format: "fit: %d iterations in %.2f s (one N·d·K product is %.1f GFLOP)", model?.iterations ?? 0, time,
                flops / 1e9))
    }
    let product = seconds {
        _ = Matrix.product(features, Matrix(rows: d, columns: classCount))
    }
    print(String(format: "one N×d · d×K sgemm: %.3f s", product))
    print(String(format: "peak RSS %.0f MB", peakResidentMegabytes()))
}
