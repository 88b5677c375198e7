import ArgumentParser
import AssayCore
import AssayGate
import AssayMetrics
import AssayPipeline
import AssayReport
import Foundation

/// `assay shard`: one file of a dataset read into a state that `assay merge` combines.
struct Shard: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Read one file of a dataset into a state file (exact counts, every row's exact key, words, label, attributes, complexity counts, places and group mentions, a bottom-k sample).",
        discussion:
            "Shard every file of each dataset, in parallel anywhere (xargs, Slurm, Spark: see scripts/), combine each dataset's states with assay merge, and write the report with assay report. Give assay report the --groups of the shards for its group audit to count every row."
    )

    @Argument(help: "One data file: .jsonl, .json, .csv or .tsv (.gz or .zst too), or .parquet.")
    var file: String

    @Option(name: .customLong("out"), help: "The state file to write.")
    var outputPath: String

    @OptionGroup var fields: FieldArguments

    @Option(help: "Rows the sample keeps at most: the rows the report's measures run on (all but the exact rates).")
    var sample: Int = 20_000

    @Option(help: "Seed of the sample's hash; every shard of a run needs the same.")
    var seed: UInt64 = 13

    @OptionGroup var bias: BiasArguments

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard sample > 0 else { throw ValidationError("--sample takes a positive number of rows; got \(sample)") }
    }

    func run() throws {
        let groups = try bias.groupsFile.map(GroupLexicon.load) ?? .gendered
        let state = try Sharding.state(
            path: file, fields: fields.fieldOptions, seed: seed, sampleLimit: sample, groups: groups)
        try AtomicFiles.write(try state.encoded(), to: outputPath)
        if !quiet {
            Console.print(
                "\(file): \(state.rows) rows, \(state.sample.count) sampled; wrote \(outputPath)")
        }
    }
}

/// `assay merge`: states combined into one.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine state files of one dataset (in any order or grouping: the result is the same bytes).")

    @Argument(help: "State files written by assay shard or assay merge.")
    var states: [String]

    @Option(name: .customLong("out"), help: "The merged state file to write.")
    var outputPath: String

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard !states.isEmpty else { throw ValidationError("give at least one state file to merge") }
    }

    func run() throws {
        let merged = try ShardState.merging(try states.map { try ShardState.read(path: $0) }, paths: states)
        try AtomicFiles.write(try merged.encoded(), to: outputPath)
        if !quiet {
            Console.print(
                "\(states.count) state\(states.count == 1 ? "" : "s"), \(merged.files.count) files, \(merged.rows) rows, \(merged.sample.count) sampled; wrote \(outputPath)"
            )
        }
    }
}

/// `assay report`: the report of merged states.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the report of merged states: report.html, report.json, summary.md.",
        discussion:
            "What the states keep of each row is measured over every row, as assay compare would on the files: the exact duplicate and leakage rates, the 13-gram leakage, the complexity descriptors but the classifier loss, the region audit, the attribute tables, the group associations and the lexical diversity measures but the compression ratio (settings.sharded.every_row lists them). Every other measure runs on the states' bottom-k samples, as assay compare would on those rows; the inputs' counts are of every row."
    )

    @Option(help: "The original dataset's state (assay shard, then assay merge).")
    var original: String?

    @Option(help: "The synthetic dataset's state.")
    var synthetic: String?

    @Option(
        help:
            "Also check the report against this policy (YAML or JSON rules, as assay gate): exit 1 when a rule fails."
    )
    var policy: String?

    @Option(name: .customLong("junit"), help: "With --policy, also write the gate's results as JUnit XML here.")
    var junit: String?

    @OptionGroup var embedding: EmbedderArguments
    @OptionGroup var labels: LabelArguments
    @OptionGroup var duplicates: DuplicateArguments
    @OptionGroup var bias: BiasArguments
    @OptionGroup var output: OutputArguments

    func validate() throws {
        guard original != nil || synthetic != nil else {
            throw ValidationError("give --original, --synthetic or both: the merged state of each dataset")
        }
        if junit != nil && policy == nil { throw ValidationError("--junit needs --policy") }
    }

    func run() async throws {
        // A bad policy fails before the analysis.
        let gate = try policy.map { try GatePolicy.load(path: $0, catalog: MetricCatalog(Assessment.catalog)) }
        let options = try runOptions(
            fields: FieldOptions(), embedding: embedding, labels: labels, duplicates: duplicates, bias: bias,
            settings: output.settings, quiet: output.quiet)
        let result = try ShardedReport.run(original: original, synthetic: synthetic, options: options)
        if !output.quiet { printEmbeddings(result, store: embedding.storePath) }
        var report = result.report
        if let gate { try GateEvaluation.apply(gate, to: &report, baseline: nil) }
        var files = try output.render(report)
        if let gate, let junit {
            files.append(
                OutputFile(path: junit, data: Data(JUnitReportWriter(report: report, policy: gate.path).render().utf8)))
        }
        try AtomicFiles.write(files)
        output.announce(report, files: files)
        if gate != nil && !output.quiet {
            Console.print(GateSummary(report: report, runID: nil, baseline: nil).render(), terminator: "")
        }
        if report.status == .fail { throw ExitCode(1) }
    }
}
