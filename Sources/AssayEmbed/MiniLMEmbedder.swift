import AssayCore
import AssayLinalg
import Foundation

/// all-MiniLM-L6-v2 end to end: the BERT uncased tokenizer, truncation to 256 word pieces, and the
/// encoder on OpenBLAS.
public struct MiniLMEmbedder: Embedder {
    /// The model's name, its `modelID`.
    public static let name = "all-MiniLM-L6-v2"
    public let modelID = MiniLMEmbedder.name
    public let dimension = MiniLMEncoder.hiddenSize
    /// Word pieces per text, [CLS] and [SEP] included (the model's `max_seq_length`).
    public static let maxLength = 256

    /// Word pieces per second the encoder embeds, for estimating how long a run will take. `AssayBench static`
    /// measured 4,500 on short sentences (11 pieces) and 1,900 on texts cut at 256 pieces, whose attention
    /// costs more, on the 2-core reference machine with OpenBLAS's SkylakeX kernels; where OpenBLAS falls
    /// back to its generic Prescott kernels (`OPENBLAS_CORETYPE` unset on a CPU it does not know) about 900.
    public static let wordPiecesPerSecond = 4000.0

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

    /// The word pieces the encoder reads from `texts`: each text's, `[CLS]` and `[SEP]` included, at most
    /// `maxLength` — what its time grows with. Counted in parallel over chunks of texts.
    ///
    /// - Complexity: O(n · p) as `WordPieceTokenizer.encode(_:maxLength:)`, n counting the bytes it reads.
    public static func wordPieces(in texts: [String], tokenizer: WordPieceTokenizer) -> Int {
        let chunk = 256
        let parts = ParallelMap.map(0..<((texts.count + chunk - 1) / chunk)) { index in
            texts[(index * chunk)..<min(texts.count, (index + 1) * chunk)].reduce(0) { sum, text in
                sum + tokenizer.encode(text, maxLength: maxLength).count
            }
        }
        return parts.reduce(0, +)
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
