import AssayCore
import Foundation
import Testing

@testable import AssayStore

/// The bit patterns of `vector`, so that -0.0, infinities and NaN compare exactly.
private func bits(_ vector: [Float]?) -> [UInt32]? {
    vector.map { $0.map(\.bitPattern) }
}

private func hex(_ data: Data) -> String {
    data.map { String(format: "%02x", $0) }.joined()
}

@Suite struct EmbeddingCacheTests {
    @Test func keyIsThePublishedSHA256() {
        // FIPS 180-2, appendix B.1, and the digest of the empty message.
        #expect(
            hex(EmbeddingCache.key(for: "abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex(EmbeddingCache.key(for: "")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func storedVectorsComeBackExactly() throws {
        try withTemporaryDirectory { folder in
            let cache = try EmbeddingCache(path: folder.appendingPathComponent("cache.sqlite").path)
            let first: [Float] = [0.1, -2.5, 3.25e-8]
            let second: [Float] = [-0.0, .infinity, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, .nan]
            let a = EmbeddingCache.key(for: "first text")
            let b = EmbeddingCache.key(for: "second text")
            try cache.store(model: "minilm", entries: [(hash: a, vector: first), (hash: b, vector: second)])
            let found = try cache.lookup(model: "minilm", hashes: [a, b])
            #expect(found.count == 2)
            #expect(found[a] == first)
            #expect(bits(found[b]) == bits(second))
        }
    }

    @Test func vectorsAreLittleEndianFloat32() throws {
        let cache = try EmbeddingCache(database: Database(path: ":memory:"))
        try cache.store(model: "m", entries: [(hash: EmbeddingCache.key(for: "x"), vector: [1.0, -2.0])])
        let row = try cache.database.prepare("SELECT dimension, vector FROM embeddings")
        #expect(try row.step())
        #expect(row.int64(at: 0) == 2)
        #expect(row.data(at: 1) == Data([0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0]))
    }

    @Test func absentKeysAreLeftOut() throws {
        let cache = try EmbeddingCache(database: Database(path: ":memory:"))
        #expect(try cache.lookup(model: "m", hashes: []).isEmpty)
        #expect(try cache.lookup(model: "m", hashes: [EmbeddingCache.key(for: "never stored")]).isEmpty)
        let stored = EmbeddingCache.key(for: "stored")
        try cache.store(model: "m", entries: [(hash: stored, vector: [1, 2, 3])])
        let found = try cache.lookup(
            model: "m", hashes: [EmbeddingCache.key(for: "missing"), stored, stored, Data([1, 2, 3])])
        #expect(found == [stored: [1, 2, 3]])
    }

    @Test func modelsAreKeptApart() throws {
        let cache = try EmbeddingCache(database: Database(path: ":memory:"))
        let key = EmbeddingCache.key(for: "the same text")
        try cache.store(model: "all-MiniLM-L6-v2", entries: [(hash: key, vector: [0.5, 0.25])])
        try cache.store(model: "hashing-256", entries: [(hash: key, vector: [-1, -2, -3])])
        #expect(try cache.lookup(model: "all-MiniLM-L6-v2", hashes: [key]) == [key: [0.5, 0.25]])
        #expect(try cache.lookup(model: "hashing-256", hashes: [key]) == [key: [-1, -2, -3]])
        #expect(try cache.lookup(model: "another", hashes: [key]).isEmpty)
        #expect(try cache.count(model: "hashing-256") == 1)
    }

    @Test func storingAgainReplaces() throws {
        let cache = try EmbeddingCache(database: Database(path: ":memory:"))
        let key = EmbeddingCache.key(for: "t")
        try cache.store(model: "m", entries: [(hash: key, vector: [1, 2])])
        try cache.store(model: "m", entries: [(hash: key, vector: [3, 4, 5])])
        #expect(try cache.lookup(model: "m", hashes: [key]) == [key: [3, 4, 5]])
        #expect(try cache.count(model: "m") == 1)
    }

    @Test func lookupsLargerThanOneBatchFindEverything() throws {
        let cache = try EmbeddingCache(database: Database(path: ":memory:"))
        let count = 2 * EmbeddingCache.batchSize + 234
        let entries = (0..<count).map { (hash: EmbeddingCache.key(for: "text \($0)"), vector: [Float($0), 1]) }
        try cache.store(model: "m", entries: entries)
        let absent = (0..<300).map { EmbeddingCache.key(for: "absent \($0)") }
        let found = try cache.lookup(model: "m", hashes: absent + entries.map(\.hash))
        #expect(found.count == count)
        #expect(entries.allSatisfy { found[$0.hash] == $0.vector })
    }

    @Test func aVectorWhoseLengthDisagreesWithItsDimensionIsAbsent() throws {
        let cache = try EmbeddingCache(database: Database(path: ":memory:"))
        let key = EmbeddingCache.key(for: "damaged")
        let insert = try cache.database.prepare("INSERT INTO embeddings VALUES ('m', ?1, 3, ?2)")
        try insert.bind(key, at: 1)
        try insert.bind(EmbeddingCache.encode([1, 2]), at: 2)
        try insert.run()
        #expect(try cache.lookup(model: "m", hashes: [key]).isEmpty)
    }

    @Test func aKeyOfTheWrongLengthStoresNothing() throws {
        let cache = try EmbeddingCache(database: Database(path: ":memory:"))
        let good = (hash: EmbeddingCache.key(for: "good"), vector: [Float(1)])
        let error = #expect(throws: AssayError.self) {
            try cache.store(model: "m", entries: [good, (hash: Data([1, 2, 3]), vector: [2])])
        }
        #expect(error?.message.contains("3 bytes long") == true)
        #expect(try cache.count(model: "m") == 0)
    }

    @Test func aSecondConnectionSeesStoredVectors() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("nested/cache.sqlite").path
            let writer = try EmbeddingCache(path: path)
            let reader = try EmbeddingCache(path: path)
            let key = EmbeddingCache.key(for: "shared")
            try writer.store(model: "m", entries: [(hash: key, vector: [0.1, -2.5, 3.25e-8])])
            #expect(try reader.lookup(model: "m", hashes: [key]) == [key: [0.1, -2.5, 3.25e-8]])
        }
    }
}
