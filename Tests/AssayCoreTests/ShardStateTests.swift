import AssayTestSupport
import Foundation
import Testing

@testable import AssayCore

/// `assay shard` and `assay merge` on a real dataset: AG News test (fixtures/data/alps, 7,600 rows) cut into
/// eight files of 950 lines in a temporary folder.
@Suite struct ShardStateTests {
    static let source = TestPaths.fixture("data/alps/agnews_test.jsonl")

    /// The eight files of AG News test, in a temporary folder, and their states sampling `limit` rows.
    static func shardedAGNews(
        in folder: URL, limit: Int = 300, seed: UInt64 = 13, fields: FieldOptions = FieldOptions()
    ) throws -> (paths: [String], states: [ShardState]) {
        let lines = try String(contentsOfFile: source, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 7600)
        var paths: [String] = []
        for part in 0..<8 {
            let path = folder.appendingPathComponent("part-\(part).jsonl").path
            let chunk = lines[(part * 950)..<((part + 1) * 950)].joined(separator: "\n") + "\n"
            try Data(chunk.utf8).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let states = try paths.map {
            try ShardState.build(path: $0, fields: fields, seed: seed, sampleLimit: limit)
        }
        return (paths, states)
    }

    // The reference digests are Python's: hashlib.sha256(b"assay-sample" + seed.to_bytes(8, "little") +
    // file.encode() + row.to_bytes(8, "little")).digest()[:8].hex().
    @Test func aRowsKeyIsTheFirstEightBytesOfItsSHA256() {
        let file = "62a1c81ab9ffce741aa36772f2bc25f77b7f9f612be796cdb93de6bf2e00973c"
        #expect(ShardState.hex(ShardState.key(seed: 13, file: file, row: 1)) == "f602e7451452591b")
        let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        #expect(ShardState.hex(ShardState.key(seed: 0, file: empty, row: 7600)) == "95a59689b88e4ae2")
    }

    // The reference digests are Python's: hashlib.sha256(unicodedata.normalize("NFKC", text).encode()).digest()[:8].
    @Test func anExactKeyDigestIsTheFirstEightBytesOfTheSHA256OfItsNFKCForm() {
        #expect(ShardState.hex(ExactKey.digest("abc")) == "ba7816bf8f01cfea")
        #expect(ShardState.hex(ExactKey.digest("\u{FB01}ne \u{FF23}afe\u{301}")) == "710ca21b9274589a")
        #expect(ExactKey.digest("fine Caf\u{E9}") == ExactKey.digest("\u{FB01}ne \u{FF23}afe\u{301}"))
        #expect(ShardState.hex(ExactKey.digest("")) == "e3b0c44298fc1c14")
    }

    // The merged state holds every row's key, label and words in the folder's row order (each file's word types
    // renumbered into the first's), and the words give each row's distinct word 13-grams as the folder's token
    // stream hashes them. By hand: "a b … o" (15 words) has 3 13-grams; twice over, 18, of which 15 distinct (the
    // last 3 repeat the first 3; the 12 across the seam are new); 12 words have none. A packed field that does not
    // hold one value a row, or a word past the file's types, is refused, naming the state and the file.
    @Test func theMergedStateKeepsEveryRowsExactKeyLabelAndWords() throws {
        try withTemporaryDirectory { folder in
            let (paths, states) = try Self.shardedAGNews(in: folder, limit: 10)
            let merged = try ShardState.merging(states.reversed(), paths: paths.reversed())
            let rows = try merged.everyRow(path: "merged.state")
            let whole = try DatasetLoader.load(path: folder.path)
            #expect(rows.exactKeys == whole.texts.map(ExactKey.digest))
            #expect(rows.labels == whole.labels && rows.labelNames == whole.labelNames)
            #expect(rows.otherExactKeys == nil)
            // 950 rows a file of 8 bytes and 4, in base64: ⌈7,600 / 3⌉ · 4 and ⌈3,800 / 3⌉ · 4 characters.
            #expect(
                merged.files.allSatisfy { $0.everyRow.exactKeys.count == 10136 && $0.everyRow.labels?.count == 5068 })
            let words = try #require(rows.words)
            #expect(words == RowWords(whole.tokens), "the folder's words")
            #expect(rows.otherWords == nil)
            let ngrams = words.ngrams(order: 13)
            #expect(ngrams.counts.count == 7600)
            var start = 0
            var matching = 0
            for row in 0..<7600 {
                let end = start + Int(ngrams.counts[row])
                matching +=
                    Array(ngrams.hashes[start..<end]) == Set(whole.tokens.ngrams(order: 13, of: row)).sorted() ? 1 : 0
                start = end
            }
            #expect(matching == 7600)
            let text = "a b c d e f g h i j k l m n o"
            let stream = TokenStream(texts: [text, text + " " + text, "a b c d e f g h i j k l", ""])
            #expect(RowWords(stream).ngrams(order: 13).counts == [3, 15, 0, 0])
            var damaged = merged
            damaged.files[3].everyRow.exactKeys.removeLast(12)
            let error = #expect(throws: AssayError.self) { try damaged.everyRow(path: "merged.state") }
            #expect(
                error?.message
                    == "is a damaged state file: every_row.exact_keys of \(paths[3]) does not hold one value for each of its 950 rows; shard it again"
            )
            #expect(error?.file == "merged.state")
            damaged = merged
            damaged.files[2].everyRow.words?.tokens.removeLast(12)
            let wordsError = #expect(throws: AssayError.self) { try damaged.everyRow(path: "merged.state") }
            #expect(
                wordsError?.message
                    == "is a damaged state file: every_row.words of \(paths[2]) does not hold one value for each of its 950 rows; shard it again"
            )
            damaged = merged
            damaged.files[4].everyRow.words?.types = ShardRows.pack([UInt64(7)])
            #expect(throws: AssayError.self) { try damaged.everyRow(path: "merged.state") }
        }
    }

    // Each row's attribute values come back by field in the folder's row order: AG News's `id` (7,600 values, one
    // a row) and `origin` (one value); an index past a field's values is refused.
    @Test func theMergedStateKeepsEveryRowsAttributeValues() throws {
        try withTemporaryDirectory { folder in
            let fields = FieldOptions(attributeFields: ["id", "origin"])
            let (paths, states) = try Self.shardedAGNews(in: folder, limit: 10, fields: fields)
            let merged = try ShardState.merging(states.reversed(), paths: paths.reversed())
            let rows = try merged.everyRow(path: "merged.state")
            let whole = try DatasetLoader.load(path: folder.path, fields: fields)
            #expect(rows.attributes == whole.attributes)
            #expect(rows.attributes["id"]?.first == "agnews-test-0" && Set(rows.attributes["id"] ?? []).count == 7600)
            #expect(Set(rows.attributes["origin"] ?? []) == ["human"])
            // 950 rows a file of 4 bytes: ⌈3,800 / 3⌉ · 4 characters of base64.
            #expect(merged.files.allSatisfy { $0.everyRow.attributeValues?["origin"]?.count == 5068 })
            var damaged = merged
            damaged.files[0].everyRow.attributeNames?["id"]?.removeLast()
            let error = #expect(throws: AssayError.self) { try damaged.everyRow(path: "merged.state") }
            #expect(error?.message.contains("every_row.attribute_values.id of \(paths[0])") == true)
        }
    }

    // The measures of each row a state is built with (here a row's UTF-8 length and a constant per column, and
    // words for places) are kept per row and come back in the folder's row order; a state without them gives none, and a packed column
    // that does not hold `RowMeasures.complexityWidth` values a row is refused.
    @Test func theMergedStateKeepsEveryRowsMeasures() throws {
        try withTemporaryDirectory { folder in
            let (paths, plain) = try Self.shardedAGNews(in: folder, limit: 10)
            let width = RowMeasures.complexityWidth
            /// A stand-in for the places a row names: its first two words, in odd rows only.
            func places(_ text: String) -> [String] {
                text.utf8.count % 2 == 1 ? text.split(separator: " ").prefix(2).map(String.init) : []
            }
            /// A stand-in for the groups a row mentions: its length in bytes modulo 4, as a mask of two groups.
            func mask(_ text: String) -> UInt32 { UInt32(text.utf8.count % 4) }
            let (names, terms) = (["a", "b"], [["x"], ["y", "z"]])
            func measure(_ corpus: Corpus) -> RowMeasures {
                RowMeasures(
                    complexity: corpus.texts.flatMap { text in
                        [UInt32(text.utf8.count)] + (1..<width).map { UInt32($0) }
                    }, places: corpus.texts.map(places),
                    groups: RowGroups(names: names, terms: terms, masks: corpus.texts.map(mask)))
            }
            let states = try paths.map {
                try ShardState.build(path: $0, fields: FieldOptions(), seed: 13, sampleLimit: 10, measure: measure)
            }
            let merged = try ShardState.merging(states.reversed(), paths: paths.reversed())
            let whole = try DatasetLoader.load(path: folder.path)
            let expected = whole.texts.flatMap { [UInt32($0.utf8.count)] + (1..<width).map { UInt32($0) } }
            let rows = try merged.everyRow(path: "merged.state")
            #expect(rows.complexity == expected)
            #expect(rows.places == whole.texts.map(places))
            #expect(rows.places?.contains([]) == true && rows.places?.contains { $0.count == 2 } == true)
            #expect(rows.groups == RowGroups(names: names, terms: terms, masks: whole.texts.map(mask)))
            #expect(Set(rows.groups?.masks ?? []) == [0, 1, 2, 3])
            // 950 rows a file of 11 · 4 bytes: ⌈41,800 / 3⌉ · 4 characters of base64.
            #expect(merged.files.allSatisfy { $0.everyRow.complexity?.count == 55736 })
            let plainRows = try ShardState.merging(plain, paths: paths).everyRow(path: "plain.state")
            #expect(plainRows.complexity == nil && plainRows.places == nil && plainRows.groups == nil)
            var mixed = states
            mixed[2] = plain[2]
            #expect(try ShardState.merging(mixed, paths: paths).everyRow(path: "mixed.state").complexity == nil)
            var damaged = merged
            damaged.files[5].everyRow.complexity?.removeLast(8)
            let error = #expect(throws: AssayError.self) { try damaged.everyRow(path: "merged.state") }
            #expect(
                error?.message
                    == "is a damaged state file: every_row.complexity of \(paths[5]) does not hold 11 values for each of its 950 rows; shard it again"
            )
            var unnamed = merged
            unnamed.files[1].everyRow.placeNames?.removeLast()
            let places = #expect(throws: AssayError.self) { try unnamed.everyRow(path: "merged.state") }
            #expect(places?.message.contains("every_row.places of \(paths[1]) does not hold one value") == true)
        }
    }

    // Counts add up to the whole file's, read directly; the merged sample is the 300 smallest keys of all
    // 7,600 rows, computed here from every row's key.
    @Test func mergedStatesCountEveryRowAndSampleTheSmallestKeys() throws {
        try withTemporaryDirectory { folder in
            let (paths, states) = try Self.shardedAGNews(in: folder)
            let merged = try ShardState.merging(states, paths: paths)
            #expect(merged.rows == 7600)
            let whole = try DatasetLoader.load(path: Self.source)
            #expect(merged.labels == whole.labelCounts)
            #expect(merged.labels == ["Business": 1900, "Sci/Tech": 1900, "Sports": 1900, "World": 1900])
            #expect(merged.files.map(\.path) == paths && merged.files.map(\.rowSpan) == Array(repeating: 950, count: 8))
            var keys: [(key: UInt64, file: String, row: Int)] = []
            for state in states {
                let file = state.files[0].sha256
                keys += (1...950).map { (ShardState.key(seed: 13, file: file, row: $0), file, $0) }
            }
            let expected = keys.sorted { $0.key < $1.key }.prefix(300)
            #expect(merged.sample.map(\.key) == expected.map { ShardState.hex($0.key) })
            #expect(merged.sample.map(\.file) == expected.map(\.file))
            #expect(merged.sample.map(\.row) == expected.map(\.row))
            // Each sampled row carries its own line's text and label.
            let corpus = merged.sampleCorpus(path: "agnews.state")
            #expect(corpus.count == 300)
            let shards = try DatasetLoader.load(path: folder.path)
            let positions = corpus.rowNumbers.map { $0 - 1 }
            #expect(corpus.texts == positions.map { shards.texts[$0] })
            #expect(
                corpus.labels.map { $0.map { corpus.labelNames[Int($0)] } }
                    == positions.map {
                        shards.labelNames[Int(shards.labels?[$0] ?? 0)]
                    })
        }
    }

    // Every order of four states, and every grouping tried, gives the same bytes.
    @Test func mergingIsTheSameBytesInAnyOrderAndGrouping() throws {
        try withTemporaryDirectory { folder in
            let (paths, all) = try Self.shardedAGNews(in: folder, limit: 120)
            let states = Array(all.prefix(4))
            let names = Array(paths.prefix(4))
            func merge(_ indices: [Int]) throws -> ShardState {
                try ShardState.merging(indices.map { states[$0] }, paths: indices.map { names[$0] })
            }
            let reference = try merge([0, 1, 2, 3]).encoded()
            var orders = 0
            for a in 0..<4 {
                for b in 0..<4 where b != a {
                    for c in 0..<4 where c != a && c != b {
                        let d = 6 - a - b - c
                        #expect(try merge([a, b, c, d]).encoded() == reference, "order \([a, b, c, d])")
                        orders += 1
                    }
                }
            }
            #expect(orders == 24)
            let pairs = try ShardState.merging([merge([2, 0]), merge([3, 1])], paths: ["02", "31"])
            let chain = try ShardState.merging(
                [ShardState.merging([merge([3, 2]), states[1]], paths: ["32", names[1]]), states[0]],
                paths: ["321", names[0]])
            #expect(try pairs.encoded() == reference)
            #expect(try chain.encoded() == reference)
            // A state read back is the state written.
            let path = folder.appendingPathComponent("merged.state").path
            try reference.write(to: URL(fileURLWithPath: path))
            #expect(try ShardState.read(path: path).encoded() == reference)
        }
    }

    @Test func aFileMergedTwiceOrShardedDifferentlyIsRefused() throws {
        try withTemporaryDirectory { folder in
            let (paths, states) = try Self.shardedAGNews(in: folder, limit: 10)
            let twice = #expect(throws: AssayError.self) {
                try ShardState.merging([states[0], states[1], states[0]], paths: [paths[0], paths[1], "again.state"])
            }
            #expect(twice?.message.contains("both hold \(paths[0])") == true)
            let other = try ShardState.build(path: paths[2], fields: FieldOptions(), seed: 14, sampleLimit: 10)
            let seeds = #expect(throws: AssayError.self) {
                try ShardState.merging([states[0], other], paths: ["a.state", "b.state"])
            }
            #expect(seeds?.file == "b.state" && seeds?.message.contains("seed 14 vs 13") == true)
            let notState = folder.appendingPathComponent("part-0.state").path
            try Data("{\"text\": \"hello\"}\n".utf8).write(to: URL(fileURLWithPath: notState))
            let wrong = #expect(throws: AssayError.self) { try ShardState.read(path: notState) }
            #expect(wrong?.message.contains("is not an Assay state file") == true)
            let cut = folder.appendingPathComponent("cut.state").path
            try states[0].encoded().prefix(300).write(to: URL(fileURLWithPath: cut))
            let truncated = #expect(throws: AssayError.self) { try ShardState.read(path: cut) }
            #expect(
                truncated?.message
                    == "is not valid JSON (300 bytes; a state cut short, or not a state): write it again with assay shard or assay merge"
            )
            let future = folder.appendingPathComponent("future.state").path
            try Data("{\"format\": \"assay-shard-state\", \"version\": 9}\n".utf8).write(
                to: URL(fileURLWithPath: future))
            let version = #expect(throws: AssayError.self) { try ShardState.read(path: future) }
            #expect(version?.message.contains("version 9") == true)
            let folderError = #expect(throws: AssayError.self) {
                try ShardState.build(path: folder.path, fields: FieldOptions(), seed: 13, sampleLimit: 10)
            }
            #expect(folderError?.message.contains("reads one file") == true)
        }
    }
}
