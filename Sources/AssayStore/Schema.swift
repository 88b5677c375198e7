/// The schema of Assay's store, as the migrations that build it.
///
/// `Database(path:)` applies these by default. Add a change as a new migration at the end, with the
/// next version; never edit a released one.
public enum Schema {
    /// Every migration, version 1 first.
    public static let migrations: [Migration] = [
        Migration(
            version: 1,
            sql: """
                CREATE TABLE IF NOT EXISTS embeddings (
                    model TEXT NOT NULL,
                    text_sha256 BLOB(32) NOT NULL,
                    dimension INTEGER NOT NULL,
                    vector BLOB NOT NULL,
                    PRIMARY KEY (model, text_sha256)
                ) WITHOUT ROWID
                """)
    ]

    /// The schema version the migrations produce.
    public static var version: Int { migrations.count }
}
