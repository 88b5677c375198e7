/// An error a user can act on: where it happened (file, line, field) and what to do about it.
///
/// The command-line tool prints `description` as one line and exits with `exitCode`:
/// 3 for bad input or a runtime failure, 2 for a usage or policy error.
public struct AssayError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong, in broad terms; decides the exit code.
    public enum Kind: Sendable, Equatable {
        /// The input data is missing, unreadable or malformed (exit code 3).
        case input
        /// The command line or a policy is wrong (exit code 2).
        case usage
        /// Something failed while running (exit code 3).
        case runtime
    }

    public var kind: Kind
    /// The file the problem is in, as the user named it.
    public var file: String?
    /// The 1-based line of `file` where the problem is.
    public var line: Int?
    /// The field (JSON key or CSV column) at fault.
    public var field: String?
    /// What is wrong and how to fix it, as one sentence.
    public var message: String

    public init(_ kind: Kind, file: String? = nil, line: Int? = nil, field: String? = nil, _ message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `file:line: field: message`, leaving out the parts that are unknown.
    public var description: String {
        var location = ""
        if let file {
            location = file
            if let line { location += ":\(line)" }
            location += ": "
        }
        if let field { location += "\(field): " }
        return location + message
    }

    /// The process exit code the command-line tool uses for this error.
    public var exitCode: Int32 {
        switch kind {
        case .input, .runtime: 3
        case .usage: 2
        }
    }
}
