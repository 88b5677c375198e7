import ArgumentParser
import AssayMetrics

/// Which groups the bias audit looks for.
struct BiasArguments: ParsableArguments {
    @Option(
        name: .customLong("groups"),
        help: ArgumentHelp(
            "Groups of people to audit: a YAML (.yml) or JSON file of group → single-word terms (default: gendered English words).",
            discussion: #"For example, in YAML: young: [teen, teenager] and old: [elderly, retiree], one group a line."#
        ))
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
