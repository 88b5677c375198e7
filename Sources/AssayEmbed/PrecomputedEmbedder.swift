import AssayCore
import AssayLinalg
import Foundation

/// Embeddings computed elsewhere, read from a file: row i of the file is the embedding of text i.
///
/// Two formats, chosen by the extension:
/// - `.npy`: a NumPy array of shape (N, d), format version 1.0, 2.0 or 3.0, dtype `<f4` (float32) or `<f8`
///   (float64, converted to float32), C order — what `np.save(path, embeddings)` writes;
/// - `.jsonl`: one JSON object per line with an `embedding` array of d numbers (other fields are ignored,
///   blank lines skipped).
///
/// The texts themselves are not looked at: `embed` checks that there are as many texts as vectors and
/// returns the vectors, L2-normalised, in file order.
public struct PrecomputedEmbedder: Embedder {
    /// `file:<basename>`.
    public let modelID: String
    public let dimension: Int
    /// The file's vectors, one L2-normalised row each (a zero vector stays zero).
    public let vectors: Matrix
    /// The file, as the user named it.
    public let path: String

    /// Reads every vector of the `.npy` or `.jsonl` file at `path`.
    ///
    /// - Parameter expectedRows: the number of rows of the dataset, checked against the file's vector count
    ///   now rather than at the first `embed`.
    /// - Throws: `AssayError` (`.input`) naming the file (and for JSONL the line and field) when the file
    ///   is unreadable or malformed, a value is not a finite number, the rows differ in dimension, the
    ///   dtype or layout is unsupported, or the vector count differs from `expectedRows`.
    /// - Complexity: O(file size).
    public init(path: String, expectedRows: Int? = nil) throws {
        let raw = try MatrixFile.read(path: path, field: "embedding", what: "embedding")
        self.path = path
        self.vectors = raw.rowNormalized
        self.dimension = raw.columns
        self.modelID = "file:" + (path as NSString).lastPathComponent
        if let expectedRows { try checkRowCount(expectedRows) }
    }

    /// The vectors of the file, L2-normalised, one per text of `texts` in order.
    ///
    /// - Throws: `AssayError` (`.input`) when the file has more or fewer vectors than there are texts.
    /// - Complexity: O(1) beyond the copy-on-write return of the matrix.
    public func embed(_ texts: [String]) throws -> Matrix {
        try checkRowCount(texts.count)
        return vectors
    }

    private func checkRowCount(_ rows: Int) throws {
        guard rows != vectors.rows else { return }
        throw AssayError(
            .input, file: path,
            "the file has \(vectors.rows) \(vectors.rows == 1 ? "vector" : "vectors") but the dataset has \(rows) \(rows == 1 ? "row" : "rows"); it needs one vector per dataset row, in the same order"
        )
    }
}
