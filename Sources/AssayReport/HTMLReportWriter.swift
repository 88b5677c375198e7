import AssayCore
import Foundation

/// report.html: one self-contained page (inline CSS and SVG, one table-sorting script, no network
/// requests).
///
/// Renders only what the report holds; the catalog supplies the glossary's formulas and sources.
public struct HTMLReportWriter: Sendable {
    public let report: Report
    public let catalog: [MetricDescriptor]
    /// The verdict cards, built once: the top of the page and each section's verdict line read them.
    let verdicts: [FamilyVerdict]

    public init(report: Report, catalog: [MetricDescriptor]) {
        self.report = report
        self.catalog = catalog
        self.verdicts = report.verdicts(catalog: catalog)
    }

    var isComparison: Bool { report.inputs.original != nil && report.inputs.synthetic != nil }

    public func render() -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="\(HTMLReportWriter.contentSecurityPolicy)">
            <title>Assay report</title>
            <style>\(HTMLReportWriter.style)\(HTMLReportWriter.problemStyle)\(HTMLReportWriter.labelStyle)\(HTMLReportWriter.biasStyle)</style>
            </head>
            <body>
            <header><h1>Assay report</h1><p class="meta">\(inputsLine())<br>\(escape(report.command)) · assay \(escape(report.tool.version)) · \(escape(report.createdAt)) · seed \(report.settings.seed)</p></header>
            <main>

            """
        let families = MetricFamily.ordered(report.judgedMetrics.map(\.family))
        html += problemsSection()
        html += gateSection()
        html += verdictSection()
        html += notesSection()
        for family in families { html += familySection(family) }
        html += inputsSection()
        html += glossarySection()
        html += "</main>\n<footer>Intervals are 95%: bootstrap over documents for per-document averages; "
        html +=
            "percentiles over \(report.settings.subsampleRepeats) seeded size-matched subsamples of the larger side for corpus-level counts. "
        html += "≈ marks a difference inside an interval or under 1% of the original value.</footer>\n"
        html += "<script>\(HTMLReportWriter.script)</script>\n</body>\n</html>\n"
        return html
    }

    // MARK: Sections

    /// "synthetic FILE (N rows) against original FILE (N rows)", or the one dataset of `analyze`.
    private func inputsLine() -> String {
        func named(_ summary: DatasetSummary) -> String {
            "<code>\(escape(summary.path))</code> (\(summary.rows) rows)"
        }
        switch (report.inputs.synthetic, report.inputs.original) {
        case (let synthetic?, let original?): return "synthetic \(named(synthetic)) against original \(named(original))"
        case (let synthetic?, nil): return "synthetic \(named(synthetic))"
        case (nil, let original?): return named(original)
        case (nil, nil): return ""
        }
    }

    /// Each input's file, rows, labels and fingerprint, the synthetic set first.
    private func inputsSection() -> String {
        var rows = ""
        for (name, summary) in [("synthetic", report.inputs.synthetic), ("original", report.inputs.original)] {
            guard let summary else { continue }
            let labels =
                summary.labels.map { counts in
                    counts.sorted { $0.key < $1.key }.map { "\(escape($0.key)) \($0.value)" }.joined(separator: ", ")
                } ?? "unlabelled"
            rows += """
                <tr><th scope="row" class="\(name)">\(name)</th><td><code>\(escape(summary.path))</code></td>\
                <td class="num">\(summary.rows)</td><td>\(labels)</td><td><code>\(summary.sha256.prefix(12))</code></td></tr>

                """
        }
        return """
            <section id="inputs"><h2>Inputs</h2>
            <table><thead><tr><th>side</th><th>file</th><th class="num">rows</th><th>labels</th><th>sha256</th></tr></thead>
            <tbody>
            \(rows)</tbody></table></section>

            """
    }

    /// The warnings, then what was skipped and why (folded when more than `shownSkipped`).
    private func notesSection() -> String {
        let warnings = report.warnings.map(escape)
        let skipped = report.skipped.map { "Skipped <code>\(escape($0.id))</code>: \(escape($0.reason))" }
        guard !warnings.isEmpty || !skipped.isEmpty else { return "" }
        var html = "<section id=\"notes\"><h2>Notes</h2>\n"
        let inline = skipped.count <= Self.shownSkipped ? skipped : []
        if !warnings.isEmpty || !inline.isEmpty {
            html += "<ul>\n" + (warnings + inline).map { "<li>\($0)</li>\n" }.joined() + "</ul>\n"
        }
        if inline.isEmpty, !skipped.isEmpty {
            html += "<details><summary>\(skipped.count) metrics skipped</summary><ul>\n"
            html += skipped.map { "<li>\($0)</li>\n" }.joined() + "</ul></details>\n"
        }
        return html + "</section>\n"
    }

    /// Skipped metrics listed openly; more are folded.
    static let shownSkipped = 3

    /// The gate's outcome and each rule's result, broken rules first (only after `assay gate`).
    private func gateSection() -> String {
        guard !report.gates.isEmpty else { return "" }
        let status: [RunStatus: String] = [.pass: "good", .warn: "mixed", .fail: "bad"]
        let verdict = status[report.status] ?? "unmeasured"
        var html = "<section id=\"gate\"><h2>Gate</h2>\n<p class=\"verdict-line \(verdict)\">"
        html +=
            "The gate \(report.status == .pass ? "passed" : report.status == .warn ? "passed with warnings" : "failed").</p>\n"
        html += "<table class=\"issues sortable\"><thead><tr><th>status</th><th>rule</th><th class=\"num\">value</th>"
        html += "<th>result</th></tr></thead><tbody>\n"
        for gate in report.gatesMostUrgentFirst {
            html += "<tr class=\"gate-\(escape(gate.status.rawValue))\"><td>\(escape(gate.status.rawValue))</td>"
            html +=
                "<td><a href=\"#m-\(escape(gate.metric.rawValue))\"><code>\(escape(gate.metric.rawValue))</code></a> (\(escape(gate.side.rawValue))"
            html += "\(gate.label.map { ", class \(escape($0))" } ?? "")): \(escape(gate.condition))</td>"
            html += "<td class=\"num\">\(gate.value.map(MetricComparison.format) ?? "—")</td>"
            html += "<td>\(escape(gate.message))</td></tr>\n"
        }
        return html + "</tbody></table></section>\n"
    }

    /// The cards at the top: per family a status, the numbers that matter and a sentence.
    private func verdictSection() -> String {
        guard !verdicts.isEmpty else { return "" }
        var html = "<section id=\"verdict\"><h2>Verdict</h2><div class=\"cards\">\n"
        for verdict in verdicts {
            html += "<article class=\"card \(verdict.status.rawValue)\" data-family=\"\(escape(verdict.id))\">"
            html += "<h3><a href=\"#\(escape(verdict.anchor))\">\(escape(verdict.title))</a>"
            html += "<span class=\"status\">\(Self.statusLabel(verdict.status))</span></h3>\n"
            if !verdict.figures.isEmpty {
                let paired = verdict.figures.contains { $0.original != nil }
                html += "<table class=\"figures\">"
                if paired {
                    html += "<tr class=\"head\"><th></th><th class=\"num\">synthetic</th>"
                    html += "<th class=\"num\">original</th></tr>"
                }
                for figure in verdict.figures {
                    html +=
                        "<tr><th scope=\"row\"><a href=\"#m-\(escape(figure.metricID.rawValue))\">\(escape(figure.title))</a></th>"
                    html += "<td class=\"num\"><b>\(escape(figure.synthetic))</b></td>"
                    if paired { html += "<td class=\"num\">\(escape(figure.original ?? ""))</td>" }
                    html += "</tr>"
                }
                html += "</table>\n"
            }
            html += "<p>\(escape(verdict.sentence))\(basisNote(verdict))</p></article>\n"
        }
        return html + "</div></section>\n"
    }

    static func statusLabel(_ status: FamilyVerdict.Status) -> String {
        switch status {
        case .good: return "✓ good"
        case .mixed: return "◐ mixed"
        case .bad: return "✗ poor"
        case .different: return "≠ different"
        case .tooFew: return "? too few rows"
        case .unmeasured: return "– not measured"
        }
    }

    /// The verdict sentence of the card `card`, repeated at the top of its section.
    private func verdictLine(_ card: String) -> String {
        guard let verdict = verdicts.first(where: { $0.id == card }) else { return "" }
        return
            "<p class=\"verdict-line \(verdict.status.rawValue)\">\(Self.statusLabel(verdict.status)): \(escape(verdict.sentence))\(basisNote(verdict))</p>\n"
    }

    /// ` <span class="basis">(basis: sample of 20,000 of 50,000 rows a side)</span>` for a card measured on a
    /// sample; empty otherwise.
    func basisNote(_ verdict: FamilyVerdict) -> String {
        verdict.basis.map { " <span class=\"basis\">(basis: \(escape($0)))</span>" } ?? ""
    }

    /// What one family's section shows below its heading, summary and verdict line, folded.
    struct FamilySection: Sendable {
        /// The verdict card whose sentence opens the section; nil for a family without a card.
        var verdictCard: String?
        /// The section's charts and evidence, after its table of measures.
        var details: @Sendable (HTMLReportWriter) -> String
    }

    /// Each family's section, by family id, but `diversity` (two halves, `diversityHalves`). A family not
    /// listed opens with its own card's verdict line and folds its table of measures.
    private static let familySections: [String: FamilySection] = [
        "noise": FamilySection(verdictCard: "noise") { $0.labelNoiseDetails() },
        "duplicates": FamilySection(verdictCard: "duplicates") { $0.duplicateDetails() },
        // Leakage has no card of its own: the duplicates card covers it.
        "leakage": FamilySection(verdictCard: "duplicates") { $0.leakageDetails() },
        "fidelity": FamilySection(verdictCard: "fidelity") { $0.fidelityDetails() },
        "bias": FamilySection(verdictCard: "bias") { $0.biasDetails() },
        "complexity": FamilySection(verdictCard: "complexity") { $0.complexityDetails() },
        "shape": FamilySection(verdictCard: nil) { $0.shapeDetails() },
    ]

    /// A family's heading, summary and verdict line, then its measures, charts and evidence in a closed
    /// `<details>`: the page reads in minutes, and a person opens the family the cards point to.
    private func familySection(_ family: String) -> String {
        let metrics = report.judgedMetrics.filter { $0.family == family }
        let info = MetricFamily.named(family)
        var html = "<section id=\"\(escape(family))\"><h2>\(escape(info.title))</h2>\n"
        if !info.summary.isEmpty { html += "<p class=\"meta\">\(escape(info.summary))</p>\n" }
        if family == "diversity" {
            html += diversityHalves(metrics)
        } else {
            let section = Self.familySections[family] ?? FamilySection(verdictCard: family) { _ in "" }
            if let card = section.verdictCard { html += verdictLine(card) }
            html += folded(metrics, section.details(self))
        }
        return html + "</section>\n"
    }

    /// `metrics`' table, then `evidence` and the per-class tables, in a closed `<details>` whose summary
    /// says what it holds; empty when there is nothing to show.
    private func folded(_ metrics: [MetricResult], _ evidence: String) -> String {
        let content = (metrics.isEmpty ? "" : summaryTable(metrics)) + evidence + classTables(metrics)
        guard !content.isEmpty else { return "" }
        let count = metrics.filter { !(isComparison && report.foldedDistanceIDs.contains($0.id)) }.count
        var summary = count == 0 ? "The evidence" : "\(count) measure\(count == 1 ? "" : "s")"
        if count > 0, !evidence.isEmpty { summary += " and their evidence" }
        return "<details class=\"more\"><summary>\(summary)</summary>\n\(content)</details>\n"
    }

    /// The diversity section: the lexical measures with the distinct-n chart and repeated phrases, then
    /// the semantic ones (element id `semantic`) with the similarity histogram and the scatter, each half
    /// under its own card's verdict line.
    private func diversityHalves(_ metrics: [MetricResult]) -> String {
        let semanticIDs = VerdictBuilder.semanticIDs(in: catalog)
        let lexical = metrics.filter { !semanticIDs.contains($0.id) }
        let semantic = metrics.filter { semanticIDs.contains($0.id) }
        var html = "<h3>Lexical diversity</h3>\n" + verdictLine("diversity")
        html += folded(lexical, distinctChart(lexical) + phraseTables())
        html += "<h3 id=\"semantic\">Semantic diversity</h3>\n" + verdictLine("semantic")
        html += folded(semantic, similarityHistogram() + scatterPlot())
        return html
    }

    /// One row per measure, the synthetic value first; in a comparison a per-text descriptor's KS and
    /// Wasserstein distances are two columns of its row, not rows of their own.
    private func summaryTable(_ metrics: [MetricResult]) -> String {
        let distanceIDs = isComparison ? report.foldedDistanceIDs : []
        let rows = metrics.filter { !distanceIDs.contains($0.id) }
        let distances = metrics.contains { distanceIDs.contains($0.id) }
        var html = "<table class=\"metrics sortable\"><thead><tr><th>metric</th>"
        html +=
            isComparison
            ? "<th class=\"num synthetic\">synthetic</th><th class=\"num original\">original</th><th class=\"num\">Δ</th><th>better</th>"
            : "<th class=\"num\">value</th>"
        if distances { html += "<th class=\"num\">KS</th><th class=\"num\">Wasserstein</th>" }
        html += "</tr></thead><tbody>\n"
        for metric in rows {
            let view = MetricComparison(metric)
            let arrow = metric.better == .higher ? "↑" : metric.better == .lower ? "↓" : ""
            html += "<tr><th scope=\"row\"><a href=\"#m-\(escape(metric.id.rawValue))\">\(escape(metric.title))</a> "
            html += "<span class=\"dir\" title=\"\(metric.better.rawValue) is better\">\(arrow)</span></th>"
            if let pair = MetricComparison.describePair(metric) {
                let note = metric.note.map { " <span class=\"ci\">\(escape($0))</span>" } ?? ""
                html += "<td class=\"num pair\" colspan=\"\(isComparison ? 4 : 1)\">\(pair)\(note)</td>"
            } else if isComparison {
                html +=
                    "<td class=\"num\">\(cell(metric.synthetic))</td><td class=\"num\">\(cell(metric.original))</td>"
                html += "<td class=\"num\">\(view.delta.map(MetricComparison.formatDelta) ?? "")</td>"
                html +=
                    "<td class=\"verdict \(view.verdict == .similar ? "similar" : view.verdict.rawValue)\">\(view.verdict.rawValue)</td>"
            } else {
                html += "<td class=\"num\">\(cell(metric.original ?? metric.synthetic))</td>"
            }
            if distances {
                let (ks, wasserstein) = report.distances(of: metric.id)
                html += "<td class=\"num\">\(ks)</td><td class=\"num\">\(wasserstein)</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    private func cell(_ side: SideValue?) -> String {
        guard let side else { return "—" }
        guard let value = side.value else {
            return "<span title=\"\(escape(side.note ?? ""))\">n/a</span>"
        }
        var text = MetricComparison.format(value)
        if let ci = side.ci, ci.count == 2 {
            text += " <span class=\"ci\">[\(MetricComparison.format(ci[0])), \(MetricComparison.format(ci[1]))]</span>"
        }
        return text
    }

    /// Grouped bars of distinct-1…4 for each side.
    private func distinctChart(_ metrics: [MetricResult]) -> String {
        let distinct = metrics.filter { $0.id.rawValue.hasPrefix("diversity.distinct_") }
        guard !distinct.isEmpty else { return "" }
        let sides: [(String, KeyPath<MetricResult, SideValue?>)] = [
            ("synthetic", \.synthetic), ("original", \.original),
        ].filter { name, path in distinct.contains { $0[keyPath: path]?.value != nil } }
        let groupWidth = 120
        let height = 160
        let barWidth = 36
        var svg =
            "<figure><svg role=\"img\" aria-label=\"distinct-n by side\" viewBox=\"0 0 \(groupWidth * distinct.count + 40) \(height + 40)\" width=\"\(groupWidth * distinct.count + 40)\" height=\"\(height + 40)\">\n"
        svg +=
            "<line x1=\"30\" y1=\"\(height)\" x2=\"\(groupWidth * distinct.count + 30)\" y2=\"\(height)\" class=\"axis\"/>\n"
        for (index, metric) in distinct.enumerated() {
            for (k, side) in sides.enumerated() {
                guard let value = metric[keyPath: side.1]?.value else { continue }
                let barHeight = Int((min(max(value, 0), 1) * Double(height - 20)).rounded())
                let x = 40 + index * groupWidth + k * (barWidth + 6)
                svg +=
                    "<rect class=\"\(side.0)\" x=\"\(x)\" y=\"\(height - barHeight)\" width=\"\(barWidth)\" height=\"\(barHeight)\"><title>\(side.0) \(escape(metric.title)): \(MetricComparison.format(value))</title></rect>\n"
                svg +=
                    "<text x=\"\(x + barWidth / 2)\" y=\"\(height - barHeight - 4)\" text-anchor=\"middle\">\(MetricComparison.format(value))</text>\n"
            }
            svg +=
                "<text x=\"\(40 + index * groupWidth + barWidth)\" y=\"\(height + 18)\" text-anchor=\"middle\">\(escape(metric.title))</text>\n"
        }
        svg += "</svg><figcaption>Distinct-n: share of unique word n-grams"
        svg += sides.map { " · <span class=\"key \($0.0)\"></span>\($0.0)" }.joined()
        return svg + "</figcaption></figure>\n"
    }

    /// The embeddings on their first two principal components, both sides in one square.
    private func scatterPlot() -> String {
        guard let projection = report.projection else { return "" }
        let sides = ["synthetic", "original"].filter { projection.points[$0] != nil }
        let all = sides.flatMap { projection.points[$0] ?? [] }.filter { $0.count >= 2 }
        guard !all.isEmpty else { return "" }
        let xs = all.map { $0[0] }
        let ys = all.map { $0[1] }
        let (minX, maxX) = (xs.min() ?? 0, xs.max() ?? 1)
        let (minY, maxY) = (ys.min() ?? 0, ys.max() ?? 1)
        let size = 360.0
        func scale(_ value: Double, _ low: Double, _ high: Double) -> Double {
            high > low ? 10 + (value - low) / (high - low) * (size - 20) : size / 2
        }
        var svg = "<figure><svg role=\"img\" aria-label=\"embeddings on two principal components\" "
        svg += "viewBox=\"0 0 \(Int(size)) \(Int(size))\" width=\"\(Int(size))\" height=\"\(Int(size))\">"
        svg += "<rect x=\"0.5\" y=\"0.5\" width=\"\(Int(size) - 1)\" height=\"\(Int(size) - 1)\" class=\"frame\"/>\n"
        for side in sides {
            for point in projection.points[side] ?? [] where point.count >= 2 {
                let x = scale(point[0], minX, maxX)
                let y = size - scale(point[1], minY, maxY)
                svg += String(format: "<circle class=\"%@\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"/>", side, x, y)
            }
            svg += "\n"
        }
        let ratios = projection.explainedVarianceRatio.map { String(format: "%.0f%%", 100 * $0) }.joined(
            separator: " + ")
        svg +=
            "</svg><figcaption>Embeddings on the first two principal components of both sets (\(ratios) of the variance)"
        svg += sides.map { " · <span class=\"key \($0)\"></span>\($0)" }.joined()
        return svg + "</figcaption></figure>\n"
    }

    /// Each side's most repeated phrases, side by side.
    private func phraseTables() -> String {
        let phrases = report.judgedFindings.filter { $0.kind == .repeatedPhrase }
        guard !phrases.isEmpty else { return "" }
        var html = "<h3>Most repeated phrases</h3><p class=\"meta\">Word 4-grams found in the most rows; "
        html += "a template shows up here first.</p><div class=\"columns\">\n"
        let sides = Self.sides.filter { side in
            side == .original ? report.inputs.original != nil : report.inputs.synthetic != nil
        }
        for side in sides {
            let rows = phrases.filter { $0.side == side }
            guard !rows.isEmpty else {
                html += "<p><span class=\"key \(side)\"></span>\(side): no 4-gram is in more than one row.</p>\n"
                continue
            }
            html += "<table class=\"phrases\"><thead><tr><th class=\"\(side)\">\(side)</th><th class=\"num\">rows</th>"
            html += "<th class=\"num\">first row</th></tr></thead><tbody>\n"
            for phrase in rows.prefix(Self.shownEvidence) {
                html += "<tr><td>\(escape(excerpt(phrase.text ?? "")))</td>"
                html += "<td class=\"num\" title=\"\(escape(excerpt(phrase.detail ?? "")))\">"
                html += "\(phrase.score.map { String(format: "%.1f%%", 100 * $0) } ?? "")</td>"
                html += "<td class=\"num\">\(escape(phrase.place ?? ""))</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        return html + "</div>\n"
    }

    private func classTables(_ metrics: [MetricResult]) -> String {
        let withClasses = metrics.filter { !($0.byClass ?? [:]).isEmpty && $0.value == nil }
        return sideClassTable(withClasses)
            + pairClassTable(metrics.filter { !($0.byClass ?? [:]).isEmpty && $0.value != nil })
    }

    /// Per-class values of metrics about the pair: one column per class.
    private func pairClassTable(_ metrics: [MetricResult]) -> String {
        guard !metrics.isEmpty else { return "" }
        let (labels, note) = shownLabels(Set(metrics.flatMap { $0.byClass?.keys.map { $0 } ?? [] }).sorted())
        var html =
            "<details open><summary>Per class</summary>\n\(note)<table class=\"classes\"><thead><tr><th>metric</th>"
        html += labels.map { "<th class=\"num\">\(escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for metric in metrics {
            html += "<tr><th scope=\"row\">\(escape(metric.title))</th>"
            for label in labels {
                html += "<td class=\"num\">\(metric.byClass?[label]?.value.map(MetricComparison.format) ?? "—")</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table></details>\n"
    }

    private func sideClassTable(_ withClasses: [MetricResult]) -> String {
        guard !withClasses.isEmpty else { return "" }
        let (labels, note) = shownLabels(Set(withClasses.flatMap { $0.byClass?.keys.map { $0 } ?? [] }).sorted())
        var html = "<details open><summary>Per class (each class at equal N across the sides)</summary>\n\(note)"
        html += "<table class=\"classes\"><thead><tr><th>metric</th>"
        for label in labels {
            html += "<th class=\"num\" colspan=\"\(isComparison ? 2 : 1)\">\(escape(label))</th>"
        }
        html += "</tr>"
        if isComparison {
            html +=
                "<tr><th></th>"
                + labels.map { _ in "<th class=\"num synthetic\">synth.</th><th class=\"num original\">orig.</th>" }
                .joined() + "</tr>"
        }
        html += "</thead><tbody>\n"
        for metric in withClasses {
            html += "<tr><th scope=\"row\">\(escape(metric.title))</th>"
            for label in labels {
                let value = metric.byClass?[label]
                let original = value?.original.map(MetricComparison.format) ?? "—"
                let synthetic = value?.synthetic.map(MetricComparison.format) ?? "—"
                html +=
                    isComparison
                    ? "<td class=\"num\">\(synthetic)</td><td class=\"num\">\(original)</td>"
                    : "<td class=\"num\">\(report.inputs.original != nil ? original : synthetic)</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table></details>\n"
    }

    /// Each shown metric's formula, direction and source, folded; a link to one of them unfolds it.
    private func glossarySection() -> String {
        let ids = Set(report.judgedMetrics.map(\.id))
        let entries = catalog.filter { ids.contains($0.id) }
        guard !entries.isEmpty else { return "" }
        var html = "<section id=\"glossary\"><h2>Glossary</h2>\n<details class=\"more\"><summary>"
        html += "The \(entries.count) metrics: formula, better direction, interval and source</summary><dl>\n"
        for entry in entries {
            html +=
                "<dt id=\"m-\(escape(entry.id.rawValue))\">\(escape(entry.title)) <code>\(escape(entry.id.rawValue))</code></dt>"
            html += "<dd>\(escape(entry.formula)). <em>\(entry.better.rawValue) is better"
            if let interval = entry.interval { html += "; interval: \(interval.rawValue)" }
            html +=
                ".</em> Source: \(escape(entry.source)). Languages: \(escape(entry.languages)).\(entry.caveat.map { " Caveat: \(escape($0))." } ?? "")</dd>\n"
        }
        return html + "</dl></details></section>\n"
    }

    /// The sides in the order every table, list and chart of the page shows them: the synthetic set first.
    static let sides: [Side] = [.synthetic, .original]

    /// Characters of one text the page shows; longer texts end in "…" (report.json keeps them whole).
    static let shownTextLength = 400
    /// Classes shown in per-class tables and matrices; report.json has every class.
    static let shownClasses = 20

    /// `text` cut to `shownTextLength` characters.
    func excerpt(_ text: String) -> String {
        text.count > Self.shownTextLength ? String(text.prefix(Self.shownTextLength)) + "…" : text
    }

    /// At most `shownClasses` of `labels`, and a note saying how many were left out.
    func shownLabels(_ labels: [String]) -> (labels: [String], note: String) {
        guard labels.count > Self.shownClasses else { return (labels, "") }
        let note =
            "<p class=\"meta\">The first \(Self.shownClasses) of \(labels.count) classes; report.json has every class.</p>\n"
        return (Array(labels.prefix(Self.shownClasses)), note)
    }

    func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Nothing may load from anywhere: the page is its own styles, scripts and images.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

    /// Click (or Enter on) a column header of a `table.sortable` to sort its rows by that column,
    /// numbers as numbers; again to reverse. Following a link to an element inside a closed `<details>`
    /// (a glossary entry, a folded section) opens it and scrolls to the element. The page reads the
    /// same without it.
    static let script = """
        (function(){
        function reveal(){var id=decodeURIComponent(location.hash.slice(1)),t=id&&document.getElementById(id);if(!t)return;
        for(var d=t.parentElement;d;d=d.parentElement){if(d.tagName==="DETAILS")d.open=true;}t.scrollIntoView();}
        addEventListener("hashchange",reveal);if(location.hash)reveal();
        function key(row,col){var c=row.cells[col],t=c?c.textContent.trim():"",n=parseFloat(t.replace("−","-"));return isNaN(n)?t.toLowerCase():n;}
        document.querySelectorAll("table.sortable").forEach(function(table){
        var head=table.tHead,body=table.tBodies[0];if(!head||!body||head.rows.length!==1)return;
        Array.prototype.forEach.call(head.rows[0].cells,function(th,col){
        th.tabIndex=0;th.classList.add("sort");
        function sort(){var up=th.getAttribute("aria-sort")!=="ascending";
        Array.prototype.forEach.call(head.rows[0].cells,function(c){c.removeAttribute("aria-sort");});
        th.setAttribute("aria-sort",up?"ascending":"descending");
        var rows=Array.prototype.slice.call(body.rows);
        rows.sort(function(a,b){var x=key(a,col),y=key(b,col),o=typeof x===typeof y?(x<y?-1:x>y?1:0):(typeof x==="number"?-1:1);return up?o:-o;});
        rows.forEach(function(r){body.appendChild(r);});}
        th.addEventListener("click",sort);th.addEventListener("keydown",function(e){if(e.key==="Enter")sort();});
        });});
        })();
        """

    private static let style = """
        :root{--o:#3b6ea8;--s:#d9822b;--fg:#1d232a;--muted:#5b6670;--line:#d8dde3;--bg:#fff}
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0}
        header,main,footer{max-width:1100px;margin:0 auto;padding:0 24px}
        header{border-bottom:1px solid var(--line)}h1{margin:20px 0 4px}.meta{color:var(--muted);margin:0 0 16px}header code{overflow-wrap:anywhere}
        h2{margin-top:32px;border-bottom:1px solid var(--line);padding-bottom:4px}
        table{border-collapse:collapse;margin:12px 0;font-variant-numeric:tabular-nums}
        th,td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        .num{text-align:right}.ci{color:var(--muted);font-size:.85em}.dir{color:var(--muted)}
        th.original,.key.original{color:var(--o)}th.synthetic,.key.synthetic{color:var(--s)}
        rect.original,circle.original,.key.original::before{fill:var(--o);background:var(--o)}rect.synthetic,circle.synthetic,.key.synthetic::before{fill:var(--s);background:var(--s)}
        circle{fill-opacity:.55}.frame{fill:none;stroke:var(--line)}
        .key::before{content:"";display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}
        svg text{font-size:11px;fill:var(--fg)}.axis{stroke:var(--muted)}
        td.verdict.original{color:#b3261e;font-weight:600}td.verdict.synthetic{color:#1e7b34;font-weight:600}td.verdict.similar{color:var(--muted)}
        ul.verdicts li{margin:4px 0}li.bad::marker{content:"✗ ";color:#b3261e}li.mixed::marker{content:"◐ ";color:#b8860b}li.good::marker{content:"✓ ";color:#1e7b34}
        .columns{display:flex;gap:32px;flex-wrap:wrap}table.phrases td:first-child{font-family:ui-monospace,monospace;font-size:.9em}
        dt{font-weight:600;margin-top:10px}dd{margin-left:0;color:var(--muted)}code{font-size:.9em}
        footer{color:var(--muted);font-size:.85em;margin:32px auto;border-top:1px solid var(--line);padding-top:12px}
        .verdict-line{padding:6px 10px;border-left:4px solid var(--muted);background:#f6f7f9;margin:8px 0}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:12px}
        .card{border:1px solid var(--line);border-left:6px solid var(--muted);border-radius:6px;padding:10px 12px;background:#fafbfc}
        .card h3{margin:0 0 6px;font-size:1rem;display:flex;justify-content:space-between;gap:8px}.card h3 a{color:inherit}
        .status{font-size:.85em;font-weight:600;white-space:nowrap}.card p{margin:6px 0 0;font-size:.9em}
        .good{border-left-color:#1e7b34}.good .status{color:#1e7b34}.mixed{border-left-color:#b8860b}.mixed .status{color:#8a6508}
        .bad{border-left-color:#b3261e}.bad .status{color:#b3261e}.unmeasured .status,.too_few .status{color:var(--muted)}
        .different{border-left-color:#6a4c93}.different .status{color:#6a4c93}.too_few{border-left-color:#8c959f;border-left-style:dashed}
        .card.unmeasured,.card.too_few{background:#fff}
        table.figures{display:table;width:100%;margin:4px 0;font-size:.88em}table.figures th,table.figures td{padding:2px 4px}
        table.figures th{font-weight:400}table.figures tr.head th{color:var(--muted);font-size:.9em}
        th.sort{cursor:pointer}th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
        tr.gate-fail td:first-child,tr.gate-error td:first-child{color:#b3261e;font-weight:600}tr.gate-warn td:first-child{color:#8a6508;font-weight:600}
        details.more{margin:8px 0 4px}details.more>summary{cursor:pointer;color:var(--muted);font-size:.9em;padding:2px 0}
        details.more[open]>summary{margin-bottom:8px}figure{margin:12px 0}.columns figure{margin:8px 0}
        caption{caption-side:top;text-align:left;color:var(--muted);font-size:.88em;padding-bottom:4px}
        table{display:block;overflow-x:auto;max-width:100%}svg{max-width:100%;height:auto}
        @media (max-width:640px){body{font-size:14px}header,main,footer{padding:0 12px}th,td{padding:3px 6px}.columns{gap:12px}}
        @media print{body{font-size:10.5px}header,main,footer{max-width:none;padding:0}a{color:inherit;text-decoration:none}
        .cards{grid-template-columns:repeat(2,1fr)}.card,figure,tr,dt,dd{break-inside:avoid}h2,h3{break-after:avoid}
        details::details-content{content-visibility:visible;display:block}table{display:table;overflow:visible}}
        """
}
