/// `{"rows": R, "columns": C, "cells": [[row, column, value], …]}`: the non-zero cells only, each a
/// three-number array, in row-major order (`reports/report.schema.json`, `#/$defs/sparseMatrix`).
///
/// To get the dense matrix back, start from R×C zeros and set `m[row][column] = value` for every cell
/// (in Python, `scipy.sparse.coo_matrix((values, (rows, columns)), shape=(R, C)).toarray()`).
extension SparseMatrix: Codable {
    private enum CodingKeys: String, CodingKey {
        case rows, columns, cells
    }

    /// - Complexity: O(nonZeroCount).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(columns, forKey: .columns)
        var list = container.nestedUnkeyedContainer(forKey: .cells)
        for cell in cells {
            var triple = list.nestedUnkeyedContainer()
            try triple.encode(cell.row)
            try triple.encode(cell.column)
            try triple.encode(cell.value)
        }
    }

    /// Decodes and checks the matrix: dimensions not negative, every cell three numbers inside the matrix,
    /// none zero, in row-major order with no position twice.
    ///
    /// - Throws: `DecodingError.dataCorrupted` at the offending dimension or cell, saying what is wrong;
    ///   the decoder's errors for a missing key or a value of the wrong type.
    /// - Complexity: O(nonZeroCount).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try container.decode(Int.self, forKey: .rows)
        let columns = try container.decode(Int.self, forKey: .columns)
        for (key, count) in [(CodingKeys.rows, rows), (.columns, columns)] where count < 0 {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "\(key.stringValue) is \(count); it cannot be negative")
        }
        var list = try container.nestedUnkeyedContainer(forKey: .cells)
        var cells: [Cell] = []
        cells.reserveCapacity(list.count ?? 0)
        while !list.isAtEnd {
            var triple = try list.nestedUnkeyedContainer()
            let cell = Cell(
                row: try triple.decode(Int.self), column: try triple.decode(Int.self),
                value: try triple.decode(Value.self))
            func corrupted(_ message: String) -> DecodingError {
                .dataCorruptedError(in: triple, debugDescription: "cell [\(cell.row), \(cell.column)]: \(message)")
            }
            guard triple.isAtEnd else { throw corrupted("a cell is three numbers, [row, column, value]") }
            guard (0..<rows).contains(cell.row), (0..<columns).contains(cell.column) else {
                throw corrupted("outside the \(rows)×\(columns) matrix")
            }
            guard cell.value != .zero else { throw corrupted("the value is 0; zero cells are left out") }
            if let last = cells.last {
                if last.row == cell.row && last.column == cell.column {
                    throw corrupted("the position appears twice")
                }
                if last.row > cell.row || (last.row == cell.row && last.column > cell.column) {
                    throw corrupted("listed after [\(last.row), \(last.column)]; cells are in row-major order")
                }
            }
            cells.append(cell)
        }
        self.init(rows: rows, columns: columns, validCells: cells)
    }
}
