import AssayMetrics
import Foundation
import Testing

@testable import AssayReport

/// report.html stays under 2 MB however large the data: a report as full as 100,000 rows a side can
/// make it — every metric with 200 classes, 500 findings of every kind with 5,000-character texts and
/// 10 related rows each, the most points the projection keeps, 200×200 label matrices and an attribute
/// with 10,000 values — renders within the limit, and says what it left out.
@Suite struct ReportSizeTests {
    static let rows = 100_000
    static let classes = (0..<200).map { "class \($0)" }
    static let longText = String(repeating: "a very long synthetic text that goes on ", count: 125)

    static func fullReport() -> Report {
        let byClass = Dictionary(
            uniqueKeysWithValues: classes.map { ($0, ClassValue(original: 0.5, synthetic: 0.25, n: 500)) })
        let metrics = Assessment.catalog.map { descriptor in
            MetricResult(
                descriptor, original: SideValue(value: 0.5, ci: [0.4, 0.6], interval: .bootstrap, n: rows),
                synthetic: SideValue(value: 0.25, ci: [0.2, 0.3], interval: .bootstrap, n: rows), byClass: byClass)
        }
        let kinds = [
            "discriminative_ngram", "distinguishable_example", "exact_duplicates", "group_association_example",
            "label_disagreement", "label_issue", "label_set", "leaked_pair", "near_duplicates", "region_skew",
            "repeated_phrase", "shared_ngram",
        ]
        var findings: [Finding] = []
        for kind in kinds {
            for side in ["original", "synthetic"] {
                for row in 0..<500 {
                    let related = (0..<10).map { RelatedRow(side: side, row: row + $0, text: longText, score: 0.9) }
                    findings.append(
                        Finding(
                            kind: kind, side: side, row: row, text: longText, detail: longText, score: 0.5,
                            given: classes[0], suggested: classes[1], related: related, relatedCount: 400))
                }
            }
        }
        let dataset = DatasetSummary(
            path: "big.jsonl", format: "jsonl", rows: rows, bytes: 50_000_000, sha256: "0", textFields: ["text"],
            labelField: "label", labels: Dictionary(uniqueKeysWithValues: classes.map { ($0, 500) }),
            attributeFields: ["topic"], emptyTexts: 0)
        var report = Report(
            tool: ToolInfo(version: "0.1.0"), createdAt: "2026-01-01T00:00:00Z", command: "compare",
            inputs: Inputs(original: dataset, synthetic: dataset),
            settings: Settings(
                seed: 13, sizeMatching: nil, selfBleuHypotheses: 1000, bootstrapResamples: 200, subsampleRepeats: 50),
            metrics: metrics, findings: findings)
        let points = (0..<Projection.maxPoints).map { [Double($0) / 7, Double($0 % 13)] }
        report.projection = Projection(
            explainedVarianceRatio: [0.2, 0.1], points: ["original": points, "synthetic": points])
        let edges = (0...40).map { Double($0) / 40 }
        let counts = [Int](repeating: 2500, count: 40)
        report.distributions =
            Assessment.catalog.filter { $0.family == "complexity" && !$0.id.hasSuffix("_ks") }.map {
                Distribution(id: $0.id, title: $0.title, edges: edges, original: counts, synthetic: counts)
            } + [
                Distribution(
                    id: "diversity.pairwise_similarity", title: "Pairwise", edges: edges, original: counts,
                    synthetic: counts)
            ]
        let k = classes.count
        let matrix = [[Double]](repeating: [Double](repeating: 1.0 / Double(k), count: k), count: k)
        let side = SideLabelQuality(
            method: "5-fold logistic regression", classes: classes, rows: rows, issues: 5000, classifierAccuracy: 0.8,
            thresholds: [Double?](repeating: 0.5, count: k),
            confidentJoint: [[Int]](repeating: [Int](repeating: 2, count: k), count: k), noiseMatrix: matrix,
            perClass: classes.map {
                ClassLabelQuality(
                    label: $0, rows: 500, issues: 25, suggestedInto: 25, noiseRate: 0.05, quality: 0.95,
                    meanSelfConfidence: 0.8)
            })
        report.labelQuality = LabelQuality(
            sides: ["original": side, "synthetic": side],
            faithfulness: LabelFaithfulness(
                method: "logistic regression", classes: classes, rows: rows, agreement: 0.7,
                confusion: [[Int]](repeating: [Int](repeating: 2, count: k), count: k), issues: 100))
        let values = (0..<10_000).map { CategoryCounts(value: "value \($0) \(longText)", original: 10, synthetic: 10) }
        report.bias = BiasSummary(
            regions: RegionTable(
                rowsWithPlaces: ["original": 5000], continents: values, subregions: values, countries: values),
            attributes: [
                AttributeTable(
                    field: "topic", derived: false, values: values, coverage: 0.5, normalizedEntropy: ["original": 0.9],
                    jsd: 0.1, tvd: 0.1, chiSquarePValue: 0.01, jsdByClass: [:])
            ])
        return report
    }

    @Test func theFullestReportRendersUnderTwoMegabytes() {
        let html = HTMLReportWriter(report: Self.fullReport(), catalog: Assessment.catalog).render()
        let bytes = html.utf8.count
        #expect(bytes < 2_000_000, "report.html is \(bytes) bytes")
        #expect(bytes > 200_000, "the report should still show a lot: \(bytes) bytes")
        #expect(html.contains("(25 of 500; report.json lists all)"), "label issues: shown and total")
        #expect(html.contains("The first 20 of 200 classes; report.json has every class."))
        #expect(html.contains("200×200, too many classes to show; see report.json."))
        #expect(html.contains("… 9975 more values; report.json lists all"))
        if let whole = html.range(of: Self.longText) {
            Issue.record("a text is shown whole after: \(html[..<whole.lowerBound].suffix(200))")
        }
    }
}
