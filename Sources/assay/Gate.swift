import ArgumentParser
import AssayCore
import AssayGate
import AssayMetrics
import AssayPipeline
import AssayReport

/// `assay gate`: `compare`, then the policy's rules as exit codes, JUnit XML and a run in the history.
struct Gate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare, check the result against a policy, and record the run in the store.",
        discussion: """
            Exit codes: 0 no rule failed (warnings allowed), 1 a rule failed, 2 usage or policy error, \
            3 input or runtime error. The run is recorded in the store (--store) with its metric values \
            and gate results; --baseline last compares with the last passing run of the same dataset name, \
            or with its latest run when none passed (the results say so).
            """)

    @Option(help: "The policy: a YAML or JSON file with a list `rules:` (see policies/default.yml).")
    var policy: String

    @OptionGroup var datasets: DatasetPairArguments

    @Option(name: .customLong("junit"), help: "Also write the gate's results as JUnit XML to this file.")
    var junit: String?

    @Option(
        help:
            "The run max_regression rules compare with: last (the last passing run of this dataset, else its latest run) or a run id."
    )
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

    func run() async throws {
        let options = GateRun.Options(
            policyPath: policy, originalPath: datasets.original, syntheticPath: datasets.synthetic, junitPath: junit,
            baseline: baseline.map { $0 == "last" ? .last : .run(Int64($0) ?? 0) }, datasetName: datasetName,
            formats: try output.formats, outputDirectory: output.outputDirectory,
            analysis: try runOptions(
                fields: fields.fieldOptions, embedding: embedding, labels: labels, duplicates: duplicates, bias: bias,
                settings: output.settings, quiet: output.quiet))
        let outcome = try await GateRun.run(options) { [output, embedding] result in
            if !output.quiet { printEmbeddings(result, store: embedding.storePath) }
        }
        output.announce(outcome.report, files: outcome.files)
        if !output.quiet {
            Console.print(
                GateSummary(report: outcome.report, runID: outcome.runID, baseline: outcome.baseline).render(),
                terminator: "")
        }
        if outcome.failed { throw ExitCode(1) }
    }
}
