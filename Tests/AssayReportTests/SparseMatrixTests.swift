import Foundation
import Testing

@testable import AssayReport

/// The sparse matrix of the report's label matrices: its cells, lookups and sums, and the exact JSON it
/// reads and writes.
@Suite struct SparseMatrixTests {
    /// 2×3, three non-zero cells: [[0, 5, 0], [-2, 0, 7]].
    static let dense = [[0, 5, 0], [-2, 0, 7]]

    @Test func aDenseMatrixKeepsItsNonZeroCellsInRowMajorOrderAndRoundTrips() {
        let matrix = SparseMatrix(Self.dense)
        #expect(matrix.rows == 2 && matrix.columns == 3)
        #expect(matrix.nonZeroCount == 3)
        #expect(
            matrix.cells == [
                .init(row: 0, column: 1, value: 5), .init(row: 1, column: 0, value: -2),
                .init(row: 1, column: 2, value: 7),
            ])
        #expect(matrix.dense == Self.dense)
        #expect(SparseMatrix([[0.5, 0], [0, 0.25]]).dense == [[0.5, 0], [0, 0.25]])
        #expect(SparseMatrix<Int>([]).dense == [])
        #expect(SparseMatrix<Int>(rows: 2, columns: 2).dense == [[0, 0], [0, 0]])
    }

    @Test func aCellNotStoredIsZero() {
        let matrix = SparseMatrix(Self.dense)
        #expect(matrix[0, 0] == 0)
        #expect(matrix[1, 1] == 0)
        #expect(matrix[0, 2] == 0)
        #expect(matrix[0, 1] == 5)
        #expect(matrix[1, 0] == -2)
        #expect(matrix[1, 2] == 7)
        #expect(SparseMatrix<Double>(rows: 3, columns: 3)[2, 2] == 0)
    }

    @Test func rowsAndSumsReadTheStoredCells() {
        let matrix = SparseMatrix(Self.dense)
        #expect(matrix.cells(inRow: 1).map(\.column) == [0, 2])
        #expect(matrix.cells(inRow: 0).map(\.value) == [5])
        #expect(SparseMatrix<Int>(rows: 3, columns: 1).cells(inRow: 2).isEmpty)
        #expect(matrix.rowSums == [5, 5])
        #expect(matrix.columnSums == [-2, 5, 7])
    }

    /// Cells in any order; the two at (1, 1) add up to 3, the two at (0, 2) to 0, which is left out.
    @Test func cellsInAnyOrderAreSortedAndTheSamePositionIsAdded() {
        let matrix = SparseMatrix(
            rows: 2, columns: 3,
            cells: [
                .init(row: 1, column: 1, value: 1), .init(row: 0, column: 2, value: 4),
                .init(row: 0, column: 0, value: 6), .init(row: 1, column: 1, value: 2),
                .init(row: 0, column: 2, value: -4),
            ])
        #expect(matrix.dense == [[6, 0, 0], [0, 3, 0]])
        #expect(matrix.cells.map(\.row) == [0, 1])
        #expect(matrix == SparseMatrix([[6, 0, 0], [0, 3, 0]]))
    }

    @Test func theJSONIsTheNonZeroCellsAsThreeNumberArrays() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let counts = String(decoding: try encoder.encode(SparseMatrix(Self.dense)), as: UTF8.self)
        #expect(counts == #"{"cells":[[0,1,5],[1,0,-2],[1,2,7]],"columns":3,"rows":2}"#)
        let shares = String(decoding: try encoder.encode(SparseMatrix([[0.75, 0], [0.25, 1]])), as: UTF8.self)
        #expect(shares == #"{"cells":[[0,0,0.75],[1,0,0.25],[1,1,1]],"columns":2,"rows":2}"#)
        let empty = String(decoding: try encoder.encode(SparseMatrix<Int>(rows: 2, columns: 2)), as: UTF8.self)
        #expect(empty == #"{"cells":[],"columns":2,"rows":2}"#)
    }

    @Test func theJSONDecodesToTheSameMatrix() throws {
        let json = #"{"rows": 2, "columns": 3, "cells": [[0, 1, 5], [1, 0, -2], [1, 2, 7]]}"#
        let matrix = try JSONDecoder().decode(SparseMatrix<Int>.self, from: Data(json.utf8))
        #expect(matrix == SparseMatrix(Self.dense))
        let shares = SparseMatrix([[0.75, 0], [0.25, 1]])
        #expect(try JSONDecoder().decode(SparseMatrix<Double>.self, from: JSONEncoder().encode(shares)) == shares)
    }

    @Test(arguments: [
        ("[[0, 1, 5], [2, 0, 1]]", "cell [2, 0]: outside the 2×3 matrix"),
        ("[[0, 3, 5]]", "cell [0, 3]: outside the 2×3 matrix"),
        ("[[-1, 0, 5]]", "cell [-1, 0]: outside the 2×3 matrix"),
        ("[[1, 0, 5], [0, 1, 5]]", "cell [0, 1]: listed after [1, 0]; cells are in row-major order"),
        ("[[0, 2, 5], [0, 1, 5]]", "cell [0, 1]: listed after [0, 2]; cells are in row-major order"),
        ("[[0, 1, 5], [1, 1, 0]]", "cell [1, 1]: the value is 0; zero cells are left out"),
        ("[[0, 1, 5], [0, 1, 5]]", "cell [0, 1]: the position appears twice"),
        ("[[0, 1, 5, 6]]", "cell [0, 1]: a cell is three numbers, [row, column, value]"),
    ])
    func decodingRejectsACellThatBreaksTheForm(cells: String, message: String) throws {
        let json = #"{"rows": 2, "columns": 3, "cells": \#(cells)}"#
        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SparseMatrix<Int>.self, from: Data(json.utf8))
        }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect(context.debugDescription == message)
        #expect(context.codingPath.first?.stringValue == "cells")
    }

    @Test func decodingRejectsANegativeDimensionAndAShortCell() throws {
        let negative = #"{"rows": -1, "columns": 3, "cells": []}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SparseMatrix<Int>.self, from: Data(negative.utf8))
        }
        let short = #"{"rows": 2, "columns": 3, "cells": [[0, 1]]}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SparseMatrix<Int>.self, from: Data(short.utf8))
        }
    }
}
