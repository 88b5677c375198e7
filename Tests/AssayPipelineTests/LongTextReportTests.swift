import AssayCore
import AssayEmbed
import AssayReport
import AssayStore
import AssayTestSupport
import Foundation
import Testing

@testable import AssayPipeline

/// How MiniLM read the long rows is reported per side, from tokenization alone: a run whose embeddings all
/// come from the cache reports the same counts, and the cache keeps each policy's vectors apart.
@Suite(.serialized) struct LongTextReportTests {
    @Test func underTruncateTheWarningSaysHowManyRowsWereCutAndByHowMuch() {
        let many = LongTexts(
            policy: .truncate, rows: 400, rowsOverLimit: 12, rowsCut: 12, piecesCut: 1840, largestCut: 311)
        #expect(
            Comparison.longTextWarning(many, path: "data.jsonl")
                == "data.jsonl: 12 of 400 rows exceed 256 word pieces and were cut (by 1,840 pieces in all, at most 311)"
        )
        let one = LongTexts(policy: .truncate, rows: 2, rowsOverLimit: 1, rowsCut: 1, piecesCut: 1, largestCut: 1)
        #expect(
            Comparison.longTextWarning(one, path: "d")
                == "d: 1 of 2 rows exceeds 256 word pieces and was cut (by 1 piece)")
        #expect(Comparison.longTextWarning(LongTexts(policy: .truncate, rows: 3), path: "d") == nil)
    }

    @Test func underChunkOnlyRowsBeyondTheWindowsWarn() {
        let many = LongTexts(
            policy: .chunk, rows: 400, rowsOverLimit: 12, rowsChunked: 12, rowsCut: 2, piecesCut: 3100,
            largestCut: 2900)
        #expect(
            Comparison.longTextWarning(many, path: "data.jsonl")
                == "data.jsonl: 2 of 400 rows exceed 1,150 word pieces, the 8 windows the chunking reads; the rest of each was not read (3,100 pieces in all, at most 2,900)"
        )
        let one = LongTexts(
            policy: .chunk, rows: 6, rowsOverLimit: 3, rowsChunked: 3, rowsCut: 1, piecesCut: 5, largestCut: 5)
        #expect(
            Comparison.longTextWarning(one, path: "d")
                == "d: 1 of 6 rows exceeds 1,150 word pieces, the 8 windows the chunking reads; the rest of it was not read (5 pieces)"
        )
        // Rows chunked and read whole are no cause for a warning.
        let chunked = LongTexts(policy: .chunk, rows: 400, rowsOverLimit: 12, rowsChunked: 12)
        #expect(Comparison.longTextWarning(chunked, path: "d") == nil)
    }

    @Test func theSummaryStatesThePolicyAndHasEachSideThatWasEmbedded() {
        let chunk = Comparison.embeddingSummary([
            .synthetic: LongTexts(
                policy: .chunk, rows: 3, rowsOverLimit: 2, rowsChunked: 2, rowsCut: 1, piecesCut: 50, largestCut: 50)
        ])
        #expect(
            chunk
                == EmbeddingSummary(
                    maxWordPieces: 256, longText: "chunk", windowStride: 128, maxWindows: 8,
                    synthetic: .init(
                        rows: 3, rowsOverLimit: 2, rowsChunked: 2, rowsCut: 1, piecesCut: 50, largestCut: 50)))
        let truncate = Comparison.embeddingSummary([
            .original: LongTexts(policy: .truncate, rows: 2), .synthetic: LongTexts(policy: .truncate, rows: 1),
        ])
        #expect(
            truncate
                == EmbeddingSummary(
                    maxWordPieces: 256, longText: "truncate",
                    original: .init(rows: 2, rowsOverLimit: 0, rowsChunked: 0, rowsCut: 0, piecesCut: 0, largestCut: 0),
                    synthetic: .init(
                        rows: 1, rowsOverLimit: 0, rowsChunked: 0, rowsCut: 0, piecesCut: 0, largestCut: 0)))
        #expect(Comparison.embeddingSummary([:]) == nil)
    }

    /// "a" is one word piece of the real vocabulary. Under chunk 255 and 300 are read whole in two windows
    /// and 1,200 loses 50; under truncate 255 loses 1, 300 loses 46 and 1,200 loses 946.
    @Test(.requiresModel)
    func cachedTextsAreCountedAsFreshOnesAndEachPolicyHasItsOwnCache() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-long-text-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func corpus(_ texts: [String]) -> Corpus {
            Corpus(
                source: Corpus.Source(path: "hand", format: .jsonl, sha256: "", byteCount: 0), texts: texts,
                textFields: ["text"], rowNumbers: Array(1...texts.count), labelField: nil, labelValues: nil)
        }
        let words = { (count: Int) in Array(repeating: "a", count: count).joined(separator: " ") }
        let sides: [(side: Side, corpus: Corpus)] = [
            (.original, corpus([words(255), "a short text"])),
            (.synthetic, corpus([words(300), words(10), words(1200)])),
        ]
        let store = folder.appendingPathComponent("store.sqlite").path
        let chunk = EmbeddingProvider(choice: .minilm, modelDirectory: TestPaths.modelDirectory, storePath: store)
        #expect(chunk.longText == .chunk)
        var truncate = chunk
        truncate.longText = .truncate

        let chunkCold = try chunk.embed(sides, progress: SilentProgress())
        let chunkWarm = try chunk.embed(sides, progress: SilentProgress())
        #expect(chunkCold.computed == 5 && chunkCold.cached == 0)
        #expect(chunkWarm.computed == 0 && chunkWarm.cached == 5)
        #expect(chunkCold.name == "all-MiniLM-L6-v2")
        // The truncating run finds nothing of the chunking one's in the cache.
        let truncateCold = try truncate.embed(sides, progress: SilentProgress())
        let truncateWarm = try truncate.embed(sides, progress: SilentProgress())
        #expect(truncateCold.computed == 5 && truncateCold.cached == 0)
        #expect(truncateWarm.computed == 0 && truncateWarm.cached == 5)
        let cache = try EmbeddingCache(path: store)
        let hashes = sides.flatMap(\.corpus.texts).map(EmbeddingCache.key(for:))
        #expect(try cache.lookup(model: "all-MiniLM-L6-v2+chunk", hashes: hashes).count == 5)
        #expect(try cache.lookup(model: "all-MiniLM-L6-v2", hashes: hashes).count == 5)

        for run in [chunkCold, chunkWarm] {
            #expect(
                run.longTexts[.original]
                    == LongTexts(policy: .chunk, rows: 2, rowsOverLimit: 1, rowsChunked: 1))
            #expect(
                run.longTexts[.synthetic]
                    == LongTexts(
                        policy: .chunk, rows: 3, rowsOverLimit: 2, rowsChunked: 2, rowsCut: 1, piecesCut: 50,
                        largestCut: 50))
        }
        for run in [truncateCold, truncateWarm] {
            #expect(
                run.longTexts[.original]
                    == LongTexts(
                        policy: .truncate, rows: 2, rowsOverLimit: 1, rowsCut: 1, piecesCut: 1, largestCut: 1))
            #expect(
                run.longTexts[.synthetic]
                    == LongTexts(
                        policy: .truncate, rows: 3, rowsOverLimit: 2, rowsCut: 2, piecesCut: 46 + 946,
                        largestCut: 946))
        }
        // The warm runs return what the cold ones stored. 300 × "a" is two windows under chunk (254 and 172
        // pieces), so its vector moves; the short text's does not. (1,200 × "a" is eight windows all alike
        // and so nearly its first window's.)
        let chunked = try #require(chunkWarm.bySide[.synthetic])
        let truncated = try #require(truncateWarm.bySide[.synthetic])
        #expect(chunked == chunkCold.bySide[.synthetic] && truncated == truncateCold.bySide[.synthetic])
        let differences = (0..<3).map { row in zip(chunked.row(row), truncated.row(row)).map { abs($0 - $1) }.max() ?? 0
        }
        #expect(differences[0] > 1e-3)
        #expect(differences[1] < 1e-5)

        let hashing = try EmbeddingProvider(choice: .hashing, storePath: store).embed(
            sides, progress: SilentProgress())
        #expect(hashing.longTexts.isEmpty)
    }
}
