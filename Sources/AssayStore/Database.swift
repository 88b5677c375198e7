import AssayCore
import CSQLite
import Foundation

/// A connection to one SQLite database file, the owner of its `sqlite3` handle.
///
/// Opening configures the connection the way Assay always uses it: write-ahead logging
/// (`journal_mode=WAL`, so readers never block the writer), `synchronous=NORMAL`, a 10-second busy
/// timeout (a second connection or process waits for the write lock instead of failing), and
/// enforced foreign keys. The handle is closed in `deinit`, once the last `Statement` prepared on
/// the connection is gone too.
///
/// All use of one connection is serialised by a recursive lock, so a `Database` may be shared
/// between threads; a `transaction(_:)` holds the lock for its whole body. For parallel writers,
/// open one connection per thread: SQLite's file locks and the busy timeout order them.
///
/// Every SQLite failure is thrown as an `AssayError` of kind `.runtime` whose `file` is the
/// database path and whose message carries SQLite's own message and the statement that failed.
public final class Database: @unchecked Sendable {
    /// Where Assay keeps its store unless told otherwise, relative to the working directory.
    public static let defaultPath = ".assay/assay.sqlite"

    /// How long a connection waits for another connection's lock before failing, in milliseconds.
    public static let busyTimeoutMilliseconds: Int32 = 10_000

    /// The path the database was opened from (`:memory:` for a private in-memory database).
    public let path: String

    /// The connection; valid from `init` until `deinit`.
    let handle: OpaquePointer

    /// Serialises every call into `handle`, including those made through statements.
    private let lock = NSRecursiveLock()

    /// How many `transaction(_:)` calls are running inside one another; guarded by `lock`.
    var transactionDepth = 0

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// Missing parent folders are created. `:memory:` opens a private in-memory database.
    ///
    /// - Parameters:
    ///   - path: The database file; `Database.defaultPath` unless given.
    ///   - migrations: The schema to apply with `migrate(_:)`; Assay's own schema unless given.
    /// - Throws: `AssayError` (`.runtime`) if the folder cannot be created, the file cannot be opened
    ///   or is not an SQLite database, or the schema is newer than `migrations` knows.
    /// - Complexity: O(1) for an up-to-date schema; otherwise the cost of the pending migrations.
    public init(path: String = Database.defaultPath, migrations: [Migration] = Schema.migrations) throws {
        self.path = path
        self.handle = try Self.openConnection(path: path)
        try migrate(migrations)
    }

    /// Opens (creating if needed) the database at `path` without reading or changing its schema, for
    /// a caller that checks the schema version itself before migrating.
    ///
    /// - Throws: `AssayError` (`.runtime`) if the folder cannot be created or the file cannot be opened.
    init(unmigratedPath path: String) throws {
        self.path = path
        self.handle = try Self.openConnection(path: path)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements separated by semicolons, discarding any rows they return.
    ///
    /// - Throws: `AssayError` (`.runtime`) naming the database and SQLite's message.
    /// - Complexity: That of the statements.
    public func execute(_ sql: String) throws {
        try serialized {
            var message: UnsafeMutablePointer<CChar>?
            let code = sqlite3_exec(handle, sql, nil, nil, &message)
            var text: String?
            if let message {
                text = String(cString: message)
                sqlite3_free(message)
            }
            if code != SQLITE_OK {
                throw error(code: code, sql: sql, message: text)
            }
        }
    }

    /// Compiles one SQL statement for repeated binding and stepping.
    ///
    /// - Throws: `AssayError` (`.runtime`) if the SQL does not compile or holds more than one
    ///   statement.
    /// - Complexity: O(length of `sql`).
    public func prepare(_ sql: String) throws -> Statement {
        try serialized {
            var statement: OpaquePointer?
            var rest = ""
            let code = sql.withCString { text in
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(handle, text, -1, &statement, &tail)
                if let tail { rest = String(cString: tail) }
                return code
            }
            guard code == SQLITE_OK else {
                sqlite3_finalize(statement)
                throw error(code: code, sql: sql)
            }
            guard let statement else {
                throw AssayError(.runtime, file: path, "there is no SQL statement in `\(Self.excerpt(sql))`")
            }
            guard rest.allSatisfy({ $0.isWhitespace || $0 == ";" }) else {
                sqlite3_finalize(statement)
                throw AssayError(
                    .runtime, file: path,
                    "`\(Self.excerpt(sql))` holds more than one SQL statement; prepare them one at a time")
            }
            return Statement(database: self, handle: statement, sql: sql)
        }
    }

    /// The number of rows the most recent INSERT, UPDATE or DELETE changed.
    public var changes: Int {
        serialized { Int(sqlite3_changes64(handle)) }
    }

    /// The rowid of the most recent successful INSERT into a rowid table on this connection.
    public var lastInsertRowID: Int64 {
        serialized { sqlite3_last_insert_rowid(handle) }
    }

    /// Runs `body` while holding this connection's lock.
    func serialized<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// The `AssayError` for a failed SQLite call on this connection.
    ///
    /// Call it while holding the lock, before any other call that could replace SQLite's message.
    func error(code: Int32, sql: String?, message: String? = nil) -> AssayError {
        Self.error(path: path, handle: handle, code: code, sql: sql, message: message)
    }
}

extension Database {
    /// Opens and configures a connection, closing it again if any step fails.
    private static func openConnection(path: String) throws -> OpaquePointer {
        try createParentFolder(of: path)
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let failure = error(path: path, handle: connection, code: code, sql: nil)
            sqlite3_close_v2(connection)
            throw failure
        }
        sqlite3_extended_result_codes(connection, 1)
        let setup = [
            "PRAGMA busy_timeout = \(busyTimeoutMilliseconds)",
            "PRAGMA journal_mode = WAL",
            "PRAGMA synchronous = NORMAL",
            "PRAGMA foreign_keys = ON",
        ]
        for sql in setup {
            let code = sqlite3_exec(connection, sql, nil, nil, nil)
            guard code == SQLITE_OK else {
                let failure = error(path: path, handle: connection, code: code, sql: sql)
                sqlite3_close_v2(connection)
                throw failure
            }
        }
        return connection
    }

    /// Creates the folders above a database file, unless the database lives in memory.
    private static func createParentFolder(of path: String) throws {
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file:") else { return }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw AssayError(
                .runtime, file: path,
                "cannot create the folder \(folder.path) for the database (\(error.localizedDescription)); "
                    + "check its permissions or choose another path")
        }
    }

    /// The `AssayError` for SQLite result `code`, with SQLite's message and a hint on what to do.
    private static func error(
        path: String, handle: OpaquePointer?, code: Int32, sql: String?, message: String? = nil
    ) -> AssayError {
        let codeName = String(cString: sqlite3_errstr(code))
        var text = message ?? handle.map { String(cString: sqlite3_errmsg($0)) } ?? codeName
        if text != codeName { text += " (\(codeName))" }
        text += " [SQLite code \(code)]"
        if let sql { text += " while running `\(excerpt(sql))`" }
        if let hint = hint(code: code) { text += "; \(hint)" }
        return AssayError(.runtime, file: path, text)
    }

    /// What a user can do about a failure with primary result code `code & 0xFF`.
    private static func hint(code: Int32) -> String? {
        switch code & 0xFF {
        case SQLITE_BUSY, SQLITE_LOCKED:
            "another connection held the database lock for over \(busyTimeoutMilliseconds / 1000) s; "
                + "retry once it finishes"
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            "the file is not a usable SQLite database; move it aside and Assay will create a new one"
        case SQLITE_CANTOPEN:
            "check that the folder exists and is writable"
        case SQLITE_READONLY, SQLITE_PERM, SQLITE_AUTH:
            "check the permissions of the database file and its folder"
        case SQLITE_FULL:
            "free some disk space and retry"
        default:
            nil
        }
    }

    /// `sql` on one line, cut to a length that fits an error message.
    static func excerpt(_ sql: String) -> String {
        let line = sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
        return line.count <= 160 ? line : line.prefix(157) + "..."
    }
}
