import AssayCore
import Dispatch

/// Each query row's k most similar base rows by inner product — cosine similarity when the rows are
/// unit length — found exactly, in tiles.
///
/// The similarity of every query to every base row is computed block by block through sgemm
/// (`tileRows` queries × `tileRows` base rows at a time) and folded into each query's running top k,
/// so no N×N matrix is ever held.
public struct NearestNeighbors: Sendable, Equatable {
    /// Neighbours per query.
    public let k: Int
    /// `indices[q * k + r]`: the base row of query q's (r+1)-th neighbour, most similar first; −1 when
    /// there are fewer than k candidates.
    public let indices: [Int32]
    /// The matching similarities (−∞ where `indices` is −1).
    public let similarities: [Float]

    /// The exact top-`k` base rows of every query row.
    ///
    /// - Parameters:
    ///   - excludeSelf: the queries are the base set itself; a row is not its own neighbour.
    ///   - tileRows: rows per tile on each side; memory is O(tileRows²).
    ///   - progress: advanced by the number of query rows of each query tile when it is done.
    /// - Complexity: O(Q · B · d) time, O(Q · k + tileRows²) memory. Ties go to the lower base row.
    public init(
        queries: Matrix, base: Matrix, k: Int, excludeSelf: Bool = false, tileRows: Int = 1024,
        progress: ProgressStep = .silent
    ) {
        precondition(queries.columns == base.columns, "queries and base differ in dimension")
        precondition(k > 0 && tileRows > 0, "k and the tile size must be positive")
        precondition(!excludeSelf || queries.rows == base.rows, "excludeSelf needs the base set as the queries")
        self.k = k
        var indices = [Int32](repeating: -1, count: queries.rows * k)
        var similarities = [Float](repeating: -.infinity, count: queries.rows * k)
        var queryStart = 0
        while queryStart < queries.rows {
            let queryEnd = min(queryStart + tileRows, queries.rows)
            let queryTile = queries.selecting(rows: Array(queryStart..<queryEnd))
            var baseStart = 0
            while baseStart < base.rows {
                let baseEnd = min(baseStart + tileRows, base.rows)
                let block = Matrix.product(
                    queryTile, base.selecting(rows: Array(baseStart..<baseEnd)), transposeB: true)
                NearestNeighbors.merge(
                    block, queryStart: queryStart, baseStart: baseStart, excludeSelf: excludeSelf, k: k,
                    similarities: &similarities, indices: &indices)
                baseStart = baseEnd
            }
            progress.advance(by: queryEnd - queryStart)
            queryStart = queryEnd
        }
        self.indices = indices
        self.similarities = similarities
    }

    /// The neighbours of query `query`, most similar first (fewer than k when the base is small).
    public func neighbors(of query: Int) -> [(index: Int, similarity: Float)] {
        (0..<k).compactMap { r in
            let index = indices[query * k + r]
            return index < 0 ? nil : (Int(index), similarities[query * k + r])
        }
    }

    /// Folds a block of similarities (queries × base rows) into the queries' top-k lists, query rows
    /// spread over every core (each owns its own list). A candidate below the current k-th similarity is
    /// skipped with one comparison, which is what almost every candidate is once the lists fill.
    private static func merge(
        _ block: Matrix, queryStart: Int, baseStart: Int, excludeSelf: Bool, k: Int, similarities: inout [Float],
        indices: inout [Int32]
    ) {
        block.values.withUnsafeBufferPointer { values in
            similarities.withUnsafeMutableBufferPointer { similarities in
                indices.withUnsafeMutableBufferPointer { indices in
                    guard let valueBase = values.baseAddress, let similarityBase = similarities.baseAddress,
                        let indexBase = indices.baseAddress
                    else { return }
                    let lists = Lists(values: valueBase, similarities: similarityBase, indices: indexBase)
                    let columns = block.columns
                    DispatchQueue.concurrentPerform(iterations: block.rows) { q in
                        let query = queryStart + q
                        let offset = query * k
                        let row = lists.values + q * columns
                        var threshold = lists.similarities[offset + k - 1]
                        for b in 0..<columns {
                            let similarity = row[b]
                            if similarity < threshold { continue }
                            let candidate = baseStart + b
                            if excludeSelf, candidate == query { continue }
                            insert(
                                similarity: similarity, index: Int32(candidate),
                                similarities: lists.similarities + offset,
                                indices: lists.indices + offset, k: k)
                            threshold = lists.similarities[offset + k - 1]
                        }
                    }
                }
            }
        }
    }

    /// Raw pointers into the lists for the workers; each query's list is written by one worker only.
    private struct Lists: @unchecked Sendable {
        let values: UnsafePointer<Float>
        let similarities: UnsafeMutablePointer<Float>
        let indices: UnsafeMutablePointer<Int32>
    }

    /// Inserts a candidate into a sorted top-k list (descending similarity, ascending index on ties).
    @inline(__always)
    private static func insert(
        similarity: Float, index: Int32, similarities: UnsafeMutablePointer<Float>,
        indices: UnsafeMutablePointer<Int32>,
        k: Int
    ) {
        let last = k - 1
        if similarity < similarities[last] || (similarity == similarities[last] && indices[last] >= 0) { return }
        var position = last
        while position > 0,
            similarity > similarities[position - 1]
                || (similarity == similarities[position - 1] && index < indices[position - 1])
        {
            similarities[position] = similarities[position - 1]
            indices[position] = indices[position - 1]
            position -= 1
        }
        similarities[position] = similarity
        indices[position] = index
    }
}
