import ArgumentParser
import AssayCore
import AssayMetrics
import AssayPipeline
import AssayReport
import AssayStore
import Foundation

/// The store to read, shared by `history` and `diff`.
struct StoreArguments: ParsableArguments {
    @Option(name: .customLong("store"), help: "The SQLite store the runs are recorded in.")
    var storePath: String = Database.defaultPath

    /// The store, which must exist: reading history never creates one.
    func open() throws -> RunStore {
        guard FileManager.default.fileExists(atPath: storePath) else {
            throw AssayError(.input, file: storePath, "no store here; assay gate records runs in it (--store)")
        }
        return try RunStore(path: storePath)
    }
}

/// `assay history`: the recorded runs, or one metric's trend over them.
struct History: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the recorded runs, or one metric's value over them (--metric).")

    @Option(help: "Only runs of this dataset name.")
    var dataset: String?

    @Option(help: "Show this metric's value in each run instead of the list of runs.")
    var metric: String?

    @Option(help: "With --metric: original, synthetic or pair (default: synthetic, or pair for a pair value).")
    var side: String?

    @Option(name: .customLong("class"), help: "With --metric: the value of this class.")
    var label: String?

    @Option(help: "At most this many runs, the newest.")
    var limit: Int = 20

    @OptionGroup var store: StoreArguments

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        if let side, MetricSide(rawValue: side) == nil {
            throw ValidationError("--side takes original, synthetic or pair; got '\(side)'")
        }
        if metric == nil, side != nil || label != nil {
            throw ValidationError("--side and --class go with --metric")
        }
    }

    func run() async throws {
        let store = try store.open()
        guard let metric = metric.map({ MetricID($0) }) else {
            let runs = try store.runs(dataset: dataset, limit: limit)
            guard !runs.isEmpty else {
                Console.print("no runs\(dataset.map { " of \($0)" } ?? "") in \(store.path)")
                return
            }
            var rows = [["run", "time", "dataset", "command", "status", "synthetic", "sha256"]]
            for run in runs {
                rows.append([
                    "#\(run.id)", run.createdAt, run.datasetName, run.command, run.status.rawValue,
                    run.syntheticPath ?? "—",
                    String((run.syntheticSHA256 ?? "").prefix(12)),
                ])
            }
            Console.print(TextTable.render(rows, rightAligned: []).joined(separator: "\n"))
            return
        }
        let points = try RunHistory.trend(
            in: store, metric: metric, side: side.flatMap(MetricSide.init(rawValue:)), label: label,
            dataset: dataset, limit: limit)
        guard !points.isEmpty else {
            throw AssayError(
                .usage, file: store.path, field: "--metric",
                "no recorded run has \(metric)\(side.map { " (\($0))" } ?? "")\(label.map { " for class \($0)" } ?? ""); check the id with assay metrics list"
            )
        }
        var rows = [["run", "time", "dataset", "status", "value", "95% interval", "change"]]
        var previous: Double?
        for point in points {
            let value = point.value.value
            let interval =
                point.value.ciLow.flatMap { low in
                    point.value.ciHigh.map { "[\(MetricComparison.format(low)), \(MetricComparison.format($0))]" }
                } ?? ""
            let change = zip(previous, value).map { MetricComparison.formatDelta($0.1 - $0.0) } ?? ""
            rows.append([
                "#\(point.run.id)", point.run.createdAt, point.run.datasetName, point.run.status.rawValue,
                value.map(MetricComparison.format) ?? "n/a", interval, change,
            ])
            previous = value ?? previous
        }
        Console.print("\(metric) (\(points[0].value.side)\(label.map { ", class \($0)" } ?? ""))")
        Console.print(TextTable.render(rows, rightAligned: [4, 5, 6]).joined(separator: "\n"))
        Console.print("trend: \(Sparkline.render(points.map(\.value.value)))")
    }
}

/// `assay diff`: the values that moved between two runs, the worse first, and the gate rules whose
/// status changed.
struct Diff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Show the metric values that moved between two recorded runs, the worse first, and the gate rules whose status changed.",
        discussion: """
            Each value is judged better or worse by its metric's better direction (the original's values \
            and metrics where neither direction is better are not judged). Rows come worse first, then \
            better, then unjudged; each group by the size of the move: |Δ| in half-widths of the change's \
            95% interval when the runs recorded one (2.3×ci), else |Δ| as a share of the larger of the two \
            values, or of 1 for a p-value (45%).
            """)

    @Argument(help: "The earlier run's id.")
    var before: Int64

    @Argument(help: "The later run's id.")
    var after: Int64

    @Flag(name: .customLong("classes"), help: "Include per-class values.")
    var classes = false

    @Option(help: "At most this many values.")
    var limit: Int = 20

    @OptionGroup var store: StoreArguments

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let store = try store.open()
        var runs: [RunRecord] = []
        for id in [before, after] {
            guard let run = try store.run(id: id) else {
                throw AssayError(
                    .usage, file: store.path, "no run \(id) in the store; assay history lists the runs")
            }
            runs.append(run)
        }
        let changes = ValueChange.ranked(
            from: try store.metricValues(run: before), to: try store.metricValues(run: after), classes: classes,
            catalog: MetricCatalog(Assessment.catalog))
        Console.print(
            "run #\(runs[0].id) (\(runs[0].datasetName), \(runs[0].status)) → run #\(runs[1].id) (\(runs[1].datasetName), \(runs[1].status))"
        )
        if changes.isEmpty {
            Console.print("no value moved")
        } else {
            var rows = [["metric", "side", "class", "before", "after", "Δ", "size", "verdict"]]
            for change in changes.prefix(limit) {
                rows.append([
                    change.metric.rawValue, change.side.rawValue, change.label ?? "",
                    MetricComparison.format(change.before), MetricComparison.format(change.after),
                    MetricComparison.formatDelta(change.delta), change.formattedSize,
                    change.judgement?.rawValue ?? "",
                ])
            }
            Console.print(TextTable.render(rows, rightAligned: [3, 4, 5, 6]).joined(separator: "\n"))
            if changes.count > limit { Console.print("… \(changes.count - limit) more moved (--limit)") }
        }
        let earlierGates = try store.gateResults(run: before)
        let laterGates = try store.gateResults(run: after)
        guard !earlierGates.isEmpty || !laterGates.isEmpty else { return }
        let gateChanges = GateChange.between(earlierGates, laterGates)
        guard !gateChanges.isEmpty else {
            Console.print("\nno gate rule changed status")
            return
        }
        Console.print("\ngate rules whose status changed:")
        for change in gateChanges {
            let statuses = [change.before, change.after].map { $0?.rawValue ?? "—" }.joined(separator: " → ")
            Console.print("  \(change.metric) (\(change.side), \(change.place)): \(statuses) — \(change.condition)")
        }
    }
}

private func zip(_ a: Double?, _ b: Double?) -> (Double, Double)? {
    guard let a, let b else { return nil }
    return (a, b)
}
