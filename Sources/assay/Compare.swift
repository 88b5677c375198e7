import ArgumentParser
import AssayCore
import AssayMetrics
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

/// Embeds the sides present, analyses them and notes how the embeddings were obtained: the report
/// `compare`, `analyze` and `gate` write.
func analyze(
    original: Corpus?, synthetic: Corpus?, command: String, embedding: EmbedderArguments, labels: LabelArguments,
    duplicates: DuplicateArguments, bias: BiasArguments, output: OutputArguments
) throws -> Report {
    let sides = [(Side.original, original), (Side.synthetic, synthetic)].compactMap { side, corpus in
        corpus.map { (side: side, corpus: $0) }
    }
    // Read every file the run needs before the expensive steps, so that a bad one fails fast.
    let settings = try bias.apply(to: duplicates.apply(to: labels.apply(to: output.settings)))
    let supplied = try labels.supplied(sides)
    let progress = output.progress
    let embedded = try embedding.embed(sides, progress: progress)
    let context = AnalysisContext(
        original: original, synthetic: synthetic, settings: settings,
        embeddings: embedded.embeddings, embedderName: embedded.name, suppliedProbabilities: supplied,
        progress: progress)
    var report = try Assessment.run(context, command: command)
    if let warning = embedded.warning { report.warnings.append(warning) }
    // How many embeddings the cache supplied depends on earlier runs, not on the inputs, so it is
    // printed rather than reported: the same inputs and seed give the same report bytes.
    if embedded.name != nil, !output.quiet {
        Console.print(
            "embeddings: \(embedded.computed) computed, \(embedded.cached) from the cache (\(embedding.storePath))")
    }
    return report
}
