import ArgumentParser
import AssayMetrics

/// How duplicates, leakage and fidelity are measured.
struct DuplicateArguments: ParsableArguments {
    @Option(
        name: .customLong("duplicates-field"),
        help: "Look for duplicates and leakage in this text field only (default: the whole text of each row).")
    var field: String?

    @Option(
        name: .customLong("near-jaccard"),
        help: "Near duplicates: Jaccard of the character 5-gram sets of the normalised texts, at least this.")
    var nearJaccard: Double = 0.8

    @Option(name: .customLong("near-cosine"), help: "Near duplicates: embedding cosine similarity, at least this.")
    var nearCosine: Double = 0.95

    @Option(
        name: .customLong("fidelity-sample"),
        help: "Rows per side the embedding fidelity measures use at most (a seeded subsample beyond).")
    var fidelitySample: Int = 5000

    @Option(
        name: .customLong("semantic-sample"),
        help: ArgumentHelp(
            "Rows per side at most that are embedded, or 'all' (default 20000).",
            discussion: """
                Above it, semantic diversity, fidelity, label noise, utility and the classifier-loss descriptor \
                run on a seeded sample of this many rows a side, and the report says so; lexical, complexity, \
                duplicates, leakage and bias use every row.
                """))
    var semanticSample: String = "20000"

    /// `--semantic-sample` as a row count; nil for `all`.
    var semanticSampleRows: Int? {
        get throws {
            if semanticSample == "all" { return nil }
            guard let rows = Int(semanticSample), rows >= 100 else {
                throw ValidationError(
                    "--semantic-sample takes a row count of at least 100, or 'all'; got '\(semanticSample)'")
            }
            return rows
        }
    }

    func validate() throws {
        _ = try semanticSampleRows
        guard nearJaccard > 0, nearJaccard <= 1 else {
            throw ValidationError("--near-jaccard must be in (0, 1]; got \(nearJaccard)")
        }
        guard nearCosine > -1, nearCosine <= 1 else {
            throw ValidationError("--near-cosine must be in (−1, 1]; got \(nearCosine)")
        }
        guard fidelitySample >= 10 else {
            throw ValidationError("--fidelity-sample must be at least 10; got \(fidelitySample)")
        }
    }

    /// Checks `--duplicates-field` against the text fields being read.
    func validate(textFields: [String]) throws {
        if let field, !textFields.contains(field) {
            throw ValidationError(
                "--duplicates-field '\(field)' is not a --text-field; the text fields are \(textFields.joined(separator: ", "))"
            )
        }
    }

    /// `settings` with the thresholds chosen here.
    func apply(to settings: AnalysisSettings) -> AnalysisSettings {
        var settings = settings
        settings.duplicatesField = field
        settings.nearJaccard = nearJaccard
        settings.nearCosine = nearCosine
        settings.fidelitySample = fidelitySample
        // `all` is nil; a count was checked by validate(), which ArgumentParser runs first.
        settings.semanticSample = semanticSample == "all" ? nil : Int(semanticSample)
        return settings
    }
}
