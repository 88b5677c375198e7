/// An input a test needs that the repository does not carry (the MiniLM model, a system tool), missing
/// in a CI run (`CI=true`).
///
/// Outside CI such a test is skipped with its reason; in CI it fails with this error, because CI
/// provides every input and a test that silently skips there tests nothing.
public struct MissingInput: Error, CustomStringConvertible {
    /// The input and how to get it, e.g. "the MiniLM model in models/all-MiniLM-L6-v2 (make model)".
    public let what: String

    public init(what: String) {
        self.what = what
    }

    public var description: String {
        "CI=true but the test needs \(what), which is missing: provide it (a CI run fails rather than skips)"
    }
}
