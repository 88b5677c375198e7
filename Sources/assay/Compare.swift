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
    @OptionGroup var output: OutputArguments

    func run() throws {
        let original = try DatasetLoader.load(path: original, fields: fields.fieldOptions)
        let synthetic = try DatasetLoader.load(path: synthetic, fields: fields.fieldOptions)
        let embedded = try embedding.embed([(.original, original), (.synthetic, synthetic)])
        let context = AnalysisContext(
            original: original, synthetic: synthetic, settings: output.settings, embeddings: embedded.embeddings,
            embedderName: embedded.name)
        var report = try Assessment.run(context, command: "compare")
        if let warning = embedded.warning { report.warnings.append(warning) }
        if embedded.name != nil {
            report.settings.embeddingsComputed = embedded.computed
            report.settings.embeddingsCached = embedded.cached
        }
        try output.emit(report)
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
    @OptionGroup var output: OutputArguments

    func validate() throws {
        guard Side(rawValue: side) != nil else {
            throw ValidationError("--as takes synthetic or original; got '\(side)'")
        }
    }

    func run() throws {
        let corpus = try DatasetLoader.load(path: file, fields: fields.fieldOptions)
        let isOriginal = side == Side.original.rawValue
        let embedded = try embedding.embed([(isOriginal ? .original : .synthetic, corpus)])
        let context = AnalysisContext(
            original: isOriginal ? corpus : nil, synthetic: isOriginal ? nil : corpus, settings: output.settings,
            embeddings: embedded.embeddings, embedderName: embedded.name)
        var report = try Assessment.run(context, command: "analyze")
        if let warning = embedded.warning { report.warnings.append(warning) }
        if embedded.name != nil {
            report.settings.embeddingsComputed = embedded.computed
            report.settings.embeddingsCached = embedded.cached
        }
        try output.emit(report)
    }
}
