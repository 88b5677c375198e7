import AssayCore
import AssayLinalg
import AssayReport

/// Label noise (family `noise`): confident learning on each labelled side, the synthetic labels judged
/// by a classifier of the original (label faithfulness), and label-set problems.
///
/// Class probabilities come from `AnalysisContext.classProbabilities` — the user's `--pred-probs`, or
/// the built-in classifier's out-of-sample probabilities, computed once per run.
public struct LabelNoise: Analyzer {
    public init() {}

    public var descriptors: [MetricDescriptor] {
        [LabelNoise.issueRate, LabelNoise.health, LabelNoise.agreement]
    }

    static let issueRate = MetricDescriptor(
        id: "noise.label_issue_rate", family: "noise", title: "Label issue rate", better: .lower,
        formula:
            "rows flagged by confident learning / labelled rows; flagged: per-class thresholds t_j = mean P̂_ij over rows labelled j, calibrated confident joint, prune by noise rate (largest margin P̂_j − P̂_given), argmax = given cleared",
        source: "Northcutt, Jiang & Chuang 2021 (confident learning), as in cleanlab", interval: nil,
        caveat:
            "as good as the out-of-sample probabilities: a weak classifier (few rows, hashing embeddings) flags hard but correct rows too; the data's own genuine label errors count"
    )
    static let health = MetricDescriptor(
        id: "noise.label_health", family: "noise", title: "Label health", better: .higher,
        formula: "1 − label issues / labelled rows (per class: 1 − issues among the class's rows / its rows)",
        source: "Northcutt et al. 2021; cleanlab's health summary", interval: nil)
    /// `noise.synthetic_label_agreement`, which a sharded report may count over every synthetic row.
    public static var agreementID: MetricID { agreement.id }
    static let agreement = MetricDescriptor(
        id: "noise.synthetic_label_agreement", family: "noise", title: "Synthetic label agreement", better: .higher,
        formula:
            "share of synthetic rows (with a label the original has) whose label is the class a logistic regression trained on the whole original set predicts",
        source: "cross-dataset label faithfulness: a classifier of the original labels the synthetic rows",
        interval: .bootstrap,
        caveat: "bounded by how well the original's classes can be learned from embeddings (see utility.trtr_accuracy)")

    /// Below this out-of-sample accuracy the report warns that flags are unreliable.
    static let weakClassifierAccuracy = 0.8

    public func analyze(_ context: AnalysisContext) throws -> AnalyzerOutput {
        var output = AnalyzerOutput()
        var quality = LabelQuality()
        var sideValues: [Side: (rate: SideValue, health: SideValue)] = [:]
        var classRates: [String: [Side: (rate: Double, health: Double, rows: Int)]] = [:]
        for side in context.sides {
            guard let corpus = context.corpus(side), let labels = corpus.labels else { continue }
            guard corpus.labelNames.count > 1 else {
                output.skipped.append(
                    SkippedMetric(
                        id: LabelNoise.issueRate.id.rawValue,
                        reason: "the \(side.rawValue) set has one class only ('\(corpus.labelNames.first ?? "")')"))
                continue
            }
            guard let probabilities = context.classProbabilities(side) else {
                let large = corpus.labelNames.count - context.tooSmallClasses(side).count
                if context.embeddings[side] != nil, large < 2 {
                    output.skipped.append(
                        SkippedMetric(
                            id: LabelNoise.issueRate.id.rawValue,
                            reason:
                                "the \(side.rawValue) set has \(large == 0 ? "no class" : "one class only") with at least \(context.settings.folds) rows (the cross-validation folds); smaller classes are too small to judge"
                        ))
                    continue
                }
                output.skipped.append(
                    SkippedMetric(
                        id: LabelNoise.issueRate.id.rawValue,
                        reason:
                            "no class probabilities for the \(side.rawValue) set: run with an embedder or give --pred-probs"
                    ))
                continue
            }
            // The shared confident learning: rows of a class too small to judge take no part in it.
            guard let learning = context.labelIssues(side) else { continue }
            let summary = LabelNoise.summary(
                learning, corpus: corpus, method: probabilities.method, tooSmall: probabilities.tooSmallClasses)
            quality.sides[side.rawValue] = summary
            if summary.classifierAccuracy < LabelNoise.weakClassifierAccuracy {
                output.warnings.append(
                    "label noise on the \(side.rawValue) set: the class probabilities match only \(Int((summary.classifierAccuracy * 100).rounded()))% of its labels, so many flagged rows may be hard but correctly labelled (more rows, a stronger embedder or --pred-probs help)"
                )
            }
            let rows = learning.labelledRows
            sideValues[side] = (
                SideValue(value: learning.issueRate, n: rows), SideValue(value: 1 - learning.issueRate, n: rows)
            )
            for entry in summary.perClass where entry.tooSmall != true {
                classRates[entry.label, default: [:]][side] = (entry.noiseRate, entry.quality, entry.rows)
            }
            output.findings += learning.issues.map { row in
                Finding(
                    kind: .labelIssue, side: side, row: corpus.rowNumbers[row], text: corpus.texts[row],
                    detail: "self-confidence \(format(learning.selfConfidence[row]))",
                    score: learning.selfConfidence[row], given: corpus.labelNames[Int(labels[row])],
                    suggested: corpus.labelNames[Int(learning.predicted[row])])
            }
        }
        if !sideValues.isEmpty {
            func byClass(_ value: (Double, Double, Int) -> Double) -> [String: ClassValue] {
                classRates.mapValues { sides in
                    ClassValue(
                        original: sides[.original].map { value($0.rate, $0.health, $0.rows) },
                        synthetic: sides[.synthetic].map { value($0.rate, $0.health, $0.rows) },
                        n: sides.values.map(\.rows).max() ?? 0)
                }
            }
            output.metrics.append(
                MetricResult(
                    LabelNoise.issueRate, original: sideValues[.original]?.rate,
                    synthetic: sideValues[.synthetic]?.rate, byClass: byClass { rate, _, _ in rate }))
            output.metrics.append(
                MetricResult(
                    LabelNoise.health, original: sideValues[.original]?.health,
                    synthetic: sideValues[.synthetic]?.health, byClass: byClass { _, health, _ in health }))
        }
        if context.isComparison {
            let faithfulness = LabelFaithfulnessCheck(context)
            if let result = faithfulness.result {
                quality.faithfulness = result.summary
                output.metrics.append(result.metric)
                output.findings += result.findings
            } else if let reason = faithfulness.skipReason {
                output.skipped.append(SkippedMetric(id: LabelNoise.agreement.id.rawValue, reason: reason))
            }
            quality.labelSet = LabelSetCheck.problems(context, predictions: faithfulness.predictions)
            output.findings += quality.labelSet.map(LabelSetCheck.finding)
        }
        if !quality.sides.isEmpty || quality.faithfulness != nil || !quality.labelSet.isEmpty {
            output.labelQuality = quality
            output.settings.append(context.settings.classifierSettings)
        }
        return output
    }

    /// The report's view of one side's confident learning; the classes in `tooSmall` (ids) were not judged
    /// and are listed with their rows, no issues and `too_small`.
    static func summary(_ learning: ConfidentLearning, corpus: Corpus, method: String, tooSmall: [Int] = [])
        -> SideLabelQuality
    {
        let k = learning.classCount
        var issuesByClass = [Int](repeating: 0, count: k)
        var suggestedInto = [Int](repeating: 0, count: k)
        if let labels = corpus.labels {
            for row in learning.issues {
                issuesByClass[Int(labels[row])] += 1
                suggestedInto[Int(learning.predicted[row])] += 1
            }
        }
        var unjudgedRows = [Int](repeating: -1, count: k)
        if !tooSmall.isEmpty, let labels = corpus.labels {
            for j in tooSmall { unjudgedRows[j] = 0 }
            for label in labels where label >= 0 && unjudgedRows[Int(label)] >= 0 { unjudgedRows[Int(label)] += 1 }
        }
        let perClass = (0..<k).map { j in
            if unjudgedRows[j] >= 0 {
                var entry = ClassLabelQuality(
                    label: corpus.labelNames[j], rows: unjudgedRows[j], issues: 0, suggestedInto: suggestedInto[j],
                    noiseRate: 0, quality: 1, meanSelfConfidence: nil)
                entry.tooSmall = true
                return entry
            }
            let rows = learning.labelCounts[j]
            let rate = rows > 0 ? Double(issuesByClass[j]) / Double(rows) : 0
            return ClassLabelQuality(
                label: corpus.labelNames[j], rows: rows, issues: issuesByClass[j], suggestedInto: suggestedInto[j],
                noiseRate: rate, quality: 1 - rate,
                meanSelfConfidence: learning.thresholds[j].isNaN ? nil : learning.thresholds[j])
        }
        var correct = 0
        if let labels = corpus.labels {
            for row in labels.indices where labels[row] >= 0 && learning.predicted[row] == labels[row] { correct += 1 }
        }
        let accuracy = learning.labelledRows > 0 ? Double(correct) / Double(learning.labelledRows) : 0
        return SideLabelQuality(
            method: method, classes: corpus.labelNames, rows: learning.labelledRows, issues: learning.issues.count,
            classifierAccuracy: accuracy, thresholds: learning.thresholds.map { $0.isNaN ? nil : $0 },
            confidentJoint: learning.calibratedJoint,
            noiseMatrix: learning.noiseMatrix, perClass: perClass)
    }
}

/// A probability to three decimals, for finding details.
func format(_ value: Double) -> String {
    let scaled = (value * 1000).rounded() / 1000
    return String(scaled)
}
