import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file to write: its destination and its whole content.
public struct OutputFile: Sendable, Equatable {
    public var path: String
    public var data: Data

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }
}

/// Writes a set of files all or nothing, as far as a file system allows.
///
/// Every file is first written in full to a temporary file beside its destination and flushed; only
/// when all are written are they renamed into place, one `rename(2)` each. A failure while writing
/// (a full disk, a folder that cannot be written or has gone) removes every temporary file and every
/// folder this call created, so nothing is left behind. A process killed during the renames leaves
/// the files renamed so far and the rest as temporaries, which the next write into the same folder
/// removes (`sweep`).
///
/// Temporary files are created with `O_CREAT | O_EXCL | O_NOFOLLOW` under a name holding 64 random
/// bits (`.NAME.assay-PID-RANDOM.tmp`), so a file or symbolic link planted in the folder is never
/// written through; a destination that is a symbolic link is replaced by the file, not followed.
public enum AtomicFiles {
    /// The test hook: when this environment variable names a file, `write` creates that file after
    /// its first rename and waits until the file is removed or `pauseLimitSeconds` pass, so that a
    /// test can kill the process between two renames. Leave it unset in normal use.
    public static let pauseEnvironmentVariable = "ASSAY_TEST_PAUSE_IN_RENAME"

    /// Writes `files`, each completely or none at all; see the type's discussion.
    ///
    /// - Throws: `AssayError` (`.runtime`) naming the file that could not be written and why.
    /// - Complexity: O(total bytes), plus a listing of each destination folder for the sweep.
    public static func write(_ files: [OutputFile]) throws {
        var createdFolders: [String] = []
        var staged: [(temporary: String, destination: String)] = []
        func discard() {
            for entry in staged { unlink(entry.temporary) }
            for folder in createdFolders.reversed() { rmdir(folder) }
        }
        do {
            for folder in Set(files.map { parentFolder(of: $0.path) }).sorted() {
                createdFolders += try createFolder(folder)
                sweep(folder)
            }
            for file in files {
                staged.append((try stage(file), file.path))
            }
        } catch {
            discard()
            throw error
        }
        let pause = ProcessInfo.processInfo.environment[pauseEnvironmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        for (index, entry) in staged.enumerated() {
            guard rename(entry.temporary, entry.destination) == 0 else {
                let reason = String(cString: strerror(errno))
                for rest in staged[index...] { unlink(rest.temporary) }
                throw AssayError(.runtime, file: entry.destination, "cannot be written (\(reason))")
            }
            if index == 0, let pause { try TestPause.wait(creating: pause, holding: entry.destination) }
        }
    }

    /// Writes one file completely or not at all.
    ///
    /// - Throws: `AssayError` (`.runtime`) naming the file.
    public static func write(_ data: Data, to path: String) throws {
        try write([OutputFile(path: path, data: data)])
    }

    /// Removes the temporary files that crashed Assay processes left in `folder`: names of the form
    /// `.NAME.assay-PID-RANDOM.tmp` (and the `.report.json.PID.tmp` form of earlier Assay versions) whose process no longer
    /// runs. Links are removed, never followed; files of running processes are left alone.
    ///
    /// - Complexity: O(entries in `folder`).
    public static func sweep(_ folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            guard let pid = temporaryOwner(name), pid != getpid(), kill(pid, 0) == -1, errno == ESRCH else {
                continue
            }
            unlink(folder + "/" + name)
        }
    }

    /// The process id in a temporary file's name, or nil when `name` is not an Assay temporary.
    static func temporaryOwner(_ name: String) -> pid_t? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let parts = name.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, let last = parts.last else { return nil }
        if last.hasPrefix("assay-") {
            let fields = last.dropFirst(6).split(separator: "-")
            guard fields.count == 2, fields[1].count == 16, fields[1].allSatisfy(\.isHexDigit) else { return nil }
            return pid_t(fields[0])
        }
        // Earlier versions: `.report.json.<pid>.tmp`, beside the report files only.
        let legacyNames: Set<String> = ["report.json", "report.html", "summary.md"]
        guard legacyNames.contains(parts.dropLast().joined(separator: ".")) else { return nil }
        return pid_t(last)
    }

    /// The name of a new temporary file for `destination`.
    static func temporaryPath(for destination: String) -> String {
        let name = destination.split(separator: "/").last.map(String.init) ?? destination
        var random = SystemRandomNumberGenerator()
        let suffix = String(random.next() as UInt64, radix: 16)
        let padded = String(repeating: "0", count: 16 - suffix.count) + suffix
        return parentFolder(of: destination) + "/.\(name).assay-\(getpid())-\(padded).tmp"
    }

    /// Writes `file` to a new temporary file beside it and flushes it to disk.
    ///
    /// - Returns: The temporary file's path.
    private static func stage(_ file: OutputFile) throws -> String {
        var attempts = 0
        while true {
            let temporary = temporaryPath(for: file.path)
            let descriptor = openExclusively(temporary)
            guard descriptor >= 0 else {
                attempts += 1
                if errno == EEXIST, attempts < 8 { continue }
                throw failure(file.path)
            }
            defer { close(descriptor) }
            do {
                try writeAll(file.data, to: descriptor, path: file.path)
                guard fsync(descriptor) == 0 else { throw failure(file.path) }
            } catch {
                unlink(temporary)
                throw error
            }
            return temporary
        }
    }

    /// Opens a new file at `path` for writing; -1 (with `errno` set) if anything, a file or a link
    /// even to nowhere, is there already.
    static func openExclusively(_ path: String) -> Int32 {
        open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
    }

    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure(path)
                }
                offset += written
            }
        }
    }

    /// Creates `folder` and any missing parents.
    ///
    /// - Returns: The folders this call created, outermost first, for removal if the write fails.
    private static func createFolder(_ folder: String) throws -> [String] {
        var missing: [String] = []
        var current = folder
        var isFolder: ObjCBool = false
        while !current.isEmpty, current != "/", !FileManager.default.fileExists(atPath: current, isDirectory: &isFolder)
        {
            missing.append(current)
            current = parentFolder(of: current)
        }
        if !current.isEmpty, current != "/", FileManager.default.fileExists(atPath: current, isDirectory: &isFolder),
            !isFolder.boolValue
        {
            throw AssayError(.runtime, file: folder, "cannot create the folder: \(current) is a file, not a folder")
        }
        // Only the folders this call made are its to remove: another process may make one at the same time.
        var created: [String] = []
        for path in missing.reversed() {
            if mkdir(path, 0o755) == 0 {
                created.append(path)
            } else if errno != EEXIST {
                let reason = String(cString: strerror(errno))
                for made in created.reversed() { rmdir(made) }
                throw AssayError(.runtime, file: folder, "cannot create the folder (\(reason))")
            }
        }
        return created
    }

    /// The folder holding `path`: "." for a bare name, "/" for a name at the root. (Foundation's
    /// `deletingLastPathComponent` traps on some relative paths on Linux.)
    static func parentFolder(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        var parent = trimmed[..<slash]
        while parent.count > 1, parent.hasSuffix("/") { parent = parent.dropLast() }
        return String(parent)
    }

    private static func failure(_ path: String) -> AssayError {
        AssayError(.runtime, file: path, "cannot be written (\(String(cString: strerror(errno))))")
    }
}

/// The pause of a test hook: announce it in a file, then wait until a test removes the file.
public enum TestPause {
    /// How long a paused process waits at most.
    public static let limitSeconds: Double = 30

    /// Creates `file` holding `contents` and a newline, then sleeps until the file is removed or
    /// `limitSeconds` have passed.
    ///
    /// - Throws: `AssayError` (`.runtime`) if the file cannot be created.
    public static func wait(creating file: String, holding contents: String) throws {
        do {
            try Data("\(contents)\n".utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            throw AssayError(
                .runtime, file: file,
                "cannot create the pause file of a test hook (\(error.localizedDescription)); unset the ASSAY_TEST_ "
                    + "variable, which is for tests only")
        }
        let deadline = Date().addingTimeInterval(limitSeconds)
        while Date() < deadline, FileManager.default.fileExists(atPath: file) {
            Thread.sleep(forTimeInterval: 0.02)
        }
    }
}
