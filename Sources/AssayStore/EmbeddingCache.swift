import AssayCore
import Crypto
import Foundation

/// Embedding vectors kept in the store, keyed by model and the SHA-256 of the embedded text.
///
/// The table is `embeddings(model, text_sha256, dimension, vector)`, primary key
/// `(model, text_sha256)`, `WITHOUT ROWID`. A vector is stored as `dimension` little-endian
/// IEEE 754 Float32 values, so the bytes mean the same on every machine and round-trip exactly. A
/// row whose byte length disagrees with its `dimension` (a damaged or foreign row) reads as absent.
///
/// The cache is a value around a `Database` connection and shares its locking; many caches may use
/// one connection, and separate connections (or processes) may use one file.
public struct EmbeddingCache: Sendable {
    /// How many keys one lookup query asks for at most (the size of its `IN (…)` list).
    public static let batchSize = 500

    /// The connection the cache reads and writes through.
    public let database: Database

    /// A cache in `database`, whose schema is brought up to date first.
    ///
    /// - Throws: `AssayError` (`.runtime`) if the schema cannot be migrated.
    public init(database: Database) throws {
        try database.migrate(Schema.migrations)
        self.database = database
    }

    /// A cache in the database file at `path` (`Database.defaultPath` unless given).
    ///
    /// - Throws: `AssayError` (`.runtime`) if the database cannot be opened or migrated.
    public init(path: String = Database.defaultPath) throws {
        try self.init(database: Database(path: path))
    }

    /// The cache key of `text`: the 32-byte SHA-256 digest of its UTF-8 bytes.
    ///
    /// - Complexity: O(length of `text`).
    public static func key(for text: String) -> Data {
        Data(SHA256.hash(data: Data(text.utf8)))
    }

    /// The cached vectors of `model` for those of `hashes` that are present.
    ///
    /// Keys that are absent, or whose row is damaged, are missing from the result. Duplicate keys are
    /// looked up once.
    ///
    /// - Parameters:
    ///   - model: The embedding model's identifier, exactly as it was stored.
    ///   - hashes: Keys from `key(for:)`.
    /// - Returns: The vector of each key found.
    /// - Throws: `AssayError` (`.runtime`) if a query fails.
    /// - Complexity: O(n / `batchSize`) queries, each O(`batchSize` · log N) for N cached rows, plus
    ///   O(n · d) to decode n vectors of dimension d.
    public func lookup(model: String, hashes: [Data]) throws -> [Data: [Float]] {
        var seen = Set<Data>()
        let keys = hashes.filter { seen.insert($0).inserted }
        var found: [Data: [Float]] = [:]
        found.reserveCapacity(keys.count)
        try database.serialized {
            var fullBatch: Statement?
            for start in stride(from: 0, to: keys.count, by: Self.batchSize) {
                let batch = keys[start..<min(start + Self.batchSize, keys.count)]
                let statement: Statement
                if batch.count == Self.batchSize, let fullBatch {
                    statement = fullBatch
                    statement.reset()
                } else {
                    statement = try database.prepare(Self.lookupSQL(keyCount: batch.count))
                    if batch.count == Self.batchSize { fullBatch = statement }
                }
                try statement.bind(model, at: 1)
                for (offset, key) in batch.enumerated() {
                    try statement.bind(key, at: offset + 2)
                }
                while try statement.step() {
                    guard let key = statement.data(at: 0), let bytes = statement.data(at: 2),
                        let dimension = Int(exactly: statement.int64(at: 1)),
                        let vector = Self.decode(bytes, dimension: dimension)
                    else { continue }
                    found[key] = vector
                }
                statement.reset()
            }
        }
        return found
    }

    /// Stores the vectors of `model`, replacing any already stored under the same keys, in one
    /// transaction: either all are stored or, on an error, none.
    ///
    /// - Parameters:
    ///   - model: The embedding model's identifier.
    ///   - entries: Keys from `key(for:)` with their vectors.
    /// - Throws: `AssayError` (`.runtime`) if a key is not 32 bytes long or a write fails.
    /// - Complexity: O(n · (log N + d)) for n vectors of dimension d and N cached rows.
    public func store(model: String, entries: [(hash: Data, vector: [Float])]) throws {
        guard !entries.isEmpty else { return }
        if let bad = entries.first(where: { $0.hash.count != 32 }) {
            throw AssayError(
                .runtime, file: database.path,
                "an embedding cache key is \(bad.hash.count) bytes long, not 32; "
                    + "make keys with EmbeddingCache.key(for:)")
        }
        try database.transaction {
            let statement = try database.prepare(
                "INSERT OR REPLACE INTO embeddings (model, text_sha256, dimension, vector) VALUES (?1, ?2, ?3, ?4)")
            try statement.bind(model, at: 1)
            for entry in entries {
                try statement.bind(entry.hash, at: 2)
                try statement.bind(entry.vector.count, at: 3)
                try statement.bind(Self.encode(entry.vector), at: 4)
                try statement.run()
            }
        }
    }

    /// The number of vectors cached for `model`.
    ///
    /// - Throws: `AssayError` (`.runtime`) if the query fails.
    /// - Complexity: O(N) for N cached rows.
    public func count(model: String) throws -> Int {
        let statement = try database.prepare("SELECT count(*) FROM embeddings WHERE model = ?1")
        try statement.bind(model, at: 1)
        try statement.step()
        return Int(statement.int64(at: 0))
    }

    /// The lookup query for `keyCount` keys: the model is `?1`, the keys `?2` onwards.
    private static func lookupSQL(keyCount: Int) -> String {
        let placeholders = (0..<keyCount).map { "?\($0 + 2)" }.joined(separator: ", ")
        return "SELECT text_sha256, dimension, vector FROM embeddings "
            + "WHERE model = ?1 AND text_sha256 IN (\(placeholders))"
    }

    /// `vector` as little-endian Float32 bytes.
    ///
    /// - Complexity: O(count of `vector`).
    static func encode(_ vector: [Float]) -> Data {
        var bytes = Data(count: vector.count * MemoryLayout<UInt32>.size)
        bytes.withUnsafeMutableBytes { raw in
            for (offset, value) in vector.enumerated() {
                raw.storeBytes(
                    of: value.bitPattern.littleEndian, toByteOffset: offset * MemoryLayout<UInt32>.size, as: UInt32.self
                )
            }
        }
        return bytes
    }

    /// The `dimension` Float32 values in little-endian `bytes`, or `nil` if the length disagrees.
    ///
    /// - Complexity: O(`dimension`).
    static func decode(_ bytes: Data, dimension: Int) -> [Float]? {
        let width = MemoryLayout<UInt32>.size
        guard dimension >= 0, dimension <= Int.max / width, bytes.count == dimension * width else { return nil }
        return bytes.withUnsafeBytes { raw in
            (0..<dimension).map { offset in
                Float(
                    bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset * width, as: UInt32.self))
                )
            }
        }
    }
}
