import AssayCore
import Foundation

/// One thing wrong with the synthetic set, ranked at the top of every report (`problems[]`): what the
/// evidence shows in one sentence, the rows behind it, and what to do about it.
public struct Problem: Codable, Sendable, Equatable {
    public enum Severity: String, Codable, Sendable, CaseIterable {
        case high, medium, low

        /// 0 for `high`: the sort key of the ranking.
        var rank: Int { Severity.allCases.firstIndex(of: self) ?? 0 }
    }

    /// The verdict card it belongs to (`noise`, `duplicates`, `diversity`, `bias` …).
    public var family: String
    /// What kind of problem it is; one of `Problem.kinds`, in ranking order.
    public var kind: String
    public var severity: Severity
    /// The evidence in one sentence, with its numbers and how many rows or mentions stand behind them
    /// (`rows` lists the rows).
    public var evidence: String
    /// What to do about it.
    public var action: String
    /// The synthetic rows behind it, by row number, all of them (the writers show the first few).
    public var rows: [Int]
    /// How many rows stand behind it in all (nil when it is about mentions or values, not rows).
    public var rowCount: Int?
    /// The metric that measures it, when one does.
    public var metric: MetricID?

    public init(
        family: String, kind: String, severity: Severity, evidence: String, action: String, rows: [Int] = [],
        rowCount: Int? = nil, metric: MetricID? = nil
    ) {
        self.family = family
        self.kind = kind
        self.severity = severity
        self.evidence = evidence
        self.action = action
        self.rows = rows
        self.rowCount = rowCount
        self.metric = metric
    }

    /// Characters of a phrase a problem's evidence quotes at most.
    public static let quotedLength = 80

    /// The kinds, in the order problems of equal severity are ranked: wrong labels first (they teach the
    /// model the wrong thing), then rows in the wrong language (they teach it to answer in it), then copies,
    /// then a lack of variety, then skews, then the rest.
    public static let kinds = [
        "label_set", "label_confusion", "label_issues", "language_drift", "duplicates", "leakage", "templated",
        "region_skew",
        "attribute_skew", "semantic_narrowness", "group_amplification", "distinguishable", "utility", "complexity",
    ]

    enum CodingKeys: String, CodingKey {
        case family, kind, severity, evidence, action, rows
        case rowCount = "row_count"
        case metric
    }
}

extension Report {
    /// Sets `families` (the verdict cards) and `problems` (ranked) from the metrics and findings, and adds
    /// the warnings about confounds the report can see. Call it once, after the analysis and before
    /// writing; a report that has both sides gets both.
    public mutating func judge(catalog: [MetricDescriptor]) {
        guard inputs.original != nil, inputs.synthetic != nil else { return }
        families = nil
        var cards = verdicts(catalog: catalog)
        if let sample = settings.semanticSample {
            for index in cards.indices where FamilyVerdict.sampledFamilies.contains(cards[index].id) {
                cards[index].basis = sample.basis
            }
        }
        families = cards
        problems = ProblemBuilder(report: self, cards: cards).all()
        for warning in confoundWarnings() where !warnings.contains(warning) { warnings.append(warning) }
    }

    /// Warnings about what confounds the comparison: a side too small for a verdict, and sides of very
    /// different lengths (per-text lexical metrics then compare unlike texts).
    func confoundWarnings() -> [String] {
        var warnings: [String] = []
        for (side, summary) in [(Side.original, inputs.original), (.synthetic, inputs.synthetic)] {
            guard let summary, summary.rows < Evidence.minimumRows else { continue }
            warnings.append(
                "the \(side) set has \(summary.rows) rows, fewer than the \(Evidence.minimumRows) a verdict needs: every family reads too few rows to judge"
            )
        }
        if let words = metric("complexity.tokens"), let o = words.original?.value, let s = words.synthetic?.value,
            min(o, s) > 0, max(o, s) / min(o, s) > 3
        {
            warnings.append(
                "the sides' mean lengths differ more than 3× (\(MetricComparison.format(s)) vs \(MetricComparison.format(o)) words): per-text lexical measures (MATTR, MTLD, HD-D, repetition) compare unlike texts"
            )
        }
        return warnings
    }
}

/// Builds the ranked problem list from a report and its verdict cards.
struct ProblemBuilder {
    let report: Report
    let cards: [FamilyVerdict]

    func all() -> [Problem] {
        let found =
            labelSet() + labelConfusions() + labelIssues() + languageDrift() + duplicates() + leakage() + templated()
            + regionSkew() + attributeSkews() + semanticNarrowness() + groupAmplification() + distinguishable()
            + utility() + complexity()
        return found.enumerated().sorted { a, b in
            (a.element.severity.rank, kind(a.element), a.offset) < (b.element.severity.rank, kind(b.element), b.offset)
        }.map(\.element)
    }

    private func kind(_ problem: Problem) -> Int { Problem.kinds.firstIndex(of: problem.kind) ?? Problem.kinds.count }

    private func status(_ card: String) -> FamilyVerdict.Status? { cards.first { $0.id == card }?.status }

    /// Synthetic rows of findings of `kinds`, in row order, without repeats.
    private func rows(of kinds: Set<FindingKind>, where include: (Finding) -> Bool = { _ in true }) -> [Int] {
        Array(
            Set(
                report.judgedFindings.filter { kinds.contains($0.kind) && $0.side == .synthetic && include($0) }
                    .compactMap(\.row))
        ).sorted()
    }

    // MARK: Labels

    private func labelSet() -> [Problem] {
        (report.labelQuality?.labelSet ?? []).filter { $0.side == .synthetic }.map { problem in
            Problem(
                family: "noise", kind: "label_set", severity: .high,
                evidence: sentenceCase(problem.problem) + ".",
                action: "Fix the label set before training: map or drop the labels the original does not have.",
                rows: problem.firstRow.map { [$0] } ?? [], rowCount: problem.rows)
        }
    }

    private func labelConfusions() -> [Problem] {
        report.labelConfusions().map { confusion in
            let rows = rows(of: [.labelDisagreement]) {
                $0.given == confusion.given && $0.suggested == confusion.readAs
            }
            return Problem(
                family: "noise", kind: "label_confusion", severity: .high,
                evidence:
                    "\(confusion.rows) of \(confusion.classRows) '\(confusion.given)' rows read as '\(confusion.readAs)' to a model of the original.",
                action:
                    "Relabel or regenerate them (assay clean --label-issues relabel writes the suggested labels), and make the '\(confusion.given)' prompt say what sets it apart from '\(confusion.readAs)'.",
                rows: rows, rowCount: confusion.rows,
                metric: "noise.synthetic_label_agreement")
        }
    }

    private func labelIssues() -> [Problem] {
        let flagged = rows(of: [.labelIssue])
        guard !flagged.isEmpty, let rate = report.metric("noise.label_issue_rate"), let synthetic = rate.synthetic
        else { return [] }
        let baseline = rate.original?.value
        let interval = Evidence.wilson(flagged.count, of: synthetic.n)
        let severity: Problem.Severity = status("noise") == .bad ? .high : .medium
        let share = interval.map { " (\(percent($0.value)))" } ?? ""
        return [
            Problem(
                family: "noise", kind: "label_issues", severity: severity,
                evidence:
                    "\(flagged.count) of \(synthetic.n) synthetic rows\(share) look mislabelled to confident learning\(baseline.map { " (the original: \(percent($0)))" } ?? "").",
                action: "Check them; relabel or drop them before training (assay clean --label-issues relabel|drop).",
                rows: flagged, rowCount: flagged.count,
                metric: "noise.label_issue_rate")
        ]
    }

    // MARK: Languages

    /// One problem for each language rate that drifts, its rows the synthetic rows flagged for it; rows outside the
    /// original's languages that are all responses in another language than their prompt's are one problem, the latter.
    private func languageDrift() -> [Problem] {
        let drifts = report.languageDrifts()
        let flagged = Dictionary(
            uniqueKeysWithValues: drifts.map { drift in
                (drift.metric, rows(of: [.languageDrift]) { $0.metric == drift.metric })
            })
        return drifts.compactMap { drift in
            let rows = flagged[drift.metric] ?? []
            // Responses in another language than their prompts' explain rows outside the original's languages
            // more exactly: one problem for both when it flags them all.
            if drift.metric == "bias.other_language_rate",
                let mismatched = flagged["bias.language_mismatch_rate"], Set(rows).isSubset(of: mismatched)
            {
                return nil
            }
            return Problem(
                family: "bias", kind: "language_drift", severity: drift.difference.low >= 0.1 ? .high : .medium,
                evidence: sentenceCase(drift.sentence) + ".", action: drift.action,
                rows: rows, rowCount: drift.synthetic.rows, metric: drift.metric)
        }
    }

    // MARK: Copies

    private func duplicates() -> [Problem] {
        guard let near = report.nearDuplicates(), near.status != .good else { return [] }
        let synthetic = near.synthetic
        // The rows deduplication drops: every member of a group but its first.
        var dropped = Set<Int>()
        for finding in report.judgedFindings
        where FindingKind.duplicateGroups.contains(finding.kind) && finding.side == .synthetic {
            let members = finding.groupRows ?? ((finding.row.map { [$0] } ?? []) + (finding.related ?? []).map(\.row))
            dropped.formUnion(members.dropFirst())
        }
        let rows = dropped.sorted()
        let exact = report.metric("duplicates.exact_rate")?.synthetic?.value ?? 0
        return [
            Problem(
                family: "duplicates", kind: "duplicates",
                severity: near.status == .bad ? .high : .medium,
                evidence:
                    "\(synthetic.rows) of \(synthetic.total) synthetic rows (\(percent(synthetic.rate))) repeat an earlier row, \(RowRate(rate: exact, of: synthetic.total).rows) of them exactly (the original: \(percent(near.baseline))).",
                action:
                    "Drop them before training, keeping the first of each group (assay clean); then generate with more varied prompts.",
                rows: rows, rowCount: synthetic.rows, metric: "duplicates.near_rate")
        ]
    }

    private func leakage() -> [Problem] {
        let leaked = rows(of: [.leakedPair])
        let measured = report.leakedRows()
        let total = measured?.total ?? report.inputs.synthetic?.rows ?? 0
        let rate = measured?.rate ?? Double(leaked.count) / Double(max(total, 1))
        let count = max(leaked.count, measured?.rows ?? 0)
        guard count > 0 else { return [] }
        return [
            Problem(
                family: "duplicates", kind: "leakage", severity: rate >= 0.05 ? .high : .medium,
                evidence:
                    "\(count) of \(total) synthetic rows (\(percent(rate))) copy or nearly copy an original row.",
                action:
                    "Drop them before training (assay clean): they teach the original back and inflate any evaluation on it.",
                rows: leaked, rowCount: count,
                metric: "leakage.synthetic_near_original_rate")
        ]
    }

    // MARK: Variety

    private func templated() -> [Problem] {
        guard let status = status("diversity"), status == .bad || status == .mixed else { return [] }
        var evidence = "The texts vary less than the original's"
        var figures: [String] = []
        for id: MetricID in ["diversity.distinct_2", "diversity.self_bleu"] {
            if let metric = report.metric(id), let s = metric.synthetic?.value, let o = metric.original?.value {
                figures.append(
                    "\(metric.title) \(MetricComparison.format(s)) vs \(MetricComparison.format(o))")
            }
        }
        if !figures.isEmpty { evidence += " (\(figures.joined(separator: "; ")))" }
        if let collapsed = collapsedClass() {
            evidence +=
                "; class '\(collapsed.label)' collapses to about \(collapsed.distinct) distinct texts in \(collapsed.rows) rows"
        }
        if let phrase = report.judgedFindings.first(where: { $0.kind == .repeatedPhrase && $0.side == .synthetic }),
            let text = phrase.text, let detail = phrase.detail
        {
            let phrase = text.count > Problem.quotedLength ? text.prefix(Problem.quotedLength) + "…" : Substring(text)
            evidence += "; “\(phrase)” is \(detail)"
        }
        return [
            Problem(
                family: "diversity", kind: "templated", severity: status == .bad ? .high : .medium,
                evidence: evidence + ".",
                action:
                    "Add attribute values to the prompt (topics, styles, lengths, personas) or raise the temperature, and regenerate.",
                metric: "diversity.distinct_2")
        ]
    }

    /// The synthetic class with the fewest distinct texts per row after near-duplicate grouping.
    private func collapsedClass() -> (label: String, distinct: Int, rows: Int)? {
        guard let byClass = report.metric("duplicates.near_rate")?.byClass else { return nil }
        let labels = report.inputs.synthetic?.labels ?? [:]
        return byClass.compactMap { label, value -> (label: String, distinct: Int, rows: Int)? in
            guard let rate = value.synthetic, let rows = labels[label], rows >= Evidence.minimumRows else { return nil }
            let distinct = rows - Int((rate * Double(rows)).rounded())
            return 2 * distinct <= rows ? (label, distinct, rows) : nil
        }.min { (Double($0.distinct) / Double($0.rows), $0.label) < (Double($1.distinct) / Double($1.rows), $1.label) }
    }

    private func semanticNarrowness() -> [Problem] {
        guard status("semantic") == .bad, let card = cards.first(where: { $0.id == "semantic" }) else { return [] }
        let figures = card.figures.map { "\($0.title) \($0.synthetic) vs \($0.original ?? "—")" }
        return [
            Problem(
                family: "diversity", kind: "semantic_narrowness", severity: .medium,
                evidence: "The texts cover fewer meanings than the original's (\(figures.joined(separator: "; "))).",
                action:
                    "Widen the topics and subtopics the prompt asks for; check the embedding map for empty regions.",
                metric: "diversity.vendi_ratio")
        ]
    }

    // MARK: Skews

    private func regionSkew() -> [Problem] {
        guard let skew = report.judgedFindings.first(where: { $0.kind == .regionSkew }), let detail = skew.detail
        else { return [] }
        return [
            Problem(
                family: "bias", kind: "region_skew", severity: .high, evidence: sentenceCase(detail) + ".",
                action:
                    "Name other regions in the prompt (a location attribute over the original's regions), or keep place names out of the template.",
                metric: "bias.region_jsd")
        ]
    }

    private func attributeSkews() -> [Problem] {
        report.attributeSkews().map { skew in
            let action =
                skew.missing.isEmpty
                ? "Balance the prompt over '\(skew.field)' values as the original is (generate per value, in its proportions)."
                : "Add the missing '\(skew.field)' values to the prompt: \(skew.missing.map(\.value).joined(separator: ", "))."
            return Problem(
                family: "bias", kind: "attribute_skew", severity: skew.severe ? .high : .medium,
                evidence: sentenceCase(skew.sentence) + ".", action: action,
                rowCount: skew.missing.isEmpty ? nil : skew.missing.map(\.rows).reduce(0, +),
                metric: "bias.attribute_jsd")
        }
    }

    private func groupAmplification() -> [Problem] {
        guard let amplified = report.amplifiedAssociation() else { return [] }
        let group = amplified.association.group
        let rows = rows(of: [.groupAssociationExample])
        return [
            Problem(
                family: "bias", kind: "group_amplification", severity: .medium,
                evidence: sentenceCase(amplified.sentence) + ".",
                action:
                    "Balance which labels mention \(group), or add counter-examples to the prompt; the bias table lists every cell.",
                rows: rows, metric: "bias.group_label_amplification")
        ]
    }

    // MARK: The rest

    private func distinguishable() -> [Problem] {
        guard let status = status("fidelity"), status == .bad, let mauve = report.metric("fidelity.mauve")?.value
        else { return [] }
        var evidence = "The synthetic set is easy to tell from the original (MAUVE \(MetricComparison.format(mauve))"
        if let auc = report.metric("fidelity.c2st_auc")?.value {
            evidence += "; a classifier's AUC \(MetricComparison.format(auc))"
        }
        evidence += ")"
        let phrases = report.judgedFindings.filter { $0.kind == .discriminativeNgram && $0.side == .synthetic }
            .prefix(3).compactMap(\.text)
        if !phrases.isEmpty {
            evidence += "; it gives itself away by “\(phrases.joined(separator: "”, “"))”"
        }
        return [
            Problem(
                family: "fidelity", kind: "distinguishable", severity: .medium, evidence: evidence + ".",
                action:
                    "Show the generator real examples (few-shot) and ban its stock phrases; regenerate the rows the two-sample classifier finds easiest.",
                metric: "fidelity.mauve")
        ]
    }

    private func utility() -> [Problem] {
        guard let status = status("utility"), status == .bad || status == .mixed,
            let card = cards.first(where: { $0.id == "utility" })
        else { return [] }
        return [
            Problem(
                family: "utility", kind: "utility", severity: status == .bad ? .medium : .low,
                evidence: card.sentence,
                action: "Fix the label and variety problems above first; then add rows for the classes it confuses.",
                metric: "utility.tstr_ratio")
        ]
    }

    private func complexity() -> [Problem] {
        guard let card = cards.first(where: { $0.id == "complexity" }),
            card.status == .bad || card.status == .mixed
                || card.status == .different
        else { return [] }
        return [
            Problem(
                family: "complexity", kind: "complexity", severity: card.status == .bad ? .medium : .low,
                evidence: card.sentence,
                action: "Ask for lengths and reading levels like the original's (a length attribute in the prompt).",
                metric: "complexity.tokens")
        ]
    }
}
