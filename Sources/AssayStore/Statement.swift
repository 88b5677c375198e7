import AssayCore
import CSQLite
import Foundation

/// A compiled SQL statement, the owner of its `sqlite3_stmt` handle.
///
/// Bind parameters by their 1-based index (`?1`, `?2`, … or the order of `?`), then call
/// `step()` until it returns `false`, reading the columns of each row by 0-based index. To run the
/// statement again, `reset()` it and bind new values; bindings not replaced are kept. The handle is
/// finalised in `deinit`. A statement keeps its `Database` open and uses the database's lock, so it
/// is safe against other users of the same connection; it is itself meant for one thread at a time.
public final class Statement {
    /// The connection the statement was prepared on.
    public let database: Database
    /// The SQL text, as given to `Database.prepare(_:)`.
    public let sql: String

    private let handle: OpaquePointer

    init(database: Database, handle: OpaquePointer, sql: String) {
        self.database = database
        self.handle = handle
        self.sql = sql
    }

    deinit {
        database.serialized { _ = sqlite3_finalize(handle) }
    }

    // MARK: Binding

    /// Binds an integer to the 1-based parameter `index`.
    ///
    /// - Throws: `AssayError` (`.runtime`) if `index` is out of range.
    public func bind(_ value: Int64, at index: Int) throws {
        try check(index) { sqlite3_bind_int64(handle, $0, value) }
    }

    /// Binds an integer to the 1-based parameter `index`.
    ///
    /// - Throws: `AssayError` (`.runtime`) if `index` is out of range.
    public func bind(_ value: Int, at index: Int) throws {
        try bind(Int64(value), at: index)
    }

    /// Binds a double to the 1-based parameter `index`.
    ///
    /// - Throws: `AssayError` (`.runtime`) if `index` is out of range.
    public func bind(_ value: Double, at index: Int) throws {
        try check(index) { sqlite3_bind_double(handle, $0, value) }
    }

    /// Binds UTF-8 text, copied, to the 1-based parameter `index`.
    ///
    /// - Throws: `AssayError` (`.runtime`) if `index` is out of range.
    /// - Complexity: O(length of `value`).
    public func bind(_ value: String, at index: Int) throws {
        var text = value
        try check(index) { position in
            text.withUTF8 { bytes in
                // A null pointer would bind NULL, so the empty string gets a real (empty) C string.
                guard let base = bytes.baseAddress, !bytes.isEmpty else {
                    return sqlite3_bind_text(handle, position, "", 0, assay_sqlite_transient())
                }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                    sqlite3_bind_text64(
                        handle, position, chars, UInt64(bytes.count), assay_sqlite_transient(), UInt8(SQLITE_UTF8))
                }
            }
        }
    }

    /// Binds bytes, copied, as a blob to the 1-based parameter `index`.
    ///
    /// - Throws: `AssayError` (`.runtime`) if `index` is out of range.
    /// - Complexity: O(count of `value`).
    public func bind(_ value: Data, at index: Int) throws {
        try check(index) { position in
            value.withUnsafeBytes { bytes in
                // A null pointer would bind NULL, so the empty blob is bound as a zero-length blob.
                guard let base = bytes.baseAddress, !bytes.isEmpty else {
                    return sqlite3_bind_zeroblob(handle, position, 0)
                }
                return sqlite3_bind_blob64(handle, position, base, UInt64(bytes.count), assay_sqlite_transient())
            }
        }
    }

    /// Binds SQL NULL to the 1-based parameter `index`.
    ///
    /// - Throws: `AssayError` (`.runtime`) if `index` is out of range.
    public func bindNull(at index: Int) throws {
        try check(index) { sqlite3_bind_null(handle, $0) }
    }

    /// Binds any SQLite value to the 1-based parameter `index`.
    ///
    /// - Throws: `AssayError` (`.runtime`) if `index` is out of range.
    /// - Complexity: O(size of `value`).
    public func bind(_ value: DatabaseValue, at index: Int) throws {
        switch value {
        case .integer(let integer): try bind(integer, at: index)
        case .real(let real): try bind(real, at: index)
        case .text(let text): try bind(text, at: index)
        case .blob(let blob): try bind(blob, at: index)
        case .null: try bindNull(at: index)
        }
    }

    /// Binds `values` to parameters 1, 2, … in order.
    ///
    /// - Throws: `AssayError` (`.runtime`) if there are more values than parameters.
    /// - Complexity: O(total size of `values`).
    public func bind(_ values: [DatabaseValue]) throws {
        for (offset, value) in values.enumerated() {
            try bind(value, at: offset + 1)
        }
    }

    /// The number of parameters the statement takes.
    public var parameterCount: Int {
        database.serialized { Int(sqlite3_bind_parameter_count(handle)) }
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() {
        database.serialized { _ = sqlite3_clear_bindings(handle) }
    }

    // MARK: Stepping

    /// Advances to the next row.
    ///
    /// - Returns: `true` when a row is available to read, `false` when the statement has finished.
    /// - Throws: `AssayError` (`.runtime`) with SQLite's message; the statement is then reset.
    /// - Complexity: That of the query, for one row.
    @discardableResult
    public func step() throws -> Bool {
        try database.serialized {
            let code = sqlite3_step(handle)
            switch code {
            case SQLITE_ROW:
                return true
            case SQLITE_DONE:
                return false
            default:
                let failure = database.error(code: code, sql: sql)
                sqlite3_reset(handle)
                throw failure
            }
        }
    }

    /// Steps through every row, discarding them, then resets the statement for another run.
    ///
    /// - Throws: `AssayError` (`.runtime`) with SQLite's message.
    /// - Complexity: That of the statement.
    public func run() throws {
        while try step() {}
        reset()
    }

    /// Rewinds the statement so it can run again; bindings are kept.
    ///
    /// An error of the last `step()` was already thrown there, so none is reported here.
    public func reset() {
        database.serialized { _ = sqlite3_reset(handle) }
    }

    // MARK: Columns

    /// The number of columns in each row.
    public var columnCount: Int {
        database.serialized { Int(sqlite3_column_count(handle)) }
    }

    /// The name of the 0-based column `index`.
    public func columnName(at index: Int) -> String {
        column(index) { String(cString: sqlite3_column_name(handle, $0)) }
    }

    /// Whether the 0-based column `index` of the current row is NULL.
    public func isNull(at index: Int) -> Bool {
        column(index) { sqlite3_column_type(handle, $0) == SQLITE_NULL }
    }

    /// The 0-based column `index` of the current row as an integer (0 for NULL).
    public func int64(at index: Int) -> Int64 {
        column(index) { sqlite3_column_int64(handle, $0) }
    }

    /// The 0-based column `index` of the current row as a double (0 for NULL).
    public func double(at index: Int) -> Double {
        column(index) { sqlite3_column_double(handle, $0) }
    }

    /// The 0-based column `index` of the current row as text, or `nil` for NULL.
    ///
    /// - Complexity: O(length of the text).
    public func string(at index: Int) -> String? {
        column(index) { position in
            guard sqlite3_column_type(handle, position) != SQLITE_NULL,
                let text = sqlite3_column_text(handle, position)
            else { return nil }
            let count = Int(sqlite3_column_bytes(handle, position))
            return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
        }
    }

    /// The 0-based column `index` of the current row as bytes, or `nil` for NULL.
    ///
    /// - Complexity: O(size of the value).
    public func data(at index: Int) -> Data? {
        column(index) { position in
            guard sqlite3_column_type(handle, position) != SQLITE_NULL else { return nil }
            let bytes = sqlite3_column_blob(handle, position)
            let count = Int(sqlite3_column_bytes(handle, position))
            guard let bytes, count > 0 else { return Data() }
            return Data(bytes: bytes, count: count)
        }
    }

    /// The 0-based column `index` of the current row, in the storage class SQLite holds it in.
    ///
    /// - Complexity: O(size of the value).
    public func value(at index: Int) -> DatabaseValue {
        let type = column(index) { sqlite3_column_type(handle, $0) }
        switch type {
        case SQLITE_INTEGER: return .integer(int64(at: index))
        case SQLITE_FLOAT: return .real(double(at: index))
        case SQLITE_TEXT: return string(at: index).map(DatabaseValue.text) ?? .null
        case SQLITE_BLOB: return data(at: index).map(DatabaseValue.blob) ?? .null
        default: return .null
        }
    }

    // MARK: Helpers

    /// Runs a bind call for the 1-based parameter `index` and throws its failure.
    private func check(_ index: Int, _ call: (Int32) -> Int32) throws {
        try database.serialized {
            let code = call(Int32(clamping: index))
            if code != SQLITE_OK {
                throw database.error(code: code, sql: sql)
            }
        }
    }

    /// Runs a column read for the 0-based column `index`, which must exist.
    private func column<T>(_ index: Int, _ read: (Int32) -> T) -> T {
        database.serialized {
            precondition(
                index >= 0 && index < Int(sqlite3_column_count(handle)),
                "column \(index) is out of range for `\(sql)`")
            return read(Int32(index))
        }
    }
}
