import AssayCore
import AssayMetrics
import Testing

@testable import AssayReport

@Suite struct ValueChangeTests {
    /// `a.up` (higher is better), `a.down` (lower), `a.flat` (neither) and `a.p`, a p-value.
    static let catalog = MetricCatalog(
        [
            ("a.up", "Up", Direction.higher), ("a.down", "Down", .lower), ("a.flat", "Flat", .neither),
            ("a.p", "A p-value", .higher),
        ]
        .map {
            MetricDescriptor(
                id: MetricID($0.0), family: "a", title: $0.1, better: $0.2, formula: "", source: "", interval: nil)
        })

    static let before = [
        ReportValue(metric: "a.up", side: .original, value: 0.5),
        ReportValue(metric: "a.up", side: .synthetic, value: 0.5, ciLow: 0.4, ciHigh: 0.6),
        ReportValue(metric: "a.up@prompt", side: .synthetic, value: 0.8),
        ReportValue(metric: "a.down", side: .synthetic, value: 10),
        ReportValue(metric: "a.down", side: .synthetic, label: "k", value: 1),
        ReportValue(metric: "a.flat", side: .synthetic, value: 0),
        ReportValue(metric: "a.p", side: .synthetic, value: 0.001),
        ReportValue(metric: "a.same", side: .synthetic, value: 1),
        ReportValue(metric: "z.unknown", side: .pair, value: 1),
    ]

    static let after = [
        ReportValue(metric: "a.up", side: .original, value: 0.9),
        ReportValue(metric: "a.up", side: .synthetic, value: 0.2, ciLow: 0.1, ciHigh: 0.3),
        ReportValue(metric: "a.up@prompt", side: .synthetic, value: 0.6),
        ReportValue(metric: "a.down", side: .synthetic, value: 12),
        ReportValue(metric: "a.down", side: .synthetic, label: "k", value: 0.5),
        ReportValue(metric: "a.flat", side: .synthetic, value: 3),
        ReportValue(metric: "a.p", side: .synthetic, value: 0.01),
        ReportValue(metric: "a.same", side: .synthetic, value: 1),
        ReportValue(metric: "a.new", side: .synthetic, value: 5),
        ReportValue(metric: "z.unknown", side: .pair, value: 2),
    ]

    // Worse: a.up fell 0.3 with half-widths 0.1 and 0.1, √0.02 = 0.1414, so 2.12 half-widths; a.up@prompt
    // (a.up's direction) fell 0.2 of 0.8 = 25%; a.down rose 2 of 12 = 16.7%. Better: the p-value rose
    // 0.009 of its range 1 (not 0.9 of 0.01). Not judged: a.flat 3 of 3 = 100%, the unknown metric 1 of
    // 2 = 50%, the original's a.up 0.4 of 0.9 = 44%. a.same did not move; a.new has no earlier value.
    @Test func worseFirstThenBetterThenUnjudgedEachByScaledSize() {
        let ranked = ValueChange.ranked(from: Self.before, to: Self.after, catalog: Self.catalog)
        #expect(
            ranked.map { "\($0.metric) \($0.side)" } == [
                "a.up synthetic", "a.up@prompt synthetic", "a.down synthetic", "a.p synthetic", "a.flat synthetic",
                "z.unknown pair", "a.up original",
            ])
        #expect(ranked.map { $0.judgement?.rawValue ?? "" } == ["worse", "worse", "worse", "better", "", "", ""])
        #expect(ranked.map(\.formattedSize) == ["2.1×ci", "25%", "17%", "1%", "100%", "50%", "44%"])
        #expect(abs(ranked[0].size - 0.3 / 0.02.squareRoot()) < 1e-12)
        #expect(abs(ranked[0].scale.value - 0.02.squareRoot()) < 1e-12)
        #expect(ranked[3].scale == .magnitude(1) && abs(ranked[3].size - 0.009) < 1e-12)
        #expect(ranked[4].scale == .magnitude(3) && ranked[4].delta == 3)
    }

    // With classes, class k of a.down (1 → 0.5, lower is better) is better by half, ahead of the p-value.
    @Test func classValuesJoinTheirGroup() {
        let ranked = ValueChange.ranked(from: Self.before, to: Self.after, classes: true, catalog: Self.catalog)
        #expect(ranked.map(\.label) == [nil, nil, nil, "k", nil, nil, nil, nil])
        #expect(ranked[3].judgement == .better && ranked[3].formattedSize == "50%")
    }

    // An interval recorded in one run only still sets the scale: 0.3 over the half-width 0.05 is 6.
    @Test func oneRecordedIntervalIsEnough() {
        let ranked = ValueChange.ranked(
            from: [ReportValue(metric: "a.down", side: .synthetic, value: 0.1, ciLow: 0.05, ciHigh: 0.15)],
            to: [ReportValue(metric: "a.down", side: .synthetic, value: 0.4)], catalog: Self.catalog)
        #expect(ranked.count == 1 && ranked[0].judgement == .worse)
        #expect(abs(ranked[0].size - 6) < 1e-12 && ranked[0].formattedSize == "6.0×ci")
    }

    // The catalog's only p-value is the continent χ² test's.
    @Test func theCatalogsPValuesAreKnownByTitle() {
        #expect(Assessment.catalog.filter(\.isPValue).map(\.id) == ["bias.region_chi2_p"])
    }
}

@Suite struct GateChangeTests {
    static func result(
        _ rule: Int, _ metric: MetricID, label: String? = nil, scope: String = "overall", _ status: GateStatus,
        condition: String = "synthetic ≤ 0.010"
    ) -> GateResult {
        GateResult(
            rule: rule, metric: metric, side: .synthetic, scope: scope, label: label, condition: condition,
            status: status, severity: .error, value: nil, message: "")
    }

    // The policy was reordered between the runs: rules pair by metric, side, scope and class, not by
    // index. x flips pass → fail, class b of y fail → pass, z was dropped, w is new; two rules on v pair
    // first with first, second with second, and only the second changed.
    @Test func onlyStatusChangesAreListedLaterRunFirst() {
        let before = [
            Self.result(0, "a.x", .pass), Self.result(1, "a.y", label: "a", scope: "each_class", .pass),
            Self.result(1, "a.y", label: "b", scope: "each_class", .fail), Self.result(2, "a.z", .warn),
            Self.result(3, "a.v", .pass, condition: "synthetic ≥ 0.1"),
            Self.result(4, "a.v", .pass, condition: "synthetic ≤ 0.9"),
        ]
        let after = [
            Self.result(0, "a.y", label: "a", scope: "each_class", .pass),
            Self.result(0, "a.y", label: "b", scope: "each_class", .pass), Self.result(1, "a.x", .fail),
            Self.result(2, "a.w", scope: "each_class", .skipped),
            Self.result(3, "a.v", .pass, condition: "synthetic ≥ 0.1"),
            Self.result(4, "a.v", .warn, condition: "synthetic ≤ 0.9"),
        ]
        let changes = GateChange.between(before, after)
        #expect(changes.map(\.metric) == ["a.y", "a.x", "a.w", "a.v", "a.z"])
        #expect(changes.map(\.place) == ["class b", "overall", "each class", "overall", "overall"])
        #expect(changes.map(\.before) == [.fail, .pass, nil, .pass, .warn])
        #expect(changes.map(\.after) == [.pass, .fail, .skipped, .warn, nil])
        #expect(changes[3].condition == "synthetic ≤ 0.9")
        #expect(GateChange.between(after, after).isEmpty)
    }
}
