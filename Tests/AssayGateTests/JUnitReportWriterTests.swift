import AssayCore
import AssayReport
import Foundation
import Testing

@testable import AssayGate

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The JUnit XML has the shape CI systems read (the common JUnit schema: testsuites › testsuite ›
/// testcase with failure / error / skipped / system-out), with consistent counts.
@Suite struct JUnitReportWriterTests {
    static func report() -> Report {
        let dataset = DatasetSummary(
            path: "synthetic & co.jsonl", format: "jsonl", rows: 10, bytes: 10, sha256: "0", textFields: ["text"],
            labelField: "label", labels: nil, attributeFields: [], emptyTexts: 0)
        var report = Report(
            tool: ToolInfo(version: "0.1.0"), createdAt: "2026-01-01T00:00:00Z", command: "gate",
            inputs: Inputs(original: dataset, synthetic: dataset),
            settings: Settings(
                seed: 13, sizeMatching: nil, selfBleuHypotheses: 1000, bootstrapResamples: 200, subsampleRepeats: 50),
            metrics: [], status: .fail)
        func gate(_ rule: Int, _ status: GateStatus, _ severity: Severity, label: String? = nil, _ message: String)
            -> GateResult
        {
            GateResult(
                rule: rule, metric: "diversity.distinct_2", side: .synthetic,
                scope: label == nil ? "overall" : "each_class",
                label: label, condition: "synthetic ≥ 0.500", status: status, severity: severity, value: 0.4,
                message: message)
        }
        report.gates = [
            gate(0, .pass, .error, "0.600 ≥ 0.500"),
            gate(1, .fail, .error, label: "<neg>", "0.400 is below min 0.500"),
            gate(2, .warn, .warn, "0.400 is below min \"0.5\""),
            gate(3, .error, .error, "not measured: no embeddings"),
            gate(4, .error, .warn, "not measured: no labels"),
            gate(5, .skipped, .error, "no baseline run to compare with"),
        ]
        return report
    }

    @Test func theXMLHasTheJUnitShapeAndConsistentCounts() throws {
        let xml = JUnitReportWriter(report: Self.report(), policy: "policies/default.yml", runID: 12).render()
        let document = try XMLDocument(data: Data(xml.utf8))
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.count == 1)
        let suite = try #require(suites.first)
        #expect(suite.attribute(forName: "name")?.stringValue == "policies/default.yml")
        #expect(suite.attribute(forName: "timestamp")?.stringValue == "2026-01-01T00:00:00")
        let cases = suite.elements(forName: "testcase")
        #expect(cases.count == 6)
        for element in [root, suite] {
            #expect(element.attribute(forName: "tests")?.stringValue == "6")
            #expect(element.attribute(forName: "failures")?.stringValue == "1")
            #expect(element.attribute(forName: "errors")?.stringValue == "1")
            #expect(element.attribute(forName: "skipped")?.stringValue == "1")
        }
        // Every testcase has a name and classname, and at most one outcome element.
        for element in cases {
            #expect(element.attribute(forName: "name")?.stringValue?.isEmpty == false)
            #expect(element.attribute(forName: "classname")?.stringValue == "assay.diversity")
            let outcomes = (element.children ?? []).compactMap { $0 as? XMLElement }.map { $0.name ?? "" }
            #expect(outcomes.count <= 1)
            #expect(outcomes.allSatisfy { ["failure", "error", "skipped", "system-out"].contains($0) })
        }
        let outcome = cases.map { ($0.children?.first as? XMLElement)?.name }
        #expect(outcome == [nil, "failure", "system-out", "error", "system-out", "skipped"])
        let failure = try #require(cases[1].elements(forName: "failure").first)
        #expect(failure.attribute(forName: "message")?.stringValue == "0.400 is below min 0.500")
        #expect(
            cases[1].attribute(forName: "name")?.stringValue
                == "diversity.distinct_2 (synthetic, class <neg>): synthetic ≥ 0.500")
        #expect(cases[2].attribute(forName: "name")?.stringValue?.hasPrefix("WARN: ") == true)
        #expect(cases[2].elements(forName: "system-out").first?.stringValue?.contains("below min \"0.5\"") == true)
        let properties = suite.elements(forName: "properties").first?.elements(forName: "property") ?? []
        let values = Dictionary(
            uniqueKeysWithValues: properties.map {
                ($0.attribute(forName: "name")?.stringValue ?? "", $0.attribute(forName: "value")?.stringValue ?? "")
            })
        #expect(values["status"] == "fail" && values["run"] == "12" && values["synthetic"] == "synthetic & co.jsonl")
    }

    @Test func controlCharactersCannotBreakTheXML() throws {
        var report = Self.report()
        report.gates[1].message = "bad \u{1} byte & <tag>"
        let xml = JUnitReportWriter(report: report, policy: "p.yml").render()
        let document = try XMLDocument(data: Data(xml.utf8))
        let failure = document.rootElement()?.elements(forName: "testsuite").first?.elements(forName: "testcase")[1]
        #expect(
            failure?.elements(forName: "failure").first?.attribute(forName: "message")?.stringValue
                == "bad \u{FFFD} byte & <tag>")
    }
}
