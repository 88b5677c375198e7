import AssayCore
import AssayTestSupport
import Foundation
import Synchronization
import Testing

@testable import AssayEmbed

/// A reporter that records every step: its name, total, each advance and whether it finished.
private final class RecordingProgress: ProgressReporter {
    struct Record: Equatable {
        var name: String
        var total: Int
        var advances: [Int] = []
        var finished = false
    }

    private let records = Mutex<[Record]>([])

    var steps: [Record] { records.withLock { $0 } }

    func step(_ name: String, total: Int) -> ProgressStep {
        let index = records.withLock { records in
            records.append(Record(name: name, total: total))
            return records.count - 1
        }
        return ProgressStep(
            advance: { [self] units in records.withLock { $0[index].advances.append(units) } },
            finish: { [self] in records.withLock { $0[index].finished = true } })
    }
}

/// MiniLM reports its work in word pieces, batch by batch.
@Suite(.serialized) struct EmbedProgressTests {
    static let modelDirectory = TestPaths.modelDirectory

    // "hello world" is [CLS] hello world [SEP], 4 word pieces; "a" is 3; "the cat sat on the mat" 8: 15 in
    // all. In batches of at most 8 tokens, shortest first: [a, hello world] (7), then the 8 of the third.
    @Test(.requiresModel)
    func theEncoderAdvancesByTheTokensOfEachBatch() throws {
        let embedder = try MiniLMEmbedder(directory: Self.modelDirectory)
        let texts = ["hello world", "a", "the cat sat on the mat"]
        let sequences = texts.map { embedder.tokenizer.encode($0, maxLength: MiniLMEmbedder.maxLength) }
        #expect(sequences.map(\.count) == [4, 3, 8])
        let progress = RecordingProgress()
        let step = progress.step("encoder", total: 15)
        _ = embedder.encoder.embed(sequences, batchTokens: 8, progress: step)
        #expect(progress.steps == [.init(name: "encoder", total: 15, advances: [7, 8])])
    }

    // The embedder's step covers every word piece, is finished, and the embeddings are the silent run's.
    @Test(.requiresModel)
    func theEmbedderReportsOneFinishedStepOfWordPieces() throws {
        let embedder = try MiniLMEmbedder(directory: Self.modelDirectory)
        let texts = ["hello world", "a", "the cat sat on the mat"]
        let progress = RecordingProgress()
        let embeddings = try embedder.embed(texts, progress: progress)
        #expect(progress.steps.map(\.name) == ["embedding (word pieces)"])
        #expect(progress.steps.map(\.total) == [15])
        #expect(progress.steps.map { $0.advances.reduce(0, +) } == [15])
        #expect(progress.steps.map(\.finished) == [true])
        #expect(embeddings == (try embedder.embed(texts)))
    }

    // A text of 300 word pieces is read as windows of 254 and 172: sequences of 256 and 174 with [CLS] and
    // [SEP], 430 word pieces encoded; "a" is 3 more. Truncated, the long text is one sequence of 256.
    @Test(.requiresModel)
    func progressCountsTheWordPiecesOfEveryWindow() throws {
        let texts = [Array(repeating: "a", count: 300).joined(separator: " "), "a"]
        for (policy, total) in [(LongTextPolicy.chunk, 433), (.truncate, 259)] {
            let embedder = try MiniLMEmbedder(directory: Self.modelDirectory, longText: policy)
            let progress = RecordingProgress()
            _ = try embedder.embed(texts, progress: progress)
            #expect(progress.steps.map(\.total) == [total], "\(policy)")
            #expect(progress.steps.map { $0.advances.reduce(0, +) } == [total], "\(policy)")
        }
    }
}
