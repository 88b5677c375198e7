import ArgumentParser
import AssayCore
import AssayMetrics
import AssayPipeline

/// `assay clean`: the synthetic rows `compare` flags, written out by kind, and the synthetic set without them.
struct Clean: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Drop the synthetic rows compare flags: write them by kind, and a cleaned synthetic set.",
        discussion: """
            Runs compare with the same options, then keeps the first row of every exact and near duplicate \
            group and drops the rest, drops the rows that copy an original row, and drops, relabels or keeps \
            the rows with a label issue (--label-issues). Writes OUT/flagged/<kind>.jsonl (exact_duplicates, \
            near_duplicates, leaked_pair, label_issue: each flagged row with its reason and score) and \
            OUT/<name>.cleaned.<ext>, the kept rows as they were (JSONL, CSV and TSV keep their form; a \
            compressed file is written uncompressed; a JSON array or shards as JSON Lines), all or none.
            """)

    @OptionGroup var datasets: DatasetPairArguments

    @OptionGroup var fields: FieldArguments
    @OptionGroup var embedding: EmbedderArguments
    @OptionGroup var labels: LabelArguments
    @OptionGroup var duplicates: DuplicateArguments
    @OptionGroup var bias: BiasArguments
    @OptionGroup var cleaning: CleanArguments

    @Option(name: .customLong("out"), help: "Folder for flagged/<kind>.jsonl and the cleaned set.")
    var outputDirectory: String = "assay-clean"

    @Option(help: "Seed of every random choice (as compare's: the same seed flags the same rows).")
    var seed: UInt64 = 13

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        try duplicates.validate(textFields: fields.fieldOptions.textFields)
    }

    func run() async throws {
        let result = try Cleaning.run(
            original: datasets.original, synthetic: datasets.synthetic,
            options: try runOptions(
                fields: fields.fieldOptions, embedding: embedding, labels: labels, duplicates: duplicates, bias: bias,
                settings: AnalysisSettings(seed: seed), quiet: quiet),
            labelIssues: cleaning.labelIssues, into: outputDirectory)
        try AtomicFiles.write(result.files)
        guard !quiet else { return }
        printEmbeddings(result.run, store: embedding.storePath)
        Console.print(result.summary)
    }
}

/// What cleaning does with label issues (`clean`, and `compare --export`).
struct CleanArguments: ParsableArguments {
    @Option(
        name: .customLong("label-issues"),
        help: "Rows with a label issue: drop them, relabel them with the suggested label, or keep them.")
    var labelIssues: LabelIssueAction = .drop
}

extension LabelIssueAction: ExpressibleByArgument {}
