import Testing

extension Trait where Self == ConditionTrait {
    /// Runs the test when `what` is there (`isPresent`). Outside CI a missing input skips the test with
    /// the reason "needs `what`"; under `CI=true` it fails the test with `MissingInput`.
    ///
    /// - Parameters:
    ///   - what: The input and how to get it, e.g. "util-linux script (apt-get install bsdutils)".
    ///   - isPresent: Whether the input is there, evaluated when the test is about to run.
    public static func requires(_ what: String, _ isPresent: @escaping @Sendable () -> Bool) -> Self {
        .enabled("needs \(what)") { try TestPaths.require(isPresent(), what) }
    }

    /// Runs the test when the MiniLM model is in `TestPaths.modelDirectory`: skipped without it outside CI,
    /// failed without it under `CI=true` (where `make test` has fetched it).
    public static var requiresModel: Self {
        requires(TestPaths.modelRequirement) { TestPaths.modelIsPresent }
    }
}
