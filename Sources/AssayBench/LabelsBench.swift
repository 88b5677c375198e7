import AssayCore
import AssayLinalg
import AssayMetrics
import Foundation

/// Out-of-sample class probabilities for N rows, K = 10 classes, d = 384 (5-fold cross-validated
/// logistic regression, the neighbour vote, their mean) and confident learning on them, on clustered
/// unit vectors with 10% of the labels flipped.
func labelsBench(rows: Int) {
    let d = 384
    let k = 10
    print(
        "assay labels bench — N = \(rows), K = \(k), d = \(d), 5 folds, OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)")"
    )
    var random = SeededRandom(seed: 11, stream: "bench/labels")
    func uniform() -> Float { Float(random.below(20_001)) / 10_000 - 1 }
    let centres = (0..<k).map { _ in (0..<d).map { _ in uniform() } }
    var labels: [String] = []
    var values: [Float] = []
    values.reserveCapacity(rows * d)
    for row in 0..<rows {
        let label = row % k
        values += centres[label].map { $0 * 0.15 + uniform() }
        let flipped = random.below(10) == 0 ? (label + 1 + random.below(k - 1)) % k : label
        labels.append("class \(flipped)")
    }
    let embeddings = Matrix(rows: rows, columns: d, values: values).rowNormalized
    let corpus = Corpus(
        source: Corpus.Source(path: "bench", format: .jsonl, sha256: "", byteCount: 0),
        texts: (0..<rows).map { "row \($0)" }, textFields: ["text"], rowNumbers: Array(1...rows), labelField: "label",
        labelValues: labels)
    let context = AnalysisContext(
        original: nil, synthetic: corpus, embeddings: [.synthetic: embeddings], embedderName: "random")
    var logistic: ClassProbabilities?
    let logisticTime = seconds { logistic = context.builtInProbabilities(.synthetic, classifier: .logistic) }
    var vote: ClassProbabilities?
    let voteTime = seconds { vote = context.builtInProbabilities(.synthetic, classifier: .knn) }
    var ensemble: ClassProbabilities?
    let ensembleTime = seconds { ensemble = context.builtInProbabilities(.synthetic, classifier: .ensemble) }
    var issues = 0
    let learningTime = seconds {
        if let ensemble, let ids = corpus.labels {
            issues = ConfidentLearning(probabilities: ensemble.values, labels: ids).issues.count
        }
    }
    let accuracy = logistic.map { probabilities in
        let predicted = probabilities.predicted
        return Double(zip(predicted, corpus.labels ?? []).filter { $0 == $1 }.count) / Double(rows)
    }
    print(
        String(
            format:
                "5-fold logistic regression: %.2f s (out-of-fold accuracy against the noisy labels %.3f); neighbour vote (k = 20, search included): %.2f s; mean of both: %.3f s",
            logisticTime, accuracy ?? 0, voteTime, ensembleTime))
    print(String(format: "confident learning: %.3f s, %d issues flagged", learningTime, issues))
    _ = vote?.method
    print(String(format: "peak RSS %.0f MB", peakResidentMegabytes()))
}
