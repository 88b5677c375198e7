import ArgumentParser
import AssayCore
import AssayMetrics
import AssayPipeline
import AssayReport

/// `assay compare`: the synthetic set measured side by side with the original.
struct Compare: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare a synthetic dataset with the original: report.html, report.json, summary.md.")

    @OptionGroup var datasets: DatasetPairArguments

    @OptionGroup var fields: FieldArguments
    @OptionGroup var embedding: EmbedderArguments
    @OptionGroup var labels: LabelArguments
    @OptionGroup var duplicates: DuplicateArguments
    @OptionGroup var bias: BiasArguments
    @OptionGroup var output: OutputArguments

    @Option(
        name: .customLong("export"),
        help: "Also write the flagged rows and a cleaned synthetic set to this folder, as `assay clean` does.")
    var exportDirectory: String?

    @OptionGroup var cleaning: CleanArguments

    func validate() throws {
        try duplicates.validate(textFields: fields.fieldOptions.textFields)
    }

    func run() async throws {
        let options = try runOptions(
            fields: fields.fieldOptions, embedding: embedding, labels: labels, duplicates: duplicates, bias: bias,
            settings: output.settings, quiet: output.quiet)
        guard let exportDirectory else {
            let result = try await Comparison.run(
                original: datasets.original, synthetic: datasets.synthetic, options: options)
            if !output.quiet { printEmbeddings(result, store: embedding.storePath) }
            try output.emit(result.report)
            return
        }
        // The report and the cleaning's files are written together: all of them or none.
        let cleaned = try Cleaning.run(
            original: datasets.original, synthetic: datasets.synthetic, options: options,
            labelIssues: cleaning.labelIssues,
            into: exportDirectory)
        let reportFiles = try output.render(cleaned.run.report)
        try AtomicFiles.write(reportFiles + cleaned.files)
        if !output.quiet { printEmbeddings(cleaned.run, store: embedding.storePath) }
        output.announce(cleaned.run.report, files: reportFiles)
        if !output.quiet { Console.print(cleaned.summary) }
    }
}

/// `assay analyze`: one dataset alone.
struct Analyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyze one dataset alone (reported as the synthetic side unless --as original).")

    @Argument(
        help:
            "The dataset: .jsonl, .json, .csv or .tsv (.gz or .zst too), .parquet, or a folder or quoted glob of shards."
    )
    var file: String

    @Option(name: .customLong("as"), help: "Which side the dataset is reported as: synthetic or original.")
    var side: String = "synthetic"

    @OptionGroup var fields: FieldArguments
    @OptionGroup var embedding: EmbedderArguments
    @OptionGroup var labels: LabelArguments
    @OptionGroup var duplicates: DuplicateArguments
    @OptionGroup var bias: BiasArguments
    @OptionGroup var output: OutputArguments

    func validate() throws {
        try duplicates.validate(textFields: fields.fieldOptions.textFields)
        guard Side(rawValue: side) != nil else {
            throw ValidationError("--as takes synthetic or original; got '\(side)'")
        }
    }

    func run() async throws {
        let result = try await Analysis.run(
            file, as: Side(rawValue: side) ?? .synthetic,
            options: try runOptions(
                fields: fields.fieldOptions, embedding: embedding, labels: labels, duplicates: duplicates, bias: bias,
                settings: output.settings, quiet: output.quiet))
        if !output.quiet { printEmbeddings(result, store: embedding.storePath) }
        try output.emit(result.report)
    }
}

/// The options of `compare`, `analyze`, `gate` and `generate` as one `RunOptions`.
func runOptions(
    fields: FieldOptions, embedding: EmbedderArguments, labels: LabelArguments, duplicates: DuplicateArguments,
    bias: BiasArguments, settings: AnalysisSettings, quiet: Bool
) throws -> RunOptions {
    RunOptions(
        fields: fields, embedding: try embedding.provider, settings: duplicates.apply(to: labels.apply(to: settings)),
        predictedProbabilities: labels.predictedProbabilities, groupsFile: bias.groupsFile,
        progress: TerminalProgress.standardError(quiet: quiet))
}

/// How the embeddings of a run were obtained. The cache's share depends on earlier runs, not on the
/// inputs, so it is printed rather than reported: the same inputs and seed give the same report bytes.
func printEmbeddings(_ result: RunResult, store: String) {
    guard result.embedderName != nil else { return }
    Console.print(
        "embeddings: \(result.embeddingsComputed) computed, \(result.embeddingsCached) from the cache (\(store))")
}
