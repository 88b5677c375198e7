import AssayCore
import AssayLinalg
import Dispatch
import Foundation

/// Sentence vectors from a static table distilled from all-MiniLM-L6-v2 (`StaticDistiller`): a text's
/// WordPiece ids (no `[CLS]` or `[SEP]`), each looked up in the table, averaged and scaled to unit length —
/// Model2Vec's `StaticModel.encode` (Tulkens & van Dongen, 2024).
///
/// As in Model2Vec, `[UNK]` pieces are dropped, and so are the ids the distillation left out (`[MASK]`,
/// `[unusedN]`, weight 0). A text with no piece left (empty, white space only, or only unknown words)
/// gets a zero vector. Every word piece of a text counts: there is no length limit, where MiniLM reads the
/// first 254 (Model2Vec's `encode` cuts at 512 by default).
///
/// Each text is embedded on its own, so a text's vector never depends on the other texts of the call.
/// The vectors are not put in the SQLite embedding cache: a text takes microseconds to embed, less than
/// looking it up. The model id names the table (`static-all-MiniLM-L6-v2-256`), so a cache or report
/// never mixes these vectors with MiniLM's.
///
/// The method has no context: a piece has the same vector wherever it stands, word order is ignored and
/// negation is lost ("not good" is near "good").
public struct StaticEmbedder: Embedder {
    public let modelID: String
    public let dimension: Int
    public let tokenizer: WordPieceTokenizer
    /// The table's rows, V × d, row-major.
    private let rows: [Float]
    /// Whether each id takes part in a text's mean: false for `[UNK]` and the ids the table left out.
    private let counted: [Bool]

    /// An embedder over `table`, tokenizing with `tokenizer`, whose vocabulary the table was distilled from.
    ///
    /// - Throws: `AssayError` (`.input`) when the table's rows and the vocabulary differ in number.
    public init(table: StaticTable, tokenizer: WordPieceTokenizer) throws {
        guard table.embeddings.rows == tokenizer.vocabularySize else {
            throw AssayError(
                .input,
                "the static table has \(table.embeddings.rows) rows but the vocabulary \(tokenizer.vocabularySize) entries; distil it again with assay model distill"
            )
        }
        self.tokenizer = tokenizer
        self.dimension = table.dimension
        self.rows = table.embeddings.values
        self.counted = table.weights.indices.map { id in
            table.weights[id] != 0 && Int32(id) != WordPieceTokenizer.unknownID
        }
        let suffix = table.provenance.dtype == .f16 ? "-f16" : ""
        self.modelID = "static-\(table.provenance.sourceModel)-\(table.dimension)\(suffix)"
    }

    /// Loads `vocab.txt` from `directory` and the table at `tableFile` (by default
    /// `static-256.safetensors` in `directory`).
    ///
    /// - Throws: `AssayError` (`.input`) when a file is missing or unreadable, or the table was distilled
    ///   from another vocabulary (its `vocabulary_sha256` differs from `vocab.txt`'s).
    public init(directory: String, tableFile: String? = nil) throws {
        let vocabularyFile = (directory as NSString).appendingPathComponent("vocab.txt")
        let path = tableFile ?? StaticTable.defaultPath(modelDirectory: directory)
        guard FileManager.default.fileExists(atPath: path) else {
            throw AssayError(
                .input, file: path,
                "no static table here; distil it once with `assay model distill --model-dir \(directory)`")
        }
        let table = try StaticTable(file: path)
        let tokenizer = try WordPieceTokenizer(vocabularyFile: vocabularyFile)
        guard try StaticDistiller.sha256(ofFile: vocabularyFile) == table.provenance.vocabularySHA256 else {
            throw AssayError(
                .input, file: path,
                "was distilled from another vocab.txt than \(vocabularyFile); distil it again with assay model distill")
        }
        try self.init(table: table, tokenizer: tokenizer)
    }

    /// - Complexity: as `embed(_:progress:)`.
    public func embed(_ texts: [String]) throws -> Matrix {
        try embed(texts, progress: SilentProgress())
    }

    /// The embeddings of `texts`, in chunks of texts spread over every core; the step `embedding (texts)`
    /// of `progress` advances by chunk.
    ///
    /// - Complexity: O(B · p + P · d) for B bytes of text, P word pieces and dimension d (tokenizing as
    ///   `WordPieceTokenizer.wordPieceIDs(_:)`, then one row added per piece).
    public func embed(_ texts: [String], progress: any ProgressReporter) throws -> Matrix {
        var result = Matrix(rows: texts.count, columns: dimension)
        guard !texts.isEmpty else { return result }
        let step = progress.step("embedding (texts)", total: texts.count, rows: texts.count)
        defer { step.finish() }
        let chunk = 512
        result.values.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let target = SharedFloats(base: base)
            DispatchQueue.concurrentPerform(iterations: (texts.count + chunk - 1) / chunk) { part in
                let range = (part * chunk)..<min(texts.count, (part + 1) * chunk)
                for index in range {
                    embed(texts[index], into: target.base + index * dimension)
                }
                step.advance(by: range.count)
            }
        }
        return result
    }

    /// Writes the unit-length mean of the counted rows of `text`'s pieces to `output` (zeros when none
    /// counts). The mean is not divided out: scaling the sum to unit length gives the same vector.
    private func embed(_ text: String, into output: UnsafeMutablePointer<Float>) {
        let d = dimension
        rows.withUnsafeBufferPointer { table in
            for id in tokenizer.wordPieceIDs(text) where counted[Int(id)] {
                let row = Int(id) * d
                for j in 0..<d { output[j] += table[row + j] }
            }
        }
        var squares: Float = 0
        for j in 0..<d { squares += output[j] * output[j] }
        guard squares > 0 else { return }
        let scale = 1 / squares.squareRoot()
        for j in 0..<d { output[j] *= scale }
    }
}
