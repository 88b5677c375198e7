/// Something that shows how far the long steps of a run have got (embedding, neighbour search,
/// cross-validation …).
///
/// The library never prints: code that runs a long step asks the reporter it was given for a
/// `ProgressStep`, advances it as work is done and finishes it. The library's default is
/// `SilentProgress`; the command-line tool passes a `TerminalProgress` when stderr is a terminal and
/// a `PlainProgress` when it is not. Steps may be advanced from several threads at once.
public protocol ProgressReporter: Sendable {
    /// Starts a step of `total` units of work (texts, rows, folds …) called `name`.
    ///
    /// - Returns: the step's handle; call `finish()` on it when the step ends, also when it throws.
    func step(_ name: String, total: Int) -> ProgressStep

    /// Starts a step as `step(_:total:)` does, over `rows` rows of data: the size a log line names when
    /// the step ends, whatever units `total` counts (word pieces, folds, k-means restarts …).
    ///
    /// - Returns: the step's handle; call `finish()` on it when the step ends, also when it throws.
    func step(_ name: String, total: Int, rows: Int) -> ProgressStep
}

extension ProgressReporter {
    /// The step of `step(_:total:)`: a reporter that shows no row counts need not tell them apart.
    public func step(_ name: String, total: Int, rows: Int) -> ProgressStep {
        step(name, total: total)
    }
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
