import AssayCore

/// One forward step of a database schema: the SQL that takes it from `version - 1` to `version`.
///
/// The schema version lives in SQLite's `PRAGMA user_version` (0 for a new file). Migrations are
/// never edited once released; a change to the schema is a new migration with the next version.
public struct Migration: Sendable, Equatable {
    /// The schema version this step produces, counting from 1.
    public var version: Int
    /// The statements to run, separated by semicolons.
    public var sql: String

    public init(version: Int, sql: String) {
        self.version = version
        self.sql = sql
    }
}

extension Database {
    /// The schema version recorded in the file (`PRAGMA user_version`), 0 for a new database.
    ///
    /// - Throws: `AssayError` (`.runtime`) if the file cannot be read.
    public func schemaVersion() throws -> Int {
        let statement = try prepare("PRAGMA user_version")
        try statement.step()
        return Int(statement.int64(at: 0))
    }

    /// Applies, in one transaction, every migration newer than the file's schema version.
    ///
    /// Another connection migrating the same file at the same time waits for the write lock and then
    /// finds nothing left to do.
    ///
    /// - Parameter migrations: Versions 1, 2, 3, … in order.
    /// - Throws: `AssayError` (`.runtime`) if the versions are not 1, 2, 3, …, if the file's schema is
    ///   newer than the last migration (it was written by a newer Assay), or if a migration fails, in
    ///   which case none of them is kept.
    /// - Complexity: O(1) when the schema is current; otherwise that of the pending migrations.
    public func migrate(_ migrations: [Migration]) throws {
        for (offset, migration) in migrations.enumerated() where migration.version != offset + 1 {
            throw AssayError(
                .runtime, file: path,
                "migration \(offset + 1) is numbered \(migration.version); number the migrations 1, 2, 3, … in order")
        }
        let latest = migrations.count
        let current = try schemaVersion()
        try checkNotNewer(current, latest: latest)
        guard current < latest else { return }
        try transaction {
            // Read again under the write lock: another connection may have migrated meanwhile.
            let current = try schemaVersion()
            try checkNotNewer(current, latest: latest)
            for migration in migrations[current...] {
                try execute(migration.sql)
                try execute("PRAGMA user_version = \(migration.version)")
            }
        }
    }

    private func checkNotNewer(_ current: Int, latest: Int) throws {
        guard current <= latest else {
            throw AssayError(
                .runtime, file: path,
                "the database has schema version \(current) but this Assay knows only up to \(latest); "
                    + "upgrade Assay or use another database file")
        }
    }
}
