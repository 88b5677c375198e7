import CBLAS

/// A dense row-major matrix of `Float`, the shape every vector routine in Assay exchanges.
///
/// Embeddings are rows: an N×d matrix holds N vectors of dimension d. Products go to OpenBLAS.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// The entries, row after row: entry (i, j) is `values[i * columns + j]`.
    public var values: [Float]

    /// A `rows`×`columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "a matrix has a non-negative shape")
        self.rows = rows
        self.columns = columns
        self.values = [Float](repeating: value, count: rows * columns)
    }

    /// A matrix over `values`, given row after row.
    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(values.count == rows * columns, "\(values.count) values do not fill \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix whose rows are `rowVectors` (all of one length).
    public init(rowVectors: [[Float]]) {
        let columns = rowVectors.first?.count ?? 0
        precondition(rowVectors.allSatisfy { $0.count == columns }, "rows of different lengths")
        self.init(rows: rowVectors.count, columns: columns, values: rowVectors.flatMap { $0 })
    }

    public subscript(row: Int, column: Int) -> Float {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// The n × n identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var result = Matrix(rows: n, columns: n)
        for i in 0..<n { result.values[i * n + i] = 1 }
        return result
    }

    /// Row `index` as an array.
    public func row(_ index: Int) -> [Float] {
        Array(values[(index * columns)..<((index + 1) * columns)])
    }

    /// The rows at `indices`, in that order.
    ///
    /// - Complexity: O(indices.count · columns).
    public func selecting(rows indices: [Int]) -> Matrix {
        var result = [Float]()
        result.reserveCapacity(indices.count * columns)
        for index in indices { result.append(contentsOf: values[(index * columns)..<((index + 1) * columns)]) }
        return Matrix(rows: indices.count, columns: columns, values: result)
    }

    /// The transpose.
    ///
    /// - Complexity: O(rows · columns).
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for i in 0..<rows {
            for j in 0..<columns { result.values[j * rows + i] = values[i * columns + j] }
        }
        return result
    }

    /// `alpha · op(a) · op(b)`, where op transposes when asked (cblas_sgemm).
    ///
    /// - Complexity: O(m · n · k) for an m×k by k×n product.
    public static func product(
        _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false, alpha: Float = 1
    ) -> Matrix {
        var result = Matrix(rows: transposeA ? a.columns : a.rows, columns: transposeB ? b.rows : b.columns)
        multiply(a, b, transposeA: transposeA, transposeB: transposeB, alpha: alpha, into: &result)
        return result
    }

    /// `result = alpha · op(a) · op(b)` into an existing matrix of the product's shape (reallocated when
    /// its shape differs), so that a loop of products of one shape reuses one buffer.
    ///
    /// - Complexity: O(m · n · k) for an m×k by k×n product.
    public static func multiply(
        _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false, alpha: Float = 1,
        into result: inout Matrix
    ) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let n = transposeB ? b.rows : b.columns
        precondition(k == (transposeB ? b.columns : b.rows), "inner dimensions differ")
        if result.rows != m || result.columns != n { result = Matrix(rows: m, columns: n) }
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            for index in result.values.indices { result.values[index] = 0 }
            return
        }
        a.values.withUnsafeBufferPointer { av in
            b.values.withUnsafeBufferPointer { bv in
                result.values.withUnsafeMutableBufferPointer { cv in
                    cblas_sgemm(
                        CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), alpha, av.baseAddress, Int32(a.columns), bv.baseAddress,
                        Int32(b.columns), 0, cv.baseAddress, Int32(n))
                }
            }
        }
    }

    /// `alpha · self · x` for a vector x of length `columns` (cblas_sgemv): one pass over the matrix,
    /// where an sgemm with one column would first copy it into packed panels.
    ///
    /// - Complexity: O(rows · columns).
    public func times(_ x: [Float], alpha: Float = 1) -> [Float] {
        precondition(x.count == columns, "a vector of \(x.count) entries for \(columns) columns")
        var result = [Float](repeating: 0, count: rows)
        guard rows > 0, columns > 0 else { return result }
        values.withUnsafeBufferPointer { av in
            x.withUnsafeBufferPointer { xv in
                result.withUnsafeMutableBufferPointer { yv in
                    cblas_sgemv(
                        CblasRowMajor, CblasNoTrans, Int32(rows), Int32(columns), alpha, av.baseAddress,
                        Int32(columns), xv.baseAddress, 1, 0, yv.baseAddress, 1)
                }
            }
        }
        return result
    }

    /// The Gram matrix `alpha · selfᵀ · self` (columns × columns, symmetric), through cblas_ssyrk.
    ///
    /// - Complexity: O(rows · columns²).
    public func gram(alpha: Float = 1) -> Matrix {
        let d = columns
        var result = Matrix(rows: d, columns: d)
        guard rows > 0, d > 0 else { return result }
        values.withUnsafeBufferPointer { av in
            result.values.withUnsafeMutableBufferPointer { cv in
                cblas_ssyrk(
                    CblasRowMajor, CblasUpper, CblasTrans, Int32(d), Int32(rows), alpha, av.baseAddress, Int32(d), 0,
                    cv.baseAddress, Int32(d))
            }
        }
        // ssyrk fills the upper triangle only; mirror it.
        for i in 0..<d {
            for j in 0..<i { result.values[i * d + j] = result.values[j * d + i] }
        }
        return result
    }

    /// The mean of the rows.
    ///
    /// - Complexity: O(rows · columns).
    public var columnMeans: [Float] {
        var sums = [Double](repeating: 0, count: columns)
        for i in 0..<rows {
            for j in 0..<columns { sums[j] += Double(values[i * columns + j]) }
        }
        return sums.map { rows > 0 ? Float($0 / Double(rows)) : 0 }
    }

    /// The rows with `vector` subtracted from each.
    public func subtractingFromRows(_ vector: [Float]) -> Matrix {
        precondition(vector.count == columns, "vector length differs from the column count")
        var result = self
        for i in 0..<rows {
            for j in 0..<columns { result.values[i * columns + j] -= vector[j] }
        }
        return result
    }

    /// The rows scaled to unit Euclidean length (zero rows stay zero).
    public var rowNormalized: Matrix {
        var result = self
        for i in 0..<rows {
            var sum: Float = 0
            for j in 0..<columns { sum += values[i * columns + j] * values[i * columns + j] }
            guard sum > 0 else { continue }
            let scale = 1 / sum.squareRoot()
            for j in 0..<columns { result.values[i * columns + j] *= scale }
        }
        return result
    }
}
