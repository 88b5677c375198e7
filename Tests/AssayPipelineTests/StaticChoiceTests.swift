import AssayCore
import AssayEmbed
import AssayTestSupport
import Foundation
import Testing

@testable import AssayPipeline

/// `--embedder static`, and `auto` choosing it when MiniLM would take too long on the texts not cached.
@Suite(.serialized) struct StaticChoiceTests {
    private func sides(_ original: [String], _ synthetic: [String]) -> [(side: Side, corpus: Corpus)] {
        func corpus(_ texts: [String]) -> Corpus {
            Corpus(
                source: Corpus.Source(path: "hand", format: .jsonl, sha256: "", byteCount: 0), texts: texts,
                textFields: ["text"], rowNumbers: Array(1...texts.count), labelField: nil, labelValues: nil)
        }
        return [(.original, corpus(original)), (.synthetic, corpus(synthetic))]
    }

    @Test(.requiresModel)
    func staticEmbedsEveryTextWithoutTheCache() throws {
        try withStaticModelFolder { folder, store in
            let provider = EmbeddingProvider(choice: .static, modelDirectory: folder, storePath: store)
            let result = try provider.embed(
                sides(["the city of paris"], ["a short text", "the"]), progress: SilentProgress())
            #expect(result.name == "static-all-MiniLM-L6-v2-256")
            #expect(result.computed == 3 && result.cached == 0)
            #expect(result.bySide[.original]?.rows == 1 && result.bySide[.synthetic]?.rows == 2)
            #expect(result.longTexts.isEmpty && result.warnings == [EmbeddingProvider.staticNote])
            #expect(!FileManager.default.fileExists(atPath: store), "static vectors are not cached")
        }
    }

    /// Once MiniLM has cached "a short text" and "the cat", a call adding "new text" leaves it that text
    /// alone: [CLS] new text [SEP], 4 word pieces, 0.001 s at 4,000 a second, which a limit of 0 s exceeds.
    @Test(.requiresModel)
    func autoChoosesStaticWhenMiniLMWouldTakeTooLong() throws {
        try withStaticModelFolder { folder, store in
            let texts = sides(["a short text"], ["the cat"])
            let patient = EmbeddingProvider(choice: .auto, modelDirectory: folder, storePath: store)
            let miniLM = try patient.embed(texts, progress: SilentProgress())
            #expect(miniLM.name == "all-MiniLM-L6-v2" && miniLM.warnings.isEmpty)
            // Everything is in the cache now: nothing is left for MiniLM, so it stays even with no time at all.
            var hurried = patient
            hurried.miniLMTimeLimit = 0
            let cached = try hurried.embed(texts, progress: SilentProgress())
            #expect(cached.name == "all-MiniLM-L6-v2" && cached.cached == 2 && cached.warnings.isEmpty)
            let fresh = try hurried.embed(sides(["a short text", "new text"], ["the cat"]), progress: SilentProgress())
            #expect(fresh.name == "static-all-MiniLM-L6-v2-256")
            #expect(
                fresh.warnings == [
                    "MiniLM would take about 0 s on 4 word pieces; auto chose the static embedder; pass --embedder minilm to insist",
                    EmbeddingProvider.staticNote,
                ])
        }
    }

    @Test func durationsReadAsSecondsMinutesOrHours() {
        #expect(EmbeddingProvider.duration(0.2) == "0 s")
        #expect(EmbeddingProvider.duration(40) == "40 s")
        #expect(EmbeddingProvider.duration(23 * 60 + 10) == "23 min")
        #expect(EmbeddingProvider.duration(9000) == "2.5 h")
    }
}
