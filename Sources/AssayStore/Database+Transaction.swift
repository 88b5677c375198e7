import CSQLite

extension Database {
    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    ///
    /// The outermost call starts with `BEGIN IMMEDIATE`, taking the write lock at once (waiting up to
    /// the busy timeout for other connections), so a transaction never fails half-way because another
    /// writer got there first. A call inside another transaction uses a savepoint, so an inner
    /// failure undoes only the inner work. The connection's lock is held throughout, so other threads
    /// sharing this `Database` wait until the transaction ends.
    ///
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws (after rolling back), or an `AssayError` (`.runtime`) if the
    ///   transaction cannot begin or commit.
    /// - Complexity: That of `body`.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try serialized {
            let nested = transactionDepth > 0 || sqlite3_get_autocommit(handle) == 0
            let savepoint = "assay_savepoint_\(transactionDepth)"
            try execute(nested ? "SAVEPOINT \(savepoint)" : "BEGIN IMMEDIATE")
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            do {
                let result = try body()
                try execute(nested ? "RELEASE \(savepoint)" : "COMMIT")
                return result
            } catch {
                if nested {
                    try? execute("ROLLBACK TO \(savepoint)")
                    try? execute("RELEASE \(savepoint)")
                } else if sqlite3_get_autocommit(handle) == 0 {
                    // Some errors (a full disk, an interrupt) roll back by themselves; ROLLBACK would then fail.
                    try? execute("ROLLBACK")
                }
                throw error
            }
        }
    }
}
