import AssayCore
import AssayLinalg
import AssayMetrics
import Foundation

/// The embedding fidelity measures on N rows a side, d = 384: MAUVE, the Fréchet distance, PRDC
/// (k = 5) and the two-sample test, on two draws of the same clustered unit vectors.
func fidelityBench(rows: Int) {
    let d = 384
    print(
        "assay fidelity bench — N = \(rows) a side, d = \(d), OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)")"
    )
    var random = SeededRandom(seed: 12, stream: "bench/fidelity")
    func uniform() -> Float { Float(random.below(20_001)) / 10_000 - 1 }
    let centres = (0..<50).map { _ in (0..<d).map { _ in uniform() } }
    func draw() -> Matrix {
        var values: [Float] = []
        values.reserveCapacity(rows * d)
        for row in 0..<rows { values += centres[row % centres.count].map { $0 * 0.3 + uniform() } }
        return Matrix(rows: rows, columns: d, values: values).rowNormalized
    }
    let p = draw()
    let q = draw()
    var mauve: Double?
    let mauveTime = seconds { mauve = FidelityMeasures.mauve(p, q, seed: 1) }
    var frechet: Double?
    let frechetTime = seconds { frechet = FidelityMeasures.frechet(p, q) }
    var prdc: FidelityMeasures.PRDC?
    let prdcTime = seconds { prdc = FidelityMeasures.prdc(real: p, fake: q) }
    var test: FidelityMeasures.TwoSampleTest?
    let testTime = seconds { test = FidelityMeasures.classifierTwoSample(original: p, synthetic: q, seed: 1) }
    print(
        String(
            format: "MAUVE %.3f: %.2f s; Fréchet %.4f: %.2f s", mauve ?? .nan, mauveTime, frechet ?? .nan, frechetTime))
    print(
        String(
            format: "PRDC %.3f/%.3f/%.3f/%.3f: %.2f s; two-sample AUC %.3f: %.2f s", prdc?.precision ?? .nan,
            prdc?.recall ?? .nan, prdc?.density ?? .nan, prdc?.coverage ?? .nan, prdcTime, test?.auc ?? .nan, testTime))
    print(String(format: "peak RSS %.0f MB", peakResidentMegabytes()))
}
