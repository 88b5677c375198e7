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
        let method = LabelNoise.faithfulnessMethod(
            settings: context.settings, trainedOn: original.count, originalRows: original.count)
        let measured = LabelFaithfulnessCheck.measure(
            probabilities: probabilities, predicted: predicted, labels: syntheticLabels,
            labelNames: synthetic.labelNames, classes: original.labelNames, settings: context.settings, method: method
        ) { row in (synthetic.rowNumbers[row], synthetic.texts[row]) }
        result = measured
        skipReason = measured == nil ? "no synthetic row has a label the original has" : nil
    }

    /// Label faithfulness of synthetic rows under a model of the original's `classes`: the agreement of each
    /// row's label with the model's most probable class (with its bootstrap interval), the confusion matrix, and
    /// confident learning on the labels under the model's probabilities, whose flagged rows are the findings.
    /// Nil when no row has a label among `classes`.
    ///
    /// - Parameters:
    ///   - probabilities: N×K, the model's probabilities of each synthetic row, column k of class `classes[k]`.
    ///   - predicted: each row's most probable class (`ClassProbabilities.predicted`).
    ///   - labels: each row's label as an index into `labelNames` (−1 for none).
    ///   - method: how the model was trained, for the report.
    ///   - row: a row's number and text, for its finding.
    /// - Complexity: O(N·K + N·resamples).
    static func measure(
        probabilities: Matrix, predicted: [Int32], labels: [Int32], labelNames: [String], classes: [String],
        settings: AnalysisSettings, method: String, row: (Int) -> (number: Int, text: String)
    ) -> (summary: LabelFaithfulness, metric: MetricResult, findings: [Finding])? {
        let mapped = LabelNoise.classes(of: labels, labelNames: labelNames, among: classes)
        let rows = mapped.indices.filter { mapped[$0] >= 0 }
        guard !rows.isEmpty else { return nil }
        let confusion = SparseMatrix(
            rows: classes.count, columns: classes.count,
            cells: rows.map { SparseMatrix.Cell(row: Int(mapped[$0]), column: Int(predicted[$0]), value: 1) })
        let agrees = rows.map { mapped[$0] == predicted[$0] }
        let agreement = Double(agrees.filter { $0 }.count) / Double(rows.count)
        var random = SeededRandom(seed: settings.seed, stream: "bootstrap/\(LabelNoise.agreement.id)")
        let ci = Sampling.bootstrapInterval(
            count: rows.count, resamples: settings.bootstrapResamples, using: &random
        ) { sample in Sampling.share(agrees, among: sample) }

        let learning = ConfidentLearning(probabilities: probabilities, labels: mapped)
        let findings = learning.issues.map { index in
            let (number, text) = row(index)
            return Finding(
                kind: .labelDisagreement, side: .synthetic, row: number, text: text,
                detail:
                    "a model of the original gives the given label probability \(format(learning.selfConfidence[index]))",
                score: learning.selfConfidence[index], given: classes[Int(mapped[index])],
                suggested: classes[Int(learning.predicted[index])])
        }
        return (
            LabelFaithfulness(
                method: method, classes: classes, rows: rows.count, agreement: agreement, confusion: confusion,
                issues: learning.issues.count),
            MetricResult(LabelNoise.agreement, value: agreement, ci: ci, n: rows.count),
            findings
        )
    }
}

extension LabelNoise {
    /// Label faithfulness over every synthetic row of a sharded run: the rows' probabilities are those the
    /// model of the original's sampled rows gave each row (`assay shard --score`), measured as `assay compare`
    /// measures its own (`noise.synthetic_label_agreement`, its confusion matrix and `label_disagreement`
    /// findings). Nil when no row has a label among `classes`.
    ///
    /// - Parameters:
    ///   - probabilities: N×K, one row per synthetic row, column k of class `classes[k]` (the original's labels).
    ///   - labels: each row's label as an index into `labelNames` (−1 for none).
    ///   - trainedOn: the original's labelled sampled rows the model was trained on, of `originalRows`.
    ///   - row: a row's number and text, for the findings (asked only of the rows confident learning flags).
    /// - Complexity: O(N·K + N·resamples).
    public static func everyRowFaithfulness(
        probabilities: Matrix, labels: [Int32], labelNames: [String], classes: [String], settings: AnalysisSettings,
        trainedOn: Int, originalRows: Int, row: (Int) -> (number: Int, text: String)
    ) -> (summary: LabelFaithfulness, metric: MetricResult, findings: [Finding])? {
        let trained = faithfulnessMethod(settings: settings, trainedOn: trainedOn, originalRows: originalRows)
        let method = trainedOn == originalRows ? trained : "\(trained), applied to every synthetic row"
        return LabelFaithfulnessCheck.measure(
            probabilities: probabilities, predicted: ClassProbabilities(values: probabilities, method: "").predicted,
            labels: labels, labelNames: labelNames, classes: classes, settings: settings, method: method, row: row)
    }

    /// Each row's label (an index into `labelNames`, −1 for none) as an index into `classes`, a model's
    /// classes; −1 for a row without a label or with one the model does not know.
    ///
    /// - Complexity: O(N + K).
    public static func classes(of labels: [Int32], labelNames: [String], among classes: [String]) -> [Int32] {
        let position = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, Int32($0)) })
        let mapping = labelNames.map { position[$0] ?? -1 }
        return labels.map { $0 < 0 ? -1 : mapping[Int($0)] }
    }

    /// How label faithfulness's model was trained, for the report: on all of the original's rows, or on a
    /// bottom-k sample of `trainedOn` of its `originalRows` (a sharded run).
    public static func faithfulnessMethod(settings: AnalysisSettings, trainedOn: Int, originalRows: Int) -> String {
        let model = "logistic regression (C = \(settings.logistic.inverseRegularization))"
        return trainedOn == originalRows
            ? "\(model) trained on all \(originalRows) original rows"
            : "\(model) trained on a bottom-k sample of \(trainedOn) of \(originalRows) original rows"
    }
}
