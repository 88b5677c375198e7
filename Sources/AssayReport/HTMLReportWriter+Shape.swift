import AssayCore

extension HTMLReportWriter {
    /// The conversation-shape section's details: each side's turns counted, then the measures taken on
    /// both the prompt and the response side by side (element id `parts`), then the part that is not
    /// judged's duplicate and leakage evidence.
    func shapeDetails() -> String {
        guard let shape = report.shape else { return "" }
        var html = "<h3>Turns</h3>\n<table><thead><tr><th></th>"
        let sides = [("synthetic", shape.synthetic), ("original", shape.original)].compactMap { name, summary in
            summary.map { (name: name, summary: $0) }
        }
        for side in sides { html += "<th class=\"\(side.name)\">\(side.name)</th>" }
        html += "</tr></thead><tbody>\n"
        func row(_ title: String, _ cell: (ShapeSideSummary) -> String) {
            html += "<tr><th scope=\"row\">\(escape(title))</th>"
            for side in sides { html += "<td>\(escape(cell(side.summary)))</td>" }
            html += "</tr>\n"
        }
        row("layout") { "\($0.shape.rawValue) (\($0.layout.rawValue))" }
        row("rows, turns") { "\($0.rows) rows, \($0.turns) turns" }
        row("rows by turns") { summary in
            summary.turnCounts.sorted { Self.turnOrder($0.key) < Self.turnOrder($1.key) }
                .map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        }
        row("rows with each role") { summary in
            TurnRole.allCases.map { "\($0.rawValue) \(summary.rolesPresent[$0.rawValue] ?? 0)" }
                .joined(separator: ", ")
        }
        row("empty turns") { "\($0.emptyTurns)" }
        row("rows without a prompt / a response") { "\($0.rowsWithoutPrompt) / \($0.rowsWithoutResponse)" }
        row("responses repeating their prompt") { "\($0.promptEchoes)" }
        html += "</tbody></table>\n"
        return html + partsTable(judged: shape.judgedPart) + otherPartEvidence(shape.judgedPart.other)
    }

    /// "8+" sorts after "7".
    private static func turnOrder(_ key: String) -> Int { Int(key) ?? Int.max }

    /// Every metric measured on both parts, prompt beside response.
    private func partsTable(judged: TextPart) -> String {
        let other = report.metrics.filter { $0.part == judged.other }
        guard !other.isEmpty else { return "" }
        let columns =
            isComparison ? ["synthetic", "original"] : [report.inputs.original == nil ? "synthetic" : "original"]
        var html = "<h3 id=\"parts\">Prompt and response</h3>\n"
        html +=
            "<p class=\"meta\">Every family judges the \(judged.rawValue)s; the \(judged.other.rawValue)s get diversity, duplicates and leakage, shown here beside the \(judged.rawValue)s' values.</p>\n"
        html += "<table class=\"metrics sortable\"><thead><tr><th>metric</th>"
        for part in TextPart.allCases {
            for column in columns { html += "<th class=\"num\">\(part.rawValue), \(column)</th>" }
        }
        html += "</tr></thead><tbody>\n"
        for metric in other {
            let byPart: [TextPart: MetricResult] = [
                judged.other: metric, judged: report.metric(metric.id, part: judged),
            ].compactMapValues { $0 }
            html +=
                "<tr><th scope=\"row\"><a href=\"#m-\(escape(metric.id.rawValue))\">\(escape(metric.title))</a></th>"
            for part in TextPart.allCases {
                guard let value = byPart[part] else {
                    html += String(repeating: "<td class=\"num\">—</td>", count: columns.count)
                    continue
                }
                if let pair = MetricComparison.describePair(value) {
                    html += "<td class=\"num\" colspan=\"\(columns.count)\">\(escape(pair))</td>"
                    continue
                }
                for column in columns {
                    let side = column == "original" ? value.original : value.synthetic
                    html += "<td class=\"num\">\(escape(MetricComparison.describe(side, interval: false)))</td>"
                }
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// The duplicate groups and leaked pairs found among the part that is not judged, first few of each.
    private func otherPartEvidence(_ part: TextPart) -> String {
        let findings = report.findings.filter { $0.part == part && $0.row != nil }
        guard !findings.isEmpty else { return "" }
        var html = "<h3>\(escape(part.rawValue.capitalized)) evidence</h3>\n"
        html += "<table class=\"issues\"><thead><tr><th>kind</th><th>side</th><th class=\"num\">row</th><th>text</th>"
        html += "<th>detail</th></tr></thead><tbody>\n"
        for finding in findings.prefix(Self.shownEvidence) {
            html += "<tr><td>\(escape(finding.kind.rawValue))</td><td>\(escape(finding.side.rawValue))</td>"
            html += "<td class=\"num\">\(escape(finding.place ?? ""))</td>"
            html += "<td>\(escape(String((finding.text ?? "").prefix(200))))</td>"
            html += "<td>\(escape(finding.detail ?? ""))</td></tr>\n"
        }
        html += "</tbody></table>\n"
        if findings.count > Self.shownEvidence {
            html += "<p class=\"meta\">\(findings.count - Self.shownEvidence) more in report.json.</p>\n"
        }
        return html
    }
}
