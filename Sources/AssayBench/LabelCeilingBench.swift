import AssayCore
import AssayEmbed
import AssayLinalg
import AssayMetrics
import Foundation

/// How far label-noise detection with MiniLM embeddings can go on a real dataset: 10% of its labels
/// flipped at random (seed 7, as the real-data tests), then the flipped rows ranked by confident
/// learning on
/// 1. the built-in classifier's out-of-sample probabilities, trained on the noisy labels (what
///    `assay analyze` does), and
/// 2. an oracle: the same cross-validated classifiers trained on the *true* labels, so that no
///    training label is wrong. What it cannot rank, these classifiers on these embeddings cannot.
///
/// Prints precision and recall of the flagged rows and the precision of as many top-ranked rows as
/// were flipped.
func labelCeilingBench(paths: [String]) {
    let directory = ProcessInfo.processInfo.environment["ASSAY_MODEL_DIR"] ?? "models/all-MiniLM-L6-v2"
    guard let embedder = try? MiniLMEmbedder(directory: directory) else {
        print("label ceiling bench: no model in \(directory) (run make model); skipped")
        return
    }
    print(
        "assay label ceiling bench — MiniLM, 10% flipped (seed 7), 5 folds, OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)")"
    )
    for path in paths {
        guard let corpus = try? DatasetLoader.load(path: path), let ids = corpus.labels else {
            print("\(path): not found or unlabelled; skipped")
            continue
        }
        var embeddings: Matrix?
        let embedTime = seconds { embeddings = try? embedder.embed(corpus.texts) }
        guard let embeddings else { continue }
        let truth = ids.map { corpus.labelNames[Int($0)] }
        let (noisy, flipped) = flipping(truth, share: 0.1, seed: 7)
        func withLabels(_ labels: [String]) -> AnalysisContext {
            let copy = Corpus(
                source: corpus.source, texts: corpus.texts, textFields: corpus.textFields,
                rowNumbers: corpus.rowNumbers, labelField: corpus.labelField, labelValues: labels)
            return AnalysisContext(
                original: nil, synthetic: copy, embeddings: [.synthetic: embeddings], embedderName: embedder.modelID)
        }
        let noisyContext = withLabels(noisy)
        let noisyIds = noisyContext.synthetic?.labels ?? []
        let oracleContext = withLabels(truth)
        print(
            String(
                format: "%@: %d rows, %d classes, %d flipped (embedded in %.1f s)", path, corpus.count,
                corpus.labelNames.count, flipped.count, embedTime))
        let runs: [(String, AnalysisContext, ClassifierKind)] = [
            ("built-in ensemble, noisy labels", noisyContext, .ensemble),
            ("logistic regression, noisy labels", noisyContext, .logistic),
            ("oracle logistic regression, true labels", oracleContext, .logistic),
            ("oracle ensemble, true labels", oracleContext, .ensemble),
        ]
        for (name, context, classifier) in runs {
            guard let probabilities = context.builtInProbabilities(.synthetic, classifier: classifier) else { continue }
            let issues = ConfidentLearning(probabilities: probabilities.values, labels: noisyIds).issues
            let hits = issues.filter { flipped.contains($0) }.count
            let top = issues.prefix(flipped.count).filter { flipped.contains($0) }.count
            print(
                String(
                    format: "  %@ flagged %4d  precision %.3f  recall %.3f  top-ranked precision %.3f",
                    name.padding(toLength: 40, withPad: " ", startingAt: 0),
                    issues.count, Double(hits) / Double(max(issues.count, 1)), Double(hits) / Double(flipped.count),
                    Double(top) / Double(flipped.count)))
        }
    }
}

/// `labels` with `share` of them changed to another label chosen uniformly (seeded), and the rows
/// changed — the same draw as the real-data tests make (`LabelNoiseRealDataTests.flipping`).
private func flipping(_ labels: [String], share: Double, seed: UInt64) -> ([String], Set<Int>) {
    var random = SeededRandom(seed: seed, stream: "flip")
    let names = Set(labels).sorted()
    let count = Int((share * Double(labels.count)).rounded())
    let chosen = Sampling.withoutReplacement(count, from: labels.count, using: &random)
    var copy = labels
    for row in chosen {
        let others = names.filter { $0 != copy[row] }
        copy[row] = others[random.below(others.count)]
    }
    return (copy, Set(chosen))
}
