import Foundation

/// What `assay shard` keeps of one file of a dataset, and what `assay merge` combines: exact counts, and a
/// bottom-k sample of the rows by hash, which merges exactly.
///
/// A state is canonical JSON (keys sorted, arrays in a fixed order, no floating-point values), so equal
/// states are equal bytes and `merging` gives the same bytes whatever the order and grouping of its
/// inputs (`ShardState+Merging.swift`). Format `assay-shard-state`, version 5; see the README's
/// "Sharded runs" for every field.
public struct ShardState: Codable, Sendable, Equatable {
    /// `assay-shard-state`.
    public static let formatName = "assay-shard-state"
    /// The version `assay` writes and reads.
    public static let formatVersion = 5

    public var format: String
    public var version: Int
    /// How the rows were read and sampled; states merge only when these are equal.
    public var settings: ShardSettings
    /// The files read, sorted by path (the order `assay compare` reads a folder in).
    public var files: [ShardFile]
    /// Rows in every file.
    public var rows: Int
    /// Rows per label; nil for unlabelled data.
    public var labels: [String: Int]?
    /// Rows per value of each attribute field.
    public var attributes: [String: [String: Int]]
    /// Rows whose text has no word tokens.
    public var emptyTexts: Int
    /// What the loader noted about how the data was read, sorted, each once.
    public var notes: [String]
    /// The `settings.sample` rows with the smallest keys, ascending by key.
    public var sample: [SampledRow]

    enum CodingKeys: String, CodingKey {
        case format, version, settings, files, rows, labels, attributes
        case emptyTexts = "empty_texts"
        case notes, sample
    }
}

/// How a state's rows were read and sampled.
public struct ShardSettings: Codable, Sendable, Equatable {
    /// The seed of the sample's hash.
    public var seed: UInt64
    /// The most rows the sample keeps (`--sample`).
    public var sampleLimit: Int
    public var textFields: [String]
    /// The label field, nil for unlabelled data.
    public var labelField: String?
    /// The attribute fields, sorted.
    public var attributeFields: [String]
    /// The chat or instruction layout the rows were read with; nil for plain texts.
    public var layout: ShapeLayout?
    /// The part of chat or instruction rows the texts hold; nil for plain texts.
    public var part: TextPart?
    /// The scorer `assay shard --score` applied to every row; nil for a state not scored.
    public var scorer: ScorerStamp?

    enum CodingKeys: String, CodingKey {
        case seed
        case sampleLimit = "sample_limit"
        case textFields = "text_fields"
        case labelField = "label_field"
        case attributeFields = "attribute_fields"
        case layout, part, scorer
    }
}

/// One file a state read.
public struct ShardFile: Codable, Sendable, Equatable {
    /// The path as `assay shard` was given it.
    public var path: String
    /// The file's format (`jsonl`, `csv`, `parquet` …).
    public var format: String
    /// SHA-256 of the file as stored, lowercase hex.
    public var sha256: String
    public var bytes: Int
    /// Rows read.
    public var rows: Int
    /// Row numbers the file takes (its lines for JSON Lines, blank ones too; its records or elements otherwise):
    /// the next file's rows are numbered after them.
    public var rowSpan: Int
    /// Every row's exact key, label, attribute values, complexity counts, places and groups, in row order.
    public var everyRow: ShardRows

    enum CodingKeys: String, CodingKey {
        case path, format, sha256, bytes, rows
        case rowSpan = "row_span"
        case everyRow = "every_row"
    }
}

/// Every row of one file, in row order, as the measures of every row read it: the digest of its text's exact key
/// (`ExactKey.digest`), its label and attribute values, its complexity counts, the places it names and the groups
/// it mentions. Packed little-endian and in base64, so that a row costs 50 bytes before base64 and about 67 after,
/// whatever its length, 2 more per place it names and 4 more per attribute field.
public struct ShardRows: Codable, Sendable, Equatable {
    /// Each row's `ExactKey.digest` of the text analysed: 8 bytes per row.
    public var exactKeys: String
    /// The same of the other part of chat or instruction rows (the prompts when the responses are judged);
    /// nil for plain texts.
    public var otherExactKeys: String?
    /// Each row's label as an index into `labelNames`: 4 bytes per row; nil for unlabelled data.
    public var labels: String?
    /// The file's labels, sorted; nil for unlabelled data.
    public var labelNames: [String]?
    /// Each row's complexity counts (`RowMeasures.complexity`): `RowMeasures.complexityWidth` 32-bit numbers per
    /// row; nil in a state built without the analyses' measures (`assay shard` always writes it).
    public var complexity: String?
    /// How many places each row names (`RowMeasures.places`): 2 bytes per row; nil as `complexity`.
    public var placeCounts: String?
    /// The places each row names, row after row, as indices into `placeNames`: 2 bytes per place named.
    public var places: String?
    /// The places the file's rows name (the gazetteer's country codes), sorted.
    public var placeNames: [String]?
    /// Each row's value of each attribute field, as an index into the field's `attributeNames`: 4 bytes per row
    /// and field; nil without attribute fields.
    public var attributeValues: [String: String]?
    /// The values of each attribute field in the file, sorted.
    public var attributeNames: [String: [String]]?
    /// The groups of `groupNames` each row mentions (`RowGroups.masks`): 4 bytes per row; nil as `complexity`.
    public var groupMasks: String?
    /// The lexicon's groups, in its order.
    public var groupNames: [String]?
    /// Each group's terms.
    public var groupTerms: [[String]]?
    /// Each row's words (`RowWords`); nil in a state of an older `assay shard`.
    public var words: PackedWords?
    /// The same of the other part of chat or instruction rows; nil for plain texts.
    public var otherWords: PackedWords?
    /// Each row's probability of each of the scorer's classes (`ShardSettings.scorer`), as the bits of 32-bit
    /// floats: 4 bytes per row and class; nil for a state not scored.
    public var probabilities: String?
    /// The rows whose label the scorer's model does not find most probable, ascending, with their texts.
    public var disagreeing: [ScoredRow]?

    enum CodingKeys: String, CodingKey {
        case exactKeys = "exact_keys"
        case otherExactKeys = "other_exact_keys"
        case labels
        case labelNames = "label_names"
        case complexity
        case placeCounts = "place_counts"
        case places
        case placeNames = "place_names"
        case attributeValues = "attribute_values"
        case attributeNames = "attribute_names"
        case groupMasks = "group_masks"
        case groupNames = "group_names"
        case groupTerms = "group_terms"
        case words
        case otherWords = "other_words"
        case probabilities, disagreeing
    }

    /// Each row's value of a column as an index into its sorted distinct values, packed, and those values.
    static func packColumn(_ values: [String]) -> (ids: String, names: [String]) {
        let names = Set(values).sorted()
        let ids = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, UInt32($0)) })
        return (pack(values.map { ids[$0] ?? 0 }), names)
    }

    /// The `rows` values `packColumn` packed; nil when `ids` does not hold one index into `names` a row.
    static func unpackColumn(ids: String, names: [String], rows: Int) -> [String]? {
        guard let ids = unpack(ids, count: rows, as: UInt32.self), ids.allSatisfy({ Int($0) < names.count }) else {
            return nil
        }
        return ids.map { names[Int($0)] }
    }

    /// `rows` (each row's places) as `placeCounts`, `places` and `placeNames`.
    static func packPlaces(_ rows: [[String]]) -> (counts: String, places: String, names: [String]) {
        let names = Set(rows.joined()).sorted()
        let ids = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, UInt16($0)) })
        let counts = rows.map { UInt16($0.count) }
        let places = rows.joined().map { ids[$0] ?? 0 }
        return (pack(counts), pack(places), names)
    }

    /// Each of the `rows` rows' places from `packPlaces`' three fields; nil when they do not hold them.
    static func unpackPlaces(counts: String, places: String, names: [String], rows: Int) -> [[String]]? {
        guard let counts = unpack(counts, count: rows, as: UInt16.self),
            let ids = unpack(places, count: counts.reduce(0) { $0 + Int($1) }, as: UInt16.self),
            ids.allSatisfy({ Int($0) < names.count })
        else { return nil }
        var start = 0
        return counts.map { count in
            defer { start += Int(count) }
            return ids[start..<start + Int(count)].map { names[Int($0)] }
        }
    }

    /// `values` packed little-endian, in base64.
    static func pack<T: FixedWidthInteger>(_ values: [T]) -> String {
        var bytes = Data(capacity: values.count * MemoryLayout<T>.size)
        for value in values { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        return bytes.base64EncodedString()
    }

    /// The `count` values `packed` holds; nil when it is not base64 of exactly `count` of them.
    static func unpack<T: FixedWidthInteger>(_ packed: String, count: Int, as type: T.Type = T.self) -> [T]? {
        guard let bytes = Data(base64Encoded: packed), bytes.count == count * MemoryLayout<T>.size else { return nil }
        return values(bytes, count: count)
    }

    /// The values `packed` holds, however many; nil when it is not base64 of a whole number of them.
    static func unpack<T: FixedWidthInteger>(_ packed: String, as type: T.Type = T.self) -> [T]? {
        guard let bytes = Data(base64Encoded: packed), bytes.count % MemoryLayout<T>.size == 0 else { return nil }
        return values(bytes, count: bytes.count / MemoryLayout<T>.size)
    }

    private static func values<T: FixedWidthInteger>(_ bytes: Data, count: Int) -> [T] {
        bytes.withUnsafeBytes { raw in
            (0..<count).map {
                T(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self))
            }
        }
    }
}

/// Each row's words (`RowWords`) packed little-endian, in base64: 8 bytes per word type of the file, 4 per row and 4
/// per word.
public struct PackedWords: Codable, Sendable, Equatable {
    /// The hash of each word type of the file (`RowWords.types`), 8 bytes each.
    public var types: String
    /// How many word tokens each row has, 4 bytes each.
    public var counts: String
    /// Each row's tokens in order as indices into `types`, 4 bytes each.
    public var tokens: String

    init(_ words: RowWords) {
        types = ShardRows.pack(words.types)
        counts = ShardRows.pack(words.counts)
        tokens = ShardRows.pack(words.words)
    }

    /// The `rows` rows' words; nil when the fields do not hold them.
    func unpacked(rows: Int) -> RowWords? {
        guard let counts = ShardRows.unpack(counts, count: rows, as: UInt32.self),
            let words = ShardRows.unpack(tokens, count: counts.reduce(0) { $0 + Int($1) }, as: UInt32.self),
            let types = ShardRows.unpack(types, as: UInt64.self),
            words.allSatisfy({ Int($0) < types.count })
        else { return nil }
        return RowWords(types: types, counts: counts, words: words)
    }
}

/// One row of the bottom-k sample: its key, where it came from, and what the analysis reads of it.
public struct SampledRow: Codable, Sendable, Equatable {
    /// The first 8 bytes of SHA-256(seed, file digest, row) as 16 lowercase hex digits (`ShardState.key`).
    public var key: String
    /// The SHA-256 of the row's file (`ShardFile.sha256`).
    public var file: String
    /// The row's number in its file (its line for JSON Lines).
    public var row: Int
    /// The text analysed (several text fields joined with a newline; the judged part of chat rows).
    public var text: String
    /// Each text field's own value, when there are several.
    public var fields: [String]?
    public var label: String?
    /// Each attribute field's value, in `ShardSettings.attributeFields` order.
    public var attributes: [String]
    /// The parts of a chat or instruction row.
    public var shape: SampledShape?
}

/// The parts of one chat or instruction row (`ShapedColumns`).
public struct SampledShape: Codable, Sendable, Equatable {
    public var prompt: String
    public var response: String
    public var lastPrompt: String
    public var turns: Int32
    public var roles: UInt8
    public var emptyTurns: Int32

    enum CodingKeys: String, CodingKey {
        case prompt, response
        case lastPrompt = "last_prompt"
        case turns, roles
        case emptyTurns = "empty_turns"
    }
}

extension ShardState {
    /// The canonical bytes: JSON with sorted keys and a final newline.
    ///
    /// - Complexity: O(size of the state).
    public func encoded() throws -> Data { try VersionedJSON.canonical(self) }

    /// Reads the state at `path`.
    ///
    /// - Throws: `AssayError(.input)` naming the file when it is missing, not a state, or of another version.
    public static func read(path: String) throws -> ShardState {
        try VersionedJSON.read(
            ShardState.self, path: path, format: formatName, version: formatVersion, noun: "state",
            expecting: "a state file written by assay shard or assay merge", write: "assay shard",
            remedy: "write it again with assay shard or assay merge", oldVersion: "shard the data again"
        ).value
    }
}

/// A value read from a JSON file that names its `format` and `version`.
protocol VersionedFormat: Decodable {
    var format: String { get }
    var version: Int { get }
}

extension ShardState: VersionedFormat {}
extension ShardScorer: VersionedFormat {}

/// A JSON file with a `format` name and a `version`: Assay's states and scorers.
enum VersionedJSON {
    /// `value`'s canonical bytes: JSON with sorted keys and a final newline, so equal values are equal bytes.
    static func canonical(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// The file's format and version alone, to explain why it could not be read.
    private struct Header: Decodable {
        var format: String?
        var version: Int?
    }

    /// The value of type `T` in the file at `path`, whose `format` must be `format` and `version` `version`, and
    /// the file's bytes.
    ///
    /// - Parameters:
    ///   - noun: what the file is called in errors ("state").
    ///   - expecting: what the file should be, for the error when it is missing.
    ///   - write: the command that writes one, for the error when it is another file.
    ///   - remedy: how to write a good one, for the error when it is cut short or damaged.
    ///   - oldVersion: what to do with one of another version (default: `remedy`).
    /// - Throws: `AssayError(.input)` naming the file when it is missing, not of the format, of another version,
    ///   or lacks a field.
    static func read<T: VersionedFormat>(
        _ type: T.Type, path: String, format: String, version: Int, noun: String, expecting: String, write: String,
        remedy: String, oldVersion: String? = nil
    ) throws -> (value: T, data: Data) {
        try InputFile.checkRegular(path, expecting: expecting)
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw AssayError(.input, file: path, "cannot be read: \(error.localizedDescription)")
        }
        // One parse when the file is good; the header is read on its own only to explain a failure.
        let decoded: Result<T, Error> = Result { try JSONDecoder().decode(T.self, from: data) }
        if case .success(let value) = decoded, value.format == format, value.version == version {
            return (value, data)
        }
        let header =
            (try? decoded.get()).map { Header(format: $0.format, version: $0.version) }
            ?? (try? JSONDecoder().decode(Header.self, from: data))
        guard let header, header.format == format else {
            if (try? JSONSerialization.jsonObject(with: data)) == nil {
                throw AssayError(
                    .input, file: path,
                    "is not valid JSON (\(data.count) bytes; a \(noun) cut short, or not a \(noun)): \(remedy)")
            }
            throw AssayError(
                .input, file: path, "is not an Assay \(noun) file (\(format)); write one with \(write)")
        }
        guard header.version == version else {
            throw AssayError(
                .input, file: path,
                "is a \(noun) of version \(header.version.map(String.init) ?? "?"); this assay reads version \(version): \(oldVersion ?? remedy)"
            )
        }
        do {
            return (try decoded.get(), data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw AssayError(
                .input, file: path,
                "\(noun) field '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))' is missing")
        } catch {
            throw AssayError(.input, file: path, "is a damaged \(noun) file: \(error)")
        }
    }
}
