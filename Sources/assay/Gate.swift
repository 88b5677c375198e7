import ArgumentParser
import AssayCore
import AssayGate
import AssayMetrics
import AssayReport
import AssayStore
import Foundation

/// `assay gate`: `compare`, then the policy's rules as exit codes, JUnit XML and a run in the history.
struct Gate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare, check the result against a policy, and record the run in the store.",
        discussion: """
            Exit codes: 0 no rule failed (warnings allowed), 1 a rule failed, 2 usage or policy error, \
            3 input or runtime error. The run is recorded in the store (--store) with its metric values \
            and gate results; --baseline last compares with the last passing run of the same dataset name.
            """)

    @Option(help: "The policy: a YAML or JSON file with a list `rules:` (see policies/default.yml).")
    var policy: String

    @Option(help: "The original (real) dataset: .jsonl, .csv or .tsv.")
    var original: String

    @Option(help: "The synthetic dataset: .jsonl, .csv or .tsv.")
    var synthetic: String

    @Option(name: .customLong("junit"), help: "Also write the gate's results as JUnit XML to this file.")
    var junit: String?

    @Option(help: "The run max_regression rules compare with: last (the last passing run of this dataset) or a run id.")
    var baseline: String?

    @Option(
        name: .customLong("dataset-name"),
        help: "The name the run is recorded under (default: the synthetic file's name without its extension).")
    var datasetName: String?

    @OptionGroup var fields: FieldArguments
    @OptionGroup var embedding: EmbedderArguments
    @OptionGroup var labels: LabelArguments
    @OptionGroup var duplicates: DuplicateArguments
    @OptionGroup var bias: BiasArguments
    @OptionGroup var output: OutputArguments

    func validate() throws {
        try duplicates.validate(textFields: fields.fieldOptions.textFields)
        if let baseline, baseline != "last", Int64(baseline) == nil {
            throw ValidationError("--baseline takes last or a run id (assay history lists them); got '\(baseline)'")
        }
    }

    /// The name runs of this synthetic set are recorded under.
    var name: String {
        datasetName ?? ((synthetic as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    func run() throws {
        // Everything that can be wrong with the command is found before the analysis runs, and before a
        // new store is created: a rejected gate leaves no store behind.
        let policy = try GatePolicy.load(path: policy, catalog: MetricCatalog(Assessment.catalog))
        let original = try DatasetLoader.load(path: original, fields: fields.fieldOptions)
        let synthetic = try DatasetLoader.load(path: synthetic, fields: fields.fieldOptions)
        let existingStore = try RunStore(existingPath: embedding.storePath)
        let baseline = try resolveBaseline(existingStore)
        var report = try analyze(
            original: original, synthetic: synthetic, command: "gate", embedding: embedding, labels: labels,
            duplicates: duplicates, bias: bias, output: output)
        try GateEvaluation.apply(policy, to: &report, baseline: baseline)
        let reportFiles = try output.render(report)
        let store = try existingStore ?? RunStore(path: embedding.storePath)
        // Every output is written before the run is kept: if one cannot be written, nothing is recorded.
        let runID = try store.record(
            RunHistory.newRun(report, datasetName: name), metrics: report.values, gates: report.gates
        ) { runID in
            var files = reportFiles
            if let junit {
                let xml = JUnitReportWriter(report: report, policy: policy.path, runID: runID).render()
                files.append(OutputFile(path: junit, data: Data(xml.utf8)))
            }
            try AtomicFiles.write(files)
        }
        output.announce(report, files: reportFiles)
        if !output.quiet {
            Console.print(
                GateSummary(report: report, runID: runID, baselineRun: baseline?.runID).render(), terminator: "")
        }
        if report.status == .fail { throw ExitCode(1) }
    }

    /// The baseline's values: the last passing run of this dataset, or the run named.
    private func resolveBaseline(_ store: RunStore?) throws -> GateBaseline? {
        guard let baseline else { return nil }
        guard let store else {
            if baseline == "last" { return nil }
            throw AssayError(
                .usage, file: embedding.storePath, field: "--baseline",
                "no run \(baseline): the store does not exist yet; run assay gate without --baseline first")
        }
        let run: RunRecord?
        if baseline == "last" {
            run = try store.lastPassing(dataset: name)
        } else {
            guard let id = Int64(baseline), let found = try store.run(id: id) else {
                throw AssayError(
                    .usage, file: store.path, field: "--baseline",
                    "no run \(baseline) in the store; assay history --store \(store.path) lists the runs")
            }
            run = found
        }
        guard let run else { return nil }
        return RunHistory.baseline(run: run.id, values: try store.metricValues(run: run.id))
    }
}
