import AssayCore
import AssayReport
import AssayStore
import Testing

@testable import AssayPipeline

/// Which side's values `assay history --metric` shows.
struct RunHistoryTests {
    // Run 1 records a synthetic distinct-2 of 0.40 and a pair leakage of 0.05; run 2 records 0.30 and 0.07.
    static func store() throws -> RunStore {
        let store = try Folder().store()
        for (distinct, leakage) in [(0.40, 0.05), (0.30, 0.07)] {
            _ = try store.record(
                GateRunTests.newRun("news", status: .pass),
                metrics: [
                    ReportValue(metric: "diversity.distinct_2", side: .original, value: 0.9, n: 4),
                    ReportValue(metric: "diversity.distinct_2", side: .synthetic, value: distinct, n: 4),
                    ReportValue(metric: "leakage.exact", side: .pair, value: leakage, n: 4),
                ], gates: [])
        }
        return store
    }

    @Test func withoutASideTheSyntheticValuesAreShownOrElseThePairValues() throws {
        let store = try Self.store()
        func values(_ metric: MetricID, _ side: MetricSide?) throws -> [Double?] {
            try RunHistory.trend(in: store, metric: metric, side: side, label: nil, dataset: nil, limit: 10)
                .map(\.value.value)
        }
        #expect(try values("diversity.distinct_2", nil) == [0.40, 0.30])
        #expect(try values("diversity.distinct_2", .original) == [0.9, 0.9])
        #expect(try values("leakage.exact", nil) == [0.05, 0.07], "a pair value has no synthetic side")
        #expect(try values("leakage.exact", .synthetic) == [], "a side named is not second-guessed")
        #expect(try values("diversity.distinct_2", .pair) == [])
    }
}
