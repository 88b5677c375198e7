import AssayCore
import AssayTestSupport
import Foundation
import Testing

@testable import AssayEmbed

/// Text in, embedding out: the tokenizer and the encoder together against the reference.
@Suite(.serialized) struct MiniLMEmbedderTests {
    // The reference truncates: its last sentence, over 256 word pieces, is read from its beginning only.
    @Test(.requiresModel)
    func textsEmbedLikeTheReference() throws {
        let (reference, _) = try MiniLMEncoderTests.load()
        let embedder = try MiniLMEmbedder(directory: TestPaths.modelDirectory, longText: .truncate)
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

    /// A text of exactly 1,000 word pieces: the words of a real speech up to 1,000 pieces, then `the` (one
    /// piece) to make up the count.
    static func thousandPieces(_ tokenizer: WordPieceTokenizer) throws -> String {
        let speech = try LongTextsTests.speeches()[3]
        var words: [Substring] = []
        for word in speech.split(separator: " ") {
            guard tokenizer.wordPieceIDs((words + [word]).joined(separator: " ")).count <= 1000 else { break }
            words.append(word)
        }
        var text = words.joined(separator: " ")
        while tokenizer.wordPieceIDs(text).count < 1000 { text += " the" }
        return text
    }

    /// The largest component difference of two rows, and their cosine (both are unit length).
    static func compare(_ a: [Float], _ b: [Float]) -> (cosine: Double, largest: Float) {
        let cosine = zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        return (cosine, zip(a, b).map { abs($0 - $1) }.max() ?? 0)
    }

    // Windows at 0, 128, …, 768: six of 254 word pieces and the last of 232, weighted by those lengths.
    @Test(.requiresModel)
    func aChunkedTextIsTheLengthWeightedMeanOfItsWindows() throws {
        let embedder = try MiniLMEmbedder(directory: TestPaths.modelDirectory)
        #expect(embedder.longText == .chunk)
        let text = try Self.thousandPieces(embedder.tokenizer)
        let pieces = embedder.tokenizer.wordPieceIDs(text)
        #expect(pieces.count == 1000)
        #expect(MiniLMEmbedder.windows(pieces: pieces.count, under: .chunk).count == 7)
        let starts = [0, 128, 256, 384, 512, 640, 768]
        let lengths = [254, 254, 254, 254, 254, 254, 232]
        let sequences = zip(starts, lengths).map { start, length in
            [WordPieceTokenizer.classID] + pieces[start..<(start + length)] + [WordPieceTokenizer.separatorID]
        }
        let windows = embedder.encoder.embed(sequences)
        var mean = [Double](repeating: 0, count: 384)
        for (index, length) in lengths.enumerated() {
            for (j, x) in windows.row(index).enumerated() { mean[j] += Double(length) * Double(x) }
        }
        let norm = mean.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let expected = mean.map { Float($0 / norm) }
        let (cosine, largest) = Self.compare(try embedder.embed([text]).row(0), expected)
        #expect(cosine >= 0.99999)
        #expect(largest < 1e-5)
        // Reading the whole text moves the vector away from its first window's.
        #expect(Self.compare(expected, windows.row(0)).cosine < 0.99)
    }

    @Test(.requiresModel)
    func aTruncatedTextIsItsFirst256WordPieces() throws {
        let embedder = try MiniLMEmbedder(directory: TestPaths.modelDirectory, longText: .truncate)
        let text = try Self.thousandPieces(embedder.tokenizer)
        let first = embedder.tokenizer.encode(text, maxLength: 256)
        #expect(first.count == 256)
        #expect(try embedder.embed([text]) == embedder.encoder.embed([first]))
    }

    @Test(.requiresModel)
    func aShortTextIsTheSameUnderBothPolicies() throws {
        let chunk = try MiniLMEmbedder(directory: TestPaths.modelDirectory, longText: .chunk)
        let truncate = try MiniLMEmbedder(directory: TestPaths.modelDirectory, longText: .truncate)
        let texts = ["hello world", "", try LongTextsTests.speeches()[2]]
        #expect(texts.map { chunk.tokenizer.wordPieceIDs($0).count } == [2, 0, 254])
        #expect(try chunk.embed(texts) == (try truncate.embed(texts)))
    }

    @Test(.requiresModel)
    func theCacheKeysNameThePolicy() throws {
        #expect(try MiniLMEmbedder(directory: TestPaths.modelDirectory).cacheModelID == "all-MiniLM-L6-v2+chunk")
        let truncate = try MiniLMEmbedder(directory: TestPaths.modelDirectory, longText: .truncate)
        #expect(truncate.cacheModelID == "all-MiniLM-L6-v2")
        #expect(truncate.modelID == "all-MiniLM-L6-v2")
    }

    // Chunking changes only the sentence the reference truncates: it reads that one whole.
    @Test(.requiresModel)
    func chunkingLeavesTheReferencesShortSentencesAlone() throws {
        let (reference, _) = try MiniLMEncoderTests.load()
        let embeddings = try MiniLMEmbedder(directory: TestPaths.modelDirectory).embed(reference.sentences.map(\.text))
        #expect(reference.sentences.filter(\.truncated).count == 1)
        for (index, sentence) in reference.sentences.enumerated() {
            let cosine = Self.compare(embeddings.row(index), sentence.embedding).cosine
            if sentence.truncated {
                #expect(cosine < 0.99, "sentence \(index)")
            } else {
                #expect(cosine >= 0.9999, "sentence \(index)")
            }
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
