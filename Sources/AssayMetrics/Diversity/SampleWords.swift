import AssayCore
import Foundation

/// The word ids of a sample's tokens in row order, numbered so that arrays indexed by word stay the size
/// of the words the sample can hold: the corpus's own ids when the sample holds at least a quarter as many
/// tokens as the corpus has types, else ids dense over the sample's own types (0, 1, … in order of first
/// occurrence). A measure that allocates one entry per word then costs O(tokens of the sample), not
/// O(types of the corpus) — which matters for a class of ten rows in a corpus of 100,000 types, measured
/// once per class.
struct SampleWords {
    /// The word id of each token of the rows, in row order.
    let ids: [Int32]
    /// Where each row's tokens end in `ids`.
    let rowEnds: [Int]
    /// The size of the id space: every id is below it.
    let typeCount: Int
    /// The corpus word id of each sample id, or nil when the ids are the corpus's own.
    let globalIDs: [UInt32]?

    /// - Complexity: O(tokens of the rows).
    init(_ sample: LexicalSample) {
        let stream = sample.stream
        let tokens = sample.tokenCount
        var ids: [Int32] = []
        ids.reserveCapacity(tokens)
        var ends: [Int] = []
        ends.reserveCapacity(sample.rows.count)
        if tokens * 4 >= stream.typeCount {
            for row in sample.rows {
                for position in stream.tokenRange(of: row) { ids.append(Int32(bitPattern: stream.words[position])) }
                ends.append(ids.count)
            }
            typeCount = stream.typeCount
            globalIDs = nil
        } else {
            var index = HashIndex(expectedCount: max(16, tokens))
            var global: [UInt32] = []
            for row in sample.rows {
                for position in stream.tokenRange(of: row) {
                    let word = stream.words[position]
                    let (slot, inserted) = index.insert(stream.typeHashes[Int(word)])
                    if inserted { global.append(word) }
                    ids.append(Int32(slot))
                }
                ends.append(ids.count)
            }
            typeCount = global.count
            globalIDs = global
        }
        self.ids = ids
        self.rowEnds = ends
    }

    /// The corpus word id of sample id `id`.
    func global(_ id: Int) -> Int {
        globalIDs.map { Int($0[id]) } ?? id
    }
}
