/// A matrix that keeps only its non-zero cells, in row-major order.
///
/// The report's label matrices (each side's confident joint and noise matrix, the faithfulness confusion)
/// are K×K, but every labelled row adds to one cell, so at most N + K of the K² cells are non-zero. Holding,
/// computing and encoding those cells alone costs O(N + K) where a dense matrix costs O(K²): 10,000 rows in
/// 1,000 classes fill at most 11,000 cells of 1,000,000.
///
/// `report.json` holds it as `{"rows": R, "columns": C, "cells": [[row, column, value], …]}`
/// (`SparseMatrix+Codable.swift`); a cell not listed is 0.
public struct SparseMatrix<Value>: Sendable, Equatable where Value: Numeric & Codable & Sendable {
    /// One non-zero cell: `value` at (`row`, `column`), both counted from 0.
    public struct Cell: Sendable, Equatable {
        public var row: Int
        public var column: Int
        public var value: Value

        public init(row: Int, column: Int, value: Value) {
            self.row = row
            self.column = column
            self.value = value
        }
    }

    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int
    /// The non-zero cells, ordered by row, then column; each position at most once.
    public let cells: [Cell]

    /// The `rows`×`columns` zero matrix.
    public init(rows: Int, columns: Int) {
        self.init(rows: rows, columns: columns, validCells: [])
    }

    /// A `rows`×`columns` matrix from cells in any order: cells at the same position are added (in the order
    /// given, as `scipy.sparse.coo_matrix` sums duplicates), and positions whose value is zero are left out.
    ///
    /// Counting into a matrix is one cell of value 1 per observation.
    ///
    /// - Precondition: every cell's row is in 0..<rows and its column in 0..<columns.
    /// - Complexity: O(n log n) for n cells.
    public init(rows: Int, columns: Int, cells: some Sequence<Cell>) {
        precondition(rows >= 0 && columns >= 0, "a matrix has no negative dimension")
        let given = Array(cells)
        precondition(
            given.allSatisfy { (0..<rows).contains($0.row) && (0..<columns).contains($0.column) },
            "a cell lies outside the \(rows)×\(columns) matrix")
        let order = given.indices.sorted { a, b in
            let (x, y) = (given[a], given[b])
            if x.row != y.row { return x.row < y.row }
            if x.column != y.column { return x.column < y.column }
            return a < b
        }
        var merged: [Cell] = []
        merged.reserveCapacity(given.count)
        for index in order {
            let cell = given[index]
            if let last = merged.last, last.row == cell.row, last.column == cell.column {
                merged[merged.count - 1].value += cell.value
            } else {
                merged.append(cell)
            }
        }
        self.init(rows: rows, columns: columns, validCells: merged.filter { $0.value != .zero })
    }

    /// The matrix of `dense`, a list of rows of equal length, without its zero cells.
    ///
    /// - Precondition: every row has as many values as the first.
    /// - Complexity: O(rows × columns).
    public init(_ dense: [[Value]]) {
        let columns = dense.first?.count ?? 0
        precondition(dense.allSatisfy { $0.count == columns }, "the rows of a matrix have equal lengths")
        var cells: [Cell] = []
        for (row, values) in dense.enumerated() {
            for (column, value) in values.enumerated() where value != .zero {
                cells.append(Cell(row: row, column: column, value: value))
            }
        }
        self.init(rows: dense.count, columns: columns, validCells: cells)
    }

    /// A matrix from cells already in range, in row-major order, each position once, none zero.
    init(rows: Int, columns: Int, validCells cells: [Cell]) {
        self.rows = rows
        self.columns = columns
        self.cells = cells
    }

    /// The number of cells stored: those that are not zero.
    public var nonZeroCount: Int { cells.count }

    /// The value at (`row`, `column`): the stored cell's, or zero.
    ///
    /// - Precondition: `row` is in 0..<rows and `column` in 0..<columns.
    /// - Complexity: O(log nonZeroCount), a binary search.
    public subscript(row: Int, column: Int) -> Value {
        precondition(
            (0..<rows).contains(row) && (0..<columns).contains(column),
            "(\(row), \(column)) lies outside the \(rows)×\(columns) matrix")
        let index = firstIndex(notBefore: row, column)
        guard index < cells.count, cells[index].row == row, cells[index].column == column else { return .zero }
        return cells[index].value
    }

    /// The non-zero cells of `row`, in column order (their indices are those of `cells`).
    ///
    /// - Precondition: `row` is in 0..<rows.
    /// - Complexity: O(log nonZeroCount).
    public func cells(inRow row: Int) -> ArraySlice<Cell> {
        precondition((0..<rows).contains(row), "row \(row) lies outside the \(rows)×\(columns) matrix")
        return cells[firstIndex(notBefore: row, 0)..<firstIndex(notBefore: row + 1, 0)]
    }

    /// The sum of each row.
    ///
    /// - Complexity: O(rows + nonZeroCount).
    public var rowSums: [Value] {
        var sums = [Value](repeating: .zero, count: rows)
        for cell in cells { sums[cell.row] += cell.value }
        return sums
    }

    /// The sum of each column.
    ///
    /// - Complexity: O(columns + nonZeroCount).
    public var columnSums: [Value] {
        var sums = [Value](repeating: .zero, count: columns)
        for cell in cells { sums[cell.column] += cell.value }
        return sums
    }

    /// Every cell, zeros included, as a list of rows: for small matrices only (a table of a few classes).
    ///
    /// - Complexity: O(rows × columns).
    public var dense: [[Value]] {
        var matrix = [[Value]](repeating: [Value](repeating: .zero, count: columns), count: rows)
        for cell in cells { matrix[cell.row][cell.column] = cell.value }
        return matrix
    }

    /// The index of the first cell at or after (`row`, `column`) in row-major order.
    private func firstIndex(notBefore row: Int, _ column: Int) -> Int {
        var (low, high) = (0, cells.count)
        while low < high {
            let middle = (low + high) / 2
            let cell = cells[middle]
            if cell.row < row || (cell.row == row && cell.column < column) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }
}
