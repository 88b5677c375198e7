import AssayCore
import AssayEmbed
import AssayLinalg
import AssayMetrics
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

/// The label-noise classifier's fits on real text: the first `rows` rows of a JSON Lines file (`text`,
/// `label`) embedded with the static embedder (MiniLM with `ASSAY_BENCH_EMBEDDER=minilm`), one fit on all
/// of them, then five folds (row i in fold i mod 5) each started from it, as `compare` runs them and with its
/// settings (C = 0.001). Prints each fit's iterations, whether it converged, and its time.
///
///   AssayBench cv [N] FILE.jsonl   N rows (default 20,000)
func crossValidationBench(path: String, rows: Int) {
    let environment = ProcessInfo.processInfo.environment
    let directory = environment["ASSAY_MODEL_DIR"] ?? "models/all-MiniLM-L6-v2"
    let useMiniLM = environment["ASSAY_BENCH_EMBEDDER"] == "minilm"
    guard let content = try? String(contentsOfFile: path, encoding: .utf8) else {
        print("cv bench: cannot read \(path)")
        return
    }
    var texts: [String] = []
    var labelNames: [String] = []
    for line in content.split(separator: "\n").prefix(rows) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let text = object["text"] as? String, let label = object["label"] as? String
        else { continue }
        texts.append(text)
        labelNames.append(label)
    }
    let names = Array(Set(labelNames)).sorted()
    let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
    let labels = labelNames.compactMap { index[$0] }
    var features: Matrix?
    let embedTime = seconds {
        features =
            useMiniLM
            ? try? MiniLMEmbedder(directory: directory).embed(texts)
            : try? StaticEmbedder(directory: directory).embed(texts)
    }
    guard let features else {
        print("cv bench: cannot embed with the model in \(directory)")
        return
    }
    print(
        "assay cross-validation bench — \(path): N = \(features.rows), d = \(features.columns), K = \(names.count), "
            + "\(useMiniLM ? "MiniLM" : "static") (\(String(format: "%.1f", embedTime)) s), "
            + "OPENBLAS_CORETYPE=\(environment["OPENBLAS_CORETYPE"] ?? "(unset)"), load \(loadAverage())")
    let options = AnalysisSettings.defaultLogistic
    var full: LogisticRegression?
    let fullTime = seconds {
        full = LogisticRegression(features: features, labels: labels, classCount: names.count, options: options)
    }
    guard let full else { return }
    print(
        String(
            format: "all rows: %d iterations, converged %@, %.2f s", full.iterations, full.converged ? "yes" : "no",
            fullTime))
    var total = fullTime
    for fold in 0..<5 {
        let train = (0..<features.rows).filter { $0 % 5 != fold }
        var model: LogisticRegression?
        let time = seconds {
            model = LogisticRegression(
                features: features.selecting(rows: train), labels: train.map { labels[$0] }, classCount: names.count,
                options: options, startingFrom: full)
        }
        total += time
        print(
            String(
                format: "fold %d: %d iterations, converged %@, %.2f s", fold, model?.iterations ?? 0,
                model?.converged == true ? "yes" : "no", time))
    }
    print(String(format: "total %.2f s; peak RSS %.0f MB", total, peakResidentMegabytes()))
}
