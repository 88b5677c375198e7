import AssayCore
import AssayLinalg
import Crypto
import Foundation

/// Distils a static embedding table from all-MiniLM-L6-v2 by the method of Model2Vec (Tulkens & van
/// Dongen, "Model2Vec: Turn any Sentence Transformer into a Small Fast Model", 2024,
/// github.com/MinishLab/model2vec, `model2vec/distill/distillation.py` and `inference.py`):
///
/// 1. **Vocabulary.** Every WordPiece entry in id order, less those Model2Vec removes: the special tokens
///    the tokenizer neither needs nor adds (`[MASK]`; `[PAD]`, `[UNK]`, `[CLS]` and `[SEP]` stay) and the
///    entries matching its default `token_remove_pattern` `\[unused\d+\]` (994 of them). That leaves
///    29,527 of 30,522 entries; the left-out ids keep a row of zeros and weight 0.
/// 2. **Encoding.** Each entry is run through the encoder alone as the sequence `[CLS] id [SEP]` (token type
///    0), and its vector is the mean of the three last hidden states, not normalised (Model2Vec's default
///    `pooling="mean"`). The encoder takes many such sequences per call.
/// 3. **PCA** to d dimensions (256 by default): the outputs are centred on their mean and projected on the
///    d leading principal axes (scikit-learn's `PCA(n_components=d, svd_solver="full")`, no whitening; the
///    axes' signs as `PCA` fixes them).
/// 4. **SIF weights** (Arora, Liang & Ma, "A Simple but Tough-to-Beat Baseline for Sentence Embeddings",
///    ICLR 2017), with word frequencies estimated by Zipf's law from the vocabulary order: the entry at
///    0-based position r of the K kept entries has p_r = (1 / (r + 2)) / Σ_{j<K} 1 / (j + 2) and weight
///    a / (a + p_r), a = 1e-4 (`sif_coefficient`); its projected vector is multiplied by it.
/// 5. **Alignment** (Assay's step; Model2Vec has none). Steps 1–4 keep MiniLM's token geometry but not its
///    sentence geometry: a set of static sentence vectors is more alike, and differently so, than the same
///    texts' MiniLM vectors, which ranked datasets' diversity differently from MiniLM (Spearman 0.82 for
///    APS). So the distiller embeds a fixed corpus of 2,400 sentences both ways, the static unit vectors X
///    (n × d) and the MiniLM unit vectors Y (n × 384), fits the ridge map M = (XᵀX + λI)⁻¹ XᵀY (d × 384,
///    λ = 1), and multiplies every row of the table by S = (M Mᵀ)^½ (d × d, symmetric). For any two texts
///    with static sums u and v, (uS)·(vS) = (uM)·(vM): the table's cosines are those of the sentences
///    mapped into MiniLM's space, at no cost per text and without widening the vectors to 384. The corpus
///    is the resource `alignment-corpus.jsonl`, whose SHA-256 the table records; see
///    `scripts/make-alignment-corpus.py` for what it holds.
///
/// Model2Vec's default stores the table as float16; Assay stores float32 unless asked (`Options.dtype`).
/// The result depends only on the model files, the corpus and the options: two runs give the same bytes.
public enum StaticDistiller {
    /// The SIF coefficient a unless asked otherwise (Model2Vec's default).
    public static let defaultSIFCoefficient = 1e-4
    /// The ridge penalty λ of the alignment map.
    public static let ridgeLambda = 1.0

    /// What a distillation is asked to make.
    public struct Options: Sendable, Equatable {
        /// The vector dimension d, 1 to 384.
        public var dimensions: Int
        /// The SIF coefficient a, in (0, 1).
        public var sifCoefficient: Double
        /// How the table's `embeddings` are stored.
        public var dtype: SafeTensors.DType
        /// The Assay version recorded in the table.
        public var assayVersion: String
        /// For tests: distil only the ids below this; the rest are left out like `[MASK]`.
        package var vocabularyLimit: Int?
        /// For tests: align on the first this many texts of the corpus only.
        package var alignmentLimit: Int?

        public init(
            dimensions: Int = StaticTable.defaultDimensions, sifCoefficient: Double = defaultSIFCoefficient,
            dtype: SafeTensors.DType = .f32, assayVersion: String
        ) {
            self.dimensions = dimensions
            self.sifCoefficient = sifCoefficient
            self.dtype = dtype
            self.assayVersion = assayVersion
        }
    }

    /// The entries left out, as the table's metadata states them.
    static let leftOutDescription = "[MASK] and the entries matching \\[unused\\d+\\]: rows of zeros, weight 0"

    /// Distils the model in `modelDirectory` (`vocab.txt` and `model.safetensors`).
    ///
    /// - Parameters:
    ///   - progress: shown the encoding, the long part, as the step `stepName` counted in word pieces.
    /// - Throws: `AssayError`: `.usage` for options out of range, `.input` when the model is missing or
    ///   unreadable, `.runtime` when PCA fails.
    /// - Complexity: one encoder pass over 3 · V word pieces, then O(V · 384² + 384³) for PCA; one encoder
    ///   pass over the alignment corpus (about 130,000 word pieces), then O(V · d²) to apply S.
    public static func distill(
        modelDirectory: String, options: Options, progress: any ProgressReporter = SilentProgress(),
        stepName: String = "distilling the static embedder (word pieces)"
    ) throws -> StaticTable {
        guard (1...MiniLMEncoder.hiddenSize).contains(options.dimensions) else {
            throw AssayError(
                .usage, field: "--dimensions",
                "takes 1 to \(MiniLMEncoder.hiddenSize) (the MiniLM width); got \(options.dimensions)")
        }
        guard options.sifCoefficient > 0, options.sifCoefficient < 1 else {
            throw AssayError(.usage, field: "sif coefficient", "must be in (0, 1); got \(options.sifCoefficient)")
        }
        let model = try MiniLMEmbedder(directory: modelDirectory)
        let vocabularyFile = (modelDirectory as NSString).appendingPathComponent("vocab.txt")
        let weightsFile = (modelDirectory as NSString).appendingPathComponent("model.safetensors")
        let size = model.tokenizer.vocabularySize
        guard size == MiniLMEncoder.vocabularySize else {
            throw AssayError(
                .input, file: vocabularyFile,
                "has \(size) entries, the encoder \(MiniLMEncoder.vocabularySize); is this the all-MiniLM-L6-v2 vocabulary?"
            )
        }
        let limit = min(size, options.vocabularyLimit ?? size)
        let tokens = model.tokenizer.tokens((0..<Int32(limit)).map { $0 })
        let kept = tokens.indices.filter { !isLeftOut(tokens[$0]) }
        guard kept.count > options.dimensions else {
            throw AssayError(
                .usage, field: "--dimensions",
                "must be below the \(kept.count) entries distilled; got \(options.dimensions)")
        }
        let step = progress.step(stepName, total: 3 * kept.count, rows: kept.count)
        let outputs = model.encoder.embed(
            kept.map { [WordPieceTokenizer.classID, Int32($0), WordPieceTokenizer.separatorID] }, progress: step,
            normalizing: false)
        step.finish()
        guard let pca = PCA(outputs, componentCount: options.dimensions) else {
            throw AssayError(.runtime, file: weightsFile, "PCA of the token vectors failed to converge")
        }
        let projected = pca.transform(outputs)
        let sif = sifWeights(count: kept.count, coefficient: options.sifCoefficient)
        let d = options.dimensions
        var embeddings = Matrix(rows: size, columns: d)
        var weights = [Float](repeating: 0, count: size)
        for (rank, id) in kept.enumerated() {
            weights[id] = sif[rank]
            for j in 0..<d { embeddings.values[id * d + j] = sif[rank] * projected.values[rank * d + j] }
        }
        var provenance = StaticTable.Provenance(
            sourceModel: model.modelID, sourceSHA256: try sha256(ofFile: weightsFile),
            vocabularySHA256: try sha256(ofFile: vocabularyFile), vocabularySize: size, tokensDistilled: kept.count,
            dimensions: d, sifCoefficient: options.sifCoefficient,
            explainedVariance: (pca.explainedVarianceRatio.reduce(0, +) * 1e6).rounded() / 1e6,
            alignmentCorpusSHA256: "", alignmentTexts: 0, ridgeLambda: ridgeLambda, dtype: options.dtype,
            assayVersion: options.assayVersion)
        let unaligned = StaticTable(
            embeddings: embeddings, weights: weights, pcaMean: pca.mean, pcaComponents: pca.components,
            alignment: .identity(d), provenance: provenance)
        let corpus = try AlignmentCorpus.load()
        let texts = Array(corpus.texts.prefix(options.alignmentLimit ?? corpus.texts.count))
        let alignment = try alignmentMap(
            unaligned: StaticEmbedder(table: unaligned, tokenizer: model.tokenizer).embed(texts),
            minilm: model.embed(texts, progress: progress, stepName: "aligning it with MiniLM (word pieces)"),
            lambda: ridgeLambda, file: weightsFile)
        provenance.alignmentCorpusSHA256 = corpus.sha256
        provenance.alignmentTexts = texts.count
        return StaticTable(
            embeddings: Matrix.product(embeddings, alignment), weights: weights, pcaMean: pca.mean,
            pcaComponents: pca.components, alignment: alignment, provenance: provenance)
    }

    /// The alignment S = (M Mᵀ)^½ of the ridge map M = (XᵀX + λI)⁻¹ XᵀY from the static sentence vectors X
    /// (n × d) to the MiniLM ones Y (n × h) of the same texts: d × d, symmetric, positive semi-definite, and
    /// such that (uS)·(vS) = (uM)·(vM) for any u and v.
    ///
    /// Both square roots and inverses go through eigen-decompositions of symmetric d × d matrices:
    /// XᵀX + λI = U diag(a) Uᵀ gives M = U diag(1/a) Uᵀ XᵀY, and M Mᵀ = V diag(w) Vᵀ gives
    /// S = V diag(√w) Vᵀ (eigenvalues below 0, rounding only, taken as 0).
    ///
    /// - Throws: `AssayError` (`.runtime`, naming `file`) when a decomposition fails to converge.
    /// - Complexity: O(n · d · (d + h) + d³).
    static func alignmentMap(unaligned x: Matrix, minilm y: Matrix, lambda: Double, file: String) throws -> Matrix {
        precondition(x.rows == y.rows, "one MiniLM vector per static vector")
        let d = x.columns
        var regularised = x.gram()
        for i in 0..<d { regularised.values[i * d + i] += Float(lambda) }
        guard let ridge = SymmetricEigen(regularised) else {
            throw AssayError(.runtime, file: file, "the alignment's ridge system failed to converge")
        }
        // Uᵀ XᵀY, each row i divided by a_i, then U back: M = U diag(1/a) Uᵀ XᵀY (U's columns are the
        // eigenvectors, `vectors`' rows).
        var rotated = Matrix.product(ridge.vectors, Matrix.product(x, y, transposeA: true))
        for i in 0..<d {
            let scale = 1 / ridge.values[i]
            for j in 0..<rotated.columns { rotated.values[i * rotated.columns + j] *= scale }
        }
        let map = Matrix.product(ridge.vectors, rotated, transposeA: true)
        guard let square = SymmetricEigen(Matrix.product(map, map, transposeB: true)) else {
            throw AssayError(.runtime, file: file, "the alignment's square root failed to converge")
        }
        var scaled = square.vectors
        for i in 0..<d {
            let root = max(square.values[i], 0).squareRoot()
            for j in 0..<d { scaled.values[i * d + j] *= root }
        }
        return Matrix.product(square.vectors, scaled, transposeA: true)
    }

    /// The word pieces a distillation encodes, `[CLS]` and `[SEP]` included: three for each vocabulary entry
    /// (an upper bound: the entries left out are not encoded) and the alignment corpus's, read as MiniLM
    /// reads them. For an estimate of the time it takes.
    ///
    /// - Throws: `AssayError` (`.runtime`) when the alignment corpus cannot be read.
    /// - Complexity: O(corpus length) to tokenize the corpus.
    public static func wordPiecesEncoded(tokenizer: WordPieceTokenizer) throws -> Int {
        let corpus = try AlignmentCorpus.load()
        let pieces = corpus.texts.reduce(0) { total, text in
            let count = tokenizer.wordPieceIDs(text, limit: MiniLMEmbedder.piecesRead(under: .chunk)).count
            return total + MiniLMEmbedder.windows(pieces: count, under: .chunk).reduce(0) { $0 + $1.count + 2 }
        }
        return 3 * tokenizer.vocabularySize + pieces
    }

    /// Whether Model2Vec leaves the vocabulary entry `token` out: `[MASK]`, or a match of `\[unused\d+\]`.
    static func isLeftOut(_ token: String) -> Bool {
        if token == "[MASK]" { return true }
        guard token.hasPrefix("[unused"), token.hasSuffix("]") else { return false }
        let digits = token.dropFirst("[unused".count).dropLast()
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The SIF weights of `count` entries in vocabulary order under Zipf's law: a / (a + p_r) with
    /// p_r = (1 / (r + 2)) / Σ_{j<count} 1 / (j + 2) for the entry at 0-based position r (Model2Vec's
    /// `compute_weights`).
    ///
    /// - Complexity: O(count).
    public static func sifWeights(count: Int, coefficient a: Double) -> [Float] {
        let total = (0..<count).reduce(0.0) { $0 + 1 / Double($1 + 2) }
        return (0..<count).map { rank in
            let probability = 1 / Double(rank + 2) / total
            return Float(a / (a + probability))
        }
    }

    /// The SHA-256 of a file's bytes, lowercase hex.
    ///
    /// - Throws: `AssayError` (`.input`) when the file cannot be read.
    static func sha256(ofFile path: String) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw AssayError(.input, file: path, "cannot be read (\(error.localizedDescription))")
        }
        return sha256(data)
    }

    /// The SHA-256 of `data`, lowercase hex.
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
