import Testing

@testable import AssayCore

@Suite struct ParallelMapTests {
    // Squares of 0..<1000 in order, whatever order the workers finish in.
    @Test func resultsKeepTheInputOrder() {
        #expect(ParallelMap.map(0..<1000) { $0 * $0 } == (0..<1000).map { $0 * $0 })
        #expect(ParallelMap.map(5..<8) { $0 } == [5, 6, 7])
        #expect(ParallelMap.map(0..<0) { $0 }.isEmpty)
    }

    // Each item seeds its own stream from its index, so a parallel run draws exactly what a sequential one does.
    @Test func seededItemsGiveTheSequentialResult() {
        let draw: @Sendable (Int) -> UInt64 = { index in
            var random = SeededRandom(seed: 13, stream: "item/\(index)")
            return random.next()
        }
        #expect(ParallelMap.map(0..<64, draw) == (0..<64).map(draw))
    }
}
