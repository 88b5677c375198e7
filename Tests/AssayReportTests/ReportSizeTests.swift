import AssayCore
import AssayMetrics
import AssayTestSupport
import Foundation
import Testing

@testable import AssayReport

/// report.html stays under 2 MB however large the data: a report as full as 100,000 rows a side can
/// make it — every metric with 200 classes, 500 findings of every kind with 5,000-character texts and
/// 10 related rows each, the most points the projection keeps, 200×200 label matrices and an attribute
/// with 10,000 values, judged into verdicts and ranked problems — renders within the limit, and says what
/// it left out.
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
        let kinds = FindingKind.allCases
        var findings: [Finding] = []
        for kind in kinds {
            for side in Side.allCases {
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
            Assessment.catalog.filter { $0.family == "complexity" && !$0.id.rawValue.hasSuffix("_ks") }.map {
                Distribution(id: $0.id.rawValue, title: $0.title, edges: edges, original: counts, synthetic: counts)
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
            confidentJoint: SparseMatrix([[Int]](repeating: [Int](repeating: 2, count: k), count: k)),
            noiseMatrix: SparseMatrix(matrix),
            perClass: classes.map {
                ClassLabelQuality(
                    label: $0, rows: 500, issues: 25, suggestedInto: 25, noiseRate: 0.05, quality: 0.95,
                    meanSelfConfidence: 0.8)
            })
        report.labelQuality = LabelQuality(
            sides: ["original": side, "synthetic": side],
            faithfulness: LabelFaithfulness(
                method: "logistic regression", classes: classes, rows: rows, agreement: 0.7,
                confusion: SparseMatrix([[Int]](repeating: [Int](repeating: 2, count: k), count: k)), issues: 100))
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

    @Test func theFullestReportRendersUnderTwoMegabytes() throws {
        var report = Self.fullReport()
        report.judge(catalog: Assessment.catalog)
        let problems = try #require(report.problems)
        #expect(!problems.isEmpty, "the fullest report ranks problems")
        let html = HTMLReportWriter(report: report, catalog: Assessment.catalog).render()
        #expect(html.components(separatedBy: "<p class=\"action\">").count - 1 == problems.count)
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

    /// The label quality of N = 10,000 rows a side in K = 1,000 classes of ten, as confident learning and the
    /// faithfulness check leave it: class i's joint row holds 8 rows on the diagonal and one each in classes
    /// i + 1 and i + 7 (mod K), so every column sums to 10 and the noise matrix is 0.8, 0.1, 0.1 there; the
    /// confusion puts 7 of a class's synthetic rows on the diagonal and one in each of the next three classes.
    static func manyClassesQuality(k: Int = 1000) -> LabelQuality {
        let classes = (0..<k).map { String(format: "class-%04d", $0) }
        /// Row i's cells: `counts[d]` rows in column i + d (mod K) for each offset d.
        func matrix(_ counts: [Int: Int]) -> SparseMatrix<Int> {
            var cells: [SparseMatrix<Int>.Cell] = []
            for i in 0..<k {
                for (offset, count) in counts { cells.append(.init(row: i, column: (i + offset) % k, value: count)) }
            }
            return SparseMatrix(rows: k, columns: k, cells: cells)
        }
        let joint = matrix([0: 8, 1: 1, 7: 1])
        let noise = SparseMatrix(
            rows: k, columns: k,
            cells: joint.cells.map { SparseMatrix.Cell(row: $0.row, column: $0.column, value: Double($0.value) / 10) })
        let confusion = matrix([0: 7, 1: 1, 2: 1, 3: 1])
        let side = SideLabelQuality(
            method: "5-fold logistic regression", classes: classes, rows: 10 * k, issues: 2 * k,
            classifierAccuracy: 0.8, thresholds: [Double?](repeating: 0.5, count: k), confidentJoint: joint,
            noiseMatrix: noise,
            perClass: classes.map {
                ClassLabelQuality(
                    label: $0, rows: 10, issues: 2, suggestedInto: 2, noiseRate: 0.2, quality: 0.8,
                    meanSelfConfidence: 0.5)
            })
        return LabelQuality(
            sides: ["original": side, "synthetic": side],
            faithfulness: LabelFaithfulness(
                method: "logistic regression", classes: classes, rows: 10 * k, agreement: 0.7, confusion: confusion,
                issues: 3 * k))
    }

    /// Pretty-printed as report.json is, the label matrices of 1,000 classes take their non-zero cells
    /// (3,000 + 3,000 a side and 4,000: O(N)), not the 3,000,000 cells of five dense 1,000×1,000 matrices that
    /// made schema 1's report.json 93 MB; the cells decode to the same matrices.
    @Test func manyClassesLabelMatricesEncodeTheirNonZeroCellsOnly() throws {
        let quality = Self.manyClassesQuality()
        let side = try #require(quality.sides["original"])
        #expect(side.confidentJoint.nonZeroCount == 3000)
        #expect(side.confidentJoint[5, 6] == 1 && side.confidentJoint[5, 7] == 0)
        #expect(side.confidentJoint.rowSums == [Int](repeating: 10, count: 1000))
        #expect(side.noiseMatrix.columnSums.allSatisfy { abs($0 - 1) < 1e-12 })
        #expect(quality.faithfulness?.confusion.nonZeroCount == 4000)

        var report = ReportSchemaTests.completeReport()
        report.labelQuality = quality
        let data = try JSONReportWriter.encode(report)
        #expect(data.count < 3_000_000, "report.json is \(data.count) bytes")
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let label = try #require(object["label_quality"] as? [String: Any])
        let sides = try #require(label["sides"] as? [String: [String: Any]])
        let faithfulness = try #require(label["faithfulness"] as? [String: Any])
        let matrices = [
            sides["original"]?["confident_joint"], sides["original"]?["noise_matrix"],
            sides["synthetic"]?["confident_joint"], sides["synthetic"]?["noise_matrix"], faithfulness["confusion"],
        ]
        let cells = try matrices.map { try #require(($0 as? [String: Any])?["cells"] as? [[Double]]) }
        #expect(cells.map(\.count) == [3000, 3000, 3000, 3000, 4000])
        #expect(cells[0].prefix(3) == [[0, 0, 8], [0, 1, 1], [0, 7, 1]])
        #expect(cells[1].prefix(3) == [[0, 0, 0.8], [0, 1, 0.1], [0, 7, 0.1]])
        #expect(cells[4].suffix(2) == [[999, 2, 1], [999, 999, 7]])
        #expect(try JSONReportWriter.decode(data).labelQuality == quality)
        #expect(try JSONSchemaValidator.validateReport(data) == [])
    }
}
