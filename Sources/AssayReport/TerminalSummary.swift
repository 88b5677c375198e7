import AssayCore

/// The compact table `assay compare` prints, the verdicts and the top problems under it.
public struct TerminalSummary: Sendable {
    public let report: Report
    /// The catalog, for the sections the metrics belong to.
    public let catalog: [MetricDescriptor]

    public init(report: Report, catalog: [MetricDescriptor]) {
        self.catalog = catalog
        self.report = report
    }

    public func render() -> String {
        var lines: [String] = []
        let inputs = report.inputs
        for (name, summary) in [("original", inputs.original), ("synthetic", inputs.synthetic)] {
            guard let summary else { continue }
            var line = "\(name): \(summary.path) — \(summary.rows) rows"
            if let labels = summary.labels {
                line += ", \(labels.count) label\(labels.count == 1 ? "" : "s")"
            } else {
                line += ", unlabelled"
            }
            lines.append(line)
        }
        for warning in report.warnings { lines.append("note: \(warning)") }
        lines.append("")
        let comparison = report.inputs.original != nil && report.inputs.synthetic != nil
        let folded = comparison ? report.foldedDistanceIDs : []
        let distances = !folded.isEmpty
        var rows: [[String]] = [
            comparison
                ? ["metric", "synthetic", "original", "Δ", "better"] + (distances ? ["KS", "Wasserstein"] : [])
                : ["metric", "value", "95% interval"]
        ]
        let blank = distances ? ["", ""] : []
        for metric in report.metrics where !folded.contains(metric.id) {
            let id = report.qualifiedID(of: metric).rawValue
            if let pair = MetricComparison.describePair(metric, interval: false) {
                let ci =
                    metric.ci.map { "[\(MetricComparison.format($0[0])), \(MetricComparison.format($0[1]))]" } ?? ""
                rows.append(
                    comparison ? [id, pair, "", ci, ""] + blank : [id, pair, ci])
            } else if comparison {
                let view = MetricComparison(metric)
                rows.append(
                    [
                        id, MetricComparison.describe(metric.synthetic, interval: false),
                        MetricComparison.describe(metric.original, interval: false),
                        view.delta.map(MetricComparison.formatDelta) ?? "", view.verdict.rawValue,
                    ]
                        + (distances
                            ? [report.distances(of: metric.id).ks, report.distances(of: metric.id).wasserstein] : []))
            } else {
                let side = metric.original ?? metric.synthetic
                let ci = side?.ci.map { "[\(MetricComparison.format($0[0])), \(MetricComparison.format($0[1]))]" } ?? ""
                rows.append([id, MetricComparison.describe(side, interval: false), ci])
            }
        }
        lines += TextTable.render(rows, rightAligned: Set(1..<rows[0].count))
        for skipped in report.skipped {
            lines.append("skipped \(skipped.id)\(skipped.part.map { "@\($0)" } ?? ""): \(skipped.reason)")
        }
        let verdicts = report.verdicts(catalog: catalog)
        if !verdicts.isEmpty {
            lines += ["", "verdict"]
            let width = verdicts.map(\.title.count).max() ?? 0
            for verdict in verdicts {
                let title = verdict.title.padding(toLength: width, withPad: " ", startingAt: 0)
                let status = Self.statusWord(verdict.status).padding(toLength: 13, withPad: " ", startingAt: 0)
                lines.append("  \(title)  \(status)  \(verdict.sentence)")
            }
        }
        lines += problemLines()
        return lines.joined(separator: "\n") + "\n"
    }

    /// Problems the terminal shows, one line each; the heading says how many there are in all.
    static let shownProblems = 4

    /// At most five lines: a heading and the first `shownProblems` problems, each its severity, its
    /// evidence and what to do, cut to fit; or the sentence saying none was found. Nothing for a report
    /// that was not judged.
    private func problemLines() -> [String] {
        guard let problems = report.problems else { return [] }
        guard !problems.isEmpty else { return ["", Problem.noneFound] }
        let more = problems.count > Self.shownProblems ? "; all \(problems.count) in report.html" : ""
        var lines = ["", "top problems\(more)"]
        for problem in problems.prefix(Self.shownProblems) {
            let severity = problem.severity.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
            lines.append(
                "  \(severity)  \(TerminalText.safe(problem.evidence, limit: 160)) → \(TerminalText.safe(problem.action, limit: 200))"
            )
        }
        return lines
    }

    static func statusWord(_ status: FamilyVerdict.Status) -> String {
        switch status {
        case .good: return "good"
        case .mixed: return "mixed"
        case .bad: return "poor"
        case .different: return "different"
        case .tooFew: return "too few rows"
        case .unmeasured: return "not measured"
        }
    }
}

/// Plain-text tables with columns padded to their widest cell.
public enum TextTable {
    /// The table's lines, a rule under the first row. Cells come from data (labels, dataset names), so
    /// their control characters are shown escaped and each is cut to 120 characters first
    /// (`TerminalText.safe`), keeping the columns aligned and the terminal safe.
    public static func render(_ cells: [[String]], rightAligned: Set<Int>) -> [String] {
        let rows = cells.map { $0.map { TerminalText.safe($0, limit: 120) } }
        guard let first = rows.first else { return [] }
        var widths = [Int](repeating: 0, count: first.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        var lines = rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        lines.insert(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "), at: 1)
        return lines
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
