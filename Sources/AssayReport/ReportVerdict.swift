import AssayCore
import Foundation

/// The one-minute answer for one family: a status, the two or three numbers that matter, and a
/// sentence — shown at the top of report.html and of summary.md.
public struct FamilyVerdict: Sendable, Equatable {
    public enum Status: String, Sendable {
        case good, mixed, bad
        /// The family was not measured on this data (no embeddings, no labels …).
        case unmeasured
    }

    /// The card's name: a family, or `semantic` for the embedding half of `diversity`.
    public var id: String
    public var title: String
    /// The element id of the report section it links to.
    public var anchor: String
    public var status: Status
    public var figures: [KeyFigure]
    public var sentence: String
}

/// One number of a verdict: the synthetic side's value beside the original's, or a pair value.
public struct KeyFigure: Sendable, Equatable {
    public var metricID: MetricID
    public var title: String
    public var synthetic: String
    /// The original's value, when the metric has one per side.
    public var original: String?

    /// "0.068 (original 0.913)" or "0.006".
    public var text: String { original.map { "\(synthetic) (original \($0))" } ?? synthetic }
}

extension Report {
    /// The verdict cards of a comparison, in report order; empty when one side is missing.
    ///
    /// The `catalog` says which section each metric belongs to (the semantic card counts the
    /// diversity measures on embeddings).
    public func verdicts(catalog: [MetricDescriptor]) -> [FamilyVerdict] {
        guard inputs.original != nil, inputs.synthetic != nil else { return [] }
        return VerdictBuilder(report: self, semanticIDs: VerdictBuilder.semanticIDs(in: catalog)).all()
    }
}

/// Builds the verdict cards from a report's metrics and findings.
struct VerdictBuilder {
    let report: Report
    /// The ids of the `diversity` metrics computed on embeddings: the semantic diversity card.
    let semanticIDs: Set<MetricID>

    /// The ids the catalog puts in the `semantic` section.
    static func semanticIDs(in catalog: [MetricDescriptor]) -> Set<MetricID> {
        Set(catalog.filter { $0.section == "semantic" }.map(\.id))
    }

    func all() -> [FamilyVerdict] {
        [lexical(), semantic(), complexity(), labels(), duplicates(), fidelity(), bias(), utility()]
    }

    // MARK: Cards

    private func lexical() -> FamilyVerdict {
        let metrics = report.judgedMetrics.filter { $0.family == "diversity" && !semanticIDs.contains($0.id) }
        return tally(
            id: "diversity", title: "Diversity", anchor: "diversity", metrics: metrics,
            figures: ["diversity.distinct_2", "diversity.self_bleu", "diversity.compression_ratio"],
            quality: "varied", skippedPrefix: "diversity.distinct")
    }

    private func semantic() -> FamilyVerdict {
        let metrics = report.judgedMetrics.filter { semanticIDs.contains($0.id) }
        return tally(
            id: "semantic", title: "Semantic diversity", anchor: "semantic", metrics: metrics,
            figures: ["diversity.vendi_ratio", "diversity.aps", "diversity.dispersion"], quality: "varied in meaning",
            skippedPrefix: "diversity.aps")
    }

    /// A card whose status counts the metrics on which the synthetic side is worse.
    private func tally(
        id: String, title: String, anchor: String, metrics: [MetricResult], figures: [MetricID], quality: String,
        skippedPrefix: String
    ) -> FamilyVerdict {
        let verdicts = metrics.map { MetricComparison($0).verdict }.filter { $0 != .none }
        guard !verdicts.isEmpty else { return unmeasured(id, title, anchor, skippedPrefix) }
        let worse = verdicts.filter { $0 == .original }.count
        let better = verdicts.filter { $0 == .synthetic }.count
        let similar = verdicts.count - worse - better
        let status: FamilyVerdict.Status = worse > better + similar ? .bad : worse > 0 ? .mixed : .good
        let lead =
            switch status {
            case .bad: "Less \(quality) than the original"
            case .mixed: "Partly as \(quality) as the original"
            default: "As \(quality) as the original or more"
            }
        let sentence =
            "\(lead): worse on \(worse), better on \(better) and within the interval on \(similar) of \(verdicts.count) measures."
        return FamilyVerdict(
            id: id, title: title, anchor: anchor, status: status, figures: figures.compactMap(figure),
            sentence: sentence)
    }

    private func complexity() -> FamilyVerdict {
        let distances = report.judgedMetrics.filter { $0.family == "complexity" && $0.id.rawValue.hasSuffix("_ks") }
        guard let furthest = distances.filter({ $0.value != nil }).max(by: { ($0.value ?? 0) < ($1.value ?? 0) }),
            let ks = furthest.value
        else { return unmeasured("complexity", "Complexity", "complexity", "complexity.") }
        var parts: [String] = []
        if let words = report.metric("complexity.tokens"), let s = words.synthetic?.value,
            let o = words.original?.value
        {
            let verdict = MetricComparison(words).verdict
            let size = verdict == .similar ? "about as long as" : s > o ? "longer than" : "shorter than"
            parts.append(
                "texts are \(size) the original's (\(MetricComparison.format(s)) vs \(MetricComparison.format(o)) words)"
            )
        }
        if let grade = report.metric("complexity.flesch_kincaid_grade"), let s = grade.synthetic?.value,
            let o = grade.original?.value
        {
            parts.append("read at grade \(MetricComparison.format(s)) vs \(MetricComparison.format(o))")
        }
        let title = furthest.title.replacingOccurrences(of: ": KS distance", with: "")
        parts.append("the most different distribution is \(title.lowercased()) (KS \(MetricComparison.format(ks)))")
        let status: FamilyVerdict.Status = ks >= 0.3 ? .bad : ks >= 0.1 ? .mixed : .good
        return FamilyVerdict(
            id: "complexity", title: "Complexity", anchor: "complexity", status: status,
            figures: ["complexity.tokens", "complexity.flesch_kincaid_grade", furthest.id].compactMap(figure),
            sentence: sentenceCase(parts.joined(separator: "; ")) + ".")
    }

    private func labels() -> FamilyVerdict {
        let rate = report.metric("noise.label_issue_rate")
        guard let synthetic = rate?.synthetic?.value else {
            return unmeasured("noise", "Labels", "noise", "noise.")
        }
        var sentence = "Confident learning flags \(percent(synthetic)) of the synthetic labels"
        if let original = rate?.original?.value { sentence += " (\(percent(original)) of the original's)" }
        if let agreement = report.metric("noise.synthetic_label_agreement")?.value {
            sentence += "; a model of the original agrees with \(percent(agreement)) of them"
        }
        let problems = report.labelQuality?.labelSet.count ?? 0
        if problems > 0 { sentence += "; \(problems) label-set problem\(problems == 1 ? "" : "s")" }
        let baseline = rate?.original?.value ?? 0
        let status: FamilyVerdict.Status =
            synthetic > baseline + 0.05 || problems > 0 ? .bad : synthetic > baseline + 0.01 ? .mixed : .good
        return FamilyVerdict(
            id: "noise", title: "Labels", anchor: "noise", status: status,
            figures: ["noise.label_issue_rate", "noise.synthetic_label_agreement"].compactMap(figure),
            sentence: sentence + ".")
    }

    private func duplicates() -> FamilyVerdict {
        let title = "Duplicates & leakage"
        let near = report.metric("duplicates.near_rate")?.synthetic?.value
        let leaked = report.metric("leakage.synthetic_near_original_rate")?.value
        guard near != nil || leaked != nil else { return unmeasured("duplicates", title, "duplicates", "duplicates.") }
        var parts: [String] = []
        var statuses: [FamilyVerdict.Status] = []
        if let near {
            let exact = report.metric("duplicates.exact_rate")?.synthetic?.value ?? 0
            let baseline = report.metric("duplicates.near_rate")?.original?.value ?? 0
            parts.append(
                "\(percent(near)) of the synthetic rows repeat another (\(percent(exact)) exactly; the original: \(percent(baseline)))"
            )
            statuses.append(near > baseline + 0.05 ? .bad : near > baseline + 0.01 ? .mixed : .good)
        }
        if let leaked {
            let exact = report.metric("leakage.synthetic_exact_in_original_rate")?.value ?? 0
            parts.append("\(percent(leaked)) copy or nearly copy an original row (\(percent(exact)) exactly)")
            statuses.append(leaked > 0.05 ? .bad : leaked > 0.01 ? .mixed : .good)
        }
        return FamilyVerdict(
            id: "duplicates", title: title, anchor: "duplicates", status: worst(statuses),
            figures: [
                "duplicates.near_rate", "leakage.synthetic_near_original_rate", "leakage.synthetic_13gram_rate",
            ].compactMap(figure), sentence: sentenceCase(parts.joined(separator: "; ")) + ".")
    }

    private func fidelity() -> FamilyVerdict {
        guard let mauve = report.metric("fidelity.mauve")?.value else {
            return unmeasured("fidelity", "Fidelity", "fidelity", "fidelity.mauve")
        }
        var sentence = "MAUVE \(MetricComparison.format(mauve))"
        if let auc = report.metric("fidelity.c2st_auc")?.value {
            sentence += "; a classifier tells the sets apart with AUC \(MetricComparison.format(auc))"
        }
        if let coverage = report.metric("fidelity.coverage")?.value {
            sentence += "; the synthetic set covers \(percent(coverage)) of the original"
        }
        return FamilyVerdict(
            id: "fidelity", title: "Fidelity", anchor: "fidelity",
            status: mauve >= 0.8 ? .good : mauve >= 0.5 ? .mixed : .bad,
            figures: ["fidelity.mauve", "fidelity.c2st_auc", "fidelity.coverage"].compactMap(figure),
            sentence: sentence + ".")
    }

    private func bias() -> FamilyVerdict {
        var parts: [String] = []
        var status = FamilyVerdict.Status.good
        if let jsd = report.metric("bias.region_jsd")?.value {
            if let skew = report.judgedFindings.first(where: { $0.kind == .regionSkew }), let detail = skew.detail {
                parts.append(detail)
            } else {
                parts.append("continent JSD \(MetricComparison.format(jsd)) bits")
            }
            if jsd >= 0.1 { status = .bad } else if jsd >= 0.05 { status = .mixed }
        }
        if let amplification = report.metric("bias.group_label_amplification"), let value = amplification.value {
            let ci = amplification.ci ?? []
            let excludesZero = ci.count == 2 && (ci[0] > 0 || ci[1] < 0)
            let note = amplification.note.map { " (\($0))" } ?? ""
            parts.append(
                "group–label amplification \(MetricComparison.format(value))\(note)\(excludesZero ? ", its interval excludes 0" : "")"
            )
            if excludesZero && status == .good { status = .mixed }
        }
        guard !parts.isEmpty else { return unmeasured("bias", "Bias", "bias", "bias.") }
        return FamilyVerdict(
            id: "bias", title: "Bias", anchor: "bias", status: status,
            figures: ["bias.region_jsd", "bias.attribute_jsd", "bias.group_label_amplification"].compactMap(figure),
            sentence: sentenceCase(parts.joined(separator: "; ")) + ".")
    }

    private func utility() -> FamilyVerdict {
        guard let tstr = report.metric("utility.tstr_accuracy")?.value,
            let trtr = report.metric("utility.trtr_accuracy")?.value,
            let ratio = report.metric("utility.tstr_ratio")?.value
        else { return unmeasured("utility", "Utility", "utility", "utility.") }
        return FamilyVerdict(
            id: "utility", title: "Utility", anchor: "utility",
            status: ratio >= 0.95 ? .good : ratio >= 0.85 ? .mixed : .bad,
            figures: ["utility.tstr_accuracy", "utility.trtr_accuracy", "utility.tstr_ratio"].compactMap(figure),
            sentence:
                "Trained on the synthetic set, the classifier reaches \(percent(tstr)) accuracy on the original: \(percent(ratio)) of the \(percent(trtr)) it reaches trained on the original itself."
        )
    }

    // MARK: Parts

    private func unmeasured(_ id: String, _ title: String, _ anchor: String, _ skippedPrefix: String)
        -> FamilyVerdict
    {
        let reason = report.skipped.first { $0.id.hasPrefix(skippedPrefix) }?.reason
        return FamilyVerdict(
            id: id, title: title, anchor: anchor, status: .unmeasured, figures: [],
            sentence: "Not measured" + (reason.map { ": \($0)" } ?? " on this data") + ".")
    }

    /// The key figure of metric `id`, if the report has a value for it.
    private func figure(_ id: MetricID) -> KeyFigure? {
        guard let metric = report.metric(id) else { return nil }
        if let value = metric.value {
            return KeyFigure(metricID: id, title: metric.title, synthetic: MetricComparison.format(value))
        }
        guard let synthetic = metric.synthetic?.value else { return nil }
        return KeyFigure(
            metricID: id, title: metric.title, synthetic: MetricComparison.format(synthetic),
            original: metric.original?.value.map(MetricComparison.format))
    }

    private func worst(_ statuses: [FamilyVerdict.Status]) -> FamilyVerdict.Status {
        statuses.contains(.bad) ? .bad : statuses.contains(.mixed) ? .mixed : .good
    }

    private func sentenceCase(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}
