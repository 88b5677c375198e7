import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Checks on a file Assay is asked to read, made before reading it.
public enum InputFile {
    /// Fails unless `path` names a regular file (or a link to one): a missing file, a folder, a
    /// named pipe or a device (`/dev/zero` would never end; a FIFO would block) each get their own
    /// message.
    ///
    /// - Parameters:
    ///   - expected: What the command wants, for the message ("a .jsonl, .csv or .tsv file").
    ///   - kind: The error's kind: `.input` for data, `.usage` for a policy or spec.
    /// - Throws: `AssayError` of `kind` naming the file.
    public static func checkRegular(
        _ path: String, expecting expected: String, kind errorKind: AssayError.Kind = .input
    ) throws {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT || errno == ENOTDIR {
                throw AssayError(errorKind, file: path, "no such file; check the path")
            }
            throw AssayError(
                errorKind, file: path, "cannot be read (\(String(cString: strerror(errno)))); check its permissions")
        }
        let kind: String
        switch status.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: kind = "a directory"
        case S_IFIFO: kind = "a named pipe (FIFO)"
        case S_IFCHR: kind = "a character device"
        case S_IFBLK: kind = "a block device"
        case S_IFSOCK: kind = "a socket"
        default: kind = "an unknown kind of file"
        }
        let what = kind == "a directory" ? "is a directory" : "is not a regular file (\(kind))"
        throw AssayError(errorKind, file: path, "\(what); give \(expected)")
    }
}
