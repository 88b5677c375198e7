import Testing

@testable import AssayReport

@Suite struct ReportValueTests {
    @Test func everySideAndClassBecomesOneValue() {
        let values = ReportWriterTests.sampleReport().values
        // distinct-2: both sides with their intervals, then class Sci/Tech per side; self-BLEU; MATTR.
        #expect(values.count == 8)
        #expect(
            values[0]
                == ReportValue(
                    metric: "diversity.distinct_2", side: .original, value: 0.8, ciLow: 0.78, ciHigh: 0.82, n: 100))
        #expect(values[1] == ReportValue(metric: "diversity.distinct_2", side: .synthetic, value: 0.2, n: 100))
        #expect(
            values[2]
                == ReportValue(metric: "diversity.distinct_2", side: .original, label: "Sci/Tech", value: 0.9, n: 40))
        #expect(
            values[3]
                == ReportValue(metric: "diversity.distinct_2", side: .synthetic, label: "Sci/Tech", value: 0.1, n: 40))
        #expect(values[6] == ReportValue(metric: "diversity.mattr", side: .original, value: nil, n: 100))
    }

    // 0.5 → 0.6 is +20%; 2 → 3 is +50%; 0 → 0.1 has no relative change and ranks first; 1 → 1 did not move.
    @Test func changesRankByRelativeMove() {
        let before = [
            ReportValue(metric: "a.x", side: .synthetic, value: 0.5),
            ReportValue(metric: "a.y", side: .synthetic, value: 2),
            ReportValue(metric: "a.z", side: .pair, value: 0), ReportValue(metric: "a.w", side: .synthetic, value: 1),
            ReportValue(metric: "a.x", side: .synthetic, label: "k", value: 0.1),
        ]
        let after = [
            ReportValue(metric: "a.x", side: .synthetic, value: 0.6),
            ReportValue(metric: "a.y", side: .synthetic, value: 3),
            ReportValue(metric: "a.z", side: .pair, value: 0.1),
            ReportValue(metric: "a.w", side: .synthetic, value: 1),
            ReportValue(metric: "a.x", side: .synthetic, label: "k", value: 0.9),
            ReportValue(metric: "a.new", side: .synthetic, value: 5),
        ]
        let ranked = ValueChange.ranked(from: before, to: after)
        #expect(ranked.map(\.metric) == ["a.z", "a.y", "a.x"])
        #expect(abs((ranked[1].relativeChange ?? 0) - 0.5) < 1e-12 && ranked[1].delta == 1)
        // With classes, 0.1 → 0.9 (+800%) comes right after the move from 0.
        let withClasses = ValueChange.ranked(from: before, to: after, classes: true)
        #expect(withClasses.map(\.label) == [nil, "k", nil, nil])
    }
}
