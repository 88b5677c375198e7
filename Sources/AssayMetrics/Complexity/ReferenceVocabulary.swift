import AssayCore

/// How often each word occurs in the reference rows, by word hash.
struct ReferenceVocabulary: Sendable {
    private let byHash: [UInt64: Int32]

    init(_ stream: TokenStream) {
        var counts = [Int32](repeating: 0, count: stream.typeCount)
        for word in stream.words { counts[Int(word)] += 1 }
        self.byHash = Dictionary(uniqueKeysWithValues: zip(stream.typeHashes, counts))
    }

    /// The reference count of each word type of `other`.
    func counts(for other: TokenStream) -> [Int32] {
        other.typeHashes.map { byHash[$0] ?? 0 }
    }
}
