import AssayReport
import AssayTestSupport
import Foundation
import Testing

/// What one run of the `assay` binary did.
struct RunResult: Sendable {
    var exitCode: Int32
    /// Whether the process ended by a signal (a crash) rather than by exiting; `exitCode` is then
    /// the signal number.
    var crashed: Bool
    var stdout: String
    var stderr: String

    /// The non-empty lines of stderr.
    var stderrLines: [String] {
        stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }
}

/// The built `assay` binary, the package's fixtures, and a way to run the one on the other.
enum AssayCLI {
    /// The report files `compare` and `analyze` can write.
    static let reportFileNames = ["report.json", "report.html", "summary.md"]

    /// How long one run may take before it is killed and the test fails.
    static let timeout: TimeInterval = 60

    /// The path of `name` in `<root>/fixtures`.
    static func fixture(_ name: String) -> String {
        TestPaths.fixture(name)
    }

    /// The binary under test: `$ASSAY_BIN` if set, else the `assay` beside the test executable
    /// (the products folder), else `<root>/.build/debug/assay`.
    static let binary: URL? = locateBinary()

    private static func locateBinary() -> URL? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["ASSAY_BIN"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        var folders: [URL] = []
        if let executable = CommandLine.arguments.first {
            // Up a few levels too, for test bundles (`….xctest/Contents/MacOS/…`).
            var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
            for _ in 0..<4 {
                folders.append(folder)
                folder = folder.deletingLastPathComponent()
            }
        }
        folders.append(Bundle.main.bundleURL)
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        folders.append(TestPaths.packageRoot.appendingPathComponent(".build").appendingPathComponent("debug"))
        for folder in folders {
            let candidate = folder.appendingPathComponent("assay")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
                !isDirectory.boolValue, FileManager.default.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
        }
        return nil
    }

    /// Runs `assay arguments` with `directory` as its working directory, capturing its output; the run
    /// is killed and the test fails after `timeout` seconds.
    static func run(_ arguments: [String], in directory: URL, timeout: TimeInterval = AssayCLI.timeout) throws
        -> RunResult
    {
        let binary = try #require(
            AssayCLI.binary, "no assay binary found; build it (swift build) or set ASSAY_BIN")
        return try ChildProcess.run(binary, arguments, in: directory, timeout: timeout)
    }

    /// Starts `assay arguments` with the test hook `variable` set and waits (at most 120 s) until it
    /// pauses there or ends.
    ///
    /// - Returns: the running process, its pause file, and whether it reached the pause.
    private static func startAndWaitForPause(
        _ arguments: [String], hook variable: String, in directory: URL, standardError: Any
    ) throws -> (process: Process, pause: URL, paused: Bool) {
        let pause = directory.appendingPathComponent("paused-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = try #require(
            AssayCLI.binary, "no assay binary found; build it (swift build) or set ASSAY_BIN")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment[variable] = pause.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = standardError
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: pause.path) && Date() < deadline && process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
        }
        return (process, pause, FileManager.default.fileExists(atPath: pause.path))
    }

    /// Runs `assay arguments` with the test hook `variable` set and kills it with SIGKILL once it waits
    /// at the hook.
    ///
    /// - Returns: whether the process reached the pause and was killed there.
    static func killAtPause(_ arguments: [String], hook variable: String, in directory: URL) throws -> Bool {
        let (process, pause, paused) = try startAndWaitForPause(
            arguments, hook: variable, in: directory, standardError: FileHandle.nullDevice)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: pause)
        return paused && process.terminationReason == .uncaughtSignal
    }

    /// Runs `assay arguments` with the test hook `variable` set, calls `atPause` once the process waits at
    /// the hook, then lets it go on and waits for it to end.
    ///
    /// - Returns: whether the process reached the pause, its exit code and its standard error.
    static func resumeAfterPause(
        _ arguments: [String], hook variable: String, in directory: URL, atPause: () throws -> Void
    ) throws -> (paused: Bool, exitCode: Int32, stderr: String) {
        let errors = directory.appendingPathComponent("stderr-\(UUID().uuidString)")
        #expect(FileManager.default.createFile(atPath: errors.path, contents: nil), "cannot create \(errors.path)")
        let errorHandle = try FileHandle(forWritingTo: errors)
        defer { try? errorHandle.close() }
        let (process, pause, paused) = try startAndWaitForPause(
            arguments, hook: variable, in: directory, standardError: errorHandle)
        if paused { try atPause() }
        try? FileManager.default.removeItem(at: pause)
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: errors)
        return (paused, process.terminationStatus, stderr)
    }

    /// Decodes `directory/report.json`, first recording each way it breaks `reports/report.schema.json` as an
    /// issue, so that every report the end-to-end tests read is held to the schema.
    static func report(in directory: URL) throws -> Report {
        let data = try Data(contentsOf: directory.appendingPathComponent("report.json"))
        for violation in try JSONSchemaValidator.validateReport(data) {
            Issue.record("report.json breaks reports/report.schema.json: \(violation)")
        }
        return try JSONReportWriter.decode(data)
    }

    /// The report files present in `directory`.
    static func reportFiles(in directory: URL) -> [String] {
        reportFileNames.filter {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path)
        }
    }

    /// Whether `directory` does not exist or is empty: a failed run left nothing behind.
    static func isAbsentOrEmpty(_ directory: URL) -> Bool {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            return !FileManager.default.fileExists(atPath: directory.path)
        }
        return entries.isEmpty
    }
}

/// Runs `body` with a fresh, empty directory under the system's temporary directory and removes
/// the directory afterwards, whatever `body` does.
func withSandbox<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("EndToEndTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// JSONL files as JSON objects, for tests that build datasets from real ones.
enum JSONLRows {
    /// The rows of a JSONL file.
    static func read(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    /// Writes `rows` as JSONL to `url`, keys sorted.
    static func write(_ rows: [[String: Any]], to url: URL) throws {
        let lines = try rows.map { row in
            String(decoding: try JSONSerialization.data(withJSONObject: row, options: [.sortedKeys]), as: UTF8.self)
        }
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }
}

/// A child process run to completion with its output captured.
enum ChildProcess {
    /// Runs `executable arguments` in `directory`, its output captured in files there (no pipe to fill
    /// up); the process is killed and the test fails after `timeout` seconds.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL, timeout: TimeInterval) throws
        -> RunResult
    {
        let capture = UUID().uuidString
        let stdoutURL = directory.appendingPathComponent(".stdout-\(capture)")
        let stderrURL = directory.appendingPathComponent(".stderr-\(capture)")
        defer {
            try? FileManager.default.removeItem(at: stdoutURL)
            try? FileManager.default.removeItem(at: stderrURL)
        }
        for url in [stdoutURL, stderrURL] {
            try #require(FileManager.default.createFile(atPath: url.path, contents: nil), "cannot create \(url.path)")
        }
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            process.waitUntilExit()
            Issue.record(
                "\(executable.lastPathComponent) \(arguments.joined(separator: " ")) ran longer than \(Int(timeout)) s")
        }
        process.waitUntilExit()
        try stdoutHandle.close()
        try stderrHandle.close()
        return RunResult(
            exitCode: process.terminationStatus, crashed: process.terminationReason == .uncaughtSignal,
            stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self))
    }
}
