import AssayCore
import Foundation

/// The duplicates, leakage and fidelity parts of report.html: duplicate groups, leaked pairs with both
/// texts, shared long spans, and what gives the synthetic set away to the two-sample classifier.
extension HTMLReportWriter {
    /// Groups, pairs and examples shown per kind; the JSON report lists more.
    static let shownEvidence = 15

    /// The tests that make two rows near duplicates, with the run's thresholds: "Jaccard of character
    /// 5-grams ≥ 0.8 or embedding cosine ≥ 0.95".
    private var nearTests: String {
        let jaccard = report.settings.duplicates.map { String(format: " ≥ %g", $0.nearJaccard) } ?? ""
        let cosine = report.settings.duplicates.map { String(format: " ≥ %g", $0.nearCosine) } ?? ""
        return "Jaccard of normalised character 5-grams\(jaccard) or embedding cosine\(cosine)"
    }

    /// The largest duplicate groups of each side, the synthetic set first, under a caption saying which
    /// tests joined them.
    func duplicateDetails() -> String {
        var html = ""
        for side in Self.sides {
            let groups = report.judgedFindings.filter { finding in
                finding.side == side && FindingKind.duplicateGroups.contains(finding.kind)
            }
            guard !groups.isEmpty else { continue }
            html += "<h3><span class=\"key \(side)\"></span>\(side): largest duplicate groups</h3>\n"
            html += "<table class=\"issues sortable\"><caption>A group holds rows with one normalised text, or "
            html += "rows joined pair by pair by \(escape(nearTests)). Beside each other row: its Jaccard with the "
            html += "first row; a low one means cosine, or a chain through another row, joined it.</caption>\n"
            html += "<thead><tr><th class=\"num\">rows</th><th class=\"num\">first row</th>"
            html += "<th>text</th><th>other rows (Jaccard with the first)</th></tr></thead><tbody>\n"
            for group in groups.prefix(Self.shownEvidence) {
                let others = (group.related ?? []).map { related in
                    "\(escape(related.place))\(related.score.map { " (\(MetricComparison.format($0)))" } ?? "")"
                }
                let more = (group.relatedCount ?? 0) - others.count
                html += "<tr><td class=\"num\">\(Int(group.score ?? 0))</td>"
                html += "<td class=\"num\">\(escape(group.place ?? ""))</td>"
                html +=
                    "<td class=\"text\">\(escape(excerpt(group.text ?? "")))<br><span class=\"ci\">\(escape(excerpt(group.detail ?? "")))</span></td>"
                html += "<td>\(others.joined(separator: ", "))\(more > 0 ? ", … \(more) more" : "")</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        return html
    }

    /// Synthetic rows that copy an original row, with both texts, and the longest shared spans.
    func leakageDetails() -> String {
        var html = ""
        let pairs = report.judgedFindings.filter { $0.kind == .leakedPair }
        if !pairs.isEmpty {
            html += "<h3>Synthetic rows that copy an original row</h3>\n"
            html += "<table class=\"issues sortable\"><caption>Each pair is shown by the strictest test it passes: "
            html += "the same text, the same text up to case, spacing and punctuation, then \(escape(nearTests)); "
            html += "the last column says which, with its score.</caption>\n"
            html += "<thead><tr><th class=\"num\">synthetic row</th><th>synthetic text</th>"
            html += "<th class=\"num\">original row</th><th>original text</th><th>matched by</th></tr></thead><tbody>\n"
            for pair in pairs.prefix(Self.shownEvidence) {
                let original = pair.related?.first
                html += "<tr><td class=\"num\">\(escape(pair.place ?? ""))</td>"
                html += "<td class=\"text\">\(escape(excerpt(pair.text ?? "")))</td>"
                html += "<td class=\"num\">\(escape(original?.place ?? ""))</td>"
                html += "<td class=\"text\">\(escape(excerpt(original?.text ?? "")))</td>"
                html += "<td>\(escape(excerpt(pair.detail ?? "")))</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        let spans = report.judgedFindings.filter { $0.kind == .sharedNgram }
        if !spans.isEmpty {
            html += "<h3>Longest word spans shared with the original</h3>\n<ul class=\"problems\">\n"
            for span in spans.prefix(Self.shownEvidence) {
                html +=
                    "<li>synthetic \(escape(span.citation ?? "")): \(escape(excerpt(span.detail ?? "")))</li>\n"
            }
            html += "</ul>\n"
        }
        return html
    }

    /// The n-grams and texts that give each side away to the two-sample classifier.
    func fidelityDetails() -> String {
        let ngrams = report.judgedFindings.filter { $0.kind == .discriminativeNgram }
        let examples = report.judgedFindings.filter { $0.kind == .distinguishableExample }
        guard !ngrams.isEmpty || !examples.isEmpty else { return "" }
        var html = "<h3>What tells the sets apart</h3>\n<div class=\"columns\">\n"
        for side in [Side.synthetic, .original] {
            let items = ngrams.filter { $0.side == side }
            guard !items.isEmpty else { continue }
            html +=
                "<table class=\"phrases\"><caption><span class=\"key \(side)\"></span>more frequent in the \(side) set</caption>"
            html +=
                "<thead><tr><th>n-gram</th><th>rows containing it</th><th class=\"num\">z</th></tr></thead><tbody>\n"
            for item in items.prefix(Self.shownEvidence) {
                html += "<tr><td>\(escape(excerpt(item.text ?? "")))</td><td>\(escape(excerpt(item.detail ?? "")))</td>"
                html += "<td class=\"num\">\(item.score.map { String(format: "%.1f", $0) } ?? "")</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        html += "</div>\n"
        if !examples.isEmpty {
            html += "<table class=\"issues sortable\"><thead><tr><th>side</th><th class=\"num\">row</th><th>text</th>"
            html += "<th class=\"num\">P(synthetic)</th></tr></thead><tbody>\n"
            for example in examples.prefix(Self.shownEvidence) {
                html += "<tr><td class=\"\(example.side)\">\(example.side)</td>"
                html += "<td class=\"num\">\(escape(example.place ?? ""))</td>"
                html += "<td class=\"text\">\(escape(excerpt(example.text ?? "")))</td>"
                html += "<td class=\"num\">\(example.score.map(MetricComparison.format) ?? "")</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        return html
    }
}
