import AssayCore
import AssayReport
import Foundation

/// The run history: every recorded run with its metric values and gate results, in the store.
///
/// The tables are those of schema version 2 (see `Schema`): `runs`, `metric_values` and
/// `gate_results`. Run ids count up and are never reused, so "newest" means "highest id", whatever
/// the runs' `createdAt` say.
///
/// A store is a value around one `Database` connection and shares its locking. Separate stores (on
/// separate connections, threads or processes) may use one file: `record` takes the write lock with
/// `BEGIN IMMEDIATE` and other writers wait for it (up to the busy timeout); readers never wait.
public final class RunStore: Sendable {
    /// The environment variable of the test hook in `record(_:metrics:gates:)`.
    public static let pauseEnvironmentVariable = "ASSAY_TEST_PAUSE_IN_RECORD"

    /// How long the test hook pauses `record` at most, in seconds.
    public static let pauseLimitSeconds: Double = TestPause.limitSeconds

    /// The connection the store reads and writes through.
    public let database: Database

    /// The test hook's file: `record` creates it and pauses half-way; `nil` for no pause.
    let pauseFile: String?

    /// The database file the store was opened from.
    public var path: String { database.path }

    /// Opens (creating its folders) the store at `path` and migrates it to the latest schema.
    ///
    /// - Parameter path: The database file; `Database.defaultPath` unless given.
    /// - Throws: `AssayError` (`.runtime`) if the file cannot be opened, is not an SQLite database,
    ///   was written by a newer Assay, or cannot be migrated.
    public convenience init(path: String = Database.defaultPath) throws {
        // Opened unmigrated, so that a file from a newer Assay gets the message of `init(database:pauseFile:)`.
        try self.init(database: Database(unmigratedPath: path))
    }

    /// Opens the store at `path` if its file exists, and nil otherwise: for a command that must not
    /// leave a new, empty store behind when it fails before it has anything to record.
    ///
    /// - Throws: As `init(path:)`.
    public convenience init?(existingPath path: String) throws {
        let inMemory = path.isEmpty || path == ":memory:" || path.hasPrefix("file:")
        guard inMemory || FileManager.default.fileExists(atPath: path) else { return nil }
        try self.init(path: path)
    }

    /// A store in `database`, whose schema is brought up to date first.
    ///
    /// - Throws: `AssayError` (`.runtime`) if the file was written by a newer Assay or cannot be
    ///   migrated.
    public convenience init(database: Database) throws {
        let pause = ProcessInfo.processInfo.environment[Self.pauseEnvironmentVariable]
        try self.init(database: database, pauseFile: pause?.isEmpty == false ? pause : nil)
    }

    /// A store whose test hook uses `pauseFile`, whatever the environment says.
    init(database: Database, pauseFile: String?) throws {
        let version = try database.schemaVersion()
        guard version <= Schema.version else {
            throw AssayError(
                .runtime, file: database.path,
                "the database was written by a newer Assay (schema version \(version); this Assay knows only "
                    + "up to \(Schema.version)); upgrade Assay or use another database file")
        }
        try database.migrate(Schema.migrations)
        self.database = database
        self.pauseFile = pauseFile
    }

    // MARK: Writing

    /// Records a run with its metric values and gate results, in one transaction: either all of it
    /// is stored or, on an error, none of it.
    ///
    /// Statuses, sides and severities are typed; scopes must be among `RecordedValues.scopes`,
    /// `settingsJSON` must be a JSON object, and
    /// each (metric, side, label) may occur once; all is checked before anything is written. Each
    /// table's insert is prepared once and reused for every row.
    ///
    /// Test hook: if the environment variable `ASSAY_TEST_PAUSE_IN_RECORD` (read when the store is
    /// opened) names a file, `record` — inside its transaction, after inserting the run row and the
    /// first half (`metrics.count / 2`) of the metric values — creates that file, holding the new
    /// run's id and a newline, then sleeps until the file is removed or `pauseLimitSeconds` (30 s)
    /// have passed, and then continues. A test kills the process during the pause to check that an
    /// interrupted write leaves the store as it was. Leave the variable unset in normal use.
    ///
    /// - Parameters:
    ///   - run: The run.
    ///   - metrics: Its metric values.
    ///   - gates: Its gate results, in the order `gateResults(run:)` keeps among equal keys.
    ///   - beforeCommit: Work that must succeed for the run to be kept, given the new run's id: it runs
    ///     last inside the transaction, and if it throws nothing is recorded. `assay gate` writes its
    ///     report files and JUnit XML here, so a run is never recorded without its outputs.
    /// - Returns: The new run's id.
    /// - Throws: `AssayError` (`.runtime`) if a record is invalid, a write fails, or the write lock is
    ///   not free within the busy timeout; whatever `beforeCommit` throws.
    /// - Complexity: O((m + g) · log N) for m metric values, g gate results and N stored rows.
    @discardableResult
    public func record(
        _ run: NewRun, metrics: [ReportValue], gates: [GateResult], beforeCommit: (Int64) throws -> Void = { _ in }
    ) throws -> Int64 {
        try validate(run, metrics: metrics, gates: gates)
        return try database.transaction {
            let insertRun = try database.prepare(Self.insertRunSQL)
            try bind(run, to: insertRun)
            try insertRun.run()
            let id = database.lastInsertRowID

            let insertMetric = try database.prepare(Self.insertMetricSQL)
            try insertMetric.bind(id, at: 1)
            let half = metrics.count / 2
            for value in metrics[..<half] {
                try insert(value, with: insertMetric)
            }
            if let pauseFile {
                try Self.pause(creating: pauseFile, run: id)
            }
            for value in metrics[half...] {
                try insert(value, with: insertMetric)
            }

            let insertGate = try database.prepare(Self.insertGateSQL)
            try insertGate.bind(id, at: 1)
            for (position, gate) in gates.enumerated() {
                try insertGate.bind(position, at: 2)
                try insertGate.bind(gate.rule, at: 3)
                try insertGate.bind(gate.metric.rawValue, at: 4)
                try insertGate.bind(gate.side.rawValue, at: 5)
                try insertGate.bind(gate.scope, at: 6)
                try bind(gate.label, at: 7, to: insertGate)
                try insertGate.bind(gate.condition, at: 8)
                try insertGate.bind(gate.status.rawValue, at: 9)
                try insertGate.bind(gate.severity.rawValue, at: 10)
                try bind(gate.value, at: 11, to: insertGate)
                try insertGate.bind(gate.message, at: 12)
                try insertGate.run()
            }
            try beforeCommit(id)
            return id
        }
    }

    // MARK: Reading

    /// The recorded runs, newest first.
    ///
    /// - Parameters:
    ///   - dataset: Only the runs of this dataset name; all runs if `nil`.
    ///   - limit: At most this many (the newest); all if `nil`.
    /// - Throws: `AssayError` (`.runtime`) if `limit` is negative or the query fails.
    /// - Complexity: O(log N + k) for k runs returned.
    public func runs(dataset: String? = nil, limit: Int? = nil) throws -> [RunRecord] {
        let statement = try database.prepare(dataset == nil ? Self.runsSQL : Self.runsOfDatasetSQL)
        try statement.bind(checked(limit), at: 1)
        if let dataset { try statement.bind(dataset, at: 2) }
        var runs: [RunRecord] = []
        while try statement.step() {
            runs.append(try Self.readRun(statement, from: 0))
        }
        return runs
    }

    /// The run with `id`, or `nil` if there is none.
    ///
    /// - Throws: `AssayError` (`.runtime`) if the query fails.
    /// - Complexity: O(log N).
    public func run(id: Int64) throws -> RunRecord? {
        let statement = try database.prepare(Self.runSQL)
        try statement.bind(id, at: 1)
        return try statement.step() ? try Self.readRun(statement, from: 0) : nil
    }

    /// The newest run of `dataset` whose status is pass or warn (`RunRecord.acceptedStatuses`), the
    /// baseline of `--baseline last`; `nil` if there is none (the gate then takes the dataset's latest
    /// run, `runs(dataset:limit:)`).
    ///
    /// - Throws: `AssayError` (`.runtime`) if the query fails.
    /// - Complexity: O(log N), through the partial index of accepted runs.
    public func lastPassing(dataset: String) throws -> RunRecord? {
        let statement = try database.prepare(Self.lastPassingSQL)
        try statement.bind(dataset, at: 1)
        return try statement.step() ? try Self.readRun(statement, from: 0) : nil
    }

    /// The metric values of run `run`, ordered by metric, side, then label (the overall value first);
    /// empty if there is no such run.
    ///
    /// Labels are ordered by their UTF-8 bytes, which is the order of their Unicode scalars.
    ///
    /// - Throws: `AssayError` (`.runtime`) if the query fails.
    /// - Complexity: O(log N + k) for k values returned.
    public func metricValues(run: Int64) throws -> [ReportValue] {
        let statement = try database.prepare(Self.metricValuesSQL)
        try statement.bind(run, at: 1)
        var values: [ReportValue] = []
        while try statement.step() {
            values.append(try Self.readMetricValue(statement, from: 0))
        }
        return values
    }

    /// The gate results of run `run`, ordered by rule index, then label (`nil` first), then the order
    /// they were recorded in; empty if there is no such run.
    ///
    /// - Throws: `AssayError` (`.runtime`) if the query fails.
    /// - Complexity: O(log N + k log k) for k results returned.
    public func gateResults(run: Int64) throws -> [GateResult] {
        let statement = try database.prepare(Self.gateResultsSQL)
        try statement.bind(run, at: 1)
        var gates: [GateResult] = []
        while try statement.step() {
            gates.append(
                GateResult(
                    rule: Int(statement.int64(at: 0)), metric: MetricID(text(statement, 1)),
                    side: try decoded(statement, 2, "gate side"), scope: text(statement, 3),
                    label: statement.string(at: 4), condition: text(statement, 5),
                    status: try decoded(statement, 6, "gate status"),
                    severity: try decoded(statement, 7, "gate severity"),
                    value: real(statement, 8),
                    message: text(statement, 9)))
        }
        return gates
    }

    /// One metric's values across the runs that have it, oldest first: the trend `assay history`
    /// shows.
    ///
    /// - Parameters:
    ///   - metric: The metric id.
    ///   - side: The side.
    ///   - label: A class's values; the overall values if `nil`.
    ///   - dataset: Only runs of this dataset name; all runs if `nil`.
    ///   - limit: Only the newest this many runs (still listed oldest first); all if `nil`.
    /// - Throws: `AssayError` (`.runtime`) if `limit` is negative or the query fails.
    /// - Complexity: O(r · log N) for the r runs (of `dataset`) looked at: every run until `limit`
    ///   values are found. About a millisecond per thousand runs.
    public func trend(
        metric: MetricID, side: MetricSide, label: String? = nil, dataset: String? = nil, limit: Int? = nil
    ) throws -> [(run: RunRecord, value: ReportValue)] {
        let statement = try database.prepare(dataset == nil ? Self.trendSQL : Self.trendOfDatasetSQL)
        try statement.bind(metric.rawValue, at: 1)
        try statement.bind(side.rawValue, at: 2)
        try statement.bind(label == nil ? 0 : 1, at: 3)
        try statement.bind(label ?? "", at: 4)
        try statement.bind(checked(limit), at: 5)
        if let dataset { try statement.bind(dataset, at: 6) }
        var points: [(run: RunRecord, value: ReportValue)] = []
        while try statement.step() {
            points.append(
                (
                    run: try Self.readRun(statement, from: 0),
                    value: try Self.readMetricValue(statement, from: Self.runColumnCount)
                ))
        }
        return points.reversed()
    }
}

// MARK: SQL

extension RunStore {
    static let runColumns = """
        runs.id, runs.created_at, runs.command, runs.dataset_name, runs.original_path, runs.original_sha256, \
        runs.synthetic_path, runs.synthetic_sha256, runs.settings_json, runs.tool_version, runs.status
        """
    static let runColumnCount = 11
    static let metricColumns = """
        metric_values.metric, metric_values.side, metric_values.has_label, metric_values.label, \
        metric_values.value, metric_values.ci_low, metric_values.ci_high, metric_values.n
        """

    static let insertRunSQL = """
        INSERT INTO runs (created_at, command, dataset_name, original_path, original_sha256, synthetic_path,
            synthetic_sha256, settings_json, tool_version, status)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
        """
    static let insertMetricSQL = """
        INSERT INTO metric_values (run_id, metric, side, has_label, label, value, ci_low, ci_high, n)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
        """
    static let insertGateSQL = """
        INSERT INTO gate_results (run_id, position, rule_index, metric, side, scope, label, condition, status,
            severity, value, message)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
        """

    static let runsSQL = "SELECT \(runColumns) FROM runs ORDER BY runs.id DESC LIMIT ?1"
    static let runsOfDatasetSQL =
        "SELECT \(runColumns) FROM runs WHERE runs.dataset_name = ?2 ORDER BY runs.id DESC LIMIT ?1"
    static let runSQL = "SELECT \(runColumns) FROM runs WHERE runs.id = ?1"
    // The status test is written as the partial index's WHERE clause, so that the index applies.
    static let lastPassingSQL = """
        SELECT \(runColumns) FROM runs
        WHERE runs.dataset_name = ?1 AND status IN ('pass', 'warn')
        ORDER BY runs.id DESC LIMIT 1
        """
    static let metricValuesSQL = """
        SELECT \(metricColumns) FROM metric_values WHERE metric_values.run_id = ?1
        ORDER BY metric_values.metric, metric_values.side, metric_values.has_label, metric_values.label
        """
    static let gateResultsSQL = """
        SELECT rule_index, metric, side, scope, label, condition, status, severity, value, message
        FROM gate_results WHERE run_id = ?1
        ORDER BY rule_index, label IS NOT NULL, label, position
        """
    // Runs first (CROSS JOIN fixes the loop order): newest first through the rowid or the dataset
    // index, one primary-key probe into metric_values each, stopping after LIMIT matches.
    static let trendSQL = """
        SELECT \(runColumns), \(metricColumns)
        FROM runs CROSS JOIN metric_values
        WHERE metric_values.run_id = runs.id AND metric_values.metric = ?1 AND metric_values.side = ?2
            AND metric_values.has_label = ?3 AND metric_values.label = ?4
        ORDER BY runs.id DESC LIMIT ?5
        """
    static let trendOfDatasetSQL = """
        SELECT \(runColumns), \(metricColumns)
        FROM runs CROSS JOIN metric_values
        WHERE runs.dataset_name = ?6 AND metric_values.run_id = runs.id AND metric_values.metric = ?1
            AND metric_values.side = ?2 AND metric_values.has_label = ?3 AND metric_values.label = ?4
        ORDER BY runs.id DESC LIMIT ?5
        """
}

// MARK: Helpers

extension RunStore {
    /// The run in the row of `statement`, from column `start` on (in the order of `runColumns`).
    fileprivate static func readRun(_ statement: Statement, from start: Int) throws -> RunRecord {
        RunRecord(
            id: statement.int64(at: start), createdAt: text(statement, start + 1), command: text(statement, start + 2),
            datasetName: text(statement, start + 3), originalPath: statement.string(at: start + 4),
            originalSHA256: statement.string(at: start + 5), syntheticPath: statement.string(at: start + 6),
            syntheticSHA256: statement.string(at: start + 7), settingsJSON: text(statement, start + 8),
            toolVersion: text(statement, start + 9), status: try decoded(statement, start + 10, "run status"))
    }

    /// The metric value in the row of `statement`, from column `start` on (in the order of
    /// `metricColumns`).
    fileprivate static func readMetricValue(_ statement: Statement, from start: Int) throws -> ReportValue {
        ReportValue(
            metric: MetricID(text(statement, start)), side: try decoded(statement, start + 1, "metric side"),
            label: statement.int64(at: start + 2) == 0 ? nil : text(statement, start + 3),
            value: real(statement, start + 4), ciLow: real(statement, start + 5), ciHigh: real(statement, start + 6),
            n: statement.isNull(at: start + 7) ? nil : Int(statement.int64(at: start + 7)))
    }

    /// Binds the columns of the `runs` insert.
    private func bind(_ run: NewRun, to statement: Statement) throws {
        try statement.bind(run.createdAt, at: 1)
        try statement.bind(run.command, at: 2)
        try statement.bind(run.datasetName, at: 3)
        try bind(run.originalPath, at: 4, to: statement)
        try bind(run.originalSHA256, at: 5, to: statement)
        try bind(run.syntheticPath, at: 6, to: statement)
        try bind(run.syntheticSHA256, at: 7, to: statement)
        try statement.bind(run.settingsJSON, at: 8)
        try statement.bind(run.toolVersion, at: 9)
        try statement.bind(run.status.rawValue, at: 10)
    }

    /// Inserts one metric value with the prepared insert, whose run id is bound already.
    private func insert(_ value: ReportValue, with statement: Statement) throws {
        try statement.bind(value.metric.rawValue, at: 2)
        try statement.bind(value.side.rawValue, at: 3)
        try statement.bind(value.label == nil ? 0 : 1, at: 4)
        try statement.bind(value.label ?? "", at: 5)
        try bind(value.value, at: 6, to: statement)
        try bind(value.ciLow, at: 7, to: statement)
        try bind(value.ciHigh, at: 8, to: statement)
        if let n = value.n { try statement.bind(n, at: 9) } else { try statement.bindNull(at: 9) }
        try statement.run()
    }

    private func bind(_ value: String?, at index: Int, to statement: Statement) throws {
        if let value { try statement.bind(value, at: index) } else { try statement.bindNull(at: index) }
    }

    private func bind(_ value: Double?, at index: Int, to statement: Statement) throws {
        if let value { try statement.bind(value, at: index) } else { try statement.bindNull(at: index) }
    }

    /// `limit` as SQLite's LIMIT, where -1 means none.
    private func checked(_ limit: Int?) throws -> Int {
        guard let limit else { return -1 }
        guard limit >= 0 else {
            throw AssayError(.runtime, file: path, "a limit of \(limit) runs was asked for; give 0 or more, or none")
        }
        return limit
    }

    /// Throws the first thing about the records that the store would not keep as given.
    private func validate(_ run: NewRun, metrics: [ReportValue], gates: [GateResult]) throws {
        func check(_ value: String, in allowed: [String], _ what: String) throws {
            guard allowed.contains(value) else {
                throw AssayError(
                    .runtime, file: path,
                    "cannot record \(what) \"\(value)\"; use one of \(allowed.joined(separator: ", "))")
            }
        }
        let settings = try? JSONSerialization.jsonObject(
            with: Data(run.settingsJSON.utf8), options: [.fragmentsAllowed])
        guard settings is [String: Any] else {
            throw AssayError(
                .runtime, file: path,
                "cannot record the run: its settings are not a JSON object (`\(run.settingsJSON.prefix(80))`)")
        }
        var seen = Set<MetricKey>()
        seen.reserveCapacity(metrics.count)
        for value in metrics {
            guard seen.insert(MetricKey(metric: value.metric, side: value.side, label: value.label)).inserted else {
                let label = value.label.map { "class \"\($0)\"" } ?? "overall"
                throw AssayError(
                    .runtime, file: path,
                    "cannot record the run: metric \(value.metric) (\(value.side), \(label)) is given twice; "
                        + "give each metric, side and label once")
            }
        }
        for gate in gates {
            let rule = "rule \(gate.rule) (\(gate.metric))"
            guard gate.rule >= 0 else {
                throw AssayError(.runtime, file: path, "cannot record gate \(rule): a rule index counts from 0")
            }
            try check(gate.scope, in: RecordedValues.scopes, "the scope of gate \(rule),")
        }
    }

    /// The test hook of `record`: creates `file` holding the run id, then waits for its removal or
    /// `pauseLimitSeconds`.
    private static func pause(creating file: String, run: Int64) throws {
        try TestPause.wait(creating: file, holding: "\(run)")
    }
}

/// The identity of a metric value within one run.
private struct MetricKey: Hashable {
    var metric: MetricID
    var side: MetricSide
    var label: String?
}

/// Column `index` as text, empty for NULL (which the NOT NULL columns never hold).
private func text(_ statement: Statement, _ index: Int) -> String {
    statement.string(at: index) ?? ""
}

/// Column `index` as one of the store's typed words (a status, side or severity).
///
/// - Throws: `AssayError` (`.runtime`) if the column holds a word this Assay does not know, which a
///   newer Assay or a hand edit may have written.
private func decoded<Word: RawRepresentable<String>>(_ statement: Statement, _ index: Int, _ what: String) throws
    -> Word
{
    let raw = text(statement, index)
    guard let word = Word(rawValue: raw) else {
        throw AssayError(.runtime, "the store holds an unknown \(what) \"\(raw)\"; was it written by a newer Assay?")
    }
    return word
}

/// Column `index` as a double, or `nil` for NULL.
private func real(_ statement: Statement, _ index: Int) -> Double? {
    statement.isNull(at: index) ? nil : statement.double(at: index)
}
