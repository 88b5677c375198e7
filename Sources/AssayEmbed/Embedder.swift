import AssayCore
import AssayLinalg

/// Turns texts into sentence embeddings: one L2-normalised row per text.
public protocol Embedder: Sendable {
    /// The name the report records (`all-MiniLM-L6-v2`, `hashing` …); MiniLM's cache keys on
    /// `MiniLMEmbedder.cacheModelID`, which also names its long-text policy.
    var modelID: String { get }
    /// The embedding dimension.
    var dimension: Int { get }

    /// The embeddings of `texts`, in order.
    func embed(_ texts: [String]) throws -> Matrix

    /// The embeddings of `texts`, in order, the work reported to `progress` as a step of units that
    /// take about equal time.
    func embed(_ texts: [String], progress: any ProgressReporter) throws -> Matrix
}

extension Embedder {
    /// The embeddings of `texts`, reporting nothing: for embedders that take about a second or less on
    /// a dataset.
    public func embed(_ texts: [String], progress: any ProgressReporter) throws -> Matrix {
        try embed(texts)
    }
}
