import AssayCore
import AssayLinalg
import AssayTestSupport
import Foundation
import Testing

@testable import AssayEmbed

/// The encoder against the reference all-MiniLM-L6-v2 (sentence-transformers on PyTorch), from the
/// reference token ids, so the encoder is checked apart from the tokenizer.
@Suite(.serialized) struct MiniLMEncoderTests {
    static let weightsPath = TestPaths.modelDirectory + "/model.safetensors"

    static func load() throws -> (MiniLMReference, MiniLMEncoder) {
        let reference = try MiniLMReference.load()
        return (reference, try MiniLMEncoder(weightsFile: weightsPath))
    }

    private func cosine(_ a: [Float], _ b: [Float]) -> Double {
        var dot = 0.0
        var na = 0.0
        var nb = 0.0
        for (x, y) in zip(a, b) {
            dot += Double(x) * Double(y)
            na += Double(x) * Double(x)
            nb += Double(y) * Double(y)
        }
        return dot / (na.squareRoot() * nb.squareRoot())
    }

    // The reference's tolerances: cosine ≥ 0.9999 and 1e-4 per component.
    @Test(.requiresModel)
    func embeddingsMatchTheReferenceForEverySentence() throws {
        let (reference, encoder) = try Self.load()
        #expect(reference.sentences.count == 25)
        let embeddings = encoder.embed(reference.sentences.map(\.tokenIDs))
        for (index, sentence) in reference.sentences.enumerated() {
            let row = embeddings.row(index)
            #expect(cosine(row, sentence.embedding) >= 0.9999, "sentence \(index): \(sentence.text)")
            let worst = zip(row, sentence.embedding).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= 1e-4, "sentence \(index): largest component difference \(worst)")
        }
    }

    // One at a time, or in batches of a few tokens, the embeddings are those of one large batch.
    @Test(.requiresModel)
    func batchingDoesNotChangeTheEmbeddings() throws {
        let (reference, encoder) = try Self.load()
        let sequences = reference.sentences.map(\.tokenIDs)
        let together = encoder.embed(sequences)
        let small = encoder.embed(sequences, batchTokens: 16)
        for index in sequences.indices {
            let single = encoder.embed([sequences[index]])
            #expect(zip(single.row(0), together.row(index)).allSatisfy { abs($0 - $1) <= 1e-5 })
            #expect(zip(small.row(index), together.row(index)).allSatisfy { abs($0 - $1) <= 1e-5 })
        }
    }

    @Test func aMissingWeightsFileIsAnInputError() {
        #expect(throws: AssayError.self) { try MiniLMEncoder(weightsFile: "/nonexistent/model.safetensors") }
    }
}
