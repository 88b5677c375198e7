import ArgumentParser
import AssayCore
import AssayMetrics
import AssayPipeline
import AssayReport

/// `assay compare`: the synthetic set measured side by side with the original.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare a synthetic dataset with the original: report.html, report.json, summary.md.")

    @Option(help: "The original (real) dataset: .jsonl, .csv or .tsv.")
    var original: String

    @Option(help: "The synthetic dataset: .jsonl, .csv or .tsv.")
    var synthetic: String

    @OptionGroup var fields: FieldArguments
    @OptionGroup var embedding: EmbedderArguments
    @OptionGroup var labels: LabelArguments
    @OptionGroup var duplicates: DuplicateArguments
    @OptionGroup var bias: BiasArguments
    @OptionGroup var output: OutputArguments

    func validate() throws {
        try duplicates.validate(textFields: fields.fieldOptions.textFields)
    }

    func run() throws {
        let original = try DatasetLoader.load(path: original, fields: fields.fieldOptions)
        let synthetic = try DatasetLoader.load(path: synthetic, fields: fields.fieldOptions)
        try assess(
            original: original, synthetic: synthetic, command: "compare", embedding: embedding, labels: labels,
            duplicates: duplicates, bias: bias, output: output)
    }
}

/// `assay analyze`: one dataset alone.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyze one dataset alone (reported as the synthetic side unless --as original).")

    @Argument(help: "The dataset: .jsonl, .csv or .tsv.")
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

    func run() throws {
        let corpus = try DatasetLoader.load(path: file, fields: fields.fieldOptions)
        let isOriginal = side == Side.original.rawValue
        try assess(
            original: isOriginal ? corpus : nil, synthetic: isOriginal ? nil : corpus, command: "analyze",
            embedding: embedding, labels: labels, duplicates: duplicates, bias: bias, output: output)
    }
}

/// The steps `compare` and `analyze` share: embed the sides present, analyse, note how the embeddings
/// were obtained, write the report.
private func assess(
    original: Corpus?, synthetic: Corpus?, command: String, embedding: EmbedderArguments, labels: LabelArguments,
    duplicates: DuplicateArguments, bias: BiasArguments, output: OutputArguments
) throws {
    try output.emit(
        analyze(
            original: original, synthetic: synthetic, command: command, embedding: embedding, labels: labels,
            duplicates: duplicates, bias: bias, output: output))
}

/// The options of `compare`, `analyze`, `gate` and `generate` as one `RunOptions`.
func runOptions(
    fields: FieldOptions, embedding: EmbedderArguments, labels: LabelArguments, duplicates: DuplicateArguments,
    bias: BiasArguments, output: OutputArguments
) throws -> RunOptions {
    RunOptions(
        fields: fields, embedding: try embedding.provider,
        settings: duplicates.apply(to: labels.apply(to: output.settings)),
        predictedProbabilities: labels.predictedProbabilities, groupsFile: bias.groupsFile, progress: output.progress)
}

/// Runs the pipeline on the sides present and prints how the embeddings were obtained: the report
/// `compare`, `analyze`, `gate` and each round of `generate` write.
func analyze(
    original: Corpus?, synthetic: Corpus?, command: String, embedding: EmbedderArguments, labels: LabelArguments,
    duplicates: DuplicateArguments, bias: BiasArguments, output: OutputArguments
) throws -> Report {
    // The corpora are loaded already, so the options' fields are not read.
    let options = try runOptions(
        fields: FieldOptions(), embedding: embedding, labels: labels, duplicates: duplicates, bias: bias,
        output: output)
    let result = try Comparison.run(original: original, synthetic: synthetic, command: command, options: options)
    // How many embeddings the cache supplied depends on earlier runs, not on the inputs, so it is
    // printed rather than reported: the same inputs and seed give the same report bytes.
    if result.embedderName != nil, !output.quiet {
        Console.print(
            "embeddings: \(result.embeddingsComputed) computed, \(result.embeddingsCached) from the cache (\(embedding.storePath))"
        )
    }
    return result.report
}
