import Foundation
import Synchronization

/// Progress off a terminal (a file, a pipe, a CI log): one plain line per step when it ends, naming the
/// step, the rows it worked on and the seconds it took:
///
///     assay: embedding (word pieces): 640 rows in 3.2 s
///     assay: neighbours synthetic: 320 rows in 0.4 s
///
/// Nothing is rewritten in place and no control character is written (a step's name passes through
/// `TerminalText.safe`), so a log shows each line once. Every step gets its line, however short, so
/// that the lines of a run are the same from run to run but for the seconds; a step started without a
/// row count gets `assay: NAME: 0.4 s`. Lines are written whole, one at a time, from whichever thread
/// finishes a step.
///
/// The clock and the output are injected, so tests can drive it; `TerminalProgress.standardError(quiet:)`
/// gives it to the tool when stderr is not a terminal.
public final class PlainProgress: ProgressReporter {
    private let write: @Sendable (String) -> Void
    private let clock: @Sendable () -> Double
    /// The steps not finished yet, by id: their names, row counts and start times.
    private let state = Mutex(State())

    private struct State {
        var nextID = 0
        var running: [Int: Running] = [:]
    }

    private struct Running {
        let name: String
        let rows: Int?
        let start: Double
    }

    /// A reporter that writes its lines (each with its newline) through `write` and reads the time, in
    /// seconds from any origin, from `clock`.
    public init(write: @escaping @Sendable (String) -> Void, clock: @escaping @Sendable () -> Double) {
        self.write = write
        self.clock = clock
    }

    public func step(_ name: String, total: Int) -> ProgressStep {
        start(Running(name: name, rows: nil, start: clock()))
    }

    public func step(_ name: String, total: Int, rows: Int) -> ProgressStep {
        start(Running(name: name, rows: rows, start: clock()))
    }

    private func start(_ step: Running) -> ProgressStep {
        let id = state.withLock { state in
            state.nextID += 1
            state.running[state.nextID] = step
            return state.nextID
        }
        return ProgressStep(advance: { _ in }, finish: { [self] in finish(id) })
    }

    /// Ends step `id` with its line; a step already finished writes nothing.
    private func finish(_ id: Int) {
        let now = clock()
        state.withLock { state in
            guard let step = state.running.removeValue(forKey: id) else { return }
            write(PlainProgress.line(name: step.name, rows: step.rows, seconds: now - step.start) + "\n")
        }
    }

    /// The line of a finished step: `assay: NAME: ROWS rows in SECONDS s`, the rows grouped by thousands
    /// and the seconds with one decimal (rounded to nearest); `assay: NAME: SECONDS s` without rows.
    static func line(name: String, rows: Int?, seconds: Double) -> String {
        let time = String(format: "%.1f s", max(0, seconds))
        let shown = TerminalText.safe(name, limit: 120)
        guard let rows else { return "assay: \(shown): \(time)" }
        return "assay: \(shown): \(TerminalProgress.grouped(rows)) \(rows == 1 ? "row" : "rows") in \(time)"
    }
}
