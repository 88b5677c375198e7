import Foundation
import Testing

/// Headless Chromium, run as a process: screenshots, the DOM after load, and a print to PDF.
///
/// Every run gets its own profile folder, resolves no host names (so any request that tries the
/// network fails), and is killed after `timeout` seconds.
struct HeadlessChromium {
    /// What one run printed.
    struct Run {
        var exitCode: Int32
        var stdout: String
        var stderr: String

        /// The page's console messages Chromium logged (`--enable-logging=stderr`).
        var consoleLines: [String] {
            stderr.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") }
        }
    }

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
    func run(_ page: URL, _ arguments: [String], in directory: URL) throws -> Run {
        let profile = directory.appendingPathComponent("profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let stdoutURL = directory.appendingPathComponent("chromium-\(UUID().uuidString).out")
        let stderrURL = directory.appendingPathComponent("chromium-\(UUID().uuidString).err")
        defer {
            try? FileManager.default.removeItem(at: stdoutURL)
            try? FileManager.default.removeItem(at: stderrURL)
        }
        for url in [stdoutURL, stderrURL] {
            try #require(FileManager.default.createFile(atPath: url.path, contents: nil))
        }
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)
        let process = Process()
        process.executableURL = executable
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--hide-scrollbars", "--user-data-dir=\(profile.path)",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=5000",
            ] + arguments + [page.absoluteString]
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            Issue.record("chromium \(arguments.joined(separator: " ")) ran longer than \(Int(timeout)) s")
        }
        process.waitUntilExit()
        try stdoutHandle.close()
        try stderrHandle.close()
        return Run(
            exitCode: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self))
    }
}
