import AssayCore
import Synchronization
import Testing

@testable import AssayLinalg

/// A step that records each advance.
private final class Advances: Sendable {
    private let units = Mutex<[Int]>([])

    var recorded: [Int] { units.withLock { $0 } }

    var step: ProgressStep {
        ProgressStep(advance: { [self] count in units.withLock { $0.append(count) } }, finish: {})
    }
}

@Suite struct LinalgProgressTests {
    // Five queries in tiles of two: the search advances by 2, 2 and 1 query rows, and finds what it
    // finds without a step.
    @Test func neighbourSearchAdvancesPerQueryTile() {
        let data = Matrix(rowVectors: [[1, 0], [0.8, 0.6], [0, 1], [-0.6, 0.8], [-1, 0]])
        let advances = Advances()
        let neighbors = NearestNeighbors(
            queries: data, base: data, k: 2, excludeSelf: true, tileRows: 2, progress: advances.step)
        #expect(advances.recorded == [2, 2, 1])
        #expect(neighbors == NearestNeighbors(queries: data, base: data, k: 2, excludeSelf: true, tileRows: 2))
    }

    // k-means advances once per restart.
    @Test func kMeansAdvancesPerRestart() {
        let data = Matrix(rowVectors: [[0, 0], [0, 1], [10, 10], [10, 11], [20, 0], [21, 0]])
        let advances = Advances()
        let model = KMeans(data, k: 3, restarts: 3, seed: 13, progress: advances.step)
        #expect(advances.recorded == [1, 1, 1])
        #expect(model.assignments == KMeans(data, k: 3, restarts: 3, seed: 13).assignments)
    }
}
