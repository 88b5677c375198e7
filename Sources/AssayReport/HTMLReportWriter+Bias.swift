import AssayCore
import Foundation

/// The bias part of report.html: the world-region table, side-by-side bars per attribute, the
/// group–label associations and the texts behind the strongest one.
extension HTMLReportWriter {
    /// Countries listed in the region section.
    static let shownCountries = 15
    /// Values listed per attribute table.
    static let shownValues = 25
    /// Group–label rows listed.
    static let shownGroupRows = 40

    /// Everything the `bias` section shows below its metrics.
    func biasDetails() -> String {
        guard let bias = report.bias else { return "" }
        var html = ""
        if let regions = bias.regions {
            let rows = regions.rowsWithPlaces.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            html +=
                "<h3>Where the texts are set</h3>\n<p class=\"meta\">Rows naming a place: \(rows.joined(separator: ", ")). "
            html += "A row counts once per country it names.</p>\n"
            html += shareTable("continent", regions.continents)
            html +=
                "<details><summary>UN M49 subregions</summary>\n\(shareTable("subregion", regions.subregions))</details>\n"
            html += "<details><summary>Countries (the \(Self.shownCountries) most named)</summary>\n"
            html += shareTable("country", Array(regions.countries.prefix(Self.shownCountries))) + "</details>\n"
        }
        for table in bias.attributes {
            html += "<h3>\(escape(table.field))\(table.derived ? " (derived)" : "")</h3>\n<p class=\"meta\">"
            var facts: [String] = []
            if let note = table.note { facts.append(note) }
            if table.coverage == nil, let distinct = table.distinctValues {
                for (side, count) in distinct.sorted(by: { $0.key < $1.key }) {
                    facts.append("\(side) \(count) distinct value\(count == 1 ? "" : "s")")
                }
            }
            if let coverage = table.coverage { facts.append("coverage of the original's values \(percent(coverage))") }
            if let jsd = table.jsd { facts.append("JSD \(MetricComparison.format(jsd)) bits") }
            if let tvd = table.tvd { facts.append("TVD \(MetricComparison.format(tvd))") }
            if let p = table.chiSquarePValue { facts.append("χ² p = \(String(format: "%.3g", p))") }
            for (side, entropy) in table.normalizedEntropy.sorted(by: { $0.key < $1.key }) {
                facts.append("\(side) normalised entropy \(MetricComparison.format(entropy))")
            }
            html += escape(facts.joined(separator: " · ")) + "</p>\n" + shareTable("value", table.values)
            html += valueTable(table.byValue ?? [])
            if table.field == "language" { html += languageDriftRows() }
        }
        html += groupTable(bias.groups)
        let examples = report.judgedFindings.filter { $0.kind == .groupAssociationExample }
        if !examples.isEmpty {
            html += "<h3>Texts behind the strongest association</h3>\n" + evidenceList(examples)
        }
        return html
    }

    /// The first `shownEvidence` of `findings`, each with where its row is, its text and its detail.
    private func evidenceList(_ findings: [Finding]) -> String {
        var html = "<ul class=\"problems\">\n"
        for finding in findings.prefix(Self.shownEvidence) {
            html += "<li>\(escape(finding.citation ?? "")): \(escape(excerpt(finding.text ?? ""))) "
            html += "<span class=\"ci\">\(escape(excerpt(finding.detail ?? "")))</span></li>\n"
        }
        return html + "</ul>\n"
    }

    /// The synthetic rows behind each language rate that drifts (`language_drift` findings), the first
    /// `shownEvidence` of each; empty without drift.
    private func languageDriftRows() -> String {
        let drifts = report.judgedFindings.filter { $0.kind == .languageDrift }
        var html = ""
        for (id, _, _) in Report.languageRates {
            let rows = drifts.filter { $0.metric == id }
            guard !rows.isEmpty, let metric = report.metric(id) else { continue }
            html += "<h4>\(escape(metric.title)): \(rows.count) synthetic rows</h4>\n" + evidenceList(rows)
        }
        return html
    }

    /// Counts and shares of each side with a bar per share.
    private func shareTable(_ heading: String, _ rows: [CategoryCounts]) -> String {
        let totalOriginal = rows.reduce(0) { $0 + ($1.original ?? 0) }
        let totalSynthetic = rows.reduce(0) { $0 + ($1.synthetic ?? 0) }
        var html = "<table class=\"shares sortable\"><thead><tr><th>\(escape(heading))</th>"
        for (name, present) in [
            ("synthetic", report.inputs.synthetic != nil), ("original", report.inputs.original != nil),
        ]
        where present {
            html += "<th class=\"num \(name)\">\(name)</th><th class=\"\(name)\">share</th>"
        }
        html += "</tr></thead><tbody>\n"
        for row in rows.prefix(Self.shownValues) {
            html += "<tr><th scope=\"row\">\(escape(excerpt(row.value)))</th>"
            for (side, count, total) in [
                ("synthetic", row.synthetic, totalSynthetic), ("original", row.original, totalOriginal),
            ] {
                guard let count else { continue }
                let share = total > 0 ? Double(count) / Double(total) : 0
                html +=
                    "<td class=\"num\">\(count)</td><td><span class=\"bar \(side)\" style=\"width:\(Int((share * 120).rounded()))px\"></span> "
                html += "\(percent(share))</td>"
            }
            html += "</tr>\n"
        }
        if rows.count > Self.shownValues {
            html +=
                "<tr><td colspan=\"5\" class=\"ci\">… \(rows.count - Self.shownValues) more values; report.json lists all</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// Each value's rows and measures, one line per value and side; a value with too few rows on a side
    /// shows its rows only, and a measure no value has (APS without embeddings …) has no column.
    private func valueTable(_ values: [ValueMetrics]) -> String {
        let lines = values.prefix(Self.shownValues).flatMap { entry in
            [("synthetic", entry.synthetic), ("original", entry.original)].compactMap { side, metrics in
                metrics.map { (value: entry.value, side: side, metrics: $0) }
            }
        }
        guard !lines.isEmpty else { return "" }
        let columns: [(heading: String, measure: (ValueSideMetrics) -> Double?, render: (Double) -> String)] = [
            ("distinct-2", \.distinct2, MetricComparison.format), ("APS", \.aps, MetricComparison.format),
            ("label issues", \.labelIssueRate, percent), ("near duplicates", \.nearDuplicateRate, percent),
        ].filter { column in lines.contains { column.measure($0.metrics) != nil } }
        var html = "<p class=\"meta\">By value, on each side's rows with that value (not size-matched); "
        html += "fewer than \(ValueSideMetrics.minimumRows) rows: too few to judge.</p>\n"
        html += "<table class=\"classes\"><thead><tr><th>value</th><th>side</th><th class=\"num\">rows</th>"
        html += columns.map { "<th class=\"num\">\($0.heading)</th>" }.joined() + "</tr></thead><tbody>\n"
        for line in lines {
            html +=
                "<tr><th scope=\"row\">\(escape(excerpt(line.value)))</th><td class=\"\(line.side)\">\(line.side)</td>"
            html += "<td class=\"num\">\(line.metrics.rows)</td>"
            if line.metrics.tooFew == true {
                html += "<td colspan=\"\(max(columns.count, 1))\" class=\"ci\">too few to judge</td>"
            } else {
                html += columns.map { "<td class=\"num\">\($0.measure(line.metrics).map($0.render) ?? "—")</td>" }
                    .joined()
            }
            html += "</tr>\n"
        }
        if values.count > Self.shownValues {
            html +=
                "<tr><td colspan=\"\(columns.count + 3)\" class=\"ci\">… \(values.count - Self.shownValues) more values; report.json lists all</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// Every group and label: mention rates, label shares, log odds ratios and the amplification.
    private func groupTable(_ groups: [GroupAssociation]) -> String {
        guard !groups.isEmpty else { return "" }
        func interval(_ values: [Double]?) -> String {
            guard let values, values.count == 2 else { return "" }
            return
                " <span class=\"ci\">[\(MetricComparison.format(values[0])), \(MetricComparison.format(values[1]))]</span>"
        }
        var html =
            "<h3>Groups and labels</h3>\n<p class=\"meta\">Log odds ratio of the label among rows that mention the "
        html +=
            "group against rows that do not (½ added to each cell); amplification = synthetic − original, 95% interval; "
        html +=
            "a cell with fewer than \(Evidence.minimumMentions) mentioning rows a side reads <em>too few</em> and is not judged.</p>\n"
        html +=
            "<table class=\"classes\"><thead><tr><th>group</th><th>label</th><th class=\"num\">mentions (synth. / orig.)</th>"
        html +=
            "<th class=\"num\">label share among them</th><th class=\"num\">log odds ratio (synth. / orig.)</th><th class=\"num\">amplification</th></tr></thead><tbody>\n"
        for cell in groups.prefix(Self.shownGroupRows) {
            func pair(_ values: [String: Double], _ render: (Double) -> String) -> String {
                ["synthetic", "original"].compactMap { values[$0].map(render) }.joined(separator: " / ")
            }
            html += "<tr><th scope=\"row\">\(escape(cell.group))</th><td>\(escape(cell.label))</td>"
            html += "<td class=\"num\">\(pair(cell.mentionRate, percent))</td>"
            html += "<td class=\"num\">\(pair(cell.labelShare, percent))</td>"
            html += "<td class=\"num\">\(pair(cell.logOddsRatio, MetricComparison.format))</td>"
            html +=
                "<td class=\"num\">\(cell.amplification.map(MetricComparison.format) ?? "—")\(interval(cell.amplificationCI))\(cell.tooFew == true ? " <span class=\"ci\">too few</span>" : "")</td></tr>\n"
        }
        if groups.count > Self.shownGroupRows {
            html +=
                "<tr><td colspan=\"6\" class=\"ci\">… \(groups.count - Self.shownGroupRows) more; report.json lists all</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// Styles of the bias tables, appended to the page's style sheet.
    static let biasStyle = """
        .bar{display:inline-block;height:10px;vertical-align:middle}.bar.original{background:var(--o)}.bar.synthetic{background:var(--s)}
        table.shares td{white-space:nowrap}
        """
}
