import AssayCore
import AssayGate
import AssayMetrics
import AssayReport
import AssayStore
import Foundation

/// `assay gate` as a library call: compare, check the result against a policy, write the report (and
/// JUnit XML), and record the run in the store.
public enum GateRun {
    /// The run `max_regression` rules compare with.
    public enum Baseline: Sendable, Equatable {
        /// The last run of the same dataset name that passed (or only warned); when none did, the
        /// latest run of it (`GateBaseline.isFallback`); none when the dataset has no run yet.
        case last
        /// The run with this id, which must exist.
        case run(Int64)
    }

    /// What shapes a gate run besides the analysis options.
    public struct Options: Sendable {
        /// The policy: a YAML or JSON file of rules.
        public var policyPath: String
        public var originalPath: String
        public var syntheticPath: String
        /// Where the JUnit XML goes; nil for none.
        public var junitPath: String?
        public var baseline: Baseline?
        /// The name the run is recorded under; nil for the synthetic file's name without its extension.
        public var datasetName: String?
        /// The report files and their folder.
        public var formats: [ReportFormat]
        public var outputDirectory: String
        /// Fields, embedder (and the store, `embedding.storePath`), settings.
        public var analysis: RunOptions

        public init(
            policyPath: String, originalPath: String, syntheticPath: String, junitPath: String? = nil,
            baseline: Baseline? = nil, datasetName: String? = nil, formats: [ReportFormat] = [.html, .json, .md],
            outputDirectory: String = "assay-report", analysis: RunOptions = RunOptions()
        ) {
            self.policyPath = policyPath
            self.originalPath = originalPath
            self.syntheticPath = syntheticPath
            self.junitPath = junitPath
            self.baseline = baseline
            self.datasetName = datasetName
            self.formats = formats
            self.outputDirectory = outputDirectory
            self.analysis = analysis
        }

        /// The name runs of this synthetic set are recorded under.
        public var name: String {
            datasetName ?? ((syntheticPath as NSString).lastPathComponent as NSString).deletingPathExtension
        }
    }

    /// What a gate run produced.
    public struct Outcome: Sendable {
        /// The report with the gate's results and status.
        public var report: Report
        /// The run it was recorded as.
        public var runID: Int64
        /// The baseline run the rules compared with, if any.
        public var baseline: GateBaseline?
        /// The report files written (the JUnit XML not among them).
        public var files: [OutputFile]

        /// Whether a rule failed: `assay gate` exits 1.
        public var failed: Bool { report.status == .fail }
    }

    /// Everything that can be wrong with the command is found before the analysis runs, and before a new
    /// store is created: a rejected gate leaves no store behind. Every output is written before the run
    /// is kept: if one cannot be written, nothing is recorded.
    ///
    /// - Parameter analysed: told how the embeddings were obtained, once the analysis is done.
    /// - Throws: `AssayError` for a bad policy, input, baseline or option file, or a store that fails.
    public static func run(_ options: Options, analysed: @Sendable (RunResult) -> Void = { _ in }) async throws
        -> Outcome
    {
        let policy = try GatePolicy.load(path: options.policyPath, catalog: MetricCatalog(Assessment.catalog))
        try options.analysis.embedding.checkModel()
        let (original, synthetic) = try DatasetLoader.loadPair(
            original: options.originalPath, synthetic: options.syntheticPath, fields: options.analysis.fields)
        let storePath = options.analysis.embedding.storePath
        let existingStore = try RunStore(existingPath: storePath)
        let baseline = try resolve(options.baseline, in: existingStore, storePath: storePath, dataset: options.name)
        let result = try Comparison.run(
            original: original, synthetic: synthetic, command: "gate", options: options.analysis)
        analysed(result)
        var report = result.report
        try GateEvaluation.apply(policy, to: &report, baseline: baseline)
        let reportFiles = try ReportFiles.render(
            report, formats: options.formats, in: options.outputDirectory, catalog: Assessment.catalog)
        let store = try existingStore ?? RunStore(path: storePath)
        let runID = try store.record(
            RunHistory.newRun(report, datasetName: options.name), metrics: report.values, gates: report.gates
        ) { runID in
            var files = reportFiles
            if let junit = options.junitPath {
                let xml = JUnitReportWriter(report: report, policy: policy.path, runID: runID).render()
                files.append(OutputFile(path: junit, data: Data(xml.utf8)))
            }
            try AtomicFiles.write(files)
        }
        return Outcome(report: report, runID: runID, baseline: baseline, files: reportFiles)
    }

    /// The baseline's values: the last passing run of `dataset` (else its latest run), or the run named.
    static func resolve(_ baseline: Baseline?, in store: RunStore?, storePath: String, dataset: String) throws
        -> GateBaseline?
    {
        guard let baseline else { return nil }
        guard let store else {
            guard case .run(let id) = baseline else { return nil }
            throw AssayError(
                .usage, file: storePath, field: "--baseline",
                "no run \(id): the store does not exist yet; run assay gate without --baseline first")
        }
        let run: RunRecord?
        var isFallback = false
        switch baseline {
        case .last:
            if let passed = try store.lastPassing(dataset: dataset) {
                run = passed
            } else {
                run = try store.runs(dataset: dataset, limit: 1).first
                isFallback = run != nil
            }
        case .run(let id):
            guard let found = try store.run(id: id) else {
                throw AssayError(
                    .usage, file: store.path, field: "--baseline",
                    "no run \(id) in the store; assay history --store \(store.path) lists the runs")
            }
            run = found
        }
        guard let run else { return nil }
        return RunHistory.baseline(run: run.id, values: try store.metricValues(run: run.id), isFallback: isFallback)
    }
}
