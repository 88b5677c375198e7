import Crypto
import Foundation

/// What the analyses measure of each row of a file on their own, for a state to keep: computed by the caller of
/// `ShardState.build`, since the measures live in AssayMetrics (`assay shard` passes `Sharding.rowMeasures`).
public struct RowMeasures: Sendable, Equatable {
    /// The 32-bit numbers per row of `complexity`.
    public static let complexityWidth = 11

    /// Each row's complexity counts (AssayMetrics' `ComplexityCounts`), `complexityWidth` per row, in row order;
    /// nil when not measured.
    public var complexity: [UInt32]?
    /// The places each row names (AssayMetrics' `Bias.rowPlaces`: the gazetteer's country codes, in order of
    /// first mention), in row order; nil when not measured.
    public var places: [[String]]?
    /// The groups of a lexicon each row mentions (AssayMetrics' `Bias.rowGroups`); nil when not measured.
    public var groups: RowGroups?
    /// Each row's class probabilities under a scorer (`assay shard --score`); nil when not scored.
    public var scores: RowScores?
    /// Attribute columns the analyses derive from each row's text (its detected `language`), by field, in row
    /// order: stored with every row's own attributes (`ShardRows.attributeValues`), which win on a clash of names.
    public var derivedAttributes: [String: [String]]

    public init(
        complexity: [UInt32]? = nil, places: [[String]]? = nil, groups: RowGroups? = nil, scores: RowScores? = nil,
        derivedAttributes: [String: [String]] = [:]
    ) {
        self.complexity = complexity
        self.places = places
        self.groups = groups
        self.scores = scores
        self.derivedAttributes = derivedAttributes
    }
}

/// The groups of a lexicon (AssayMetrics' `GroupLexicon`) each row mentions: bit g of a row's mask is set when
/// the row has a word among group g's terms.
public struct RowGroups: Sendable, Equatable {
    /// The lexicon's groups, in its order (at most 32).
    public var names: [String]
    /// Each group's terms.
    public var terms: [[String]]
    /// Each row's mask, in row order.
    public var masks: [UInt32]

    public init(names: [String], terms: [[String]], masks: [UInt32]) {
        precondition(names.count == terms.count && names.count <= 32, "a name and terms for each of 32 groups at most")
        self.names = names
        self.terms = terms
        self.masks = masks
    }
}

/// The distinct word n-grams of each row, as `TokenStream` hashes them: what the 13-gram leakage of every row
/// reads (a synthetic row leaks when one of its hashes is among the original's).
public struct RowNgrams: Sendable, Equatable {
    /// The order of the leakage measure's n-grams (AssayMetrics' `Leakage.order`).
    public static let leakageOrder = 13

    /// How many hashes each row has.
    public var counts: [UInt32]
    /// Each row's distinct hashes, ascending, row after row.
    public var hashes: [UInt64]

    public init(counts: [UInt32], hashes: [UInt64]) {
        precondition(counts.reduce(0) { $0 + Int($1) } == hashes.count, "the counts add up to the hashes")
        self.counts = counts
        self.hashes = hashes
    }
}

/// Each row's words in order, as indices into a list of word types (`TokenStream.typeHashes`): what the measures
/// of every row that read words read, the rare-word ratio (a word is rare when the original's rows hold it fewer
/// than twice) and the 13-gram leakage (`ngrams`).
public struct RowWords: Sendable, Equatable {
    /// The hash of each word type, each once.
    public var types: [UInt64]
    /// How many tokens each row has.
    public var counts: [UInt32]
    /// Each row's tokens in order as indices into `types`, row after row.
    public var words: [UInt32]

    public init(types: [UInt64], counts: [UInt32], words: [UInt32]) {
        precondition(counts.reduce(0) { $0 + Int($1) } == words.count, "the counts add up to the words")
        self.types = types
        self.counts = counts
        self.words = words
    }

    /// The words of each document of `tokens`.
    ///
    /// - Complexity: O(documents + types).
    public init(_ tokens: TokenStream) {
        types = tokens.typeHashes
        counts = (0..<tokens.documentCount).map { UInt32(tokens.tokenRange(of: $0).count) }
        words = tokens.words
    }

    /// The rows as a token stream whose words are known by their hashes only (empty `types`).
    public var tokens: TokenStream {
        var starts = [0]
        starts.reserveCapacity(counts.count + 1)
        for count in counts { starts.append(starts[starts.count - 1] + Int(count)) }
        return TokenStream(
            documentStarts: starts, words: words, typeHashes: types, types: Array(repeating: "", count: types.count))
    }

    /// Each row's distinct n-grams of `order` words (`TokenStream.ngrams` of `tokens`).
    ///
    /// - Complexity: O(tokens · order), spread over the cores, plus a sort of each row's hashes.
    public func ngrams(order: Int) -> RowNgrams {
        let stream = tokens
        let rows = ParallelMap.map(0..<stream.documentCount) { row -> [UInt64] in
            var distinct: [UInt64] = []
            for hash in stream.ngrams(order: order, of: row).sorted() where hash != distinct.last {
                distinct.append(hash)
            }
            return distinct
        }
        return RowNgrams(counts: rows.map { UInt32($0.count) }, hashes: Array(rows.joined()))
    }

    /// `other`'s rows after these, its word types joined to these (so its words renumbered).
    ///
    /// - Complexity: O(words of `other` + types of both).
    public static func += (rows: inout RowWords, other: RowWords) {
        var index = HashIndex(expectedCount: rows.types.count + other.types.count)
        for type in rows.types { _ = index.insert(type) }
        let renumbered = other.types.map { type in
            let (slot, inserted) = index.insert(type)
            if inserted { rows.types.append(type) }
            return UInt32(slot)
        }
        rows.counts += other.counts
        rows.words += other.words.map { renumbered[Int($0)] }
    }
}

extension ShardState {
    /// The state of the file at `path`: its exact counts and the `sampleLimit` rows with the smallest keys.
    ///
    /// - Throws: `AssayError(.input)` for a bad file or field, as `assay compare` would; a folder or glob is
    ///   refused, since one state stands for one file (shard each file, then merge); and what `measure` throws.
    /// - Complexity: O(bytes) to load, O(rows · log rows) to hash and sort the keys.
    /// - Parameter measure: the analyses' measures of each row (`RowMeasures`), which live above this module.
    public static func build(
        path: String, fields: FieldOptions, seed: UInt64, sampleLimit: Int,
        measure: (Corpus) throws -> RowMeasures = { _ in RowMeasures() }
    ) throws -> ShardState {
        precondition(sampleLimit > 0, "the sample keeps at least one row")
        if try DatasetShards.files(for: path) != nil {
            throw AssayError(
                .input, file: path, "is a folder or pattern; assay shard reads one file (shard each file, then merge)")
        }
        let corpus = try DatasetLoader.load(path: path, fields: fields)
        return state(of: corpus, seed: seed, sampleLimit: sampleLimit, measures: try measure(corpus))
    }

    /// The state of `corpus`, one file's rows.
    ///
    /// - Complexity: O(rows · log rows).
    public static func state(
        of corpus: Corpus, seed: UInt64, sampleLimit: Int, measures: RowMeasures = RowMeasures()
    ) -> ShardState {
        let source = corpus.source
        let file = ShardFile(
            path: source.path, format: source.format.rawValue, sha256: source.sha256, bytes: source.byteCount,
            rows: corpus.count, rowSpan: source.rowSpan ?? corpus.rowNumbers.last ?? 0,
            everyRow: everyRow(of: corpus, measures: measures))
        let attributeFields = corpus.attributes.keys.sorted()
        let settings = ShardSettings(
            seed: seed, sampleLimit: sampleLimit, textFields: corpus.textFields, labelField: corpus.labelField,
            attributeFields: attributeFields, layout: corpus.shape?.layout, part: corpus.part,
            scorer: measures.scores?.stamp)
        var attributes: [String: [String: Int]] = [:]
        for field in attributeFields {
            attributes[field] = (corpus.attributes[field] ?? []).reduce(into: [:]) { $0[$1, default: 0] += 1 }
        }
        let stream = corpus.tokens
        let empty = (0..<corpus.count).filter { stream.tokenRange(of: $0).isEmpty }.count
        // The smallest keys: sort every row's key once (ties cannot occur between distinct rows of a file).
        let keys = corpus.rowNumbers.map { key(seed: seed, file: source.sha256, row: $0) }
        let kept = keys.indices.sorted { keys[$0] < keys[$1] }.prefix(sampleLimit)
        let fieldTexts = corpus.textFields.count > 1 ? corpus.textFields.map { corpus.texts(field: $0) ?? [] } : nil
        let sample = kept.map { index in
            SampledRow(
                key: hex(keys[index]), file: source.sha256, row: corpus.rowNumbers[index], text: corpus.texts[index],
                fields: fieldTexts?.map { $0[index] },
                label: corpus.labels.map { corpus.labelNames[Int($0[index])] },
                attributes: attributeFields.map { corpus.attributes[$0]?[index] ?? "" },
                shape: corpus.shape.map { shape in
                    SampledShape(
                        prompt: shape.prompts[index], response: shape.responses[index],
                        lastPrompt: shape.lastPrompts[index], turns: shape.turns[index], roles: shape.roleMasks[index],
                        emptyTurns: shape.emptyTurns[index])
                })
        }
        return ShardState(
            format: formatName, version: formatVersion, settings: settings, files: [file], rows: corpus.count,
            labels: corpus.isLabelled ? corpus.labelCounts : nil, attributes: attributes, emptyTexts: empty,
            notes: Array(Set(corpus.notes)).sorted(), sample: sample)
    }

    /// Every row's exact keys, words, label, attribute values and `measures` (`ShardRows`).
    ///
    /// - Complexity: O(bytes of text), the hashing spread over the cores.
    static func everyRow(of corpus: Corpus, measures: RowMeasures) -> ShardRows {
        precondition(
            measures.complexity.map { $0.count == corpus.count * RowMeasures.complexityWidth } ?? true,
            "one row of complexity counts per row")
        precondition(measures.places.map { $0.count == corpus.count } ?? true, "one row of places per row")
        precondition(measures.groups.map { $0.masks.count == corpus.count } ?? true, "one group mask per row")
        precondition(
            measures.scores.map { $0.probabilities.count == corpus.count * $0.stamp.classes.count } ?? true,
            "a probability per row and class")
        let places = measures.places.map(ShardRows.packPlaces)
        func digests(_ texts: [String]) -> String {
            ShardRows.pack(ParallelMap.map(0..<texts.count) { ExactKey.digest(texts[$0]) })
        }
        let other = corpus.part.flatMap { corpus.part($0.other) }
        // The derived columns are kept with the rows' own, which win on a clash of names; the settings and the
        // sample name the rows' own fields alone, as the report of the sample derives the rest from its texts.
        let attributes = corpus.attributes.merging(measures.derivedAttributes) { own, _ in own }
            .mapValues(ShardRows.packColumn)
        return ShardRows(
            exactKeys: digests(corpus.texts), otherExactKeys: other.map { digests($0.texts) },
            labels: corpus.labels.map { ShardRows.pack($0.map { UInt32(bitPattern: $0) }) },
            labelNames: corpus.isLabelled ? corpus.labelNames : nil,
            complexity: measures.complexity.map(ShardRows.pack),
            placeCounts: places?.counts, places: places?.places, placeNames: places?.names,
            attributeValues: attributes.isEmpty ? nil : attributes.mapValues(\.ids),
            attributeNames: attributes.isEmpty ? nil : attributes.mapValues(\.names),
            groupMasks: measures.groups.map { ShardRows.pack($0.masks) }, groupNames: measures.groups?.names,
            groupTerms: measures.groups?.terms, words: PackedWords(RowWords(corpus.tokens)),
            otherWords: other.map { PackedWords(RowWords($0.tokens)) },
            probabilities: measures.scores.map { ShardRows.pack($0.probabilities.map(\.bitPattern)) },
            disagreeing: measures.scores?.disagreeing)
    }

    /// A row's sample key: the first 8 bytes, big-endian, of SHA-256 over `assay-sample`, the seed (8 bytes,
    /// little-endian), the file's SHA-256 (64 hex digits) and the row number (8 bytes, little-endian).
    ///
    /// The key hashes the row's place, not its text, so that copies of one text are sampled independently
    /// (a key of the text would keep every copy or none, and hide duplicates from the sample); and the file's
    /// digest, not its path, so that a state does not depend on where the file was mounted.
    public static func key(seed: UInt64, file: String, row: Int) -> UInt64 {
        var hasher = SHA256()
        hasher.update(data: Data("assay-sample".utf8))
        withUnsafeBytes(of: seed.littleEndian) { hasher.update(bufferPointer: $0) }
        hasher.update(data: Data(file.utf8))
        withUnsafeBytes(of: UInt64(row).littleEndian) { hasher.update(bufferPointer: $0) }
        return hasher.finalize().leadingUInt64
    }

    /// `value` as 16 lowercase hex digits.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
