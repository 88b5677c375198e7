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
                """),
        // Version 2: the run history `RunStore` reads and writes (`assay gate`, `history`, `diff`).
        //
        // - `runs`: one row a run. `id` is AUTOINCREMENT so a run id shown to a user is never given
        //   to another run, even after deletions. `runs_by_dataset` serves a dataset's runs newest
        //   first; the partial index `runs_accepted_by_dataset` finds the newest passing run of a
        //   dataset (`--baseline last`) in one probe however many failing runs come after it.
        // - `metric_values`: primary key (run_id, metric, side, has_label, label), so a run's values
        //   (`diff`) are one range in reading order, and recording a run only appends. The overall
        //   value has `has_label = 0` and `label = ''`, so it sorts first and stays distinct from a
        //   class named "". A trend probes this key once per run; there is deliberately no index by
        //   metric, whose inserts land all over it and made recording 5,000 values slower with every
        //   run kept (22 ms for the 1st run, 120 ms for the 30th).
        // - `gate_results`: keyed by (run_id, position), the result's place in the recorded list.
        // Both child tables cascade when their run is deleted.
        Migration(
            version: 2,
            sql: """
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    created_at TEXT NOT NULL,
                    command TEXT NOT NULL,
                    dataset_name TEXT NOT NULL,
                    original_path TEXT,
                    original_sha256 TEXT,
                    synthetic_path TEXT,
                    synthetic_sha256 TEXT,
                    settings_json TEXT NOT NULL,
                    tool_version TEXT NOT NULL,
                    status TEXT NOT NULL
                );
                CREATE INDEX runs_by_dataset ON runs (dataset_name, id);
                CREATE INDEX runs_accepted_by_dataset ON runs (dataset_name, id) WHERE status IN ('pass', 'warn');
                CREATE TABLE metric_values (
                    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                    metric TEXT NOT NULL,
                    side TEXT NOT NULL,
                    has_label INTEGER NOT NULL CHECK (has_label IN (0, 1)),
                    label TEXT NOT NULL CHECK (has_label = 1 OR label = ''),
                    value REAL,
                    ci_low REAL,
                    ci_high REAL,
                    n INTEGER,
                    PRIMARY KEY (run_id, metric, side, has_label, label)
                ) WITHOUT ROWID;
                CREATE TABLE gate_results (
                    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    rule_index INTEGER NOT NULL,
                    metric TEXT NOT NULL,
                    side TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    label TEXT,
                    condition TEXT NOT NULL,
                    status TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    value REAL,
                    message TEXT NOT NULL,
                    PRIMARY KEY (run_id, position)
                ) WITHOUT ROWID
                """),
        // The LLM response cache of `assay generate`: one answer per canonical request (SHA-256 of
        // the endpoint and the request body), so a run started again asks nothing it already has.
        Migration(
            version: 3,
            sql: """
                CREATE TABLE llm_responses (
                    key TEXT PRIMARY KEY,
                    request TEXT NOT NULL,
                    content TEXT NOT NULL,
                    prompt_tokens INTEGER NOT NULL,
                    completion_tokens INTEGER NOT NULL,
                    finish_reason TEXT,
                    created_at TEXT NOT NULL
                ) WITHOUT ROWID
                """),
    ]

    /// The schema version the migrations produce.
    public static var version: Int { migrations.count }
}
