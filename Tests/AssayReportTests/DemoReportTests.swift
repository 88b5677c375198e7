import AssayCore
import AssayTestSupport
import Foundation
import Testing

@testable import AssayReport

/// The committed demo report (reports/demo/report.json, `make demo`) against what its fixtures were
/// built with (fixtures/README.md): templated texts, 6 exact duplicates, 5 mislabelled rows, places
/// almost only in North America.
@Suite struct DemoReportTests {
    static func demo() throws -> Report {
        let url = TestPaths.packageRoot.appendingPathComponent("reports/demo/report.json")
        return try JSONReportWriter.decode(try Data(contentsOf: url))
    }

    @Test func theProblemsTheFixtureWasBuiltWithComeFirstWithRowsAndActions() throws {
        let problems = try #require(try Self.demo().problems)
        #expect(problems.prefix(4).map(\.kind) == ["duplicates", "templated", "region_skew", "label_issues"])
        let duplicates = problems[0]
        // The exact duplicates' lines (fixtures/README.md) are among the rows deduplication drops.
        #expect(Set([39, 64, 91, 116, 132, 153]).isSubset(of: duplicates.rows))
        #expect(duplicates.rows.count == 108 && duplicates.rowCount == 108)
        #expect(duplicates.rows == duplicates.rows.sorted())
        #expect(duplicates.action.contains("assay clean"))
        // The five mislabelled lines, exactly.
        let labels = problems[3]
        #expect(labels.rows == [18, 45, 72, 103, 140])
        #expect(labels.evidence.hasPrefix("5 of 160 synthetic rows (3.1%) look mislabelled"))
        #expect(problems[2].evidence.contains("North America"))
        #expect(problems.allSatisfy { !$0.action.isEmpty && !$0.evidence.isEmpty })
    }

    @Test func everyPointEstimateLiesInsideItsOwnInterval() throws {
        var outside: [String] = []
        for metric in try Self.demo().metrics {
            for (name, value, ci) in [
                ("original", metric.original?.value, metric.original?.ci),
                ("synthetic", metric.synthetic?.value, metric.synthetic?.ci), ("pair", metric.value, metric.ci),
            ] {
                guard let value, let ci, ci.count == 2 else { continue }
                if value < ci[0] || value > ci[1] { outside.append("\(metric.id) \(name): \(value) \(ci)") }
            }
        }
        #expect(outside.isEmpty)
    }

    @Test func familiesCarryTheirStatusInReportJSON() throws {
        let families = try #require(try Self.demo().families)
        let status = Dictionary(uniqueKeysWithValues: families.map { ($0.id, $0.status) })
        #expect(status["diversity"] == .bad)
        #expect(status["duplicates"] == .bad)
        #expect(status["bias"] == .bad)
        // 5 of 160 flagged against the original's 20%: the synthetic labels are no worse.
        #expect(status["noise"] == .good)
    }
}
