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
