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
}
