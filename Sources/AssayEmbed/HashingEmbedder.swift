import AssayCore
import AssayLinalg
import Foundation

/// Sentence vectors without a model: TF-IDF-weighted word and character n-grams, folded into `dimension`
/// buckets by signed feature hashing (Weinberger et al., "Feature Hashing for Large Scale Multitask
/// Learning", 2009).
///
/// The features of a text are
/// - its word unigrams and bigrams, the words coming from `WordTokenizer` (so lowercased, punctuation dropped);
/// - the character 3-, 4- and 5-grams of each word padded with one space on each side, characters being
///   Unicode scalars: " cat " gives " ca", "cat", "at ", " cat", "cat " and " cat ".
///
/// A feature's weight in a text is its raw count there times its smooth inverse document frequency over the
/// texts of the call, as scikit-learn's `TfidfVectorizer(smooth_idf=True, sublinear_tf=False)`:
/// idf = ln((1 + N) / (1 + df)) + 1, where N is the number of texts and df the number of them that contain
/// the feature. Each feature then adds its weight to bucket `hash mod dimension`, negated when the hash's
/// top bit is set: the random sign makes colliding features cancel in expectation instead of piling up, so
/// inner products stay unbiased. Rows are L2-normalised; a text without words gives a zero row.
///
/// The hashes are `StableHash` (FNV-1a and the SplitMix64 finaliser), never `Hasher`, and every row sums its
/// features in hash order, so the vectors are bit-for-bit the same in every run and on every machine.
///
/// - Important: IDF is computed over the texts passed to `embed`, so the same text can embed differently
///   in another call with other texts. Embed everything that is compared in one call; Assay embeds both
///   sides of a comparison together.
public struct HashingEmbedder: Embedder {
    public let modelID: String
    public let dimension: Int

    /// An embedder into `dimension` buckets (512 by default; more buckets, fewer collisions).
    public init(dimension: Int = 512) {
        precondition(dimension > 0, "the hashing dimension must be positive")
        self.dimension = dimension
        self.modelID = "hashing-\(dimension)"
    }

    /// The TF-IDF vectors of `texts`, hashed into `dimension` buckets, one L2-normalised row per text.
    ///
    /// - Complexity: O(B + N · d) time, where B is the total UTF-8 length of `texts`, N their number and
    ///   d the dimension (each byte starts a bounded number of features, each text sorts its features,
    ///   and the output has N · d entries); O(F + N · d) memory for the F distinct features of the call.
    ///   The texts are read twice (document frequencies, then rows), both passes spread over all cores.
    public func embed(_ texts: [String]) throws -> Matrix {
        guard !texts.isEmpty else { return Matrix(rows: 0, columns: dimension) }
        let frequencies = HashingEmbedder.documentFrequencies(texts)
        let idf = HashingEmbedder.idfTable(documents: texts.count)
        let dimension = dimension
        let chunks = HashingEmbedder.chunks(texts.count)
        let parts = ParallelMap.map(0..<chunks.count) { chunk in
            var extractor = FeatureExtractor()
            var counts: [(key: UInt64, count: Int)] = []
            var accumulator = [Double](repeating: 0, count: dimension)
            var isTouched = [Bool](repeating: false, count: dimension)
            var touched: [Int] = []
            var values = [Float](repeating: 0, count: chunks[chunk].count * dimension)
            for (row, index) in chunks[chunk].enumerated() {
                extractor.count(texts[index], into: &counts)
                for (key, count) in counts {
                    let slot = HashingEmbedder.slot(key, dimension: dimension)
                    if !isTouched[slot.bucket] {
                        isTouched[slot.bucket] = true
                        touched.append(slot.bucket)
                    }
                    accumulator[slot.bucket] += slot.sign * Double(count) * idf[Int(frequencies[key, default: 1])]
                }
                var squares = 0.0
                for bucket in touched { squares += accumulator[bucket] * accumulator[bucket] }
                let scale = squares > 0 ? 1 / squares.squareRoot() : 0
                for bucket in touched {
                    values[row * dimension + bucket] = Float(accumulator[bucket] * scale)
                    accumulator[bucket] = 0
                    isTouched[bucket] = false
                }
                touched.removeAll(keepingCapacity: true)
            }
            return values
        }
        var values: [Float] = []
        values.reserveCapacity(texts.count * dimension)
        for part in parts { values.append(contentsOf: part) }
        return Matrix(rows: texts.count, columns: dimension, values: values)
    }

    /// Each text's features with their TF-IDF weights, keyed by feature hash, before hashing into buckets
    /// (for tests; `featureKey` names the hash of a feature).
    ///
    /// - Complexity: O(B + F) for B bytes of text and F distinct features.
    package func weightedFeatures(_ texts: [String]) -> [[UInt64: Double]] {
        let frequencies = HashingEmbedder.documentFrequencies(texts)
        let idf = HashingEmbedder.idfTable(documents: texts.count)
        var extractor = FeatureExtractor()
        var counts: [(key: UInt64, count: Int)] = []
        return texts.map { text in
            extractor.count(text, into: &counts)
            var weights: [UInt64: Double] = [:]
            for (key, count) in counts { weights[key] = Double(count) * idf[Int(frequencies[key, default: 1])] }
            return weights
        }
    }

    /// The bucket and sign a feature hash goes to: `key mod dimension`, negative when the top bit is set.
    @inline(__always)
    package static func slot(_ key: UInt64, dimension: Int) -> (bucket: Int, sign: Double) {
        (Int(key % UInt64(dimension)), key >> 63 == 0 ? 1 : -1)
    }

    /// The hash of the word unigram `word` (already lowercased, as the tokenizer gives it).
    package static func featureKey(word: String) -> UInt64 {
        var word = word
        return word.withUTF8 { wordHash($0) }
    }

    /// The hash of the word bigram `first second`.
    package static func featureKey(bigram first: String, _ second: String) -> UInt64 {
        bigramHash(featureKey(word: first), featureKey(word: second))
    }

    /// The hash of the character n-gram `characters` (spaces included, as in " ca").
    package static func featureKey(characters: String) -> UInt64 {
        var characters = characters
        return characters.withUTF8 { characterHash($0) }
    }

    @inline(__always)
    static func wordHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        StableHash.bytes(bytes)
    }

    @inline(__always)
    static func bigramHash(_ first: UInt64, _ second: UInt64) -> UInt64 {
        StableHash.extend(first, with: second)
    }

    /// Character n-grams live in their own hash space, so the 3-gram "cat" and the word "cat" differ.
    @inline(__always)
    static func characterHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        StableHash.extend(characterSalt, with: StableHash.bytes(bytes))
    }

    private static let characterSalt: UInt64 = 0x6368_6172_6772_616D  // "chargram"

    /// idf for every document frequency 0…N: ln((1 + N) / (1 + df)) + 1.
    private static func idfTable(documents: Int) -> [Double] {
        (0...documents).map { log(Double(1 + documents) / Double(1 + $0)) + 1 }
    }

    /// How many texts contain each feature.
    ///
    /// - Complexity: O(B + F), over all cores.
    private static func documentFrequencies(_ texts: [String]) -> [UInt64: Int32] {
        let chunks = chunks(texts.count)
        let parts = ParallelMap.map(0..<chunks.count) { chunk in
            var extractor = FeatureExtractor()
            var counts: [(key: UInt64, count: Int)] = []
            var frequencies: [UInt64: Int32] = [:]
            for index in chunks[chunk] {
                extractor.count(texts[index], into: &counts)
                for (key, _) in counts { frequencies[key, default: 0] += 1 }
            }
            return frequencies
        }
        guard var frequencies = parts.first else { return [:] }
        for part in parts.dropFirst() {
            frequencies.merge(part, uniquingKeysWith: +)
        }
        return frequencies
    }

    /// `0..<count` cut into a few ranges per core.
    private static func chunks(_ count: Int) -> [Range<Int>] {
        let chunkCount = max(1, min(count, ProcessInfo.processInfo.activeProcessorCount * 4))
        return (0..<chunkCount).map { chunk in
            (chunk * count / chunkCount)..<((chunk + 1) * count / chunkCount)
        }
    }
}

/// Lists the features of a text with their counts, reusing its buffers from text to text.
private struct FeatureExtractor {
    private let tokenizer = WordTokenizer()
    /// The feature hashes of the current text, one per occurrence.
    private var keys: [UInt64] = []
    /// The current word with a space on each side.
    private var padded: [UInt8] = []
    /// The byte offset of each Unicode scalar of `padded`, and its end.
    private var starts: [Int] = []

    /// Sets `counts` to the distinct features of `text` with their counts, sorted by hash.
    ///
    /// - Complexity: O(b + f log f) for b bytes and f feature occurrences.
    mutating func count(_ text: String, into counts: inout [(key: UInt64, count: Int)]) {
        keys.removeAll(keepingCapacity: true)
        var previous: UInt64?
        tokenizer.forEachToken(in: text) { word in
            let hash = HashingEmbedder.wordHash(word)
            keys.append(hash)
            if let previous { keys.append(HashingEmbedder.bigramHash(previous, hash)) }
            previous = hash
            appendCharacterGrams(of: word)
        }
        keys.sort()
        counts.removeAll(keepingCapacity: true)
        var index = 0
        while index < keys.count {
            var end = index + 1
            while end < keys.count, keys[end] == keys[index] { end += 1 }
            counts.append((keys[index], end - index))
            index = end
        }
    }

    /// Appends the hashes of the character 3- to 5-grams of " word ".
    private mutating func appendCharacterGrams(of word: UnsafeBufferPointer<UInt8>) {
        padded.removeAll(keepingCapacity: true)
        padded.append(0x20)
        padded.append(contentsOf: word)
        padded.append(0x20)
        starts.removeAll(keepingCapacity: true)
        // A scalar starts at every byte that is not a UTF-8 continuation byte (10xxxxxx).
        for (offset, byte) in padded.enumerated() where byte & 0xC0 != 0x80 { starts.append(offset) }
        let scalarCount = starts.count
        starts.append(padded.count)
        padded.withUnsafeBufferPointer { bytes in
            for length in 3...5 where length <= scalarCount {
                for first in 0...(scalarCount - length) {
                    let gram = UnsafeBufferPointer(rebasing: bytes[starts[first]..<starts[first + length]])
                    keys.append(HashingEmbedder.characterHash(gram))
                }
            }
        }
    }
}
