/// The tokens of a corpus, computed once and shared by every lexical metric.
///
/// Words are interned to dense ids (`words`), so counting types is an array lookup. For each
/// n-gram order 1...`maxOrder` the stream holds one 64-bit hash per token position: the hash of
/// the n-gram that starts there (`hash(order:at:)`), valid where the n-gram lies inside the
/// document. N-grams never cross documents here; metrics that want the corpus "joined by spaces"
/// combine the unigram hashes themselves.
public struct TokenStream: Sendable {
    /// The highest n-gram order hashed.
    public static let maxOrder = 4

    /// `documentStarts[d]..<documentStarts[d + 1]` are the token positions of document `d`.
    public let documentStarts: [Int]
    /// The word id of each token position.
    public let words: [UInt32]
    /// The lowercased text of each word id.
    public let types: [String]
    /// The hash of each word id: the same in every corpus for the same lowercased word.
    public let typeHashes: [UInt64]
    /// `ngramHashes[n - 1][p]`: the hash of the n-gram starting at token position `p`.
    private let ngramHashes: [[UInt64]]

    /// Tokenizes `texts` with `WordTokenizer`.
    ///
    /// - Complexity: O(total bytes).
    public init(texts: [String]) {
        let tokenizer = WordTokenizer()
        var index = HashIndex(expectedCount: 1 << 12)
        var typeHashes: [UInt64] = []
        var types: [String] = []
        var words: [UInt32] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(texts.count + 1)
        words.reserveCapacity(texts.reduce(0) { $0 + $1.utf8.count / 5 })
        for text in texts {
            tokenizer.forEachToken(in: text) { bytes in
                var hash = StableHash.fnvOffset
                for byte in bytes { hash = (hash ^ UInt64(byte)) &* StableHash.fnvPrime }
                hash = StableHash.finalize(hash)
                let (slot, inserted) = index.insert(hash)
                if inserted {
                    typeHashes.append(hash)
                    types.append(String(decoding: bytes, as: UTF8.self))
                }
                words.append(UInt32(slot))
            }
            starts.append(words.count)
        }
        self.documentStarts = starts
        self.words = words
        self.types = types
        self.typeHashes = typeHashes
        self.ngramHashes = TokenStream.hashNGrams(words: words, typeHashes: typeHashes, starts: starts)
    }

    /// The number of documents.
    public var documentCount: Int { documentStarts.count - 1 }
    /// The number of tokens in the whole corpus.
    public var tokenCount: Int { words.count }
    /// The number of distinct words in the whole corpus.
    public var typeCount: Int { types.count }

    /// The token positions of document `document`.
    @inline(__always)
    public func tokenRange(of document: Int) -> Range<Int> {
        documentStarts[document]..<documentStarts[document + 1]
    }

    /// The hash of the n-gram of order `order` (1...maxOrder) starting at token `position`.
    @inline(__always)
    public func hash(order: Int, at position: Int) -> UInt64 {
        ngramHashes[order - 1][position]
    }

    /// The hashes of the n-grams of order `order` that lie inside document `document`.
    public func ngrams(order: Int, of document: Int) -> ArraySlice<UInt64> {
        let range = tokenRange(of: document)
        let count = max(0, range.count - order + 1)
        return ngramHashes[order - 1][range.lowerBound..<(range.lowerBound + count)]
    }

    private static func hashNGrams(words: [UInt32], typeHashes: [UInt64], starts: [Int]) -> [[UInt64]] {
        var tables = (1...maxOrder).map { _ in [UInt64](repeating: 0, count: words.count) }
        for d in 0..<(starts.count - 1) {
            let end = starts[d + 1]
            for p in starts[d]..<end {
                var hash = typeHashes[Int(words[p])]
                tables[0][p] = hash
                var order = 2
                while order <= maxOrder, p + order <= end {
                    hash = StableHash.extend(hash, with: typeHashes[Int(words[p + order - 1])])
                    tables[order - 1][p] = hash
                    order += 1
                }
            }
        }
        return tables
    }
}
