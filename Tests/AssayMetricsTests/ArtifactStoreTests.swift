import Dispatch
import Synchronization
import Testing

@testable import AssayMetrics

@Suite struct ArtifactStoreTests {
    // The first request computes, every later one reads the stored value; the ledger counts both.
    @Test func aValueIsComputedOnFirstRequestOnly() {
        let store = ArtifactStore()
        let key = ArtifactKey<Int>("answer", ["side": "original"])
        var calls = 0
        for _ in 0..<3 {
            let value = store.value(key) {
                calls += 1
                return 42
            }
            #expect(value == 42)
        }
        #expect(calls == 1)
        #expect(store.requests(of: key) == 3 && store.computations(of: key) == 1)
        #expect(store.ledger.map(\.key) == ["answer(side: original)"])
    }

    // A key is its name, its parameters and its value type: change any and it is another artifact.
    @Test func keysDifferByParametersAndValueType() {
        let store = ArtifactStore()
        let original = ArtifactKey<Int>("count", ["side": "original", "k": 1])
        let synthetic = ArtifactKey<Int>("count", ["side": "synthetic", "k": 1])
        let asText = ArtifactKey<String>("count", ["side": "original", "k": 1])
        #expect(store.value(original) { 1 } == 1)
        #expect(store.value(synthetic) { 2 } == 2)
        #expect(store.value(asText) { "three" } == "three")
        #expect(store.value(original) { 4 } == 1)
        #expect(store.ledger.count == 3)
        #expect(store.requests(of: ArtifactKey<Int>("count", ["side": "original", "k": 2])) == 0)
    }

    // Parameters print in name order; rows print as their count and ends.
    @Test func aKeyDescribesItsInputs() {
        let key = ArtifactKey<Int>("neighbors", ["side": "synthetic", "rows": .rows([4, 7, 9]), "k": 20])
        #expect(key.description == "neighbors(k: 20, rows: 3 rows (4 … 9), side: synthetic)")
        #expect(ArtifactKey<Int>("model").description == "model")
    }

    // Threads asking at once wait for the one computing; the value is computed once.
    @Test func concurrentRequestsComputeOnce() {
        let store = ArtifactStore()
        let key = ArtifactKey<[Int]>("squares", ["n": 1000])
        let calls = Mutex(0)
        let sums = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            let squares = store.value(key) {
                calls.withLock { $0 += 1 }
                return (0..<1000).map { $0 * $0 }
            }
            let sum = squares.reduce(0, +)
            sums.withLock { $0.append(sum) }
        }
        #expect(calls.withLock { $0 } == 1)
        // Σ_{i<1000} i² = 999 · 1000 · 1999 / 6.
        #expect(sums.withLock { $0 } == Array(repeating: 332_833_500, count: 16))
        #expect(store.requests(of: key) == 16)
    }

    // One artifact may ask for another while it is computed (the ensemble reads both classifiers).
    @Test func anArtifactMayRequestAnother() {
        let store = ArtifactStore()
        let inner = ArtifactKey<Int>("inner")
        let outer = ArtifactKey<Int>("outer")
        let value = store.value(outer) { store.value(inner) { 20 } + 1 }
        #expect(value == 21 && store.value(inner) { 0 } == 20)
        #expect(store.computations(of: inner) == 1 && store.requests(of: inner) == 2)
    }
}
