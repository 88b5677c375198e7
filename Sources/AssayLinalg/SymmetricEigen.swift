import CBLAS

/// The eigen-decomposition of a real symmetric matrix, through LAPACK's divide-and-conquer `ssyevd`.
public struct SymmetricEigen: Sendable {
    /// The eigenvalues, ascending.
    public let values: [Float]
    /// The eigenvectors as rows: row i belongs to `values[i]`, unit length.
    public let vectors: Matrix

    /// Decomposes `matrix`, which must be square and symmetric (only its upper triangle is read).
    ///
    /// - Returns: nil when LAPACK reports that the decomposition failed to converge.
    /// - Complexity: O(n³).
    public init?(_ matrix: Matrix) {
        precondition(matrix.rows == matrix.columns, "eigen-decomposition needs a square matrix")
        let n = matrix.rows
        guard n > 0 else {
            values = []
            vectors = Matrix(rows: 0, columns: 0)
            return
        }
        // LAPACK is column-major: a symmetric matrix is its own transpose, so the row-major values
        // are already in place. On return, column j of the column-major result is eigenvector j, which
        // read row-major is row j.
        var a = matrix.values
        var w = [Float](repeating: 0, count: n)
        var jobz = Int8(UInt8(ascii: "V"))
        var uplo = Int8(UInt8(ascii: "L"))  // row-major upper = column-major lower
        var order = Int32(n)
        var lda = Int32(n)
        var info: Int32 = 0
        // Ask for the workspace sizes first.
        var workSize: Float = 0
        var iworkSize: Int32 = 0
        var query: Int32 = -1
        ssyevd_(&jobz, &uplo, &order, &a, &lda, &w, &workSize, &query, &iworkSize, &query, &info)
        guard info == 0 else { return nil }
        var lwork = Int32(workSize)
        var liwork = iworkSize
        var work = [Float](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        ssyevd_(&jobz, &uplo, &order, &a, &lda, &w, &work, &lwork, &iwork, &liwork, &info)
        guard info == 0 else { return nil }
        values = w
        vectors = Matrix(rows: n, columns: n, values: a)
    }
}
