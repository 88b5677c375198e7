import AssayCore
import AssayLinalg
import AssayReport

/// Cross-dataset label faithfulness (METRICS.md): a logistic regression trained on the whole original
/// set predicts the synthetic rows; the agreement rate, the confusion matrix, and confident learning on
/// the synthetic labels under that model's probabilities.
struct LabelFaithfulnessCheck {
    /// The original model's class (an index into the original's label names) for each synthetic row,
    /// when the model ran.
    let predictions: [Int32]?
    let result: (summary: LabelFaithfulness, metric: MetricResult, findings: [Finding])?
    /// Why there is no result, when there is none worth a line in the report.
    let skipReason: String?

    init(_ context: AnalysisContext) {
        guard let original = context.original, let synthetic = context.synthetic, original.isLabelled,
            let syntheticLabels = synthetic.labels
        else {
            (predictions, result, skipReason) = (nil, nil, nil)
            return
        }
        guard let model = context.trainedModel(.original), let features = context.embeddings[.synthetic] else {
            let reason =
                original.labelNames.count < 2
                ? "the original set has one class only" : "needs embeddings of both sets (--embedder)"
            (predictions, result, skipReason) = (nil, nil, reason)
            return
        }
        let probabilities = model.probabilities(features)
        let predicted = ClassProbabilities(values: probabilities, method: "").predicted
        predictions = predicted
        let classes = original.labelNames
        let position = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, Int32($0)) })
        let mapping = synthetic.labelNames.map { position[$0] ?? -1 }
        let mapped = syntheticLabels.map { $0 < 0 ? -1 : mapping[Int($0)] }
        let rows = mapped.indices.filter { mapped[$0] >= 0 }
        guard !rows.isEmpty else {
            result = nil
            skipReason = "no synthetic row has a label the original has"
            return
        }
        skipReason = nil
        let confusion = SparseMatrix(
            rows: classes.count, columns: classes.count,
            cells: rows.map { SparseMatrix.Cell(row: Int(mapped[$0]), column: Int(predicted[$0]), value: 1) })
        let agrees = rows.map { mapped[$0] == predicted[$0] }
        let agreement = Double(agrees.filter { $0 }.count) / Double(rows.count)
        var random = SeededRandom(seed: context.settings.seed, stream: "bootstrap/\(LabelNoise.agreement.id)")
        let ci = Sampling.bootstrapInterval(
            count: rows.count, resamples: context.settings.bootstrapResamples, using: &random
        ) { sample in Sampling.share(agrees, among: sample) }

        let learning = ConfidentLearning(probabilities: probabilities, labels: mapped)
        let findings = learning.issues.map { row in
            Finding(
                kind: .labelDisagreement, side: .synthetic, row: synthetic.rowNumbers[row],
                text: synthetic.texts[row],
                detail:
                    "a model of the original gives the given label probability \(format(learning.selfConfidence[row]))",
                score: learning.selfConfidence[row], given: classes[Int(mapped[row])],
                suggested: classes[Int(learning.predicted[row])])
        }
        let method =
            "logistic regression (C = \(context.settings.logistic.inverseRegularization)) trained on all \(original.count) original rows"
        result = (
            LabelFaithfulness(
                method: method, classes: classes, rows: rows.count, agreement: agreement, confusion: confusion,
                issues: learning.issues.count),
            MetricResult(LabelNoise.agreement, value: agreement, ci: ci, n: rows.count),
            findings
        )
    }
}
