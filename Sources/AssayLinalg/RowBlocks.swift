import Dispatch

/// Fixed blocks of rows for a pass over an N×K array, worked on by every core.
///
/// The block size depends only on the width K, never on the machine, and `sum` adds the blocks'
/// partial sums in block order, so a pass gives bit-identical results on any number of cores.
struct RowBlocks: Sendable {
    /// The rows covered, 0..<rows.
    let rows: Int
    /// Rows per block (the last block may be shorter).
    let rowsPerBlock: Int

    /// Entries a block aims at: enough to outweigh handing it to a thread.
    static let entriesPerBlock = 16_384

    /// Blocks of `rows` rows of `width` entries each.
    init(rows: Int, width: Int) {
        self.rows = rows
        self.rowsPerBlock = max(1, RowBlocks.entriesPerBlock / max(1, width))
    }

    /// The number of blocks.
    var count: Int { (rows + rowsPerBlock - 1) / rowsPerBlock }

    /// The rows of block `index`.
    func range(_ index: Int) -> Range<Int> {
        (index * rowsPerBlock)..<min(rows, (index + 1) * rowsPerBlock)
    }

    /// Calls `body` once per block, concurrently when there is more than one block. Each call must
    /// write only its own rows.
    ///
    /// - Complexity: O(count) calls of `body`.
    func inParallel(_ body: (Range<Int>) -> Void) {
        let blocks = count
        if blocks <= 1 {
            if blocks == 1 { body(range(0)) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let work = UncheckedWork(body: body)
            DispatchQueue.concurrentPerform(iterations: blocks) { work.body(range($0)) }
        }
    }

    /// Σ over the blocks of `body`'s partial sums, added in block order.
    ///
    /// - Complexity: O(count) calls of `body`.
    func sum(_ body: (Range<Int>) -> SIMD2<Double>) -> SIMD2<Double> {
        var partials = [SIMD2<Double>](repeating: .zero, count: count)
        partials.withUnsafeMutableBufferPointer { partials in
            let target = UncheckedPointer(base: partials.baseAddress)
            inParallel { rows in target.base?[rows.lowerBound / rowsPerBlock] = body(rows) }
        }
        return partials.reduce(.zero, +)
    }
}

/// A block body shared by the workers of one `RowBlocks` pass; each call touches only its own rows.
private struct UncheckedWork: @unchecked Sendable {
    let body: (Range<Int>) -> Void
}

/// A buffer the workers of one pass write to, each its own element.
struct UncheckedPointer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>?
}
