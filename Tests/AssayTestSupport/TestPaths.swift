import Foundation

/// Paths the tests read: the package's fixtures and the shared third-party data beside the checkout.
public enum TestPaths {
    /// `<root>/Tests/AssayTestSupport/TestPaths.swift` → `<root>`.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The path of `name` in `<root>/fixtures`.
    public static func fixture(_ name: String) -> String {
        packageRoot.appendingPathComponent("fixtures").appendingPathComponent(name).path
    }

    /// The path of `relative` in `<root>/../shared/data` (may not exist outside CI).
    public static func sharedData(_ relative: String) -> String {
        packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared")
            .appendingPathComponent("data")
            .appendingPathComponent(relative)
            .standardizedFileURL.path
    }

    /// The reference file `name` in `<root>/../shared/reference` (may not exist outside CI).
    public static func reference(_ name: String) -> String {
        packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared")
            .appendingPathComponent("reference")
            .appendingPathComponent(name)
            .standardizedFileURL.path
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
}
