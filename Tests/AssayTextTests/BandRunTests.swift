import AssayCore
import AssayTestSupport
import Foundation
import Testing

@testable import AssayText

/// Band runs: the file layout byte by byte, the merge's groups on hand-made runs and against the in-memory
/// LSH on AG News, and the refusals of bad runs.
@Suite struct BandRunTests {
    /// Runs `body` with a fresh, empty folder, removed afterwards.
    private func withFolder<T>(_ body: (String) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("band-runs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder.path)
    }

    /// The bytes of a run laid out by hand as `BandRunFile`'s documentation gives them: the 48-byte header,
    /// then each band's (key, row) records in the order given.
    private func runBytes(
        bands: [[(key: UInt64, row: UInt32)]], shingleSize: UInt32 = 5, rowsPerBand: UInt32 = 5,
        seed: UInt64 = 0x5EED, version: UInt32 = 1
    ) -> [UInt8] {
        func little<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
            (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        }
        let texts = UInt64(bands.first?.count ?? 0)
        var bytes = Array("ASSAYBND".utf8) + little(version) + little(shingleSize) + little(UInt32(bands.count))
        bytes += little(rowsPerBand) + little(seed) + little(texts) + little(texts * UInt64(bands.count))
        for band in bands {
            for record in band { bytes += little(record.key) + little(record.row) }
        }
        return bytes
    }

    /// Writes `bytes` to `name` in `folder`; its path.
    private func file(_ name: String, in folder: String, _ bytes: [UInt8]) throws -> String {
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Every group of a merge of `paths`.
    private func groups(_ paths: [String], bufferBytes: Int = BandRunMerge.defaultBufferBytes) throws -> (
        [BandKeyGroup], BandRunMerge.Totals
    ) {
        var groups: [BandKeyGroup] = []
        let totals = try BandRunMerge.forEachGroup(of: paths, bufferBytes: bufferBytes) { groups.append($0) }
        return (groups, totals)
    }

    // MARK: Hand-made runs

    @Test(arguments: [12, 24, 1 << 20])
    func threeHandMadeRunsGiveTheirSharedKeys(bufferBytes: Int) throws {
        try withFolder { folder in
            // Two bands. Band 0: rows 1, 3, 5 share key 20 and rows 2, 6 key 30. Band 1: rows 1, 4 share 8 and
            // rows 2, 3 share 9. Keys 10, 40, 7, 1, 2 are a single row's.
            let a = try file(
                "a.run", in: folder, runBytes(bands: [[(10, 0), (20, 1), (30, 2)], [(7, 0), (8, 1), (9, 2)]]))
            let b = try file("b.run", in: folder, runBytes(bands: [[(20, 3), (40, 4)], [(8, 4), (9, 3)]]))
            let c = try file("c.run", in: folder, runBytes(bands: [[(20, 5), (30, 6)], [(1, 5), (2, 6)]]))
            let expected = [
                BandKeyGroup(band: 0, key: 20, rows: [1, 3, 5]), BandKeyGroup(band: 0, key: 30, rows: [2, 6]),
                BandKeyGroup(band: 1, key: 8, rows: [1, 4]), BandKeyGroup(band: 1, key: 9, rows: [2, 3]),
            ]
            var totals = BandRunMerge.Totals()
            (totals.files, totals.texts, totals.records, totals.groups, totals.largestGroup) = (3, 7, 14, 4, 3)
            for order in [[a, b, c], [c, a, b], [b, c, a]] {
                let (found, foundTotals) = try groups(order, bufferBytes: bufferBytes)
                #expect(found == expected)
                #expect(foundTotals == totals)
            }
        }
    }

    @Test func noRunsAndEmptyRunsGiveNoGroups() throws {
        try withFolder { folder in
            let empty = try file("empty.run", in: folder, runBytes(bands: [[], []]))
            let single = try file("single.run", in: folder, runBytes(bands: [[(5, 9)], [(6, 9)]]))
            #expect(try groups([]).0.isEmpty)
            let (found, totals) = try groups([empty, single])
            #expect(found.isEmpty)
            #expect(totals.records == 2 && totals.texts == 1 && totals.groups == 0)
        }
    }

    // MARK: Writing

    @Test func aWrittenRunHasTheDocumentedLayout() throws {
        try withFolder { folder in
            let texts = ["the cat sat on the mat", "", "the cat sat on the mat", "a dog"]
            let signatures = MinHashSignatures(texts)
            let path = folder + "/sub/run.bin"
            try BandRunFile.write(signatures, rows: [10, 11, 12, 13], to: path)
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            // Three texts with shingles (the empty one has none), 20 bands: 60 records of 12 bytes.
            #expect(bytes.count == 48 + 12 * 60)
            #expect(Array(bytes[0..<8]) == Array("ASSAYBND".utf8))
            #expect(Array(bytes[8..<24]) == [1, 0, 0, 0, 5, 0, 0, 0, 20, 0, 0, 0, 5, 0, 0, 0])
            #expect(
                Array(bytes[24..<48]) == [0xED, 0x5E, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 60]
                    + [UInt8](repeating: 0, count: 7))
            func record(_ index: Int) -> (key: UInt64, row: UInt32) {
                let start = 48 + 12 * index
                let key = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[start + $1]) << (8 * $1) }
                let row = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[start + 8 + $1]) << (8 * $1) }
                return (key, row)
            }
            for band in 0..<20 {
                let section = (0..<3).map { record(3 * band + $0) }
                // Rows 10 and 12 are the same text, so share the key; row 13's differs; sorted by (key, row).
                let expected = [
                    (signatures.keys.key(row: 0, band: band), UInt32(10)),
                    (signatures.keys.key(row: 2, band: band), UInt32(12)),
                    (signatures.keys.key(row: 3, band: band), UInt32(13)),
                ].sorted { $0 < $1 }
                #expect(section.map(\.key) == expected.map(\.0))
                #expect(section.map(\.row) == expected.map(\.1))
            }
            #expect(try BandRunFile.header(of: path) == BandRunFile.Header(hashes: signatures.hashes, textCount: 3))
            // The same text at rows 10 and 12 shares its key in every band.
            let (found, _) = try groups([path])
            #expect(found.map(\.rows) == Array(repeating: [10, 12], count: 20))
            #expect(found.map(\.band) == Array(0..<20))
        }
    }

    @Test func aRowBeyondUInt32IsRefused() throws {
        try withFolder { folder in
            let path = folder + "/run.bin"
            #expect(throws: AssayError.self) {
                try BandRunFile.write(MinHashSignatures(["abc"]), rows: [1 << 33], to: path)
            }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    // MARK: Against the in-memory LSH

    @Test func fourRunsOfAGNewsGiveTheInMemoryCandidates() throws {
        let corpus = try DatasetLoader.load(path: TestPaths.fixture("data/alps/agnews_test.jsonl"))
        // AG News test, and 70 copies of its first row after it, so that one bucket is over 64 rows (each of
        // its rows is paired with the first only).
        let news = corpus.texts.map(TextNormalization.normalized)
        #expect(news.count == 7600)
        let texts = news + Array(repeating: news[0], count: 70)
        let signatures = MinHashSignatures(texts)
        let inMemory = NearDuplicates.candidates(signatures)
        var buckets: [BandKeyGroup] = []
        for band in 0..<20 {
            NearDuplicates.forEachBucket(band: band, tables: [signatures.keys]) { members in
                buckets.append(
                    BandKeyGroup(band: band, key: signatures.keys.key(row: members[0], band: band), rows: members))
            }
        }
        buckets.sort { ($0.band, $0.key) < ($1.band, $1.key) }
        #expect(!inMemory.isEmpty)

        try withFolder { folder in
            // Row i goes to run i mod 4, so every run holds rows from the whole range.
            let paths = try (0..<4).map { run in
                let rows = Array(stride(from: run, to: texts.count, by: 4))
                let path = folder + "/run-\(run).bin"
                try BandRunFile.write(MinHashSignatures(rows.map { texts[$0] }), rows: rows, to: path)
                return path
            }
            var merged: [UInt64] = []
            let (found, totals) = try groups(Array(paths.reversed()), bufferBytes: 4096)
            for group in found {
                NearDuplicates.forEachCandidatePair(inBucket: group.rows) { merged.append(NearDuplicates.pack($0, $1)) }
            }
            sortAndRemoveDuplicates(&merged)
            #expect(found == buckets)
            #expect(merged == inMemory)
            #expect(totals.records == 20 * 7670)
            #expect(totals.groups == buckets.count)
            #expect(totals.largestGroup == 71)
        }
    }

    // MARK: Bad runs

    /// A run at `name` in `folder` of `texts` (by default three, the first and last the same) at `rows`, with
    /// default settings or `options`'.
    private func smallRun(
        _ name: String, in folder: String, options: MinHashOptions = .init(),
        texts: [String] = ["the cat sat on the mat", "a dog barked", "the cat sat on the mat"], rows: [Int] = [0, 1, 2]
    ) throws -> String {
        let path = folder + "/" + name
        try BandRunFile.write(MinHashSignatures(texts, options: options), rows: rows, to: path)
        return path
    }

    /// The error a merge of `paths` throws.
    private func mergeError(_ paths: [String]) -> AssayError? {
        do {
            _ = try groups(paths)
            return nil
        } catch {
            return error as? AssayError
        }
    }

    @Test func runsOfOtherMinHashSettingsAreRefused() throws {
        try withFolder { folder in
            let first = try smallRun("a.bin", in: folder)
            let other = try smallRun("b.bin", in: folder, options: MinHashOptions(seed: 1), rows: [3, 4, 5])
            let error = mergeError([first, other])
            #expect(
                error
                    == AssayError(
                        .input, file: other,
                        "has MinHash settings 5-scalar shingles, 20 bands × 5 rows, seed 0x1, not those of \(first) "
                            + "(5-scalar shingles, 20 bands × 5 rows, seed 0x5EED): write every run with the same settings"
                    ))
            let bands = try smallRun("c.bin", in: folder, options: MinHashOptions(bands: 10, rowsPerBand: 10))
            #expect(mergeError([first, bands])?.file == bands)
            let expected = MinHashSignatures.Hashes(MinHashOptions(shingleSize: 3))
            #expect(throws: AssayError.self) {
                try BandRunMerge.forEachGroup(of: [first], expecting: expected) { _ in }
            }
        }
    }

    @Test func truncatedRunsAreRefused() throws {
        try withFolder { folder in
            let path = try smallRun("a.bin", in: folder)
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let short = try file("short.bin", in: folder, Array(bytes.dropLast(5)))
            #expect(
                mergeError([short])
                    == AssayError(
                        .input, file: short,
                        "is truncated: its header promises 60 records (768 bytes), the file has 763 bytes; write it again"
                    ))
            let headerOnly = try file("header.bin", in: folder, Array(bytes.prefix(20)))
            #expect(
                mergeError([headerOnly])
                    == AssayError(
                        .input, file: headerOnly,
                        "is truncated: a band run's header is 48 bytes, the file has 20; write it again"))
            let longer = try file("long.bin", in: folder, bytes + [0])
            #expect(
                mergeError([longer])
                    == AssayError(
                        .input, file: longer,
                        "is a damaged band run: the file has 769 bytes, its header gives 60 records (768 bytes); "
                            + "write it again"))
        }
    }

    @Test func filesThatAreNotRunsAreRefused() throws {
        try withFolder { folder in
            let good = try smallRun("a.bin", in: folder)
            let jsonl = try file("rows.jsonl", in: folder, Array("{\"text\": \"a\"}\n".utf8))
            let empty = try file("empty.bin", in: folder, [])
            for path in [jsonl, empty] {
                #expect(
                    mergeError([good, path])
                        == AssayError(.input, file: path, "is not a MinHash band run (it does not start with ASSAYBND)")
                )
            }
            let missing = folder + "/missing.bin"
            #expect(
                mergeError([good, missing])
                    == AssayError(.input, file: missing, "cannot be read (No such file or directory)"))
            #expect(throws: AssayError.self) { try BandRunFile.header(of: jsonl) }
        }
    }

    @Test func runsOfAnotherVersionAreRefused() throws {
        try withFolder { folder in
            let path = try file("v2.bin", in: folder, runBytes(bands: [[(1, 0)]], version: 2))
            #expect(
                mergeError([path])
                    == AssayError(
                        .input, file: path,
                        "is a band run of format version 2; this Assay reads version 1: write the runs again"))
        }
    }

    @Test func aRunOutOfOrderIsRefused() throws {
        try withFolder { folder in
            let path = try file("a.bin", in: folder, runBytes(bands: [[(1, 0), (5, 2), (3, 1)]]))
            #expect(
                mergeError([path])
                    == AssayError(
                        .input, file: path,
                        "is a damaged band run: record 2 (row 1, band 0) is out of order; write it again"))
            // Each band starts again from the smallest key.
            let fine = try file("b.bin", in: folder, runBytes(bands: [[(1, 0), (5, 2)], [(0, 2), (9, 0)]]))
            #expect(mergeError([fine]) == nil)
        }
    }

    @Test func theSameRunTwiceIsRefused() throws {
        try withFolder { folder in
            let path = try smallRun("a.bin", in: folder)
            // Row 1 again, with the same text: it shares its key with a.bin's row 1 in every band, and the merge
            // meets a.bin's first (the order of the runs breaks ties).
            let copy = try smallRun("b.bin", in: folder, texts: ["a dog barked"], rows: [1])
            #expect(
                mergeError([path, copy])
                    == AssayError(
                        .input, file: copy,
                        "holds row 1 as \(path) does: give each row to one run, and each run to the merge once"))
            #expect(mergeError([path, copy]).map { !$0.description.contains("\n") } == true)
            // The same file twice: rows 0, 1 and 2 are all repeated, and the first met is reported.
            #expect(mergeError([path, path])?.message.contains(" as \(path) does: give each row") == true)
        }
    }
}
