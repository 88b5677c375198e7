import AssayCore
import AssayLinalg
import AssayReport

/// Utility (family `utility`), the papers' own yardstick: the built-in logistic regression trained on
/// the synthetic set and tested on the original (TSTR), against the same classifier cross-validated on
/// the original (TRTR), by accuracy and macro-F1, with the ratio TSTR / TRTR.
///
/// Both are scored on every labelled original row over the original's classes; a synthetic row whose
/// label the original lacks is not trained on. Intervals: a paired bootstrap over the original rows
/// (the same resample scores TSTR, TRTR and their ratio).
public struct Utility: Analyzer {
    public init() {}

    public var descriptors: [MetricDescriptor] { Utility.metrics.map(\.descriptor) }

    struct Metric: Sendable {
        let descriptor: MetricDescriptor
        let value: @Sendable (_ tstr: Scores, _ trtr: Scores) -> Double?
    }

    /// Accuracy and macro-F1 of predictions against true classes.
    struct Scores: Sendable {
        let accuracy: Double
        let macroF1: Double

        /// The scores of `predicted` against `truth` over `rows`, macro-F1 averaged over `classCount`
        /// classes (a class with no true and no predicted row scores 0, as scikit-learn's default).
        ///
        /// - Complexity: O(rows + K).
        init(predicted: [Int32], truth: [Int32], rows: [Int], classCount: Int) {
            var truePositives = [Int](repeating: 0, count: classCount)
            var predictedCounts = [Int](repeating: 0, count: classCount)
            var trueCounts = [Int](repeating: 0, count: classCount)
            var correct = 0
            for row in rows {
                let p = Int(predicted[row])
                let t = Int(truth[row])
                predictedCounts[p] += 1
                trueCounts[t] += 1
                if p == t {
                    truePositives[t] += 1
                    correct += 1
                }
            }
            accuracy = rows.isEmpty ? 0 : Double(correct) / Double(rows.count)
            let f1 = (0..<classCount).map { k -> Double in
                let denominator = predictedCounts[k] + trueCounts[k]
                return denominator > 0 ? 2 * Double(truePositives[k]) / Double(denominator) : 0
            }
            macroF1 = classCount > 0 ? f1.reduce(0, +) / Double(classCount) : 0
        }
    }

    public func analyze(_ context: AnalysisContext) throws -> AnalyzerOutput {
        guard let original = context.original, let synthetic = context.synthetic else { return AnalyzerOutput() }
        let id = Utility.metrics[0].descriptor.id.rawValue
        guard let truth = original.labels, let syntheticLabels = synthetic.labels else {
            return AnalyzerOutput(skipped: [SkippedMetric(id: id, reason: "needs labels on both sets")])
        }
        guard original.labelNames.count > 1 else {
            return AnalyzerOutput(skipped: [SkippedMetric(id: id, reason: "the original set has one class only")])
        }
        guard let originalFeatures = context.embeddings[.original],
            let syntheticFeatures = context.embeddings[.synthetic]
        else {
            return AnalyzerOutput(skipped: [
                SkippedMetric(id: id, reason: "needs embeddings of both sets (--embedder)")
            ])
        }
        guard let trtr = context.builtInProbabilities(.original, classifier: .logistic) else {
            return AnalyzerOutput(skipped: [
                SkippedMetric(
                    id: id,
                    reason:
                        "fewer than two classes of the original set have at least \(context.settings.folds) rows (the cross-validation folds); smaller classes are too small to judge"
                )
            ])
        }
        let classes = original.labelNames
        let position = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, Int32($0)) })
        let mapping = synthetic.labelNames.map { position[$0] ?? -1 }
        let syntheticPosition = Dictionary(uniqueKeysWithValues: synthetic.labelNames.enumerated().map { ($1, $0) })
        let training = syntheticLabels.indices.filter {
            syntheticLabels[$0] >= 0 && mapping[Int(syntheticLabels[$0])] >= 0
        }
        guard !training.isEmpty else {
            return AnalyzerOutput(skipped: [
                SkippedMetric(id: id, reason: "no synthetic row has a label the original has")
            ])
        }
        let model = LogisticRegression(
            features: syntheticFeatures.selecting(rows: training),
            labels: training.map { mapping[Int(syntheticLabels[$0])] }, classCount: classes.count,
            options: context.settings.logistic,
            startingFrom: context.trainedModel(.synthetic)?.selecting(classes: classes.map { syntheticPosition[$0] }))
        let tstrPredicted = ClassProbabilities(values: model.probabilities(originalFeatures), method: "").predicted
        let trtrPredicted = trtr.predicted
        let rows = truth.indices.filter { truth[$0] >= 0 }
        func scores(_ sample: [Int]) -> (Scores, Scores) {
            (
                Scores(predicted: tstrPredicted, truth: truth, rows: sample, classCount: classes.count),
                Scores(predicted: trtrPredicted, truth: truth, rows: sample, classCount: classes.count)
            )
        }
        let (tstr, trtrScores) = scores(rows)
        let metrics = Utility.metrics.map { metric -> MetricResult in
            var random = SeededRandom(seed: context.settings.seed, stream: "bootstrap/\(metric.descriptor.id)")
            let ci = Sampling.bootstrapInterval(
                count: rows.count, resamples: context.settings.bootstrapResamples, using: &random
            ) { sample in
                let (t, r) = scores(sample.map { rows[$0] })
                return metric.value(t, r)
            }
            let value = metric.value(tstr, trtrScores)
            return MetricResult(
                metric.descriptor, value: value, ci: ci, n: rows.count,
                note: metric.descriptor.id.rawValue.hasPrefix("utility.tstr")
                    ? "trained on \(training.count) synthetic rows, tested on \(rows.count) original rows" : nil)
        }
        var output = AnalyzerOutput(metrics: metrics)
        output.settings.append(context.settings.classifierSettings)
        return output
    }

    static let metrics: [Metric] = [
        metric(
            "tstr_accuracy", "TSTR accuracy", .higher,
            formula:
                "accuracy on the original rows of a logistic regression on embeddings trained on the synthetic rows"
        ) { tstr, _ in tstr.accuracy },
        metric(
            "trtr_accuracy", "TRTR accuracy", .higher,
            formula: "accuracy of the same classifier, k-fold cross-validated on the original (out-of-fold predictions)"
        ) { _, trtr in trtr.accuracy },
        metric("tstr_ratio", "TSTR / TRTR accuracy", .higher, formula: "TSTR accuracy / TRTR accuracy") { tstr, trtr in
            trtr.accuracy > 0 ? tstr.accuracy / trtr.accuracy : nil
        },
        metric(
            "tstr_macro_f1", "TSTR macro-F1", .higher,
            formula: "mean over the original's classes of F1 = 2·TP / (2·TP + FP + FN), trained on synthetic"
        ) { tstr, _ in tstr.macroF1 },
        metric(
            "trtr_macro_f1", "TRTR macro-F1", .higher,
            formula: "macro-F1 of the out-of-fold predictions on the original"
        ) { _, trtr in trtr.macroF1 },
    ]

    private static func metric(
        _ name: String, _ title: String, _ better: Direction, formula: String,
        _ value: @escaping @Sendable (Scores, Scores) -> Double?
    ) -> Metric {
        Metric(
            descriptor: MetricDescriptor(
                id: MetricID("utility.\(name)"), family: "utility", title: title, better: better, formula: formula,
                source: "Esteban et al. 2017 (TSTR), as in Li et al. 2024 and the TarGEN/AttrPrompt evaluations",
                interval: .bootstrap,
                caveat: name.hasPrefix("tstr")
                    ? "a linear probe on frozen sentence embeddings, not a fine-tuned model: it ranks synthetic sets, it does not predict a fine-tuned model's accuracy"
                    : nil),
            value: value)
    }
}
