import ArgumentParser

/// Which groups the bias audit looks for.
struct BiasArguments: ParsableArguments {
    @Option(
        name: .customLong("groups"),
        help: ArgumentHelp(
            "Groups of people to audit: a YAML (.yml) or JSON file of group → single-word terms (default: gendered English words).",
            discussion: #"For example, in YAML: young: [teen, teenager] and old: [elderly, retiree], one group a line."#
        ))
    var groupsFile: String?
}
