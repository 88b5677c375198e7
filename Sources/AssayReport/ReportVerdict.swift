import AssayCore
import Foundation

/// The one-minute answer for one family: a status, the two or three numbers that matter, and a
/// sentence — shown at the top of report.html and of summary.md, and kept in report.json (`families`).
///
/// A status rests on evidence (`Evidence`): a difference counts against the synthetic set only when
/// its interval excludes "no difference", it is large enough to matter, and enough rows stand behind it.
public struct FamilyVerdict: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case good, mixed, bad
        /// The sets differ in a direction-neutral way (shorter, longer) that stays within the original's
        /// own spread: worth knowing, not a defect.
        case different
        /// A side has fewer rows than `Evidence.minimumRows`: no verdict is given.
        case tooFew = "too_few"
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
    /// The rows the card's measures rest on when they were not every row (`sample of 20,000 of 50,000 rows a
    /// side`, `SemanticSample.basis`); nil for every row.
    public var basis: String?

    public init(
        id: String, title: String, anchor: String, status: Status, figures: [KeyFigure], sentence: String,
        basis: String? = nil
    ) {
        self.id = id
        self.title = title
        self.anchor = anchor
        self.status = status
        self.figures = figures
        self.sentence = sentence
        self.basis = basis
    }

    /// The families whose measures run on the embedding sample when a side exceeds the embedding budget.
    public static let sampledFamilies: Set<String> = ["semantic", "noise", "fidelity", "utility"]
}

/// One number of a verdict: the synthetic side's value beside the original's, or a pair value.
public struct KeyFigure: Codable, Sendable, Equatable {
    public var metricID: MetricID
    public var title: String
    public var synthetic: String
    /// The original's value, when the metric has one per side.
    public var original: String?

    /// "0.068 (original 0.913)" or "0.006".
    public var text: String { original.map { "\(synthetic) (original \($0))" } ?? synthetic }

    enum CodingKeys: String, CodingKey {
        case metricID = "metric_id"
        case title, synthetic, original
    }
}

extension Report {
    /// The verdict cards of a comparison, in report order; empty when one side is missing.
    ///
    /// A report that was judged (`judge(catalog:)`) keeps its cards; otherwise they are built from the
    /// metrics. The `catalog` says which section each metric belongs to (the semantic card counts the
    /// diversity measures on embeddings).
    public func verdicts(catalog: [MetricDescriptor]) -> [FamilyVerdict] {
        if let families { return families }
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
        let cards = [lexical(), semantic(), complexity(), labels(), duplicates(), fidelity(), bias(), utility()]
        let rows = [report.inputs.original?.rows ?? 0, report.inputs.synthetic?.rows ?? 0].min() ?? 0
        guard rows < Evidence.minimumRows else { return cards }
        return cards.map { card in
            guard card.status != .unmeasured else { return card }
            var card = card
            card.status = .tooFew
            card.sentence =
                "Too few rows to judge (\(rows) < \(Evidence.minimumRows) on a side); as measured: " + card.sentence
            return card
        }
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

    /// A card whose status counts the metrics on which the synthetic side is materially worse: outside
    /// the intervals and by at least `Evidence.materialRelativeDifference` of the original's value.
    private func tally(
        id: String, title: String, anchor: String, metrics: [MetricResult], figures: [MetricID], quality: String,
        skippedPrefix: String
    ) -> FamilyVerdict {
        let compared = metrics.compactMap { metric -> (verdict: MetricComparison.Verdict, material: Bool)? in
            let verdict = MetricComparison(metric).verdict
            guard verdict != .none, let o = metric.original?.value, let s = metric.synthetic?.value else { return nil }
            return (verdict, Evidence.isMaterial(o, s))
        }
        guard !compared.isEmpty else { return unmeasured(id, title, anchor, skippedPrefix) }
        let worse = compared.filter { $0.verdict == .original && $0.material }.count
        let better = compared.filter { $0.verdict == .synthetic && $0.material }.count
        let alike = compared.count - worse - better
        let status: FamilyVerdict.Status = 2 * worse > compared.count ? .bad : worse > 0 ? .mixed : .good
        let lead =
            switch status {
            case .bad: "Less \(quality) than the original"
            case .mixed: "Partly as \(quality) as the original"
            default: "As \(quality) as the original or more"
            }
        let threshold = Int((100 * Evidence.materialRelativeDifference).rounded())
        let sentence =
            "\(lead): worse on \(worse), better on \(better) and alike on \(alike) of \(compared.count) measures (alike: inside an interval or under \(threshold)% apart)."
        return FamilyVerdict(
            id: id, title: title, anchor: anchor, status: status, figures: figures.compactMap(figure),
            sentence: sentence)
    }

    /// Length, readability and the other per-text descriptors have no better direction: a difference
    /// is `different` unless the synthetic mean leaves the original's middle 90%, which is `bad`.
    private func complexity() -> FamilyVerdict {
        let family = report.judgedMetrics.filter { $0.family == "complexity" }
        let differences = family.compactMap(descriptorDifference)
        guard !differences.isEmpty else { return unmeasured("complexity", "Complexity", "complexity", "complexity.") }
        var parts: [String] = []
        if let words = report.metric("complexity.tokens"), let s = words.synthetic?.value,
            let o = words.original?.value
        {
            let size = !Evidence.isMaterial(o, s) ? "about as long as" : s > o ? "longer than" : "shorter than"
            parts.append(
                "texts are \(size) the original's (\(MetricComparison.format(s)) vs \(MetricComparison.format(o)) words)"
            )
        }
        let furthest = differences.max { $0.ks < $1.ks }
        let outside = differences.filter { $0.outsideSpread != nil }
        let differing = differences.filter(\.differs)
        if let spread = outside.first, let range = spread.outsideSpread {
            parts.append(
                "the synthetic mean \(spread.title.lowercased()) (\(MetricComparison.format(spread.syntheticMean))) lies outside the original's middle 90% (\(MetricComparison.format(range.low))–\(MetricComparison.format(range.high)))"
            )
        } else if let furthest, furthest.differs {
            parts.append(
                "the most different distribution is \(furthest.title.lowercased()) (KS \(MetricComparison.format(furthest.ks)), above the 5% critical value \(MetricComparison.format(furthest.critical))), within the original's spread"
            )
        } else {
            parts.append("no distribution differs beyond chance and KS \(MetricComparison.format(Evidence.materialKS))")
        }
        let worse = family.filter {
            $0.better != .neither && MetricComparison($0).verdict == .original
                && Evidence.isMaterial($0.original?.value ?? 0, $0.synthetic?.value ?? 0)
        }
        if !worse.isEmpty { parts.append("worse on \(worse.map { $0.title.lowercased() }.joined(separator: ", "))") }
        let status: FamilyVerdict.Status =
            !outside.isEmpty ? .bad : !worse.isEmpty ? .mixed : !differing.isEmpty ? .different : .good
        return FamilyVerdict(
            id: "complexity", title: "Complexity", anchor: "complexity", status: status,
            figures: ["complexity.tokens", "complexity.flesch_kincaid_grade", furthest?.ksID].compactMap {
                $0.flatMap(figure)
            },
            sentence: sentenceCase(parts.joined(separator: "; ")) + ".")
    }

    /// How a direction-neutral descriptor differs between the sides.
    private struct DescriptorDifference {
        var title: String
        var ksID: MetricID
        var ks: Double
        var critical: Double
        var syntheticMean: Double
        /// The KS distance is material and beyond chance.
        var differs: Bool
        /// The original's 5th–95th percentile range, when the synthetic mean lies outside it.
        var outsideSpread: (low: Double, high: Double)?
    }

    private func descriptorDifference(_ metric: MetricResult) -> DescriptorDifference? {
        guard metric.better == .neither, let o = metric.original, let s = metric.synthetic, let mean = s.value,
            let ks = report.metric(metric.id.suffixed("_ks"))?.value
        else { return nil }
        let critical = Evidence.ksCritical(o.n, s.n)
        let differs = ks >= Evidence.materialKS && ks > critical
        var outside: (low: Double, high: Double)?
        if differs, let histogram = report.distributions?.first(where: { $0.id == metric.id.rawValue }),
            let counts = histogram.original,
            let low = Self.quantile(0.05, edges: histogram.edges, counts: counts),
            let high = Self.quantile(0.95, edges: histogram.edges, counts: counts), mean < low || mean > high
        {
            outside = (low, high)
        }
        let title = metric.title
        return DescriptorDifference(
            title: title, ksID: metric.id.suffixed("_ks"), ks: ks, critical: critical, syntheticMean: mean,
            differs: differs, outsideSpread: outside)
    }

    /// The `q` quantile of a histogram, interpolating linearly inside the bin that holds it.
    static func quantile(_ q: Double, edges: [Double], counts: [Int]) -> Double? {
        let total = counts.reduce(0, +)
        guard total > 0, edges.count == counts.count + 1 else { return nil }
        let target = q * Double(total)
        var below = 0.0
        for (bin, count) in counts.enumerated() where count > 0 {
            if below + Double(count) >= target {
                let within = (target - below) / Double(count)
                return edges[bin] + within * (edges[bin + 1] - edges[bin])
            }
            below += Double(count)
        }
        return edges.last
    }

    private func labels() -> FamilyVerdict {
        let rate = report.metric("noise.label_issue_rate")
        guard let synthetic = rate?.synthetic, let share = synthetic.value else {
            return unmeasured("noise", "Labels", "noise", "noise.")
        }
        let flagged = Int((share * Double(synthetic.n)).rounded())
        let interval = Evidence.wilson(flagged, of: synthetic.n)
        var sentence =
            "Confident learning flags \(flagged) of \(synthetic.n) synthetic labels (\(percent(share))\(interval.map { ", 95% interval \(percent($0.low))–\(percent($0.high))" } ?? ""))"
        if let original = rate?.original?.value { sentence += "; the original: \(percent(original))" }
        if let agreement = report.metric("noise.synthetic_label_agreement")?.value {
            sentence += "; a model of the original agrees with \(percent(agreement)) of them"
        }
        let confusions = report.labelConfusions()
        if let top = confusions.first {
            sentence +=
                "; \(top.rows) of \(top.classRows) '\(top.given)' rows read as '\(top.readAs)'"
        }
        let problems = report.labelQuality?.labelSet.count ?? 0
        if problems > 0 { sentence += "; \(problems) label-set problem\(problems == 1 ? "" : "s")" }
        // The rates differ on the evidence when Newcombe's interval of their difference excludes 0, and by
        // much when it clears 5 points — with a classifier reliable enough to trust the flags.
        var difference: (value: Double, low: Double, high: Double)?
        if let original = rate?.original, let value = original.value {
            difference = Evidence.difference(
                (flagged, synthetic.n), (Int((value * Double(original.n)).rounded()), original.n))
        }
        let accuracy = report.labelQuality?.sides[Side.original.rawValue]?.classifierAccuracy
        let reliable = (accuracy ?? 0) >= Evidence.reliableClassifierAccuracy
        if let accuracy, !reliable, (difference?.low ?? 0) > 0 {
            sentence +=
                "; the classifier reads only \(percent(accuracy)) of the original's labels, too weak to call the gap a defect"
        }
        let low = difference?.low ?? interval.map { $0.low } ?? 0
        let status: FamilyVerdict.Status =
            problems > 0 || !confusions.isEmpty || (reliable && low > 0.05) ? .bad : low > 0 ? .mixed : .good
        return FamilyVerdict(
            id: "noise", title: "Labels", anchor: "noise", status: status,
            figures: ["noise.label_issue_rate", "noise.synthetic_label_agreement"].compactMap(figure),
            sentence: sentence + ".")
    }

    private func duplicates() -> FamilyVerdict {
        let title = "Duplicates & leakage"
        guard report.nearDuplicates() != nil || report.leakedRows() != nil else {
            return unmeasured("duplicates", title, "duplicates", "duplicates.")
        }
        var parts: [String] = []
        var statuses: [FamilyVerdict.Status] = []
        // A sharded report counts exact copies over every row and near ones on its sample, where only pairs of
        // sampled rows are found: its sentence keeps the two apart.
        func everyRow(_ metric: MetricResult?, n: Int) -> (value: Double, of: Int)? {
            guard let metric, let count = metric.n ?? metric.synthetic?.n, count != n else { return nil }
            return (metric.value ?? metric.synthetic?.value ?? 0, count)
        }
        let grouped = TerminalProgress.grouped
        if let near = report.nearDuplicates() {
            let metric = report.metric("duplicates.exact_rate")
            let (rows, total) = (grouped(near.synthetic.rows), grouped(near.synthetic.total))
            if let exact = everyRow(metric, n: near.synthetic.total) {
                parts.append(
                    "\(rows) of \(total) sampled synthetic rows (\(percent(near.synthetic.rate))) repeat another sampled row (the original's sample: \(percent(near.baseline))); of all \(grouped(exact.of)), \(percent(exact.value)) repeat one exactly (the original: \(percent(metric?.original?.value ?? 0)))"
                )
                // Exact copies are near ones too: what every row's exact rate shows, the near rate would.
                let baseline = metric?.original?.value ?? 0
                let low = RowRate(rate: exact.value, of: exact.of).low
                statuses.append(low > baseline + 0.05 ? .bad : low > baseline + 0.01 ? .mixed : .good)
            } else {
                parts.append(
                    "\(near.synthetic.rows) of \(near.synthetic.total) synthetic rows (\(percent(near.synthetic.rate))) repeat another (\(percent(metric?.synthetic?.value ?? 0)) exactly; the original: \(percent(near.baseline)))"
                )
            }
            statuses.append(near.status)
        }
        if let leaked = report.leakedRows() {
            let metric = report.metric("leakage.synthetic_exact_in_original_rate")
            if let exact = everyRow(metric, n: leaked.total) {
                parts.append(
                    "\(grouped(leaked.rows)) (\(percent(leaked.rate))) copy or nearly copy a sampled original row; of all \(grouped(exact.of)), \(percent(exact.value)) copy one exactly"
                )
                let copied = RowRate(rate: exact.value, of: exact.of)
                statuses.append(copied.low > 0.05 ? .bad : copied.rows > 0 ? .mixed : .good)
            } else {
                parts.append(
                    "\(leaked.rows) (\(percent(leaked.rate))) copy or nearly copy an original row (\(percent(metric?.value ?? 0)) exactly)"
                )
            }
            statuses.append(leaked.low > 0.05 ? .bad : leaked.rows > 0 ? .mixed : .good)
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

    /// Regions, the attributes the user named, and group–label amplification; the strongest attribute
    /// difference leads the sentence.
    private func bias() -> FamilyVerdict {
        var parts: [String] = []
        var statuses: [FamilyVerdict.Status] = []
        for skew in report.attributeSkews() {
            parts.append(skew.sentence)
            statuses.append(skew.severe ? .bad : .mixed)
        }
        if let regions = report.metric("bias.region_jsd"), regions.value == nil, let note = regions.note {
            parts.append("regions: \(note)")
        }
        if let jsd = report.metric("bias.region_jsd")?.value {
            if let skew = report.judgedFindings.first(where: { $0.kind == .regionSkew }), let detail = skew.detail {
                parts.append(detail)
                statuses.append(.bad)
            } else {
                parts.append("continent JSD \(MetricComparison.format(jsd)) bits, no region skew")
            }
        }
        let drifts = report.languageDrifts()
        for drift in drifts {
            parts.append(drift.sentence)
            statuses.append(drift.difference.low >= 0.1 ? .bad : .mixed)
        }
        if let amplified = report.amplifiedAssociation() {
            parts.append(amplified.sentence)
            statuses.append(.mixed)
        } else if let amplification = report.metric("bias.group_label_amplification") {
            if let value = amplification.value {
                let note = amplification.note.map { " (\($0))" } ?? ""
                parts.append(
                    "group–label amplification \(MetricComparison.format(value))\(note), not beyond chance over the cells tested"
                )
            } else if let note = amplification.note {
                parts.append("group–label amplification: \(note)")
            }
        }
        guard !parts.isEmpty else { return unmeasured("bias", "Bias", "bias", "bias.") }
        return FamilyVerdict(
            id: "bias", title: "Bias", anchor: "bias", status: worst(statuses),
            figures: (["bias.region_jsd", "bias.attribute_jsd", "bias.group_label_amplification"] + drifts.map(\.metric))
                .compactMap(figure),
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
}

/// "Text" → "Text", "text" → "Text".
func sentenceCase(_ text: String) -> String {
    text.prefix(1).uppercased() + text.dropFirst()
}

/// A given class that a model of the original reads as another class, often enough to count.
struct LabelConfusion: Equatable {
    var given: String
    var readAs: String
    /// Synthetic rows given `given` that the model reads as `readAs`.
    var rows: Int
    /// Synthetic rows given `given`.
    var classRows: Int
}

/// A user-named attribute whose synthetic distribution departs from the original's.
struct AttributeSkew {
    var field: String
    var jsd: Double
    /// Missing values or a JSD of at least 0.1: the bias card reads `bad`.
    var severe: Bool
    var sentence: String
    /// The original's values the synthetic set lacks, with the original's rows of each.
    var missing: [(value: String, rows: Int)]
    /// Distinct values of the original.
    var originalValues: Int
}

/// A rate of synthetic rows: how many of how many, as the report's metric gives it.
struct RowRate {
    var rows: Int
    var total: Int
    var rate: Double

    /// `rate` of `total` rows, counted.
    init(rate: Double, of total: Int) {
        self.rows = Int((rate * Double(total)).rounded())
        self.total = total
        self.rate = rate
    }

    /// The lower bound of its Wilson interval.
    var low: Double { Evidence.wilson(rows, of: total)?.low ?? 0 }
}

/// A group–label association the synthetic set strengthens beyond chance.
struct AmplifiedAssociation {
    var association: GroupAssociation
    var amplification: Double
    var interval: [Double]
    /// The cells tested, which the Bonferroni correction divides the 5% by.
    var cells: Int
    var sentence: String
}

extension Report {
    /// The group–label cell whose association the synthetic set strengthens (|log odds ratio| grows) by
    /// more than chance allows when every cell with an amplification is tested: |amplification| / SE
    /// above the normal quantile of 0.025 / cells (Bonferroni), over the cells with enough mentions (not
    /// `tooFew`). The largest such cell; nil when none.
    func amplifiedAssociation() -> AmplifiedAssociation? {
        let tested = (bias?.groups ?? []).filter {
            $0.tooFew != true && $0.amplification != nil && $0.amplificationCI?.count == 2
        }
        guard !tested.isEmpty else { return nil }
        let critical = Evidence.upperNormalQuantile(0.025 / Double(tested.count))
        var best: AmplifiedAssociation?
        for cell in tested {
            guard let value = cell.amplification, let ci = cell.amplificationCI,
                let s = cell.logOddsRatio[Side.synthetic.rawValue], let o = cell.logOddsRatio[Side.original.rawValue],
                abs(s) > abs(o)
            else { continue }
            let standardError = (ci[1] - ci[0]) / (2 * Evidence.z)
            guard standardError > 0, abs(value) / standardError > critical,
                abs(value) > abs(best?.amplification ?? 0)
            else { continue }
            best = AmplifiedAssociation(
                association: cell, amplification: value, interval: ci, cells: tested.count,
                sentence:
                    "mentions of \(cell.group) go with '\(cell.label)' more strongly than in the original (log odds ratio \(MetricComparison.format(s)) vs \(MetricComparison.format(o)); amplification \(MetricComparison.format(value)), 95% interval [\(MetricComparison.format(ci[0])), \(MetricComparison.format(ci[1]))], beyond chance over \(tested.count) cells)"
            )
        }
        return best
    }

    /// The synthetic side's near duplicates (`duplicates.near_rate`) against the original's rate, graded:
    /// bad when the Wilson lower bound clears the original's rate by 5 points, mixed by 1; nil when the
    /// rate was not measured.
    func nearDuplicates() -> (synthetic: RowRate, baseline: Double, status: FamilyVerdict.Status)? {
        guard let near = metric("duplicates.near_rate"), let synthetic = near.synthetic, let rate = synthetic.value
        else { return nil }
        let rows = RowRate(rate: rate, of: synthetic.n)
        let baseline = near.original?.value ?? 0
        let status: FamilyVerdict.Status =
            rows.low > baseline + 0.05 ? .bad : rows.low > baseline + 0.01 ? .mixed : .good
        return (rows, baseline, status)
    }

    /// The synthetic rows that copy or nearly copy an original row (`leakage.synthetic_near_original_rate`,
    /// of its `n`, else of the synthetic rows); nil when not measured.
    func leakedRows() -> RowRate? {
        guard let leaked = metric("leakage.synthetic_near_original_rate"), let rate = leaked.value else { return nil }
        return RowRate(rate: rate, of: leaked.n ?? inputs.synthetic?.rows ?? 0)
    }

    /// The label confusions of the synthetic set that rest on enough rows (`Evidence.minimumConfusedRows`,
    /// `Evidence.confusedShare`, and twice the original model's own error rate), largest first.
    func labelConfusions() -> [LabelConfusion] {
        guard let faithfulness = labelQuality?.faithfulness else { return [] }
        // A model that errs on the original's own rows errs on the synthetic set too: a confusion counts
        // only when it is at least twice the original's cross-validated error rate.
        let originalError = labelQuality?.sides[Side.original.rawValue].map { 1 - $0.classifierAccuracy } ?? 0
        let floor = max(Evidence.confusedShare, 2 * originalError)
        let sizes = faithfulness.confusion.rowSums
        var confusions: [LabelConfusion] = []
        for cell in faithfulness.confusion.cells where cell.row != cell.column {
            let size = sizes[cell.row]
            guard cell.value >= Evidence.minimumConfusedRows, size >= Evidence.minimumRows,
                let interval = Evidence.wilson(cell.value, of: size), interval.low >= floor
            else { continue }
            confusions.append(
                LabelConfusion(
                    given: faithfulness.classes[cell.row], readAs: faithfulness.classes[cell.column], rows: cell.value,
                    classRows: size))
        }
        return confusions.sorted { ($0.rows, $1.given) > ($1.rows, $0.given) }
    }

    /// The user-named attributes (not derived, present on both sides) whose distributions differ on the
    /// evidence: a value of the original with `Evidence.minimumValueRows` rows missing from the synthetic
    /// set, or a JSD of at least 0.05 bits with the χ² test's p < 0.05. Largest JSD first.
    func attributeSkews() -> [AttributeSkew] {
        guard let tables = bias?.attributes else { return [] }
        var skews: [AttributeSkew] = []
        for table in tables where !table.derived && table.absentFrom == nil {
            guard let jsd = table.jsd else { continue }
            let present = table.values.filter { ($0.original ?? 0) > 0 }
            let missing = present.filter { ($0.synthetic ?? 0) == 0 && ($0.original ?? 0) >= Evidence.minimumValueRows }
                .map { (value: $0.value, rows: $0.original ?? 0) }
            let significant = (table.chiSquarePValue ?? 1) < 0.05
            guard !missing.isEmpty || (significant && jsd >= 0.05) else { continue }
            var sentence: String
            if !missing.isEmpty {
                let covered = present.count - present.filter { ($0.synthetic ?? 0) == 0 }.count
                sentence =
                    "the synthetic set has \(covered) of the original's \(present.count) '\(table.field)' values (missing: \(missing.map { "\($0.value), \($0.rows) original rows" }.joined(separator: "; ")))"
            } else {
                sentence = "'\(table.field)' values are distributed differently"
            }
            sentence +=
                " (JSD \(MetricComparison.format(jsd)) bits\(table.chiSquarePValue.map { ", χ² p \(MetricComparison.format($0))" } ?? ""))"
            skews.append(
                AttributeSkew(
                    field: table.field, jsd: jsd, severe: !missing.isEmpty || jsd >= 0.1, sentence: sentence,
                    missing: missing, originalValues: present.count))
        }
        return skews.sorted { ($0.severe ? 1 : 0, $0.jsd) > ($1.severe ? 1 : 0, $1.jsd) }
    }
}

/// A language rate of the synthetic set beyond the original's (`Evidence.drift`).
struct LanguageDrift {
    var metric: MetricID
    var synthetic: RowRate
    var original: RowRate
    /// Synthetic minus original, with Newcombe's 95% interval.
    var difference: (value: Double, low: Double, high: Double)
    /// What to do about it.
    var action: String
    /// The evidence in a clause: "12 of 40 synthetic rows (30.0%) are not in the original's main languages (en;
    /// they are in de 12), against 0 of 40 (0.0%) of the original's: +30.0 points (95% interval +15.2 to +45.4)".
    var sentence: String
}

extension Report {
    /// The language rates (`bias.*_language_rate`, `bias.language_mismatch_rate`), what their rows do, and what
    /// to do when the rate drifts.
    static let languageRates: [(id: MetricID, what: String, action: String)] = [
        (
            "bias.other_language_rate", "are not in the original's main languages",
            "Name the language in the prompt (and in the system turn), drop or translate the rows in other languages (the language_drift findings list them), and regenerate."
        ),
        (
            "bias.language_mismatch_rate", "answer in another language than their prompt's",
            "Tell the generator to answer in the prompt's language, drop the rows whose response is in another one (the language_drift findings list them), and regenerate."
        ),
        (
            "bias.mixed_language_rate", "mix languages",
            "Check the rows that mix languages (the language_drift findings list them): keep them only if code-switching is wanted; otherwise name one language in the prompt."
        ),
    ]

    /// The language rates on which the synthetic set drifts from the original (`Evidence.drift`), in
    /// `languageRates`' order.
    func languageDrifts() -> [LanguageDrift] {
        Report.languageRates.compactMap { id, what, action in
            guard let metric = metric(id), let s = metric.synthetic, let o = metric.original, let sv = s.value,
                let ov = o.value
            else { return nil }
            let synthetic = RowRate(rate: sv, of: s.n)
            let original = RowRate(rate: ov, of: o.n)
            guard
                let difference = Evidence.drift(
                    synthetic: (synthetic.rows, synthetic.total), original: (original.rows, original.total))
            else { return nil }
            var which = ""
            if id == "bias.other_language_rate", let table = bias?.attributes.first(where: { $0.field == "language" }) {
                let main = Evidence.mainLanguages(
                    Dictionary(uniqueKeysWithValues: table.values.map { ($0.value, $0.original ?? 0) }))
                let others = table.values.filter { !main.contains($0.value) && $0.value != "und" }
                    .compactMap { value in value.synthetic.flatMap { $0 > 0 ? "\(value.value) \($0)" : nil } }
                which = " (\(main.joined(separator: ", ")); they are in \(others.joined(separator: ", ")))"
            }
            func points(_ value: Double) -> String { String(format: "%+.1f", 100 * value) }
            return LanguageDrift(
                metric: id, synthetic: synthetic, original: original, difference: difference, action: action,
                sentence:
                    "\(synthetic.rows) of \(synthetic.total) synthetic rows (\(percent(synthetic.rate))) \(what)\(which), against \(original.rows) of \(original.total) (\(percent(original.rate))) of the original's: \(points(difference.value)) points (95% interval \(points(difference.low)) to \(points(difference.high)))"
            )
        }
    }
}
