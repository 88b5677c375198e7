import AssayCore
import AssayTestSupport
import Foundation
import Testing

@testable import AssayParquet

/// Every Parquet fixture of `fixtures/parquet/` (written by pyarrow, DuckDB and Polars from the rows of
/// `rows.jsonl`; see `fixtures/README.md`) reads back to exactly those rows, value for value.
@Suite struct ParquetFixtureTests {
    static let readable = [
        "pyarrow-v1-snappy-dict.parquet", "pyarrow-v1-none-plain.parquet", "pyarrow-v2-zstd-dict.parquet",
        "pyarrow-v2-gzip-plain.parquet", "pyarrow-v1-snappy-dict-rg5.parquet",
        "pyarrow-v2-snappy-rg5-small-pages.parquet", "pyarrow-v1-zstd-delta.parquet", "pyarrow-v2-none-delta.parquet",
        "pyarrow-v1-brotli-dict.parquet", "pyarrow-v1-lz4-dict.parquet", "pyarrow-v1-snappy-crc.parquet",
        "duckdb-zstd.parquet", "duckdb-format-v2-zstd.parquet", "polars-zstd.parquet", "polars-snappy.parquet",
    ]

    static func expectedRows() throws -> [[String: JSONValue]] {
        let text = try String(contentsOfFile: TestPaths.fixture("parquet/rows.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map {
            try JSONDecoder().decode([String: JSONValue].self, from: Data($0.utf8))
        }
    }

    @Test(arguments: readable)
    func aFixtureReadsBackToTheRowsOfTheJSONL(name: String) throws {
        let file = try ParquetFile(path: TestPaths.fixture("parquet/" + name))
        let expected = try Self.expectedRows()
        #expect(file.rowCount == expected.count)
        #expect(
            file.fieldNames == [
                "id", "text", "label", "score", "ratio", "count", "flag", "tags", "meta", "messages", "ts",
            ])
        var rows: [[String: ParquetValue]] = []
        try file.forEachRowGroup(fields: Set(file.fieldNames)) { values, count in
            for row in 0..<count { rows.append(values.mapValues { $0[row] }) }
        }
        #expect(rows.count == expected.count)
        for (index, (row, wanted)) in zip(rows, expected).enumerated() {
            for (field, value) in wanted {
                let actual = row[field] ?? .null
                #expect(Self.same(actual, value), "\(name) row \(index + 1) field \(field): \(actual) vs \(value)")
            }
        }
    }

    /// Equal as JSON: numbers by value (an integer equals the same number with a fraction of zero).
    static func same(_ parquet: ParquetValue, _ json: JSONValue) -> Bool {
        switch (parquet, json) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.integer(let a), .number(let b)): return Double(a) == b
        case (.number(let a), .integer(let b)): return a == Double(b)
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .array(let b)): return a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        case (.record(let a), .object(let b)):
            return a.count == b.count && b.allSatisfy { key, value in a[key].map { same($0, value) } ?? false }
        default: return false
        }
    }
}
