import ArgumentParser
import AssayCore
import AssayGate
import AssayMetrics
import AssayPipeline
import AssayReport
import AssayStore
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

    @Option(
        help: ArgumentHelp(
            "A scorer written by assay report --scorer-out: embed every row of this synthetic file and keep its class probabilities, so that the report measures label faithfulness over every row.",
            valueName: "scorer"))
    var score: String?

    @Option(
        name: .customLong("model-dir"),
        help:
            "With --score: the all-MiniLM-L6-v2 folder the report used (default: $ASSAY_MODEL_DIR, else ~/.cache/assay/all-MiniLM-L6-v2)."
    )
    var modelDirectory: String?

    @Option(name: .customLong("store"), help: "With --score: the SQLite store whose cache keeps MiniLM's vectors.")
    var storePath: String = Database.defaultPath

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard sample > 0 else { throw ValidationError("--sample takes a positive number of rows; got \(sample)") }
    }

    func run() throws {
        let groups = try bias.groupsFile.map(GroupLexicon.load) ?? .gendered
        let scoring = try score.map {
            try Sharding.Scoring(
                path: $0, modelDirectory: modelDirectory, storePath: storePath,
                progress: TerminalProgress.standardError(quiet: quiet))
        }
        let state = try Sharding.state(
            path: file, fields: fields.fieldOptions, seed: seed, sampleLimit: sample, groups: groups,
            scoring: scoring)
        try AtomicFiles.write(try state.encoded(), to: outputPath)
        if !quiet {
            let scored = scoring.map { " and scored with \($0.path)" } ?? ""
            Console.print(
                "\(file): \(state.rows) rows, \(state.sample.count) sampled\(scored); wrote \(outputPath)")
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
            "What the states keep of each row is measured over every row, as assay compare would on the files: the exact duplicate and leakage rates, the 13-gram leakage, the complexity descriptors but the classifier loss, the region audit, the attribute tables, the group associations and the lexical diversity measures but the compression ratio (settings.sharded.every_row lists them); with synthetic states of assay shard --score, the label faithfulness. Every other measure runs on the states' bottom-k samples, as assay compare would on those rows; the inputs' counts are of every row."
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

    @Option(
        name: .customLong("scorer-out"),
        help: ArgumentHelp(
            "Also write the scorer of the second pass here: the model label faithfulness trained on the original's sample, which assay shard --score applies to every synthetic row (needs --embedder minilm or static, and labels).",
            valueName: "file"))
    var scorerOut: String?

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
        if scorerOut != nil {
            guard original != nil && synthetic != nil else {
                throw ValidationError(
                    "--scorer-out needs --original and --synthetic: the model is of the original's labels")
            }
            guard ["minilm", "static"].contains(embedding.embedder) else {
                throw ValidationError(
                    "--scorer-out needs --embedder minilm or static, whose vectors a shard computes row by row; got '\(embedding.embedder)'"
                )
            }
        }
    }

    func run() async throws {
        // A bad policy fails before the analysis.
        let gate = try policy.map { try GatePolicy.load(path: $0, catalog: MetricCatalog(Assessment.catalog)) }
        let options = try runOptions(
            fields: FieldOptions(), embedding: embedding, labels: labels, duplicates: duplicates, bias: bias,
            settings: output.settings, quiet: output.quiet)
        var files: [OutputFile] = []
        let result: RunResult
        if let scorerOut, let original, let synthetic {
            let run = try ShardedReport.runWritingScorer(original: original, synthetic: synthetic, options: options)
            result = run.result
            files.append(OutputFile(path: scorerOut, data: try run.scorer.encoded()))
        } else {
            result = try ShardedReport.run(original: original, synthetic: synthetic, options: options)
        }
        if !output.quiet { printEmbeddings(result, store: embedding.storePath) }
        var report = result.report
        if let gate { try GateEvaluation.apply(gate, to: &report, baseline: nil) }
        files += try output.render(report)
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
