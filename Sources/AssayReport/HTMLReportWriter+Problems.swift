import AssayCore

/// The top of report.html: the ranked problems, each with its evidence, what to do and the rows behind it.
extension HTMLReportWriter {
    /// Rows a problem shows; report.json lists them all.
    static let shownProblemRows = 10

    /// The ranked list (element id `problems`), or the sentence saying none was found; empty for a report
    /// that was not judged.
    func problemsSection() -> String {
        guard let problems = report.problems else { return "" }
        var html = "<section id=\"problems\"><h2>Top problems</h2>\n"
        guard !problems.isEmpty else {
            return html + "<p class=\"verdict-line good\">\(escape(Problem.noneFound))</p></section>\n"
        }
        let places = report.syntheticPlaces
        html += "<ol class=\"ranked\">\n"
        for problem in problems {
            html += "<li class=\"\(problem.severity.rawValue)\" data-kind=\"\(escape(problem.kind))\">"
            html += "<p><span class=\"severity\">\(Self.severityLabel(problem.severity))</span> "
            html += escape(excerpt(problem.evidence))
            if let card = verdicts.first(where: { $0.id == problem.family }) {
                html += " <a class=\"family\" href=\"#\(escape(card.anchor))\">\(escape(card.title))</a>"
            }
            html += "</p>\n<p class=\"action\"><b>Do:</b> \(escape(excerpt(problem.action)))</p>\n"
            let rows = problem.shownRows(limit: Self.shownProblemRows, places: places)
            if !rows.isEmpty { html += "<p class=\"rows\">Synthetic rows: \(escape(rows))</p>\n" }
            html += "</li>\n"
        }
        return html + "</ol></section>\n"
    }

    static func severityLabel(_ severity: Problem.Severity) -> String {
        switch severity {
        case .high: return "✗ high"
        case .medium: return "◐ medium"
        case .low: return "○ low"
        }
    }

    /// Styles of the problem list, appended to the page's style sheet.
    static let problemStyle = """
        ol.ranked{padding-left:1.6em;margin:8px 0}ol.ranked li{margin:6px 0;padding:4px 10px;border-left:5px solid var(--line);background:#fafbfc;border-radius:4px}
        ol.ranked li::marker{color:var(--muted);font-weight:600}ol.ranked p{margin:2px 0}
        .severity{font-weight:600;white-space:nowrap;margin-right:4px}a.family{font-size:.85em;color:var(--muted);white-space:nowrap}
        ol.ranked li.high{border-left-color:#b3261e}li.high .severity{color:#b3261e}
        ol.ranked li.medium{border-left-color:#b8860b}li.medium .severity{color:#8a6508}li.low .severity{color:var(--muted)}
        p.action{font-size:.95em}p.rows{font-size:.85em;color:var(--muted);font-variant-numeric:tabular-nums}
        """
}
