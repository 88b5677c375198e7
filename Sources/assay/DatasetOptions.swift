import ArgumentParser
import AssayCore
import AssayMetrics
import AssayReport

/// The two datasets of a comparison (`compare`, `gate`, `clean`).
struct DatasetPairArguments: ParsableArguments {
    @Option(
        help:
            "The original (real) dataset: .jsonl, .json, .csv or .tsv (.gz or .zst too), .parquet, or a folder or quoted glob of shards."
    )
    var original: String

    @Option(
        help:
            "The synthetic dataset: .jsonl, .json, .csv or .tsv (.gz or .zst too), .parquet, or a folder or quoted glob of shards."
    )
    var synthetic: String
}

/// Which fields hold the text, label and attributes (shared by every command that reads data).
struct FieldArguments: ParsableArguments {
    @Option(name: .customLong("text-field"), help: "Field holding the text; repeat for sentence pairs (default: text).")
    var textFields: [String] = []

    @Option(
        name: .customLong("label-field"),
        help: "Field holding the label (default: label; data without it is unlabelled).")
    var labelField: String?

    @Option(name: .customLong("attr-field"), help: "Attribute field (region, style …); repeatable.")
    var attributeFields: [String] = []

    @Option(
        help: ArgumentHelp(
            "How rows are laid out: auto, text, chat or instruction.",
            discussion:
                "chat reads `messages` (role, content) or ShareGPT `conversations` (from, value); instruction reads `instruction`/`input`/`output` or `prompt`/`response`. auto tells from the first row when the text field is absent."
        ))
    var shape: ShapeChoice = .auto

    @Option(
        name: .customLong("judge-part"),
        help:
            "The part of chat or instruction examples every family judges: response or prompt (the other gets diversity, duplicates and leakage)."
    )
    var judgedPart: TextPart = .response

    var fieldOptions: FieldOptions {
        FieldOptions(
            textFields: textFields.isEmpty ? ["text"] : textFields, labelField: labelField ?? "label",
            labelFieldIsExplicit: labelField != nil, attributeFields: attributeFields, shape: shape,
            judgedPart: judgedPart)
    }
}

extension ShapeChoice: ExpressibleByArgument {}
extension TextPart: ExpressibleByArgument {}

/// Where and how to write the report, and the run's random choices.
struct OutputArguments: ParsableArguments {
    @Option(name: .customLong("out"), help: "Folder for the report files.")
    var outputDirectory: String = "assay-report"

    @Option(name: .customLong("format"), help: "Files to write: any of html, json, md, comma-separated.")
    var format: String = "html,json,md"

    @Option(help: "Seed of every random choice (subsamples, bootstrap, self-BLEU hypotheses).")
    var seed: UInt64 = 13

    @Option(name: .customLong("self-bleu-sample"), help: "Hypotheses sampled for self-BLEU.")
    var selfBleuSample: Int = 1000

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    var formats: [ReportFormat] {
        get throws {
            guard let formats = ReportFormat.list(format) else {
                throw ValidationError("--format takes html, json and md, comma-separated; got '\(format)'")
            }
            return formats
        }
    }

    func validate() throws {
        _ = try formats
        guard selfBleuSample > 0 else { throw ValidationError("--self-bleu-sample must be at least 1") }
    }

    var settings: AnalysisSettings {
        AnalysisSettings(seed: seed, selfBleuHypotheses: selfBleuSample)
    }

    /// Progress of the long steps on stderr, unless `--quiet`: a line rewritten in place on a terminal,
    /// one plain line per step when it ends anywhere else.
    var progress: any ProgressReporter {
        TerminalProgress.standardError(quiet: quiet)
    }

    /// Writes the report's files and prints the terminal table.
    func emit(_ report: Report) throws {
        let files = try render(report)
        try AtomicFiles.write(files)
        announce(report, files: files)
    }

    /// The report files `--format` asks for, rendered, with their paths in `--out`.
    func render(_ report: Report) throws -> [OutputFile] {
        try ReportFiles.render(report, formats: try formats, in: outputDirectory, catalog: Assessment.catalog)
    }

    /// The terminal summary and the files written, unless `--quiet`.
    func announce(_ report: Report, files: [OutputFile]) {
        guard !quiet else { return }
        Console.print(TerminalSummary(report: report, catalog: Assessment.catalog).render(), terminator: "")
        Console.print("\nwrote " + files.map(\.path).joined(separator: ", "))
    }
}
