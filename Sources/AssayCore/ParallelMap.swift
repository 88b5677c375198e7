import Dispatch
import Synchronization

/// Maps independent work items over every core, keeping results in input order.
public enum ParallelMap {
    /// `transform` applied to each element of `range`, computed concurrently, in order.
    ///
    /// `transform` must not depend on the order in which items run (seed each item's randomness from
    /// its index), so the result is the same as a sequential map. A call nested inside another runs
    /// serially (libdispatch does not oversubscribe), so parallelise the level with the most work.
    /// - Complexity: O(range.count) calls of `transform`, spread over the available cores.
    public static func map<T: Sendable>(_ range: Range<Int>, _ transform: @Sendable (Int) -> T) -> [T] {
        let results = Mutex<[Int: T]>([:])
        DispatchQueue.concurrentPerform(iterations: range.count) { offset in
            let value = transform(range.lowerBound + offset)
            results.withLock { $0[offset] = value }
        }
        return results.withLock { stored in (0..<range.count).compactMap { stored[$0] } }
    }
}
