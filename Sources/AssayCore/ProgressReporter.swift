/// Something that shows how far the long steps of a run have got (embedding, neighbour search,
/// cross-validation …).
///
/// The library never prints: code that runs a long step asks the reporter it was given for a
/// `ProgressStep`, advances it as work is done and finishes it. The library's default is
/// `SilentProgress`; the command-line tool passes a `TerminalProgress` when stderr is a terminal.
/// Steps may be advanced from several threads at once.
public protocol ProgressReporter: Sendable {
    /// Starts a step of `total` units of work (texts, rows, folds …) called `name`.
    ///
    /// - Returns: the step's handle; call `finish()` on it when the step ends, also when it throws.
    func step(_ name: String, total: Int) -> ProgressStep
}

/// A running step of a `ProgressReporter`: advance it as units of work are done, finish it once.
///
/// A value to pass down to the loop that does the work (`progress: ProgressStep = .silent`); copies
/// report to the same step, from any thread.
public struct ProgressStep: Sendable {
    private let advancing: (@Sendable (Int) -> Void)?
    private let finishing: (@Sendable () -> Void)?

    /// A step that calls `advance` with each increment and `finish` when it ends (for reporters).
    public init(advance: @escaping @Sendable (Int) -> Void, finish: @escaping @Sendable () -> Void) {
        advancing = advance
        finishing = finish
    }

    private init() {
        advancing = nil
        finishing = nil
    }

    /// A step that reports nothing.
    public static let silent = ProgressStep()

    /// Records `units` more units of work done.
    public func advance(by units: Int = 1) {
        advancing?(units)
    }

    /// Ends the step; a reporter removes what it drew. Later calls do nothing.
    public func finish() {
        finishing?()
    }
}

/// A reporter that shows nothing: the library's default, and what tests and `--quiet` runs use.
public struct SilentProgress: ProgressReporter {
    public init() {}

    public func step(_ name: String, total: Int) -> ProgressStep { .silent }
}
