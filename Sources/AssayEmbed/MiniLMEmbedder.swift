import AssayCore
import AssayLinalg
import Foundation

/// all-MiniLM-L6-v2 end to end: the BERT uncased tokenizer, truncation to 256 word pieces, and the
/// encoder on OpenBLAS.
public struct MiniLMEmbedder: Embedder {
    public let modelID = "all-MiniLM-L6-v2"
    public let dimension = MiniLMEncoder.hiddenSize
    /// Word pieces per text, [CLS] and [SEP] included (the model's `max_seq_length`).
    public static let maxLength = 256

    public let tokenizer: WordPieceTokenizer
    public let encoder: MiniLMEncoder

    /// The model folder: `explicit`, else `$ASSAY_MODEL_DIR`, else `~/.cache/assay/all-MiniLM-L6-v2`.
    public static func modelDirectory(_ explicit: String? = nil) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let environment = ProcessInfo.processInfo.environment["ASSAY_MODEL_DIR"], !environment.isEmpty {
            return environment
        }
        return FileManager.default.homeDirectoryForCurrentUser
            .appendingPathComponent(".cache/assay/all-MiniLM-L6-v2").path
    }

    /// Loads `vocab.txt` and `model.safetensors` from `directory`.
    ///
    /// - Throws: `AssayError` (`.input`) saying how to fetch the model when a file is missing.
    public init(directory: String) throws {
        let fileManager = FileManager.default
        for file in ["vocab.txt", "model.safetensors"]
        where !fileManager.fileExists(atPath: (directory as NSString).appendingPathComponent(file)) {
            throw AssayError(
                .input, file: (directory as NSString).appendingPathComponent(file),
                "the MiniLM model is missing; fetch it with `scripts/fetch-model.sh \(directory)` (or `make model`), point --model-dir or ASSAY_MODEL_DIR at it, or use --embedder hashing"
            )
        }
        tokenizer = try WordPieceTokenizer(vocabularyFile: (directory as NSString).appendingPathComponent("vocab.txt"))
        encoder = try MiniLMEncoder(weightsFile: (directory as NSString).appendingPathComponent("model.safetensors"))
    }

    /// - Complexity: O(tokens) to tokenize, then as `MiniLMEncoder.embed`.
    public func embed(_ texts: [String]) throws -> Matrix {
        try embed(texts, progress: SilentProgress())
    }

    /// The embeddings of `texts`; the encoder's work is the step `embedding (word pieces)` of `progress`,
    /// counted in word pieces rather than texts because the encoder takes the texts shortest first and
    /// its time grows with their length.
    ///
    /// - Complexity: as `embed(_:)`.
    public func embed(_ texts: [String], progress: any ProgressReporter) throws -> Matrix {
        let sequences = texts.map { tokenizer.encode($0, maxLength: MiniLMEmbedder.maxLength) }
        let step = progress.step(
            "embedding (word pieces)", total: sequences.reduce(0) { $0 + $1.count }, rows: texts.count)
        defer { step.finish() }
        return encoder.embed(sequences, progress: step)
    }
}
