import Foundation

/// Paths the tests read: the package's fixtures (hand-made texts, and the third-party data of
/// `fixtures/data` and `fixtures/reference`, with their provenance in `fixtures/README.md`) and the
/// MiniLM model.
public enum TestPaths {
    /// `<root>/Tests/AssayTestSupport/TestPaths.swift` → `<root>`.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The path of `name` in `<root>/fixtures`, e.g. `data/alps/sst2_test.jsonl`.
    public static func fixture(_ name: String) -> String {
        packageRoot.appendingPathComponent("fixtures").appendingPathComponent(name).path
    }

    /// One embedding store for every real-data test of this test run, so that a dataset is embedded
    /// once however many suites read it.
    public static let realDataStore: String = FileManager.default.temporaryDirectory
        .appendingPathComponent("assay-real-data-\(ProcessInfo.processInfo.processIdentifier).sqlite").path

    /// The all-MiniLM-L6-v2 folder: `$ASSAY_MODEL_DIR`, else `<root>/models/all-MiniLM-L6-v2`
    /// (where `make test` fetches it).
    public static var modelDirectory: String {
        if let directory = ProcessInfo.processInfo.environment["ASSAY_MODEL_DIR"], !directory.isEmpty {
            return directory
        }
        return packageRoot.appendingPathComponent("models").appendingPathComponent("all-MiniLM-L6-v2").path
    }

    /// Whether the tests run in CI (`CI=true`), where an input a test needs and does not find fails
    /// the test instead of skipping it.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Whether `model.safetensors` and `vocab.txt` are in `modelDirectory`.
    public static var modelIsPresent: Bool {
        ["model.safetensors", "vocab.txt"].allSatisfy {
            FileManager.default.fileExists(atPath: (modelDirectory as NSString).appendingPathComponent($0))
        }
    }

    /// Whether a test that needs `what` can run: true when it is there (`isPresent`), false when it is
    /// not and the run is not CI.
    ///
    /// - Parameters:
    ///   - isPresent: Whether the input is there.
    ///   - what: The input and how to get it, e.g. "the MiniLM model in models/… (make model)".
    /// - Returns: `isPresent`.
    /// - Throws: `MissingInput` under `CI=true` when the input is not there: CI provides every input
    ///   (`make test` runs `make model` first), so a missing one is a broken run, not a reason to skip.
    public static func require(_ isPresent: Bool, _ what: String) throws -> Bool {
        if !isPresent && isCI { throw MissingInput(what: what) }
        return isPresent
    }

    /// `require` for the MiniLM model in `modelDirectory`.
    ///
    /// - Returns: Whether the model is there.
    /// - Throws: `MissingInput` under `CI=true` when it is not.
    public static func requireModel() throws -> Bool {
        try require(modelIsPresent, modelRequirement)
    }

    /// The MiniLM model's requirement, as skip reasons and `MissingInput` name it.
    public static var modelRequirement: String { "the MiniLM model in \(modelDirectory) (make model)" }
}

extension TestPaths {
    /// Runs `body` with a fresh folder under the system's temporary directory, removed afterwards.
    public static func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }
}
