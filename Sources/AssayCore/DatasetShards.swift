import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The files of a dataset split into shards: a folder of data files, or a glob pattern naming them (the
/// Hugging Face layout `data/train-00000-of-00003.jsonl` …), read in byte-wise name order as one dataset.
enum DatasetShards {
    /// The shard files `path` names, in byte-wise order, or nil when `path` is not a folder or a pattern
    /// (one file, or nothing at all: the single-file checks then say what is wrong).
    ///
    /// A folder's shards are its regular files (or links to them) whose names end in a data extension
    /// (`.jsonl`, `.ndjson`, `.json`, `.csv`, `.tsv`, `.tab`, each optionally `.gz` or `.zst`); hidden
    /// files, sub-folders and anything else (`README.md`) are left out. A pattern is a path that does not
    /// exist and holds `*`, `?` or `[`; it is expanded by glob(3), and its matches are filtered the same way.
    ///
    /// - Throws: `AssayError` (`.input`) naming the folder or pattern when it yields no data file or
    ///   cannot be read.
    /// - Complexity: O(n log n) in the folder's entries or the pattern's matches.
    static func files(for path: String) throws -> [String]? {
        var status = stat()
        if stat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFDIR else { return nil }
            return try folder(path)
        }
        guard path.contains(where: { "*?[".contains($0) }) else { return nil }
        return try pattern(path)
    }

    /// Whether `name` ends in an extension Assay reads, compressed or not.
    static func isDataFile(_ name: String) -> Bool {
        let compression = Compression(path: name)
        return DatasetFormat(path: String(name.dropLast(compression?.suffix.count ?? 0))) != nil
    }

    private static let accepted =
        "put .jsonl, .json, .csv or .tsv files (optionally .gz or .zst) or .parquet files in it"

    private static func folder(_ path: String) throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw AssayError(
                .input, file: path, "the folder cannot be read (\(error.localizedDescription)); check its permissions")
        }
        let prefix = path.hasSuffix("/") ? path : path + "/"
        let files = byteOrder(
            names.filter { !$0.hasPrefix(".") && isDataFile($0) }.map { prefix + $0 }.filter(isRegularFile))
        guard !files.isEmpty else {
            throw AssayError(.input, file: path, "the folder holds no data files; \(accepted)")
        }
        return files
    }

    private static func pattern(_ path: String) throws -> [String] {
        var matches = glob_t()
        defer { globfree(&matches) }
        let status = glob(path, 0, nil, &matches)
        guard status == 0 || status == GLOB_NOMATCH else {
            throw AssayError(.input, file: path, "the pattern cannot be expanded (glob error \(status)); check it")
        }
        var found: [String] = []
        for index in 0..<Int(matches.gl_pathc) {
            if let match = matches.gl_pathv[index] { found.append(String(cString: match)) }
        }
        guard !found.isEmpty else {
            throw AssayError(
                .input, file: path, "no file matches the pattern; check it, and quote it so the shell leaves it alone")
        }
        let files = byteOrder(found.filter { isDataFile($0) && isRegularFile($0) })
        guard !files.isEmpty else {
            throw AssayError(
                .input, file: path,
                "the pattern matches \(found.count) path\(found.count == 1 ? "" : "s") but no data files; name .jsonl, .json, .csv or .tsv files (optionally .gz or .zst) or .parquet files"
            )
        }
        return files
    }

    /// Whether `path` is a regular file, following links.
    private static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// `paths` sorted by their UTF-8 bytes, as `LC_ALL=C ls` lists them.
    private static func byteOrder(_ paths: [String]) -> [String] {
        paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
