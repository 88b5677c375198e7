import AssayCore
import AssayLinalg
import Foundation

/// all-MiniLM-L6-v2 end to end: the BERT uncased tokenizer, a long text read in overlapping windows (or
/// cut) as `longText` says, and the encoder on OpenBLAS.
///
/// The model reads at most 256 word pieces, `[CLS]` and `[SEP]` included, so at most 254 of a text's
/// word pieces at once. Under `.chunk` a text of p > 254 word pieces is read as windows of 254 word
/// pieces starting at 0, 128, 256, … (the last may be shorter), as many as reach its end but at most
/// `maxWindows`; each window is embedded as `[CLS] window [SEP]` (mean-pooled, L2-normalised) and the
/// text's vector is the mean of the window vectors weighted by each window's word pieces, L2-normalised.
/// Every word piece past the first 128 is read by two windows, so a chunked text costs about twice its
/// word pieces. Under `.truncate` a text is read as its first window alone.
public struct MiniLMEmbedder: Embedder {
    /// The model's name, its `modelID`: the name the report records, whatever the policy.
    public static let name = "all-MiniLM-L6-v2"
    public let modelID = MiniLMEmbedder.name
    public let dimension = MiniLMEncoder.hiddenSize
    /// Word pieces per sequence, [CLS] and [SEP] included (the model's `max_seq_length`).
    public static let maxLength = 256
    /// A window's word pieces at most: `maxLength` less [CLS] and [SEP].
    public static let windowLength = maxLength - 2
    /// Word pieces from one window's start to the next's.
    public static let windowStride = 128
    /// The most windows a text is read as under `.chunk`: a cap on the cost of one text (8 windows read
    /// 254 + 7 · 128 = 1,150 word pieces); the rest of a longer text is not read.
    public static let maxWindows = 8

    /// Word pieces per second the encoder embeds, for estimating how long a run will take. `AssayBench static`
    /// measured 4,500 on short sentences (11 pieces) and 1,900 on texts cut at 256 pieces, whose attention
    /// costs more, on the 2-core reference machine with OpenBLAS's SkylakeX kernels; where OpenBLAS falls
    /// back to its generic Prescott kernels (`OPENBLAS_CORETYPE` unset on a CPU it does not know) about 900.
    public static let wordPiecesPerSecond = 4000.0

    public let tokenizer: WordPieceTokenizer
    public let encoder: MiniLMEncoder
    /// How a text longer than 254 word pieces is read.
    public let longText: LongTextPolicy

    /// The model id the embedding cache keys vectors on: `all-MiniLM-L6-v2` under `.truncate` (what caches
    /// written before chunking hold), `all-MiniLM-L6-v2+chunk` under `.chunk`, so that the two policies'
    /// vectors of a long text never mix. A short text's vector is the same under both, but is cached under
    /// each policy's id apart: simpler than keying by length, at the cost of one embedding per policy.
    public var cacheModelID: String { MiniLMEmbedder.cacheModelID(longText) }

    /// `cacheModelID` under `policy`.
    public static func cacheModelID(_ policy: LongTextPolicy) -> String {
        switch policy {
        case .truncate: name
        case .chunk: "\(name)+chunk"
        }
    }

    /// The model folder: `explicit`, else `$ASSAY_MODEL_DIR`, else `~/.cache/assay/all-MiniLM-L6-v2`.
    public static func modelDirectory(_ explicit: String? = nil) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let environment = ProcessInfo.processInfo.environment["ASSAY_MODEL_DIR"], !environment.isEmpty {
            return environment
        }
        return FileManager.default.homeDirectoryForCurrentUser
            .appendingPathComponent(".cache/assay/all-MiniLM-L6-v2").path
    }

    /// Throws the missing-model error, saying how to fetch the model, when one of `files` is not in `directory`.
    ///
    /// - Throws: `AssayError` (`.input`) naming the first file missing.
    public static func checkFiles(_ files: [String], in directory: String) throws {
        for file in files
        where !FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(file)) {
            throw AssayError(
                .input, file: (directory as NSString).appendingPathComponent(file),
                "the MiniLM model is missing; fetch it with `scripts/fetch-model.sh \(directory)` (or `make model`), point --model-dir or ASSAY_MODEL_DIR at it, or use --embedder hashing"
            )
        }
    }

    /// Loads `vocab.txt` and `model.safetensors` from `directory`.
    ///
    /// - Parameters:
    ///   - longText: how a text longer than 254 word pieces is read.
    /// - Throws: `AssayError` (`.input`) saying how to fetch the model when a file is missing.
    public init(directory: String, longText: LongTextPolicy = .chunk) throws {
        try MiniLMEmbedder.checkFiles(["vocab.txt", "model.safetensors"], in: directory)
        tokenizer = try WordPieceTokenizer(vocabularyFile: (directory as NSString).appendingPathComponent("vocab.txt"))
        encoder = try MiniLMEncoder(weightsFile: (directory as NSString).appendingPathComponent("model.safetensors"))
        self.longText = longText
    }

    /// The most word pieces of a text read under `policy`: 254 under `.truncate`, 254 + 7 · 128 = 1,150
    /// under `.chunk`.
    public static func piecesRead(under policy: LongTextPolicy) -> Int {
        windowLength + (windowLimit(policy) - 1) * windowStride
    }

    /// The windows a text of `pieces` word pieces is read as, ranges of its word pieces: one window
    /// `0..<min(pieces, 254)` under `.truncate`; under `.chunk` windows of 254 starting 128 apart until one
    /// reaches the end of the text or there are `maxWindows`. A text of at most 254 word pieces (an empty
    /// one too) is one window under both.
    ///
    /// - Complexity: O(windows).
    public static func windows(pieces: Int, under policy: LongTextPolicy) -> [Range<Int>] {
        var windows: [Range<Int>] = []
        var start = 0
        while windows.count < windowLimit(policy) {
            let end = min(start + windowLength, pieces)
            windows.append(start..<end)
            if end == pieces { break }
            start += windowStride
        }
        return windows
    }

    /// The most windows a text is read as under `policy`.
    private static func windowLimit(_ policy: LongTextPolicy) -> Int {
        policy == .chunk ? maxWindows : 1
    }

    /// The word pieces the encoder reads from `texts` under `policy`: each window's, `[CLS]` and `[SEP]`
    /// included — what its time grows with. Counted in parallel over chunks of texts.
    ///
    /// - Complexity: O(n · p) as `WordPieceTokenizer.wordPieceIDs(_:limit:)`, n counting the bytes it reads.
    public static func wordPieces(in texts: [String], tokenizer: WordPieceTokenizer, policy: LongTextPolicy) -> Int {
        let chunk = 256
        let limit = piecesRead(under: policy)
        let parts = ParallelMap.map(0..<((texts.count + chunk - 1) / chunk)) { index in
            texts[(index * chunk)..<min(texts.count, (index + 1) * chunk)].reduce(0) { sum, text in
                let pieces = tokenizer.wordPieceIDs(text, limit: limit).count
                return sum + windows(pieces: pieces, under: policy).reduce(0) { $0 + $1.count + 2 }
            }
        }
        return parts.reduce(0, +)
    }

    /// - Complexity: O(tokens) to tokenize, then as `MiniLMEncoder.embed`.
    public func embed(_ texts: [String]) throws -> Matrix {
        try embed(texts, progress: SilentProgress())
    }

    /// The embeddings of `texts`; the encoder's work is the step `embedding (word pieces)` of `progress`,
    /// counted in the word pieces encoded (every window's, `[CLS]` and `[SEP]` included) rather than texts
    /// because the encoder takes the sequences shortest first and its time grows with their length.
    ///
    /// Every window of every text goes to the encoder in one call, which batches them by length. A text read
    /// as one window gets that window's vector as it is.
    ///
    /// - Complexity: O(tokens) to tokenize (at most `piecesRead(under:)` word pieces of a text), then as
    ///   `MiniLMEncoder.embed` on the windows: about twice a chunked text's word pieces.
    public func embed(_ texts: [String], progress: any ProgressReporter) throws -> Matrix {
        embed(texts, progress: progress, stepName: "embedding (word pieces)")
    }

    /// `embed(_:progress:)` with the progress step named `stepName`.
    public func embed(_ texts: [String], progress: any ProgressReporter, stepName: String) -> Matrix {
        let limit = MiniLMEmbedder.piecesRead(under: longText)
        var sequences: [[Int32]] = []
        var weights: [Double] = []
        var windowsOfText: [Range<Int>] = []
        windowsOfText.reserveCapacity(texts.count)
        for text in texts {
            let pieces = tokenizer.wordPieceIDs(text, limit: limit)
            let first = sequences.count
            for window in MiniLMEmbedder.windows(pieces: pieces.count, under: longText) {
                sequences.append([WordPieceTokenizer.classID] + pieces[window] + [WordPieceTokenizer.separatorID])
                weights.append(Double(window.count))
            }
            windowsOfText.append(first..<sequences.count)
        }
        let step = progress.step(stepName, total: sequences.reduce(0) { $0 + $1.count }, rows: texts.count)
        defer { step.finish() }
        let windowVectors = encoder.embed(sequences, progress: step)
        let h = dimension
        var result = Matrix(rows: texts.count, columns: h)
        for (row, windows) in windowsOfText.enumerated() {
            guard windows.count > 1 else {
                let window = windows.lowerBound
                result.values.replaceSubrange(
                    (row * h)..<((row + 1) * h), with: windowVectors.values[(window * h)..<((window + 1) * h)])
                continue
            }
            var sums = [Double](repeating: 0, count: h)
            for window in windows {
                for j in 0..<h { sums[j] += weights[window] * Double(windowVectors.values[window * h + j]) }
            }
            let norm = sums.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let scale = norm > 0 ? 1 / norm : 0
            for j in 0..<h { result.values[row * h + j] = Float(sums[j] * scale) }
        }
        return result
    }
}
