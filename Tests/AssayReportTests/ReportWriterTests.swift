import AssayReport
import AssayTestSupport
import Foundation
import Testing

/// The writers render what the report holds, in the shapes DESIGN.md fixes.
@Suite struct ReportWriterTests {
    static func sampleReport() -> Report {
        let distinct = MetricResult(
            id: "diversity.distinct_2", family: "diversity", title: "Distinct-2", better: .higher,
            original: SideValue(value: 0.8, ci: [0.78, 0.82], interval: .subsample, n: 100),
            synthetic: SideValue(value: 0.2, n: 100),
            byClass: ["Sci/Tech": ClassValue(original: 0.9, synthetic: 0.1, n: 40)])
        let bleu = MetricResult(
            id: "diversity.self_bleu", family: "diversity", title: "Self-BLEU", better: .lower,
            original: SideValue(value: 0.30, ci: [0.25, 0.35], interval: .bootstrap, n: 100),
            synthetic: SideValue(value: 0.32, ci: [0.28, 0.36], interval: .bootstrap, n: 100))
        let mattr = MetricResult(
            id: "diversity.mattr", family: "diversity", title: "MATTR", better: .higher,
            original: SideValue(value: nil, n: 100, note: "fewer than 50 tokens in all rows"),
            synthetic: SideValue(value: 0.5, n: 100))
        let dataset = DatasetSummary(
            path: "a<b>.jsonl", format: "jsonl", rows: 100, bytes: 10,
            sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", textFields: ["text"],
            labelField: "label", labels: ["Sci/Tech": 40, "World": 60], attributeFields: [], emptyTexts: 0)
        return Report(
            tool: ToolInfo(version: "0.1.0"), createdAt: "2026-01-01T00:00:00Z", command: "compare",
            inputs: Inputs(original: dataset, synthetic: dataset),
            settings: Settings(
                seed: 13,
                sizeMatching: SizeMatching(
                    rows: 100, subsampledSide: .original, originalRows: 150, syntheticRows: 100),
                selfBleuHypotheses: 1000, bootstrapResamples: 200, subsampleRepeats: 50),
            metrics: [distinct, bleu, mattr], skipped: [SkippedMetric(id: "x.y", reason: "because")])
    }

    // Distinct-2: higher is better, synthetic 0.2 is below the original's interval [0.78, 0.82] → original.
    // Self-BLEU: synthetic 0.32 lies inside the original's bootstrap interval [0.25, 0.35] → similar.
    // MATTR: the original is undefined → no verdict.
    @Test func verdictsNameTheBetterSideOrSayTheDifferenceIsWithinTheInterval() {
        let report = Self.sampleReport()
        #expect(MetricComparison(report.metrics[0]).verdict == .original)
        #expect(MetricComparison(report.metrics[1]).verdict == .similar)
        #expect(MetricComparison(report.metrics[2]).verdict == MetricComparison.Verdict.none)
        #expect(MetricComparison(report.metrics[0]).delta.map { abs($0 - -0.6) < 1e-12 } == true)
    }

    @Test(arguments: [
        (0.123456, "0.123"), (2.0, "2.000"), (1031.0, "1031"), (12.5, "12.500"), (0.0004, "4.00e-04"), (0.0, "0.000"),
        (1234.5, "1234.5"),
    ])
    func numbersAreFormattedForPeople(value: Double, text: String) {
        #expect(MetricComparison.format(value) == text)
    }

    // No intervals: 0.500 vs 0.504 differ by 0.8% of the original (similar); 0.500 vs 0.520 by 4% (synthetic is
    // better for a higher-is-better metric).
    @Test func differencesUnderOnePercentOfTheOriginalReadAsSimilar() {
        func verdict(_ original: Double, _ synthetic: Double) -> MetricComparison.Verdict {
            MetricComparison(
                MetricResult(
                    id: "x", family: "x", title: "x", better: .higher, original: SideValue(value: original, n: 1),
                    synthetic: SideValue(value: synthetic, n: 1))
            ).verdict
        }
        #expect(verdict(0.5, 0.504) == .similar)
        #expect(verdict(0.5, 0.52) == .synthetic)
        #expect(verdict(0.5, 0.48) == .original)
        #expect(verdict(0, 0) == .similar)
    }

    @Test func deltaShowsItsSign() {
        #expect(MetricComparison.formatDelta(-0.6) == "−0.600")
        #expect(MetricComparison.formatDelta(0.25) == "+0.250")
    }

    @Test func jsonUsesSnakeCaseKeysAndKeepsLabelsAsTheyAre() throws {
        let data = try JSONReportWriter.encode(Self.sampleReport())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schema_version"] as? Int == 2)
        #expect(object["created_at"] as? String == "2026-01-01T00:00:00Z")
        let settings = try #require(object["settings"] as? [String: Any])
        let matching = try #require(settings["size_matching"] as? [String: Any])
        #expect(matching["subsampled_side"] as? String == "original")
        let metrics = try #require(object["metrics"] as? [[String: Any]])
        let byClass = try #require(metrics[0]["by_class"] as? [String: Any])
        #expect(byClass.keys.sorted() == ["Sci/Tech"])  // a label is data, never re-cased
        let original = try #require(metrics[2]["original"] as? [String: Any])
        #expect(original["value"] is NSNull)  // an undefined value is an explicit null
        #expect(original["note"] as? String == "fewer than 50 tokens in all rows")
        #expect(try JSONReportWriter.decode(data) == Self.sampleReport())
        let violations = try JSONSchemaValidator.validateReport(data)
        #expect(violations == [])
    }

    @Test func jsonIsByteForByteStable() throws {
        #expect(try JSONReportWriter.encode(Self.sampleReport()) == JSONReportWriter.encode(Self.sampleReport()))
    }

    @Test func htmlIsSelfContainedAndEscapesData() {
        let html = HTMLReportWriter(report: Self.sampleReport(), catalog: []).render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<section id=\"diversity\">"))
        #expect(html.contains("a&lt;b&gt;.jsonl"))
        #expect(!html.contains("a<b>.jsonl"))
        #expect(!html.contains("src=") && !html.contains("href=\"http") && !html.contains("<link"))
        #expect(html.components(separatedBy: "<script").count == 2, "one inline script (table sorting)")
        #expect(html.contains("content=\"default-src 'none';"), "a CSP that allows no network")
        #expect(html.contains("0.800 <span class=\"ci\">[0.780, 0.820]</span>"))
        #expect(html.contains("Sci/Tech"))
    }

    // Distinct-2's row: synthetic 0.2 (no interval) before the original's 0.8 [0.78, 0.82], then Δ −0.6.
    @Test func everyTableShowsTheSyntheticSideFirst() throws {
        let html = HTMLReportWriter(report: Self.sampleReport(), catalog: []).render()
        #expect(html.contains("<th class=\"num synthetic\">synthetic</th><th class=\"num original\">original</th>"))
        #expect(
            html.contains(
                "<td class=\"num\">0.200</td><td class=\"num\">0.800 <span class=\"ci\">[0.780, 0.820]</span></td><td class=\"num\">−0.600</td>"
            ))
        let inputs = try #require(html.range(of: "<section id=\"inputs\">"))
        let synthetic = try #require(
            html.range(of: "<th scope=\"row\" class=\"synthetic\">", range: inputs.upperBound..<html.endIndex))
        let original = try #require(
            html.range(of: "<th scope=\"row\" class=\"original\">", range: inputs.upperBound..<html.endIndex))
        #expect(synthetic.lowerBound < original.lowerBound)
        // Per class: Sci/Tech synthetic 0.1 before original 0.9.
        #expect(html.contains("<td class=\"num\">0.100</td><td class=\"num\">0.900</td>"))

        let markdown = MarkdownReportWriter(report: Self.sampleReport(), catalog: []).render()
        #expect(markdown.contains("| Metric | Synthetic | Original | Δ | Better |"))
        #expect(markdown.contains("| 0.200 | 0.800 [0.780, 0.820] | −0.600 | original |"))

        let text = TerminalSummary(report: Self.sampleReport(), catalog: []).render()
        let header = try #require(text.split(separator: "\n").first { $0.hasPrefix("metric") })
        #expect(header.split(separator: " ").map(String.init) == ["metric", "synthetic", "original", "Δ", "better"])
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("diversity.distinct_2") })
        #expect(
            row.split(separator: " ").map(String.init) == [
                "diversity.distinct_2", "0.200", "0.800", "−0.600", "original",
            ])
    }

    /// Length in words with its KS (0.4) and Wasserstein (2.5) distances: one row with two distance columns.
    static func reportWithDistances() -> Report {
        var report = sampleReport()
        report.metrics = [
            MetricResult(
                id: "complexity.tokens", family: "complexity", title: "Length (words)", better: .neither,
                original: SideValue(value: 12, n: 100), synthetic: SideValue(value: 17, n: 100)),
            MetricResult(
                id: "complexity.tokens_ks", family: "complexity", title: "Length (words): KS distance", better: .lower,
                value: 0.4),
            MetricResult(
                id: "complexity.tokens_wasserstein", family: "complexity", title: "Length (words): Wasserstein",
                better: .lower, value: 2.5),
        ]
        return report
    }

    @Test func aDescriptorsDistancesAreColumnsOfItsRowNotRowsOfTheirOwn() throws {
        let html = HTMLReportWriter(report: Self.reportWithDistances(), catalog: []).render()
        let start = try #require(html.range(of: "<table class=\"metrics sortable\">"))
        let end = try #require(html.range(of: "</table>", range: start.upperBound..<html.endIndex))
        let table = html[start.lowerBound..<end.upperBound]
        #expect(table.contains("<th class=\"num\">KS</th><th class=\"num\">Wasserstein</th>"))
        #expect(table.contains("<td class=\"num\">0.400</td><td class=\"num\">2.500</td></tr>"))
        #expect(table.components(separatedBy: "<tr>").count - 1 == 2, "a header and Length (words): no row of its own")
        #expect(html.contains("<summary>1 measure</summary>"), "the distances are not counted as measures")
    }

    @Test func familySectionsFoldTheirTablesUnderTheVerdictLine() throws {
        let html = HTMLReportWriter(report: Self.sampleReport(), catalog: []).render()
        let section = try #require(html.range(of: "<section id=\"diversity\">"))
        let verdict = try #require(html.range(of: "<p class=\"verdict-line", range: section.upperBound..<html.endIndex))
        let folded = try #require(
            html.range(
                of: "<details class=\"more\"><summary>3 measures and their evidence</summary>",
                range: section.upperBound..<html.endIndex))
        let table = try #require(
            html.range(of: "<table class=\"metrics sortable\">", range: section.upperBound..<html.endIndex))
        #expect(verdict.lowerBound < folded.lowerBound && folded.lowerBound < table.lowerBound)
        #expect(!html.contains("<details class=\"more\" open"), "folded sections start closed")
        #expect(html.contains("details.more>summary"))
    }

    /// Two problems, the first naming synthetic rows 2, 5 … (108 in all) and a label with markup in it.
    static func judgedReport(problems: [Problem]? = sampleProblems) -> Report {
        var report = sampleReport()
        report.problems = problems
        return report
    }

    static let sampleProblems = [
        Problem(
            family: "duplicates", kind: "duplicates", severity: .high,
            evidence: "108 of 160 synthetic rows (67.5%) repeat an earlier row of class '<b>*World*</b>'.",
            action: "Drop them before training (assay clean).",
            rows: Array([2, 5, 6, 8, 9, 13, 17, 19, 20, 21, 23, 24]),
            rowCount: 108, metric: "duplicates.near_rate"),
        Problem(
            family: "bias", kind: "region_skew", severity: .medium,
            evidence: "100.0% of the place mentions are in North America.", action: "Name other regions in the prompt."),
    ]

    @Test func htmlRanksTheProblemsAboveTheVerdictCards() throws {
        let html = HTMLReportWriter(report: Self.judgedReport(), catalog: []).render()
        let problems = try #require(html.range(of: "<section id=\"problems\"><h2>Top problems</h2>"))
        let cards = try #require(html.range(of: "<section id=\"verdict\">"))
        #expect(problems.lowerBound < cards.lowerBound)
        #expect(html.contains("<li class=\"high\" data-kind=\"duplicates\"><p><span class=\"severity\">✗ high</span> "))
        #expect(html.contains("class &#39;&lt;b&gt;*World*&lt;/b&gt;&#39;."), "the evidence is escaped")
        #expect(html.contains("<p class=\"action\"><b>Do:</b> Drop them before training (assay clean).</p>"))
        #expect(
            html.contains("<p class=\"rows\">Synthetic rows: 2, 5, 6, 8, 9, 13, 17, 19, 20, 21 … (108 rows in all)</p>")
        )
        #expect(
            html.contains("<li class=\"medium\" data-kind=\"region_skew\"><p><span class=\"severity\">◐ medium</span>"))
        #expect(html.components(separatedBy: "<p class=\"rows\">").count == 2, "a problem without rows lists none")
        #expect(html.contains("<a class=\"family\" href=\"#bias\">Bias</a>"), "each problem links to its family")

        let none = HTMLReportWriter(report: Self.judgedReport(problems: []), catalog: []).render()
        #expect(
            none.contains(
                "No problem found on the evidence: a problem is listed only when its interval excludes “no difference” and at least 20 rows a side stand behind it."
            ))
        #expect(!none.contains("<ol class=\"ranked\">"))
        let unjudged = HTMLReportWriter(report: Self.sampleReport(), catalog: []).render()
        #expect(!unjudged.contains("id=\"problems\""), "a report that was not judged has no problem list")
    }

    /// A synthetic set read from shards: the rows of a problem are cited by `FILE:LINE` where a finding
    /// places them.
    @Test func problemRowsOfShardedDataReadAsFileAndLine() throws {
        var report = Self.judgedReport()
        report.inputs.synthetic?.shards = [ShardSummary(path: "part-2.jsonl", rows: 50, bytes: 1, sha256: "0")]
        report.findings = [
            Finding(
                kind: .nearDuplicates, side: .synthetic, row: 2, location: "part-1.jsonl:2", text: "a",
                related: [RelatedRow(side: .synthetic, row: 5, location: "part-2.jsonl:1", text: "a")])
        ]
        let places = report.syntheticPlaces
        #expect(places == [2: "part-1.jsonl:2", 5: "part-2.jsonl:1"])
        #expect(
            Self.sampleProblems[0].shownRows(limit: 3, places: places)
                == "part-1.jsonl:2, part-2.jsonl:1, 6 … (108 rows in all)")
        #expect(Self.sampleProblems[1].shownRows(limit: 3, places: places) == "")
        let whole = Problem(
            family: "noise", kind: "label_issues", severity: .low, evidence: "", action: "", rows: [4, 7])
        #expect(whole.shownRows(limit: 3, places: [:]) == "4, 7")
        let html = HTMLReportWriter(report: report, catalog: []).render()
        #expect(html.contains("Synthetic rows: part-1.jsonl:2, part-2.jsonl:1, 6, 8, 9"))
    }

    @Test func markdownRanksTheProblemsFirstAsInertText() throws {
        let markdown = MarkdownReportWriter(report: Self.judgedReport(), catalog: []).render()
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let heading = try #require(lines.firstIndex(of: "### Top problems"))
        let table = try #require(lines.firstIndex { $0.hasPrefix("| | Family |") })
        #expect(heading < table, "the problems come before the verdict table")
        #expect(
            lines[heading + 2]
                == "1. 🔴 **high** — 108 of 160 synthetic rows \\(67\\.5%\\) repeat an earlier row of class \\'&lt;b&gt;\\*World\\*&lt;/b&gt;\\'\\.<br>**Do:** Drop them before training \\(assay clean\\)\\.<br>Synthetic rows: 2, 5, 6, 8, 9, 13, 17, 19 … \\(108 rows in all\\)"
        )
        #expect(lines[heading + 3].hasPrefix("2. 🟠 **medium** — 100\\.0% of the place mentions"))
        let none = MarkdownReportWriter(report: Self.judgedReport(problems: []), catalog: []).render()
        #expect(none.contains("### Top problems\n\nNo problem found on the evidence"))
        #expect(!MarkdownReportWriter(report: Self.sampleReport(), catalog: []).render().contains("Top problems"))
    }

    @Test func terminalShowsAtMostFiveLinesOfTopProblems() throws {
        let many = (0..<6).map { index in
            Problem(
                family: "noise", kind: "label_issues", severity: index < 2 ? .high : .low,
                evidence: "problem \(index) " + String(repeating: "e", count: 300), action: "fix \(index)")
        }
        let text = TerminalSummary(report: Self.judgedReport(problems: many), catalog: []).render()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let heading = try #require(lines.firstIndex(of: "top problems; all 6 in report.html"))
        let block = Array(lines[(heading + 1)...].prefix { !$0.isEmpty })
        #expect(block.count == 4, "a heading and four problems: five lines")
        #expect(block[0].hasPrefix("  high    problem 0 eee"))
        #expect(block[0].hasSuffix("… → fix 0"), "the evidence is cut, the action kept")
        #expect(block[3].hasPrefix("  low     problem 3 "))

        let two = TerminalSummary(report: Self.judgedReport(), catalog: []).render()
        #expect(two.contains("top problems\n  high    108 of 160 synthetic rows"))
        let none = TerminalSummary(report: Self.judgedReport(problems: []), catalog: []).render()
        #expect(
            none.hasSuffix(
                "\nNo problem found on the evidence: a problem is listed only when its interval excludes “no difference” and at least 20 rows a side stand behind it.\n"
            ))
    }

    @Test func differentAndTooFewVerdictsAreStyledApart() {
        var report = Self.sampleReport()
        report.families = [
            FamilyVerdict(
                id: "complexity", title: "Complexity", anchor: "complexity", status: .different, figures: [],
                sentence: "Shorter."),
            FamilyVerdict(
                id: "bias", title: "Bias", anchor: "bias", status: .tooFew, figures: [], sentence: "Too few rows."),
        ]
        let html = HTMLReportWriter(report: report, catalog: []).render()
        #expect(html.contains("<article class=\"card different\" data-family=\"complexity\">"))
        #expect(html.contains("<span class=\"status\">≠ different</span>"))
        #expect(html.contains("<article class=\"card too_few\" data-family=\"bias\">"))
        #expect(html.contains("<span class=\"status\">? too few rows</span>"))
        #expect(html.contains(".different{border-left-color:#6a4c93}"))
        #expect(html.contains(".too_few{border-left-color:#8c959f;border-left-style:dashed}"))
        let markdown = MarkdownReportWriter(report: report, catalog: []).render()
        #expect(markdown.contains("| ↔️ | Complexity |") && markdown.contains("| ❔ | Bias |"))
    }

    /// A near-duplicate group and a leaked pair say which test matched them, with the run's thresholds.
    @Test func duplicateAndLeakageTablesSayWhichTestMatched() {
        var report = Self.sampleReport()
        report.settings.duplicates = DuplicateSettings(field: nil, nearJaccard: 0.8, nearCosine: 0.95)
        report.metrics.append(
            MetricResult(
                id: "duplicates.near_rate", family: "duplicates", title: "Near-duplicate rate", better: .lower,
                original: SideValue(value: 0, n: 100), synthetic: SideValue(value: 0.1, n: 100)))
        report.metrics.append(
            MetricResult(
                id: "leakage.synthetic_near_original_rate", family: "leakage", title: "Near original", better: .lower,
                value: 0.01))
        report.findings = [
            Finding(
                kind: .nearDuplicates, side: .synthetic, row: 3, text: "great phone",
                detail: "2 near duplicates (scores: Jaccard of normalised character 5-grams with the first row)",
                score: 2,
                related: [RelatedRow(side: .synthetic, row: 9, text: "great phone!", score: 0.91)], relatedCount: 1),
            Finding(
                kind: .leakedPair, side: .synthetic, row: 4, text: "the food was fine",
                detail: "a near copy by meaning (embedding cosine 0.970) of original row 12", score: 0.97,
                related: [RelatedRow(side: .original, row: 12, text: "food was fine", score: 0.97)]),
        ]
        let html = HTMLReportWriter(report: report, catalog: []).render()
        #expect(
            html.contains(
                "rows joined pair by pair by Jaccard of normalised character 5-grams ≥ 0.8 or embedding cosine ≥ 0.95.")
        )
        #expect(html.contains("<td>9 (0.910)</td>"))
        #expect(html.contains("<th>matched by</th>"))
        #expect(html.contains("<td>a near copy by meaning (embedding cosine 0.970) of original row 12</td>"))
    }

    @Test func htmlListsRepeatedPhrasesPerSide() {
        var report = Self.sampleReport()
        report.findings = [
            Finding(
                kind: .repeatedPhrase, side: .synthetic, row: 3, text: "i <3 this product",
                detail: "in 74 of 160 rows (46.2%)", score: 0.4625)
        ]
        let html = HTMLReportWriter(report: report, catalog: []).render()
        #expect(html.contains("Most repeated phrases"))
        #expect(html.contains("<td>i &lt;3 this product</td>"))
        #expect(html.contains("46.3%") || html.contains("46.2%"))
    }

    @Test func markdownHasOneTableRowPerMetric() {
        let markdown = MarkdownReportWriter(report: Self.sampleReport(), catalog: []).render()
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains("`diversity.") }
        #expect(rows.count == 3)
        #expect(rows[0].contains("0.800 [0.780, 0.820]") && rows[0].contains("| original |"))
        #expect(markdown.contains("Skipped `x.y`: because"))
    }

    @Test func terminalTableListsEveryMetric() {
        let text = TerminalSummary(report: Self.sampleReport(), catalog: []).render()
        #expect(text.contains("diversity.distinct_2"))
        #expect(text.contains("−0.600"))
        #expect(text.contains("skipped x.y: because"))
    }

    @Test func filesAreWrittenWithoutLeavingTemporaries() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = try ReportFiles.write(
            Self.sampleReport(), formats: [.json, .html, .md], to: directory.path, catalog: [])
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["report.json", "report.html", "summary.md"])
        let contents = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(contents == ["report.html", "report.json", "summary.md"])
        let violations = try JSONSchemaValidator.validateReport(
            Data(contentsOf: directory.appendingPathComponent("report.json")))
        #expect(violations == [])
        // A second run replaces the files in place.
        try ReportFiles.write(Self.sampleReport(), formats: [.json], to: directory.path, catalog: [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 3)
    }

    @Test func formatListsParseAndRejectUnknownNames() {
        #expect(ReportFormat.list("html,json") == [.html, .json])
        #expect(ReportFormat.list(" md , markdown,json") == [.md, .json])
        #expect(ReportFormat.list("pdf") == nil)
        #expect(ReportFormat.list("") == nil)
    }
}
