import Foundation
import Testing

/// Headless Chromium, run as a process: screenshots, the DOM after load, and a print to PDF.
///
/// Every run gets its own profile folder, resolves no host names (so any request that tries the
/// network fails), and is killed after `timeout` seconds.
struct HeadlessChromium {
    let executable: URL
    let timeout: TimeInterval = 90

    /// `$CHROMIUM`, else `chromium` or `chromium-browser` on the PATH (the Debian package `make test`
    /// installs).
    static func locate() -> HeadlessChromium? {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let path = environment["CHROMIUM"], !path.isEmpty { candidates.append(path) }
        for folder in (environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser"] { candidates.append("\(folder)/\(name)") }
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }.map {
            HeadlessChromium(executable: URL(fileURLWithPath: $0))
        }
    }

    /// Runs Chromium on `page` with `arguments` added to the headless defaults.
    func run(_ page: URL, _ arguments: [String], in directory: URL) throws -> RunResult {
        let profile = directory.appendingPathComponent("profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let defaults = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--hide-scrollbars", "--user-data-dir=\(profile.path)",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=5000",
        ]
        return try ChildProcess.run(
            executable, defaults + arguments + [page.absoluteString], in: directory, timeout: timeout)
    }
}

extension RunResult {
    /// The page's console messages Chromium logged (`--enable-logging=stderr`).
    var consoleLines: [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") }
    }
}
