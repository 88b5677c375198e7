import AssayCore
import AssayTestSupport
import Foundation
import Testing

@testable import AssayEmbed

/// Text in, embedding out: the tokenizer and the encoder together against the reference.
@Suite(.serialized) struct MiniLMEmbedderTests {
    @Test(.requiresModel)
    func textsEmbedLikeTheReference() throws {
        let (reference, _) = try MiniLMEncoderTests.load()
        let embedder = try MiniLMEmbedder(directory: TestPaths.modelDirectory)
        #expect(embedder.dimension == 384)
        let embeddings = try embedder.embed(reference.sentences.map(\.text))
        for (index, sentence) in reference.sentences.enumerated() {
            let row = embeddings.row(index)
            var dot = 0.0
            for (x, y) in zip(row, sentence.embedding) { dot += Double(x) * Double(y) }
            // Both sides are unit length, so the dot product is the cosine.
            #expect(dot >= 0.9999, "sentence \(index): \(sentence.text)")
        }
    }

    @Test func aMissingModelSaysHowToFetchIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("no-model-\(UUID().uuidString)")
            .path
        do {
            _ = try MiniLMEmbedder(directory: directory)
            Issue.record("loading a missing model should fail")
        } catch let error as AssayError {
            #expect(error.kind == .input)
            #expect(error.description.contains("fetch-model.sh"))
            #expect(error.description.contains("--embedder hashing"))
        }
    }

    @Test func theModelFolderFollowsTheFlagThenTheEnvironment() {
        #expect(MiniLMEmbedder.modelDirectory("/explicit") == "/explicit")
        let fallback = MiniLMEmbedder.modelDirectory(nil)
        if let environment = ProcessInfo.processInfo.environment["ASSAY_MODEL_DIR"], !environment.isEmpty {
            #expect(fallback == environment)
        } else {
            #expect(fallback.hasSuffix("/.cache/assay/all-MiniLM-L6-v2"))
        }
    }
}
