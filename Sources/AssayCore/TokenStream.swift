/// The tokens of a corpus, computed once and shared by every lexical metric.
///
/// Words are interned to dense ids (`words`), so counting types is an array lookup; each type has a
/// 64-bit hash (`typeHashes`) that is the same in every corpus. The hash of an n-gram is derived
/// from its words' hashes with `StableHash.extend`, on demand: a few multiplications per n-gram
/// are cheaper than the memory traffic of storing every order. N-grams never cross documents here;
/// metrics that want the corpus "joined by spaces" combine word hashes themselves.
public struct TokenStream: Sendable {
    /// The highest n-gram order the lexical metrics use.
    public static let maxOrder = 4

    /// `documentStarts[d]..<documentStarts[d + 1]` are the token positions of document `d`.
    public let documentStarts: [Int]
    /// The word id of each token position.
    public let words: [UInt32]
    /// The lowercased text of each word id.
    public let types: [String]
    /// The hash of each word id: the same in every corpus for the same lowercased word.
    public let typeHashes: [UInt64]

    /// Tokenizes `texts` with `WordTokenizer`.
    ///
    /// - Complexity: O(total bytes).
    public init(texts: [String]) {
        let tokenizer = WordTokenizer()
        var index = HashIndex(expectedCount: 1 << 14)
        var typeHashes: [UInt64] = []
        var types: [String] = []
        var words: [UInt32] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(texts.count + 1)
        words.reserveCapacity(texts.reduce(0) { $0 + $1.utf8.count } / 5)
        for text in texts {
            tokenizer.forEachToken(in: text) { bytes in
                let hash = StableHash.bytes(bytes)
                let (slot, inserted) = index.insert(hash)
                if inserted {
                    typeHashes.append(hash)
                    types.append(String(decoding: bytes, as: UTF8.self))
                }
                words.append(UInt32(truncatingIfNeeded: slot))
            }
            starts.append(words.count)
        }
        self.documentStarts = starts
        self.words = words
        self.types = types
        self.typeHashes = typeHashes
    }

    /// A stream whose words are already interned: `words[documentStarts[d]..<documentStarts[d + 1]]` are document
    /// d's word ids, `typeHashes` and `types` each id's hash and text (which rows known only by their word hashes,
    /// as a sharded state keeps them, give as empty strings).
    public init(documentStarts: [Int], words: [UInt32], typeHashes: [UInt64], types: [String]) {
        precondition(documentStarts.first == 0 && documentStarts.last == words.count, "the documents cover the words")
        precondition(typeHashes.count == types.count, "a hash and a text per type")
        self.documentStarts = documentStarts
        self.words = words
        self.types = types
        self.typeHashes = typeHashes
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

    /// The number of n-grams of order `order` inside document `document`.
    @inline(__always)
    public func ngramCount(order: Int, of document: Int) -> Int {
        max(0, tokenRange(of: document).count - order + 1)
    }

    /// Calls `body` with the hash of each n-gram of order `order` inside document `document`, in order.
    ///
    /// - Complexity: O(tokens of the document · order).
    @inline(__always)
    public func forEachNGram(order: Int, of document: Int, _ body: (UInt64) -> Void) {
        let range = tokenRange(of: document)
        guard range.count >= order else { return }
        words.withUnsafeBufferPointer { words in
            typeHashes.withUnsafeBufferPointer { hashes in
                for start in range.lowerBound...(range.upperBound - order) {
                    var hash = hashes[Int(words[start])]
                    var k = 1
                    while k < order {
                        hash = StableHash.extend(hash, with: hashes[Int(words[start + k])])
                        k += 1
                    }
                    body(hash)
                }
            }
        }
    }

    /// The hashes of the n-grams of order `order` inside document `document`.
    public func ngrams(order: Int, of document: Int) -> [UInt64] {
        var result: [UInt64] = []
        result.reserveCapacity(ngramCount(order: order, of: document))
        forEachNGram(order: order, of: document) { result.append($0) }
        return result
    }
}
