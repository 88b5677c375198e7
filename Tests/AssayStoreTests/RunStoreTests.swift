import AssayCore
import AssayReport
import Foundation
import Testing

@testable import AssayStore

/// The first column of the first row of `sql`.
private func scalar(_ database: Database, _ sql: String) throws -> DatabaseValue {
    let statement = try database.prepare(sql)
    guard try statement.step() else { return .null }
    return statement.value(at: 0)
}

/// The `detail` lines of SQLite's plan for `sql`.
private func queryPlan(_ database: Database, _ sql: String) throws -> [String] {
    let statement = try database.prepare("EXPLAIN QUERY PLAN " + sql)
    var details: [String] = []
    while try statement.step() {
        details.append(statement.string(at: 3) ?? "")
    }
    return details
}

/// A run of `dataset` with `status`, its other fields fixed.
private func newRun(_ dataset: String = "sst2", status: RunStatus = .pass, at time: String = "2025-01-02T03:04:05Z")
    -> NewRun
{
    NewRun(
        createdAt: time, command: "gate", datasetName: dataset, originalPath: "data/real.jsonl",
        originalSHA256: String(repeating: "a", count: 64), syntheticPath: "data/synth.jsonl",
        syntheticSHA256: String(repeating: "b", count: 64), settingsJSON: #"{"seed":13}"#, toolVersion: "0.1.0",
        status: status)
}

/// `count` distinct metric values, in the order `metricValues(run:)` returns them.
private func manyValues(_ count: Int) -> [ReportValue] {
    (0..<count).map { index in
        ReportValue(
            metric: MetricID("family.metric_\(String(format: "%03d", index / 50))"), side: .synthetic,
            label: "class \(String(format: "%02d", index % 50))", value: Double(index), ciLow: Double(index) - 0.5,
            ciHigh: Double(index) + 0.5, n: index)
    }
}

/// Waits up to `seconds` for a file to exist.
private func waitForFile(_ path: String, seconds: Double = 30) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if FileManager.default.fileExists(atPath: path) { return true }
        Thread.sleep(forTimeInterval: 0.01)
    }
    return false
}

private func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
}

@Suite struct RunStoreTests {
    // MARK: Schema

    @Test func theSchemaIsAtVersionThreeWithTheRunTables() throws {
        #expect(Schema.version == 3)
        try withTemporaryDirectory { folder in
            let store = try RunStore(path: folder.appendingPathComponent("nested/store.sqlite").path)
            #expect(try store.database.schemaVersion() == 3)
            let tables = try store.database.prepare(
                "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'table' "
                    + "AND name NOT LIKE 'sqlite_%' ORDER BY name)")
            #expect(try tables.step())
            #expect(tables.string(at: 0) == "embeddings gate_results llm_responses metric_values runs")
        }
    }

    @Test func aVersionOneFileIsMigratedAndKeepsItsEmbeddings() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("old.sqlite").path
            let key = EmbeddingCache.key(for: "kept text")
            do {
                let old = try Database(path: path, migrations: Array(Schema.migrations.prefix(1)))
                #expect(try old.schemaVersion() == 1)
                let insert = try old.prepare("INSERT INTO embeddings VALUES ('minilm', ?1, 2, ?2)")
                try insert.bind(key, at: 1)
                try insert.bind(EmbeddingCache.encode([0.5, -1]), at: 2)
                try insert.run()
            }
            let store = try RunStore(path: path)
            #expect(try store.database.schemaVersion() == 3)
            #expect(
                try EmbeddingCache(database: store.database).lookup(model: "minilm", hashes: [key]) == [key: [0.5, -1]])
            let id = try store.record(newRun(), metrics: [], gates: [])
            #expect(try store.run(id: id) != nil)
        }
    }

    @Test func aFileFromANewerAssayIsRefusedAndLeftAlone() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("newer.sqlite").path
            do {
                let database = try Database(path: path, migrations: [])
                try database.execute("PRAGMA user_version = 4")
            }
            let error = #expect(throws: AssayError.self) { try RunStore(path: path) }
            #expect(error?.kind == .runtime)
            #expect(error?.file == path)
            #expect(error?.message.contains("written by a newer Assay") == true)
            #expect(error?.message.contains("schema version 4") == true)
            #expect(try Database(unmigratedPath: path).schemaVersion() == 4)
        }
    }

    @Test func theQueriesUseTheIndexesAndNeedNoSort() throws {
        let database = try Database(path: ":memory:")
        // Listing every run, and a trend over all runs, walk the runs backwards; the rest search.
        #expect(try queryPlan(database, RunStore.runsSQL) == ["SCAN runs"])
        #expect(
            try queryPlan(database, RunStore.trendSQL) == [
                "SCAN runs",
                "SEARCH metric_values USING PRIMARY KEY (run_id=? AND metric=? AND side=? AND has_label=? AND label=?)",
            ])
        let searches: [(sql: String, index: String)] = [
            (RunStore.runSQL, "INTEGER PRIMARY KEY"),
            (RunStore.runsOfDatasetSQL, "INDEX runs_by_dataset (dataset_name=?)"),
            (RunStore.lastPassingSQL, "INDEX runs_accepted_by_dataset (dataset_name=?)"),
            (RunStore.metricValuesSQL, "PRIMARY KEY (run_id=?)"),
            (RunStore.trendOfDatasetSQL, "INDEX runs_by_dataset (dataset_name=?)"),
            (RunStore.gateResultsSQL, "PRIMARY KEY (run_id=?)"),
        ]
        for (sql, index) in searches {
            let plan = try queryPlan(database, sql)
            #expect(plan.first?.contains(index) == true, "\(sql): \(plan)")
            #expect(plan.allSatisfy { $0.hasPrefix("SEARCH") || $0.contains("TEMP B-TREE") }, "\(sql): \(plan)")
        }
        // Only the gate results, a few per run, are sorted after reading.
        let unsorted = [
            RunStore.runsOfDatasetSQL, RunStore.lastPassingSQL, RunStore.metricValuesSQL, RunStore.trendSQL,
            RunStore.trendOfDatasetSQL,
        ]
        for sql in unsorted {
            #expect(try !queryPlan(database, sql).contains { $0.contains("TEMP B-TREE") }, "\(sql)")
        }
    }

    // MARK: Round trips

    @Test func everyFieldRoundTripsIncludingNilsAndNonASCII() throws {
        let store = try RunStore(database: Database(path: ":memory:"))
        let full = NewRun(
            createdAt: "2025-06-30T23:59:59Z", command: "compare", datasetName: "Zürich — 日本語 ✓",
            originalPath: "données/réel.jsonl", originalSHA256: String(repeating: "0f", count: 32),
            syntheticPath: "/tmp/synth \"quoted\".csv", syntheticSHA256: String(repeating: "e1", count: 32),
            settingsJSON: #"{"embedder":"all-MiniLM-L6-v2","seed":13,"sample":null,"note":"ünï"}"#,
            toolVersion: "1.2.3-beta+7", status: .warn)
        let bare = NewRun(
            createdAt: "2025-07-01T00:00:00Z", command: "generate", datasetName: "", settingsJSON: "{}",
            toolVersion: "0.0.1", status: .notGated)
        // In the order metricValues(run:) returns them: metric, side, then label with nil first; "" is
        // a class label distinct from nil, and labels sort by their Unicode scalars.
        let values = [
            ReportValue(metric: "bias.gap", side: .pair, label: nil, value: -0.0, n: 0),
            ReportValue(
                metric: "diversity.distinct_2", side: .original, label: nil, value: 0.79, ciLow: 0.78, ciHigh: 0.8,
                n: 872),
            ReportValue(metric: "diversity.distinct_2", side: .original, label: "", value: 0.5, n: 1),
            ReportValue(metric: "diversity.distinct_2", side: .original, label: "négatif", value: 0.25),
            ReportValue(metric: "diversity.distinct_2", side: .original, label: "正面", value: nil),
            ReportValue(
                metric: "diversity.distinct_2", side: .synthetic, label: nil, value: .infinity,
                ciLow: -.greatestFiniteMagnitude, ciHigh: .leastNonzeroMagnitude, n: Int(Int32.max) + 1),
        ]
        let gates = [
            GateResult(
                rule: 0, metric: "diversity.distinct_2", side: .synthetic, scope: "overall",
                condition:
                    "synthetic ≥ 0.3", status: .pass, severity: .error, value: 0.31, message: "0.31 ≥ 0.3 ✓"),
            GateResult(
                rule: 1, metric: "diversity.distinct_2", side: .original, scope: "each_class",
                label: "négatif", condition: "original ≥ 0.3", status: .fail, severity: .warn, value: 0.25,
                message: "class négatif: 0.25 < 0.3"),
            GateResult(
                rule: 2, metric: "missing.metric", side: .pair, scope: "overall", condition: "value ≤ 0.1",
                status: .error, severity: .error, value: nil, message: "the report has no metric missing.metric"),
        ]
        let fullID = try store.record(full, metrics: values.shuffled(), gates: gates)
        let bareID = try store.record(bare, metrics: [], gates: [])
        #expect(fullID == 1)
        #expect(bareID == 2)
        #expect(try store.run(id: fullID) == RunRecord(id: fullID, full))
        #expect(try store.run(id: bareID) == RunRecord(id: bareID, bare))
        #expect(try store.run(id: bareID)?.originalPath == nil)
        #expect(try store.metricValues(run: fullID) == values)
        #expect(try store.gateResults(run: fullID) == gates)
        #expect(try store.metricValues(run: bareID).isEmpty)
        #expect(try store.gateResults(run: bareID).isEmpty)
        #expect(try store.run(id: 99) == nil)
        #expect(try store.metricValues(run: 99).isEmpty)
    }

    @Test func gateResultsAreOrderedByRuleThenLabelThenRecordingOrder() throws {
        let store = try RunStore(database: Database(path: ":memory:"))
        func gate(_ rule: Int, _ label: String?, _ message: String) -> GateResult {
            GateResult(
                rule: rule, metric: "m", side: .synthetic, scope: label == nil ? "overall" : "each_class",
                label: label, condition: "synthetic ≥ 0", status: .pass, severity: .error, value: 1,
                message: message)
        }
        let given = [
            gate(1, "b", "1b"), gate(0, nil, "0"), gate(1, "a", "1a first"), gate(1, nil, "1 overall"),
            gate(1, "a", "1a second"),
        ]
        let id = try store.record(newRun(), metrics: [], gates: given)
        #expect(try store.gateResults(run: id).map(\.message) == ["0", "1 overall", "1a first", "1a second", "1b"])
    }

    @Test func nanIsStoredAsNil() throws {
        let store = try RunStore(database: Database(path: ":memory:"))
        let id = try store.record(
            newRun(), metrics: [ReportValue(metric: "m", side: .pair, value: .nan, ciLow: .nan)], gates: [])
        #expect(try store.metricValues(run: id) == [ReportValue(metric: "m", side: .pair, value: nil)])
    }

    // MARK: Listing

    @Test func runsAreNewestFirstAndLimited() throws {
        let store = try RunStore(database: Database(path: ":memory:"))
        // createdAt runs backwards on purpose: the order is that of recording, not of the clock.
        let datasets = ["a", "b", "a", "a", "b"]
        for (index, dataset) in datasets.enumerated() {
            try store.record(newRun(dataset, at: "2025-01-0\(9 - index)T00:00:00Z"), metrics: [], gates: [])
        }
        #expect(try store.runs().map(\.id) == [5, 4, 3, 2, 1])
        #expect(try store.runs(limit: 2).map(\.id) == [5, 4])
        #expect(try store.runs(limit: 0).isEmpty)
        #expect(try store.runs(limit: 50).count == 5)
        #expect(try store.runs(dataset: "a").map(\.id) == [4, 3, 1])
        #expect(try store.runs(dataset: "a", limit: 1).map(\.id) == [4])
        #expect(try store.runs(dataset: "b").map(\.datasetName) == ["b", "b"])
        #expect(try store.runs(dataset: "c").isEmpty)
        let negative = #expect(throws: AssayError.self) { try store.runs(limit: -1) }
        #expect(negative?.message.contains("0 or more") == true)
    }

    @Test func lastPassingSkipsFailedRunsAndOtherDatasets() throws {
        let store = try RunStore(database: Database(path: ":memory:"))
        let sequence: [(String, RunStatus)] = [
            ("a", .pass), ("a", .warn), ("b", .pass), ("a", .fail), ("a", .error), ("a", .notGated),
            ("c", .fail), ("b", .error),
        ]
        for (dataset, status) in sequence {
            try store.record(newRun(dataset, status: status), metrics: [], gates: [])
        }
        #expect(try store.lastPassing(dataset: "a")?.id == 2)
        #expect(try store.lastPassing(dataset: "a")?.status == .warn)
        #expect(try store.lastPassing(dataset: "b")?.id == 3)
        #expect(try store.lastPassing(dataset: "c") == nil)
        #expect(try store.lastPassing(dataset: "nowhere") == nil)
        try store.record(newRun("a", status: .pass), metrics: [], gates: [])
        #expect(try store.lastPassing(dataset: "a")?.id == 9)
    }

    @Test func trendIsOldestFirstAndFilteredBySideLabelAndDataset() throws {
        let store = try RunStore(database: Database(path: ":memory:"))
        func values(_ overall: Double, positive: Double?) -> [ReportValue] {
            var values = [
                ReportValue(metric: "diversity.distinct_2", side: .synthetic, value: overall),
                ReportValue(metric: "diversity.distinct_2", side: .original, value: overall + 100),
                ReportValue(metric: "other.metric", side: .synthetic, value: -1),
            ]
            if let positive {
                values.append(
                    ReportValue(metric: "diversity.distinct_2", side: .synthetic, label: "pos", value: positive))
            }
            return values
        }
        try store.record(newRun("a"), metrics: values(0.1, positive: 0.11), gates: [])  // 1
        try store.record(newRun("b"), metrics: values(0.2, positive: nil), gates: [])  // 2
        try store.record(newRun("a", status: .fail), metrics: [], gates: [])  // 3: lacks the metric
        try store.record(newRun("a"), metrics: values(0.4, positive: 0.44), gates: [])  // 4
        try store.record(newRun("a"), metrics: values(0.5, positive: nil), gates: [])  // 5

        let overall = try store.trend(metric: "diversity.distinct_2", side: .synthetic)
        #expect(overall.map(\.run.id) == [1, 2, 4, 5])
        #expect(overall.map(\.value.value) == [0.1, 0.2, 0.4, 0.5])
        #expect(overall.allSatisfy { $0.value.label == nil && $0.value.side == .synthetic })
        #expect(overall.last?.run == (try store.run(id: 5)))

        #expect(
            try store.trend(metric: "diversity.distinct_2", side: .original).map(\.value.value) == [
                100.1, 100.2, 100.4, 100.5,
            ])
        let positive = try store.trend(metric: "diversity.distinct_2", side: .synthetic, label: "pos")
        #expect(positive.map(\.run.id) == [1, 4])
        #expect(positive.map(\.value.label) == ["pos", "pos"])
        #expect(
            try store.trend(metric: "diversity.distinct_2", side: .synthetic, dataset: "a").map(\.run.id) == [1, 4, 5])
        #expect(try store.trend(metric: "diversity.distinct_2", side: .synthetic, limit: 2).map(\.run.id) == [4, 5])
        #expect(
            try store.trend(metric: "diversity.distinct_2", side: .synthetic, dataset: "a", limit: 2).map(\.run.id)
                == [
                    4, 5,
                ])
        #expect(try store.trend(metric: "diversity.distinct_2", side: .pair).isEmpty)
        #expect(try store.trend(metric: "absent", side: .synthetic).isEmpty)
    }

    // MARK: All or nothing

    @Test func aDuplicateReportValuesNothing() throws {
        let store = try RunStore(database: Database(path: ":memory:"))
        try store.record(newRun(), metrics: [ReportValue(metric: "m", side: .synthetic, value: 1)], gates: [])
        let metrics =
            manyValues(10) + [
                ReportValue(metric: "family.metric_000", side: .synthetic, label: "class 03", value: 9)
            ]
        let error = #expect(throws: AssayError.self) {
            try store.record(newRun(), metrics: metrics, gates: [])
        }
        #expect(error?.message.contains("family.metric_000 (synthetic, class \"class 03\") is given twice") == true)
        #expect(try store.runs().map(\.id) == [1])
        #expect(try scalar(store.database, "SELECT count(*) FROM metric_values") == .integer(1))
        // The same (metric, side) overall and for a class, and for another side, are distinct.
        let distinct = [
            ReportValue(metric: "m", side: .synthetic, value: 1),
            ReportValue(metric: "m", side: .synthetic, label: "x", value: 2),
            ReportValue(metric: "m", side: .original, value: 3),
        ]
        #expect(try store.record(newRun(), metrics: distinct, gates: []) == 2)
    }

    @Test func aFailureHalfWayThroughLeavesNoTrace() throws {
        let store = try RunStore(database: Database(path: ":memory:"))
        try store.record(newRun(), metrics: manyValues(3), gates: [])
        // The run row and every metric value are written before the gates; the third gate fails.
        try store.database.execute(
            """
            CREATE TEMP TRIGGER planned_failure BEFORE INSERT ON gate_results WHEN NEW.position = 2
            BEGIN SELECT RAISE(ABORT, 'planned failure'); END
            """)
        let gates = (0..<3).map {
            GateResult(
                rule: $0, metric: "m", side: .synthetic, scope: "overall", condition: "c", status: .pass,
                severity: .error, value: nil, message: "")
        }
        let error = #expect(throws: AssayError.self) {
            try store.record(newRun(), metrics: manyValues(500), gates: gates)
        }
        #expect(error?.message.contains("planned failure") == true)
        #expect(try store.runs().map(\.id) == [1])
        #expect(try scalar(store.database, "SELECT count(*) FROM metric_values") == .integer(3))
        #expect(try scalar(store.database, "SELECT count(*) FROM gate_results") == .integer(0))
        try store.database.execute("DROP TRIGGER planned_failure")
        // The failed run's id is not handed out: AUTOINCREMENT's counter was rolled back with it, and
        // the next run is the second one anybody sees.
        #expect(try store.record(newRun(), metrics: [], gates: gates) == 2)
    }

    @Test func anUnknownScopeIsRefusedNamingTheScopesToUse() throws {
        let store = try RunStore(database: Database(path: ":memory:"))
        var gate = GateResult(
            rule: 0, metric: "m", side: .synthetic, scope: "overall", condition: "c", status: .pass,
            severity: .error, value: 1, message: "")
        try store.record(newRun(), metrics: [], gates: [gate])
        gate.scope = "per_class"
        let error = #expect(throws: AssayError.self) { try store.record(newRun(), metrics: [], gates: [gate]) }
        #expect(error?.message.contains("\"per_class\"; use one of overall, each_class") == true)
        #expect(try store.runs().count == 1)
    }

    /// Statuses, sides and severities are typed, so the store cannot be given a word it does not know;
    /// one written there by hand (or by a newer Assay) is an error on reading, not a crash.
    @Test(arguments: [
        ("UPDATE runs SET status = 'passed'", "unknown run status \"passed\""),
        ("UPDATE metric_values SET side = 'left'", "unknown metric side \"left\""),
        ("UPDATE gate_results SET side = 'right'", "unknown gate side \"right\""),
        ("UPDATE gate_results SET status = 'ok'", "unknown gate status \"ok\""),
        ("UPDATE gate_results SET severity = 'fatal'", "unknown gate severity \"fatal\""),
    ])
    func anUnknownWordInTheStoreIsReportedOnReading(edit: String, message: String) throws {
        let store = try RunStore(database: Database(path: ":memory:"))
        let gate = GateResult(
            rule: 0, metric: "m", side: .synthetic, scope: "overall", condition: "c", status: .pass,
            severity: .error, value: 1, message: "")
        let run = try store.record(
            newRun(), metrics: [ReportValue(metric: "m", side: .synthetic, value: 1)], gates: [gate])
        try store.database.execute(edit)
        let error = #expect(throws: AssayError.self) {
            _ = try store.runs()
            _ = try store.metricValues(run: run)
            _ = try store.gateResults(run: run)
        }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    @Test func settingsMustBeAJSONObject() throws {
        let store = try RunStore(database: Database(path: ":memory:"))
        for settings in ["", "[1]", "13", #"{"seed": "#] {
            var run = newRun()
            run.settingsJSON = settings
            let error = #expect(throws: AssayError.self) { try store.record(run, metrics: [], gates: []) }
            #expect(error?.message.contains("not a JSON object") == true)
        }
        #expect(try store.runs().isEmpty)
    }

    @Test func deletingARunDeletesItsValuesAndGates() throws {
        let store = try RunStore(database: Database(path: ":memory:"))
        let gate = GateResult(
            rule: 0, metric: "m", side: .pair, scope: "overall", condition: "c", status: .pass, severity: .warn,
            value: 1, message: "")
        let first = try store.record(newRun(), metrics: manyValues(4), gates: [gate])
        let second = try store.record(newRun(), metrics: manyValues(2), gates: [gate, gate])
        try store.database.execute("DELETE FROM runs WHERE id = \(first)")
        #expect(try scalar(store.database, "SELECT count(*) FROM metric_values") == .integer(2))
        #expect(try scalar(store.database, "SELECT count(*) FROM gate_results") == .integer(2))
        #expect(try store.metricValues(run: second).count == 2)
        // Ids are never reused, even for the newest run deleted.
        try store.database.execute("DELETE FROM runs WHERE id = \(second)")
        #expect(try store.record(newRun(), metrics: [], gates: []) == 3)
    }

    @Test func fiveThousandValuesAreRecordedInOneCall() throws {
        try withTemporaryDirectory { folder in
            let store = try RunStore(path: folder.appendingPathComponent("big.sqlite").path)
            let values = manyValues(5_000)
            let id = try store.record(newRun(), metrics: values.reversed(), gates: [])
            #expect(try store.metricValues(run: id) == values)
        }
    }

    // MARK: Concurrency and crashes

    @Test func eightConnectionsRecordingAtOnceLoseNothing() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("shared.sqlite").path
            let reader = try RunStore(path: path)
            let threads = 8
            let runsPerThread = 20
            let failures = Collected<String>()
            let ids = Collected<Int64>()
            let start = DispatchSemaphore(value: 0)
            let group = DispatchGroup()
            for thread in 0..<threads {
                group.enter()
                Thread {
                    defer { group.leave() }
                    do {
                        // Each thread has its own connection; BEGIN IMMEDIATE and the busy timeout order them.
                        let store = try RunStore(path: path)
                        start.wait()
                        for index in 0..<runsPerThread {
                            let values = manyValues(30).map { value in
                                var value = value
                                value.value = Double(thread * 1_000 + index)
                                return value
                            }
                            ids.append(try store.record(newRun("thread \(thread)"), metrics: values, gates: []))
                        }
                    } catch {
                        failures.append("thread \(thread): \(error)")
                    }
                }
                .start()
            }
            for _ in 0..<threads { start.signal() }
            group.wait()
            #expect(failures.elements.isEmpty)
            #expect(ids.elements.count == threads * runsPerThread)
            #expect(Set(ids.elements).count == threads * runsPerThread)
            let runs = try reader.runs()
            #expect(runs.count == threads * runsPerThread)
            #expect(Set(runs.map(\.id)) == Set(ids.elements))
            for thread in 0..<threads {
                #expect(try reader.runs(dataset: "thread \(thread)").count == runsPerThread)
            }
            // Every run holds its own thread's values, none of another's.
            let mixed = try scalar(
                reader.database,
                "SELECT count(*) FROM metric_values JOIN runs ON runs.id = run_id "
                    + "WHERE CAST(value / 1000 AS INTEGER) != CAST(substr(dataset_name, 8) AS INTEGER)")
            #expect(mixed == .integer(0))
            #expect(try scalar(reader.database, "SELECT count(*) FROM metric_values") == .integer(160 * 30))
            #expect(try scalar(reader.database, "PRAGMA integrity_check") == .text("ok"))
        }
    }

    @Test func aTransactionAbandonedByItsConnectionLeavesTheStoreAsItWas() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("abandoned.sqlite").path
            let store = try RunStore(path: path)
            let earlier = try store.record(newRun(), metrics: manyValues(20), gates: [])
            do {
                // A second connection writes a run and half its values, then goes away without COMMIT.
                let writer = try Database(path: path)
                try writer.execute("BEGIN IMMEDIATE")
                try writer.execute(
                    """
                    INSERT INTO runs (created_at, command, dataset_name, settings_json, tool_version, status)
                    VALUES ('2025-01-01T00:00:00Z', 'gate', 'sst2', '{}', '0.1.0', 'pass')
                    """)
                try writer.execute(
                    """
                    INSERT INTO metric_values (run_id, metric, side, has_label, label, value)
                    WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < 2000)
                    SELECT (SELECT max(id) FROM runs), 'm' || k, 'synthetic', 0, '', k FROM i
                    """)
                // Meanwhile the store still reads the committed runs only.
                #expect(try store.runs().map(\.id) == [earlier])
            }
            #expect(try store.runs().map(\.id) == [earlier])
            #expect(try store.metricValues(run: earlier) == manyValues(20))
            #expect(try scalar(store.database, "SELECT count(*) FROM metric_values") == .integer(20))
            #expect(try scalar(store.database, "PRAGMA integrity_check") == .text("ok"))
            #expect(try store.record(newRun(), metrics: [], gates: []) == earlier + 1)
        }
    }

    @Test func aCrashInsideRecordLeavesEarlierRunsReadable() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("store.sqlite").path
            let pauseFile = folder.appendingPathComponent("paused").path
            let reader = try RunStore(path: path)
            let earlier = try reader.record(newRun(), metrics: manyValues(50), gates: [])
            let walBefore = fileSize(path + "-wal")

            let writerDatabase = try Database(path: path)
            // A tiny page cache makes SQLite spill uncommitted pages into the WAL file mid-transaction,
            // so the copy below holds uncommitted frames, as a killed process would leave them.
            try writerDatabase.execute("PRAGMA cache_size = 10")
            let writer = try RunStore(database: writerDatabase, pauseFile: pauseFile)
            let values = manyValues(5_000)
            let outcome = Collected<String>()
            let done = DispatchSemaphore(value: 0)
            Thread {
                defer { done.signal() }
                do {
                    outcome.append("recorded \(try writer.record(newRun(), metrics: values, gates: []))")
                } catch {
                    outcome.append("\(error)")
                }
            }
            .start()

            #expect(waitForFile(pauseFile))
            let pausedRun = try String(contentsOfFile: pauseFile, encoding: .utf8)
            #expect(pausedRun == "\(earlier + 1)\n")
            // The disk image of a crash at this instant: the database and its WAL, without the shared
            // memory index, which SQLite rebuilds from the WAL's committed frames on opening.
            let crashed = folder.appendingPathComponent("crashed.sqlite").path
            try FileManager.default.copyItem(atPath: path, toPath: crashed)
            try FileManager.default.copyItem(atPath: path + "-wal", toPath: crashed + "-wal")
            #expect(fileSize(crashed + "-wal") > walBefore)
            // Readers are not blocked by the paused writer and see only committed runs.
            #expect(try reader.runs().map(\.id) == [earlier])

            try FileManager.default.removeItem(atPath: pauseFile)
            done.wait()
            #expect(outcome.elements == ["recorded \(earlier + 1)"])
            #expect(try reader.metricValues(run: earlier + 1) == values)

            let recovered = try RunStore(path: crashed)
            #expect(try scalar(recovered.database, "PRAGMA integrity_check") == .text("ok"))
            #expect(try recovered.runs().map(\.id) == [earlier])
            #expect(try recovered.metricValues(run: earlier) == manyValues(50))
            #expect(try scalar(recovered.database, "SELECT count(*) FROM metric_values") == .integer(50))
            #expect(try recovered.record(newRun(), metrics: manyValues(10), gates: []) == earlier + 1)
        }
    }

    @Test func thePauseHookIsReadFromTheEnvironmentOnlyWhenNonEmpty() throws {
        #expect(RunStore.pauseEnvironmentVariable == "ASSAY_TEST_PAUSE_IN_RECORD")
        let environment = ProcessInfo.processInfo.environment[RunStore.pauseEnvironmentVariable]
        let store = try RunStore(database: Database(path: ":memory:"))
        #expect(store.pauseFile == (environment?.isEmpty == false ? environment : nil))
    }
}
