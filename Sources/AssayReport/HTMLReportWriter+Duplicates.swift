import Foundation

/// The duplicates, leakage and fidelity parts of report.html: duplicate groups, leaked pairs with both
/// texts, shared long spans, and what gives the synthetic set away to the two-sample classifier.
extension HTMLReportWriter {
    /// Groups, pairs and examples shown per kind; the JSON report lists more.
    static let shownEvidence = 15

    /// The verdict line of the `duplicates`, `leakage` and `fidelity` families.
    func duplicatesVerdict(_ family: String) -> (status: String, sentence: String)? {
        switch family {
        case "duplicates":
            guard let near = report.metric("duplicates.near_rate")?.synthetic?.value else { return nil }
            let exact = report.metric("duplicates.exact_rate")?.synthetic?.value ?? 0
            let baseline = report.metric("duplicates.near_rate")?.original?.value ?? 0
            var sentence = "\(percent(near)) of the synthetic rows repeat another (\(percent(exact)) exactly)"
            if report.inputs.original != nil { sentence += "; the original: \(percent(baseline))" }
            return (near > baseline + 0.05 ? "bad" : near > baseline + 0.01 ? "mixed" : "good", sentence + ".")
        case "leakage":
            guard let near = report.metric("leakage.synthetic_near_original_rate")?.value else { return nil }
            let exact = report.metric("leakage.synthetic_exact_in_original_rate")?.value ?? 0
            let sentence =
                "\(percent(near)) of the synthetic rows copy or nearly copy an original row (\(percent(exact)) exactly)."
            return (near > 0.05 ? "bad" : near > 0.01 ? "mixed" : "good", sentence)
        case "fidelity":
            guard let mauve = report.metric("fidelity.mauve")?.value else { return nil }
            var sentence = "MAUVE \(MetricComparison.format(mauve))"
            if let auc = report.metric("fidelity.c2st_auc")?.value {
                sentence += "; a classifier tells the sets apart with AUC \(MetricComparison.format(auc))"
            }
            if let coverage = report.metric("fidelity.coverage")?.value {
                sentence += "; the synthetic set covers \(percent(coverage)) of the original"
            }
            return (mauve >= 0.8 ? "good" : mauve >= 0.5 ? "mixed" : "bad", sentence + ".")
        default:
            return nil
        }
    }

    /// The largest duplicate groups of each side.
    func duplicateDetails() -> String {
        var html = ""
        for side in ["original", "synthetic"] {
            let groups = report.findings.filter { finding in
                finding.side == side && (finding.kind == "exact_duplicates" || finding.kind == "near_duplicates")
            }
            guard !groups.isEmpty else { continue }
            html += "<h3><span class=\"key \(side)\"></span>\(side): largest duplicate groups</h3>\n"
            html += "<table class=\"issues\"><thead><tr><th class=\"num\">rows</th><th class=\"num\">first row</th>"
            html += "<th>text</th><th>other rows (Jaccard with the first)</th></tr></thead><tbody>\n"
            for group in groups.prefix(Self.shownEvidence) {
                let others = (group.related ?? []).map { related in
                    "\(related.row)\(related.score.map { " (\(MetricComparison.format($0)))" } ?? "")"
                }
                let more = (group.relatedCount ?? 0) - others.count
                html += "<tr><td class=\"num\">\(Int(group.score ?? 0))</td>"
                html += "<td class=\"num\">\(group.row.map(String.init) ?? "")</td>"
                html +=
                    "<td class=\"text\">\(escape(group.text ?? ""))<br><span class=\"ci\">\(escape(group.detail ?? ""))</span></td>"
                html += "<td>\(others.joined(separator: ", "))\(more > 0 ? ", … \(more) more" : "")</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        return html
    }

    /// Synthetic rows that copy an original row, with both texts, and the longest shared spans.
    func leakageDetails() -> String {
        var html = ""
        let pairs = report.findings.filter { $0.kind == "leaked_pair" }
        if !pairs.isEmpty {
            html += "<h3>Synthetic rows that copy an original row</h3>\n"
            html += "<table class=\"issues\"><thead><tr><th class=\"num\">synthetic row</th><th>synthetic text</th>"
            html += "<th class=\"num\">original row</th><th>original text</th><th>how</th></tr></thead><tbody>\n"
            for pair in pairs.prefix(Self.shownEvidence) {
                let original = pair.related?.first
                html += "<tr><td class=\"num\">\(pair.row.map(String.init) ?? "")</td>"
                html += "<td class=\"text\">\(escape(pair.text ?? ""))</td>"
                html += "<td class=\"num\">\(original.map { String($0.row) } ?? "")</td>"
                html += "<td class=\"text\">\(escape(original?.text ?? ""))</td>"
                html += "<td>\(escape(pair.detail ?? ""))</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        let spans = report.findings.filter { $0.kind == "shared_ngram" }
        if !spans.isEmpty {
            html += "<h3>Longest word spans shared with the original</h3>\n<ul class=\"problems\">\n"
            for span in spans.prefix(Self.shownEvidence) {
                html += "<li>synthetic row \(span.row.map(String.init) ?? ""): \(escape(span.detail ?? ""))</li>\n"
            }
            html += "</ul>\n"
        }
        return html
    }

    /// The n-grams and texts that give each side away to the two-sample classifier.
    func fidelityDetails() -> String {
        let ngrams = report.findings.filter { $0.kind == "discriminative_ngram" }
        let examples = report.findings.filter { $0.kind == "distinguishable_example" }
        guard !ngrams.isEmpty || !examples.isEmpty else { return "" }
        var html = "<h3>What tells the sets apart</h3>\n<div class=\"columns\">\n"
        for side in ["synthetic", "original"] {
            let items = ngrams.filter { $0.side == side }
            guard !items.isEmpty else { continue }
            html +=
                "<table class=\"phrases\"><caption><span class=\"key \(side)\"></span>more frequent in the \(side) set</caption>"
            html +=
                "<thead><tr><th>n-gram</th><th>rows containing it</th><th class=\"num\">z</th></tr></thead><tbody>\n"
            for item in items {
                html += "<tr><td>\(escape(item.text ?? ""))</td><td>\(escape(item.detail ?? ""))</td>"
                html += "<td class=\"num\">\(item.score.map { String(format: "%.1f", $0) } ?? "")</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        html += "</div>\n"
        if !examples.isEmpty {
            html += "<table class=\"issues\"><thead><tr><th>side</th><th class=\"num\">row</th><th>text</th>"
            html += "<th class=\"num\">P(synthetic)</th></tr></thead><tbody>\n"
            for example in examples {
                html += "<tr><td class=\"\(escape(example.side))\">\(escape(example.side))</td>"
                html += "<td class=\"num\">\(example.row.map(String.init) ?? "")</td>"
                html += "<td class=\"text\">\(escape(example.text ?? ""))</td>"
                html += "<td class=\"num\">\(example.score.map(MetricComparison.format) ?? "")</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        return html
    }
}
