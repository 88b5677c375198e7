import AssayCore
import AssayStore
import Foundation
import Testing

/// The first column of the first row of `sql`.
private func scalar(_ database: Database, _ sql: String) throws -> DatabaseValue {
    let statement = try database.prepare(sql)
    guard try statement.step() else { return .null }
    return statement.value(at: 0)
}

private struct Planned: Error, Equatable {}

@Suite struct DatabaseTests {
    @Test func opensAFileCreatingItsFoldersAndClosesOnRelease() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("nested/deeper/store.sqlite").path
            do {
                let database = try Database(path: path, migrations: [])
                try database.execute("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (7)")
                #expect(FileManager.default.fileExists(atPath: path))
                #expect(FileManager.default.fileExists(atPath: path + "-wal"))
            }
            // The last connection checkpoints and removes the write-ahead log when it closes.
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
            let reopened = try Database(path: path, migrations: [])
            #expect(try scalar(reopened, "SELECT v FROM t") == .integer(7))
        }
    }

    @Test func configuresWALAndTheOtherPragmas() throws {
        try withTemporaryDirectory { folder in
            let database = try Database(path: folder.appendingPathComponent("a.sqlite").path)
            #expect(try scalar(database, "PRAGMA journal_mode") == .text("wal"))
            #expect(try scalar(database, "PRAGMA synchronous") == .integer(1))  // NORMAL
            #expect(try scalar(database, "PRAGMA busy_timeout") == .integer(10_000))
            #expect(try scalar(database, "PRAGMA foreign_keys") == .integer(1))
        }
    }

    @Test func opensAnInMemoryDatabase() throws {
        let database = try Database(path: ":memory:")
        #expect(database.path == ":memory:")
        #expect(try database.schemaVersion() == Schema.version)
        #expect(try scalar(database, "SELECT 1 + 1") == .integer(2))
    }

    @Test func theDefaultPathIsInsideDotAssay() {
        #expect(Database.defaultPath == ".assay/assay.sqlite")
    }

    @Test(arguments: [
        DatabaseValue.integer(0), .integer(Int64.min), .integer(Int64.max),
        .real(0.1), .real(-2.5e300), .real(-0.0),
        .text(""), .text("héllo, wörld ✓"), .text("nul\u{0}inside"),
        .blob(Data()), .blob(Data([0, 1, 2, 254, 255])),
        .null,
    ])
    func roundTripsEachValueType(value: DatabaseValue) throws {
        let database = try Database(path: ":memory:", migrations: [])
        try database.execute("CREATE TABLE t (v)")
        let insert = try database.prepare("INSERT INTO t (v) VALUES (?)")
        try insert.bind(value, at: 1)
        try insert.run()
        let read = try database.prepare("SELECT v, typeof(v) FROM t")
        #expect(try read.step())
        #expect(read.value(at: 0) == value)
        #expect(try !read.step())
    }

    @Test func typedBindsAndReadsAgree() throws {
        let database = try Database(path: ":memory:", migrations: [])
        try database.execute("CREATE TABLE t (i, d, s, b, n)")
        let insert = try database.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)")
        #expect(insert.parameterCount == 5)
        try insert.bind(Int64(-9_007_199_254_740_993), at: 1)
        try insert.bind(3.25e-8, at: 2)
        try insert.bind("text", at: 3)
        try insert.bind(Data([0xDE, 0xAD]), at: 4)
        try insert.bindNull(at: 5)
        try insert.run()
        #expect(database.changes == 1)

        let read = try database.prepare("SELECT i, d, s, b, n FROM t")
        #expect(try read.step())
        #expect(read.columnCount == 5)
        #expect(read.columnName(at: 2) == "s")
        #expect(read.int64(at: 0) == -9_007_199_254_740_993)
        #expect(read.double(at: 1) == 3.25e-8)
        #expect(read.string(at: 2) == "text")
        #expect(read.data(at: 3) == Data([0xDE, 0xAD]))
        #expect(read.isNull(at: 4))
        #expect(read.string(at: 4) == nil)
        #expect(read.data(at: 4) == nil)
    }

    @Test func aStatementRunsAgainAfterReset() throws {
        let database = try Database(path: ":memory:", migrations: [])
        try database.execute("CREATE TABLE t (v INTEGER)")
        let insert = try database.prepare("INSERT INTO t VALUES (?)")
        for value in 1...5 {
            try insert.bind(value, at: 1)
            try insert.run()
        }
        #expect(try scalar(database, "SELECT sum(v) FROM t") == .integer(15))
    }

    @Test func aThrowingTransactionLeavesNothing() throws {
        try withTemporaryDirectory { folder in
            let database = try Database(path: folder.appendingPathComponent("a.sqlite").path, migrations: [])
            try database.execute("CREATE TABLE t (v INTEGER)")
            #expect(throws: Planned.self) {
                try database.transaction {
                    try database.execute("INSERT INTO t VALUES (1), (2), (3)")
                    throw Planned()
                }
            }
            #expect(try scalar(database, "SELECT count(*) FROM t") == .integer(0))
            // The connection is usable again afterwards.
            let stored = try database.transaction {
                try database.execute("INSERT INTO t VALUES (4)")
                return "done"
            }
            #expect(stored == "done")
            #expect(try scalar(database, "SELECT count(*) FROM t") == .integer(1))
        }
    }

    @Test func aFailedInnerTransactionUndoesOnlyItsOwnWork() throws {
        let database = try Database(path: ":memory:", migrations: [])
        try database.execute("CREATE TABLE t (v INTEGER)")
        try database.transaction {
            try database.execute("INSERT INTO t VALUES (1)")
            #expect(throws: Planned.self) {
                try database.transaction {
                    try database.execute("INSERT INTO t VALUES (2)")
                    throw Planned()
                }
            }
            try database.execute("INSERT INTO t VALUES (3)")
        }
        #expect(try scalar(database, "SELECT group_concat(v) FROM t") == .text("1,3"))
    }

    @Test func sqlErrorsNameTheDatabaseAndSQLitesMessage() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("a.sqlite").path
            let database = try Database(path: path, migrations: [])
            let syntax = #expect(throws: AssayError.self) { try database.execute("SELEC 1") }
            #expect(syntax?.kind == .runtime)
            #expect(syntax?.file == path)
            #expect(syntax?.message.contains("syntax error") == true)

            let missing = #expect(throws: AssayError.self) { try database.prepare("SELECT * FROM nowhere") }
            #expect(missing?.file == path)
            #expect(missing?.message.contains("no such table: nowhere") == true)

            try database.execute("CREATE TABLE t (v INTEGER PRIMARY KEY)")
            let insert = try database.prepare("INSERT INTO t VALUES (1)")
            try insert.run()
            let duplicate = #expect(throws: AssayError.self) { try insert.run() }
            #expect(duplicate?.message.contains("UNIQUE constraint failed") == true)

            let range = #expect(throws: AssayError.self) { try insert.bind(1, at: 2) }
            #expect(range?.message.contains("out of range") == true)
        }
    }

    @Test func foreignKeysAreEnforced() throws {
        let database = try Database(path: ":memory:", migrations: [])
        try database.execute(
            "CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent(id))")
        #expect(throws: AssayError.self) { try database.execute("INSERT INTO child VALUES (1)") }
    }

    @Test func aCorruptFileGivesAnErrorWithItsPath() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("corrupt.sqlite").path
            let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
            try garbage.write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: AssayError.self) { try Database(path: path) }
            #expect(error?.kind == .runtime)
            #expect(error?.file == path)
            #expect(error?.message.contains("file is not a database") == true)
            #expect(error?.description.hasPrefix(path + ": ") == true)
        }
    }

    @Test func migrationsRunForwardOnceAndRefuseANewerSchema() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("a.sqlite").path
            let first = Migration(version: 1, sql: "CREATE TABLE a (v INTEGER)")
            let second = Migration(version: 2, sql: "CREATE TABLE b (v INTEGER); INSERT INTO b VALUES (2)")
            let database = try Database(path: path, migrations: [])
            #expect(try database.schemaVersion() == 0)
            try database.migrate([first])
            #expect(try database.schemaVersion() == 1)
            try database.migrate([first, second])
            try database.migrate([first, second])  // nothing left to do; would fail on a second CREATE TABLE
            #expect(try database.schemaVersion() == 2)
            #expect(try scalar(database, "SELECT count(*) FROM b") == .integer(1))

            let newer = #expect(throws: AssayError.self) { try database.migrate([first]) }
            #expect(newer?.file == path)
            #expect(newer?.message.contains("schema version 2") == true)

            let misnumbered = #expect(throws: AssayError.self) {
                try database.migrate([first, Migration(version: 3, sql: "SELECT 1")])
            }
            #expect(misnumbered?.message.contains("numbered 3") == true)

            let failing = Migration(version: 3, sql: "CREATE TABLE c (v INTEGER); CREATE TABLE a (v INTEGER)")
            #expect(throws: AssayError.self) { try database.migrate([first, second, failing]) }
            #expect(try database.schemaVersion() == 2)
            #expect(try scalar(database, "SELECT count(*) FROM sqlite_master WHERE name = 'c'") == .integer(0))
        }
    }

    @Test func aSecondConnectionSeesCommittedRows() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("a.sqlite").path
            let writer = try Database(path: path)
            let reader = try Database(path: path)
            try writer.execute("CREATE TABLE t (v TEXT)")
            try writer.transaction {
                try writer.execute("INSERT INTO t VALUES ('committed')")
            }
            #expect(try scalar(reader, "SELECT v FROM t") == .text("committed"))
        }
    }

    @Test func twoConnectionsWritingAtOnceLoseNothing() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("a.sqlite").path
            let setup = try Database(path: path)
            try setup.execute("CREATE TABLE t (writer INTEGER, i INTEGER, PRIMARY KEY (writer, i))")
            let rowsPerWriter = 200
            let failures = Collected<String>()
            let group = DispatchGroup()
            for writer in 0..<2 {
                group.enter()
                let thread = Thread {
                    defer { group.leave() }
                    do {
                        // Each thread has its own connection; the busy timeout orders their writes.
                        let database = try Database(path: path)
                        let insert = try database.prepare("INSERT INTO t VALUES (?1, ?2)")
                        for i in 0..<rowsPerWriter {
                            try database.transaction {
                                try insert.bind(writer, at: 1)
                                try insert.bind(i, at: 2)
                                try insert.run()
                            }
                        }
                    } catch {
                        failures.append("writer \(writer): \(error)")
                    }
                }
                thread.start()
            }
            group.wait()
            #expect(failures.elements.isEmpty)
            #expect(try scalar(setup, "SELECT count(*) FROM t") == .integer(Int64(2 * rowsPerWriter)))
            #expect(try scalar(setup, "SELECT count(DISTINCT writer) FROM t") == .integer(2))
        }
    }
}
