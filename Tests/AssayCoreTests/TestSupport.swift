import AssayTestSupport
import Foundation

@testable import AssayCore

/// Runs `body` with a fresh, empty directory under the system's temporary directory and removes
/// the directory afterwards, whatever `body` does.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("AssayCoreTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// Writes `bytes` to a file called `name` in a fresh temporary directory and loads it.
func loadTemporaryFile(
    named name: String, bytes: [UInt8], fields: FieldOptions = FieldOptions()
) throws -> Corpus {
    try withTemporaryDirectory { directory in
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return try DatasetLoader.load(path: url.path, fields: fields)
    }
}

/// Writes `text` (UTF-8) to a file called `name` in a fresh temporary directory and loads it.
func loadTemporaryFile(named name: String, text: String, fields: FieldOptions = FieldOptions()) throws -> Corpus {
    try loadTemporaryFile(named: name, bytes: Array(text.utf8), fields: fields)
}

/// What loading a file threw: the `AssayError` and the path the file was loaded from.
struct LoadFailure {
    var error: AssayError
    var path: String
}

/// Writes `bytes` to a file called `name` in a fresh temporary directory, loads it and returns
/// the `AssayError` it threw, or nil when it loaded. Any other error is rethrown.
func loadFailure(named name: String, bytes: [UInt8], fields: FieldOptions = FieldOptions()) throws -> LoadFailure? {
    try withTemporaryDirectory { directory in
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return try loadFailure(path: url.path, fields: fields)
    }
}

/// `loadFailure(named:bytes:fields:)` for UTF-8 text.
func loadFailure(named name: String, text: String, fields: FieldOptions = FieldOptions()) throws -> LoadFailure? {
    try loadFailure(named: name, bytes: Array(text.utf8), fields: fields)
}

/// Loads `path` and returns the `AssayError` it threw, or nil when it loaded.
func loadFailure(path: String, fields: FieldOptions = FieldOptions()) throws -> LoadFailure? {
    do {
        _ = try DatasetLoader.load(path: path, fields: fields)
        return nil
    } catch let error as AssayError {
        return LoadFailure(error: error, path: path)
    }
}

/// How many times each value occurs.
func tally<S: Sequence>(_ values: S) -> [S.Element: Int] where S.Element: Hashable {
    values.reduce(into: [:]) { counts, value in counts[value, default: 0] += 1 }
}
