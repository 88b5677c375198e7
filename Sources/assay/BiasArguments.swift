import ArgumentParser
import AssayMetrics

/// Which groups the bias audit looks for.
struct BiasArguments: ParsableArguments {
    @Option(
        name: .customLong("groups"),
        help: ArgumentHelp(
            "Groups of people to audit: a JSON file of group → single-word terms (default: gendered English words).",
            discussion: #"For example {"young": ["teen", "teenager"], "old": ["elderly", "retiree"]}."#))
    var groupsFile: String?

    /// `settings` with the groups read from `--groups`.
    ///
    /// - Throws: `AssayError` (`.input`) when the file is missing or malformed.
    func apply(to settings: AnalysisSettings) throws -> AnalysisSettings {
        var settings = settings
        if let groupsFile { settings.groups = try GroupLexicon.load(path: groupsFile) }
        return settings
    }
}
