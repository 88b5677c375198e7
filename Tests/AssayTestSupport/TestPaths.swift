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
}
