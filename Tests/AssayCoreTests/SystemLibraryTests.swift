import CBLAS
import CSQLite
import Testing

/// The C system libraries the package links: OpenBLAS (CBLAS + LAPACK) and SQLite.
///
/// Serialized because OpenBLAS keeps global state (its thread pool).
@Suite(.serialized) struct SystemLibraryTests {
    @Test func sdotOfTwoVectors() {
        // [1, 2, 3] · [4, 5, 6] = 4 + 10 + 18 = 32.
        let x: [Float] = [1, 2, 3]
        let y: [Float] = [4, 5, 6]
        #expect(cblas_sdot(3, x, 1, y, 1) == 32)
    }

    @Test func sgemmRowMajorProduct() {
        // A = [[1, 2], [3, 4]], B = [[5, 6], [7, 8]]:
        // AB = [[1·5 + 2·7, 1·6 + 2·8], [3·5 + 4·7, 3·6 + 4·8]] = [[19, 22], [43, 50]].
        let a: [Float] = [1, 2, 3, 4]
        let b: [Float] = [5, 6, 7, 8]
        var c = [Float](repeating: 0, count: 4)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 2, 1, a, 2, b, 2, 0, &c, 2)
        #expect(c == [19, 22, 43, 50])
    }

    @Test func sgemmWithAlphaBetaAndTranspose() {
        // C ← 2 · Aᵀ B + 1 · C with C = all ones. Aᵀ = [[1, 3], [2, 4]];
        // AᵀB = [[1·5 + 3·7, 1·6 + 3·8], [2·5 + 4·7, 2·6 + 4·8]] = [[26, 30], [38, 44]];
        // 2 · AᵀB + 1 = [[53, 61], [77, 89]].
        let a: [Float] = [1, 2, 3, 4]
        let b: [Float] = [5, 6, 7, 8]
        var c: [Float] = [1, 1, 1, 1]
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, 2, 2, 2, 2, a, 2, b, 2, 1, &c, 2)
        #expect(c == [53, 61, 77, 89])
    }

    @Test func ssyevdFindsEigenvaluesOfASymmetricMatrix() {
        // [[2, 1], [1, 2]]: det = (2 − λ)² − 1 = 0 → λ = 1 or 3, returned in ascending order.
        var matrix: [Float] = [2, 1, 1, 2]
        var eigenvalues = [Float](repeating: 0, count: 2)
        var jobz = CChar(UInt8(ascii: "N"))
        var uplo = CChar(UInt8(ascii: "U"))
        var n: Int32 = 2
        var lda: Int32 = 2
        var work = [Float](repeating: 0, count: 64)
        var lwork: Int32 = 64
        var iwork = [Int32](repeating: 0, count: 64)
        var liwork: Int32 = 64
        var info: Int32 = -1
        ssyevd_(&jobz, &uplo, &n, &matrix, &lda, &eigenvalues, &work, &lwork, &iwork, &liwork, &info)
        #expect(info == 0)
        #expect(abs(eigenvalues[0] - 1) < 1e-5)
        #expect(abs(eigenvalues[1] - 3) < 1e-5)
    }

    @Test func openBLASReportsAtLeastOneThread() {
        #expect(openblas_get_num_threads() >= 1)
    }

    @Test func sqliteIsAtLeast3_31() {
        // 3.31.0 is 3 · 1,000,000 + 31 · 1,000 + 0.
        #expect(sqlite3_libversion_number() >= 3_031_000)
    }

    @Test func sqliteInMemoryDatabaseComputesAndReturnsValues() throws {
        var db: OpaquePointer?
        #expect(sqlite3_open(":memory:", &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        try #require(db != nil)
        #expect(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES(41+1);", nil, nil, nil) == SQLITE_OK)

        var statement: OpaquePointer?
        #expect(sqlite3_prepare_v2(db, "SELECT x FROM t", -1, &statement, nil) == SQLITE_OK)
        defer { sqlite3_finalize(statement) }
        #expect(sqlite3_step(statement) == SQLITE_ROW)
        #expect(sqlite3_column_int64(statement, 0) == 42)
        #expect(sqlite3_step(statement) == SQLITE_DONE)
    }

    @Test func sqliteBindsTextThroughTheTransientShim() throws {
        var db: OpaquePointer?
        #expect(sqlite3_open(":memory:", &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        var statement: OpaquePointer?
        #expect(sqlite3_prepare_v2(db, "SELECT ?1, length(?1)", -1, &statement, nil) == SQLITE_OK)
        defer { sqlite3_finalize(statement) }
        #expect(sqlite3_bind_text(statement, 1, "h\u{E9}llo", -1, assay_sqlite_transient()) == SQLITE_OK)
        #expect(sqlite3_step(statement) == SQLITE_ROW)
        let text = try #require(sqlite3_column_text(statement, 0))
        #expect(String(cString: text) == "h\u{E9}llo")
        // "héllo": 5 characters, 6 UTF-8 bytes (é is C3 A9).
        #expect(sqlite3_column_bytes(statement, 0) == 6)
        #expect(sqlite3_column_int64(statement, 1) == 5)
    }
}
