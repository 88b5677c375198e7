import AssayCore
import Foundation

/// The label-noise and utility parts of report.html: verdict sentences, per-class quality, the noise
/// and confusion matrices, label-set problems and the most suspicious rows.
extension HTMLReportWriter {
    /// Suspicious rows shown per side and kind; the JSON report lists every one.
    static let shownLabelIssues = 25

    /// Everything the `noise` section shows below its metrics.
    func labelNoiseDetails() -> String {
        guard let quality = report.labelQuality else { return "" }
        var html = ""
        if !quality.labelSet.isEmpty {
            html += "<h3>Label-set problems</h3><ul class=\"problems\">\n"
            for finding in report.judgedFindings.filter({ $0.kind == .labelSet }).prefix(Self.shownEvidence) {
                html += "<li>\(escape(excerpt(finding.detail ?? "")))"
                if let citation = finding.citation { html += " (first at \(escape(citation)))" }
                html += "</li>\n"
            }
            html += "</ul>\n"
        }
        for side in Self.sides {
            guard let estimate = quality.sides[side.rawValue] else { continue }
            html += "<h3><span class=\"key \(side)\"></span>\(side): label quality by class</h3>\n"
            html += "<p class=\"meta\">\(estimate.issues) of \(estimate.rows) labelled rows flagged; the probabilities "
            html += "match \(percent(estimate.classifierAccuracy)) of the labels. "
            html += "Probabilities: \(escape(estimate.method)).</p>\n"
            html += perClassTable(estimate)
            html += matrixTable(
                estimate.noiseMatrix, rows: estimate.classes, columns: estimate.classes,
                caption: "Estimated noise matrix P(given label = row | true label = column)", format: percent,
                weight: { _, value in value })
            html += issueTable(kind: .labelIssue, side: side, title: "Most likely mislabelled rows")
        }
        if let faithfulness = quality.faithfulness {
            html += "<h3>Synthetic labels against a model of the original</h3>\n"
            html += "<p class=\"meta\">\(escape(faithfulness.method)); \(faithfulness.rows) synthetic rows with a "
            html += "label the original has; agreement \(percent(faithfulness.agreement)); "
            html += "\(faithfulness.issues) flagged by confident learning.</p>\n"
            let totals = faithfulness.confusion.rowSums
            html += matrixTable(
                faithfulness.confusion, rows: faithfulness.classes, columns: faithfulness.classes,
                caption:
                    "Confusion: synthetic rows by given label (row) and the class the original's model predicts (column)",
                format: String.init, weight: { i, value in Double(value) / Double(max(totals[i], 1)) })
            html += issueTable(
                kind: .labelDisagreement, side: .synthetic, title: "Synthetic rows the original's model disputes")
        }
        return html
    }

    private func perClassTable(_ estimate: SideLabelQuality) -> String {
        var html = "<table class=\"classes\"><thead><tr><th>label</th><th class=\"num\">rows</th>"
        html += "<th class=\"num\">issues</th><th class=\"num\">noise rate</th><th class=\"num\">quality</th>"
        html += "<th class=\"num\">suggested into</th><th class=\"num\">mean self-confidence</th></tr></thead><tbody>\n"
        for entry in estimate.perClass.prefix(Self.shownClasses) {
            html += "<tr><th scope=\"row\">\(escape(entry.label))</th><td class=\"num\">\(entry.rows)</td>"
            html += "<td class=\"num\">\(entry.issues)</td><td class=\"num\">\(percent(entry.noiseRate))</td>"
            html += "<td class=\"num\">\(MetricComparison.format(entry.quality))</td>"
            html += "<td class=\"num\">\(entry.suggestedInto)</td>"
            html += "<td class=\"num\">\(entry.meanSelfConfidence.map(MetricComparison.format) ?? "—")</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// A K×K matrix as a table whose cells are shaded by `weight` (0…1, from the row and the value), or a
    /// note when K is too large to show; the dense cells are only made when the table is shown (K² cells for
    /// thousands of classes are not).
    ///
    /// - Complexity: O(nonZeroCount) when the matrix is not shown, O(K²) for K ≤ `shownClasses` when it is.
    private func matrixTable<Value>(
        _ matrix: SparseMatrix<Value>, rows: [String], columns: [String], caption: String,
        format: (Value) -> String, weight: (_ row: Int, _ value: Value) -> Double
    ) -> String {
        guard rows.count <= Self.shownClasses, columns.count <= Self.shownClasses else {
            return
                "<p class=\"meta\">\(escape(caption)): \(rows.count)×\(columns.count), too many classes to show; see report.json.</p>\n"
        }
        var html = "<table class=\"matrix\"><caption>\(escape(caption))</caption><thead><tr><th></th>"
        html += columns.map { "<th class=\"num\">\(escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for (i, row) in matrix.dense.enumerated() {
            html += "<tr><th scope=\"row\">\(escape(rows[i]))</th>"
            for (j, value) in row.enumerated() {
                let shade = min(max(weight(i, value), 0), 1)
                let tone = i == j ? "diag" : "off"
                html += "<td class=\"num \(tone)\" style=\"--w:\(String(format: "%.2f", shade))\">\(format(value))</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    private func issueTable(kind: FindingKind, side: Side, title: String) -> String {
        let issues = report.judgedFindings.filter { $0.kind == kind && $0.side == side }
        guard !issues.isEmpty else { return "" }
        let shown = issues.prefix(HTMLReportWriter.shownLabelIssues)
        var html = "<details open><summary>\(escape(title)) (\(shown.count) of \(issues.count); "
        html +=
            "report.json lists all)</summary>\n<table class=\"issues sortable\"><thead><tr><th class=\"num\">row</th>"
        html += "<th>given</th><th>suggested</th><th class=\"num\">p(given)</th><th>text</th></tr></thead><tbody>\n"
        for issue in shown {
            html += "<tr><td class=\"num\">\(escape(issue.place ?? ""))</td>"
            html += "<td>\(escape(issue.given ?? ""))</td><td>\(escape(issue.suggested ?? ""))</td>"
            html += "<td class=\"num\">\(issue.score.map(MetricComparison.format) ?? "")</td>"
            html += "<td class=\"text\">\(escape(excerpt(issue.text ?? "")))</td></tr>\n"
        }
        return html + "</tbody></table></details>\n"
    }

    /// Styles of the label tables, appended to the page's style sheet.
    static let labelStyle = """
        table.matrix td.diag{background:rgba(30,123,52,calc(var(--w)*.35))}table.matrix td.off{background:rgba(179,38,30,calc(var(--w)*.5))}
        table.matrix caption{caption-side:top;text-align:left;color:var(--muted);padding-bottom:4px}
        table.issues td.text{max-width:560px}ul.problems li{margin:4px 0}
        """
}
