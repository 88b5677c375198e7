import AssayCore
import AssayEmbed
import AssayReport
import AssayTestSupport
import Foundation
import Testing

@testable import AssayPipeline

/// The rows MiniLM's input limit cuts are reported per side, from tokenization alone: a run whose
/// embeddings all come from the cache reports the same counts.
@Suite(.serialized) struct TruncationReportTests {
    @Test func theWarningSaysHowManyRowsWereCutAndByHowMuch() {
        let many = Truncation(maxLength: 256, rows: 400, rowsCut: 12, piecesCut: 1840, largestCut: 311)
        #expect(
            Comparison.truncationWarning(many, path: "data.jsonl")
                == "data.jsonl: 12 of 400 rows exceed 256 word pieces and were cut (by 1,840 pieces in all, at most 311)"
        )
        let one = Truncation(maxLength: 256, rows: 2, rowsCut: 1, piecesCut: 1, largestCut: 1)
        #expect(
            Comparison.truncationWarning(one, path: "d")
                == "d: 1 of 2 rows exceeds 256 word pieces and was cut (by 1 piece)")
        #expect(Comparison.truncationWarning(Truncation(maxLength: 256, rows: 3), path: "d") == nil)
    }

    @Test func theSummaryHasEachSideThatWasEmbedded() {
        let summary = Comparison.truncationSummary([
            .synthetic: Truncation(maxLength: 256, rows: 3, rowsCut: 1, piecesCut: 46, largestCut: 46)
        ])
        #expect(
            summary
                == EmbeddingSummary(
                    maxWordPieces: 256, synthetic: .init(rows: 3, rowsCut: 1, piecesCut: 46, largestCut: 46)))
        #expect(Comparison.truncationSummary([:]) == nil)
    }

    /// "a" is one word piece of the real vocabulary: 255 of them are cut by 1, 300 by 46.
    @Test(.requiresModel)
    func cachedTextsAreCountedAsFreshOnes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-truncation-\(UUID())")
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
            (.synthetic, corpus([words(300), words(10), words(254)])),
        ]
        let provider = EmbeddingProvider(
            choice: .minilm, modelDirectory: TestPaths.modelDirectory,
            storePath: folder.appendingPathComponent("store.sqlite").path)
        let cold = try provider.embed(sides, progress: SilentProgress())
        let warm = try provider.embed(sides, progress: SilentProgress())
        #expect(cold.computed == 5 && cold.cached == 0)
        #expect(warm.computed == 0 && warm.cached == 5)
        for run in [cold, warm] {
            #expect(
                run.truncation[.original]
                    == Truncation(maxLength: 256, rows: 2, rowsCut: 1, piecesCut: 1, largestCut: 1))
            #expect(
                run.truncation[.synthetic]
                    == Truncation(maxLength: 256, rows: 3, rowsCut: 1, piecesCut: 46, largestCut: 46))
        }
        let hashing = try EmbeddingProvider(choice: .hashing, storePath: provider.storePath).embed(
            sides, progress: SilentProgress())
        #expect(hashing.truncation.isEmpty)
    }
}
