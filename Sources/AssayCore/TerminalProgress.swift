import Foundation
import Synchronization

/// Progress on a terminal: one line, rewritten in place with a carriage return, that names the
/// running step and shows units done, the share done, the time taken and an estimate of the time left:
///
///     embedding  3,200/10,000  32%  12.4 s, ETA 27 s
///
/// The line shows the most recently started step still running (an outer step takes the line back
/// when an inner one ends). A step draws only once it has run for `delay` (so steps shorter than that
/// never draw), at most once per `interval`, and erases its line when it finishes. The estimate is
/// elapsed × (total − done) / done, shown once one unit is done and either a second has passed or 2%
/// of the step is done.
///
/// The clock and the output are injected, so tests can drive it; `standardError(quiet:)` gives the
/// tool's reporter: this one on a terminal, a `PlainProgress` elsewhere, silence with `--quiet`.
public final class TerminalProgress: ProgressReporter {
    /// Seconds a step runs before it first draws.
    public static let delay = 0.5
    /// Seconds between two redraws at least (10 updates a second at most).
    public static let interval = 0.1
    /// Erases from the cursor to the end of the line (ANSI EL 0), so a shorter line leaves no tail.
    static let eraseToEnd = "\u{1B}[K"
    /// Characters of a step's name shown at most, so that the line fits 80 columns: a line that wraps
    /// cannot be rewritten with a carriage return.
    static let nameWidth = 32

    private let write: @Sendable (String) -> Void
    private let clock: @Sendable () -> Double
    private let state = Mutex(State())

    /// The steps still running, and what is on the line.
    private struct State {
        var nextID = 0
        /// Oldest first; the last one owns the line.
        var running: [Running] = []
        /// When the line was last drawn; nil when it is blank.
        var drawnAt: Double?
    }

    private struct Running {
        let id: Int
        let name: String
        let total: Int
        let start: Double
        var done = 0
    }

    /// A reporter that writes its line through `write` and reads the time, in seconds from any origin,
    /// from `clock`.
    public init(write: @escaping @Sendable (String) -> Void, clock: @escaping @Sendable () -> Double) {
        self.write = write
        self.clock = clock
    }

    /// The command-line tool's reporter on stderr: `SilentProgress` for a quiet run, else a
    /// `TerminalProgress` when stderr is a terminal (and `TERM` is not `dumb`), else a `PlainProgress`
    /// (a file, a pipe, CI: one line per step when it ends).
    public static func standardError(quiet: Bool) -> any ProgressReporter {
        let isTerminal =
            isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
        return reporter(quiet: quiet, isTerminal: isTerminal)
    }

    /// `SilentProgress` when quiet, else `TerminalProgress` on stderr for a terminal and
    /// `PlainProgress` on stderr for anything else.
    static func reporter(quiet: Bool, isTerminal: Bool) -> any ProgressReporter {
        guard !quiet else { return SilentProgress() }
        let origin = ContinuousClock.now
        let write: @Sendable (String) -> Void = { text in FileHandle.standardError.write(Data(text.utf8)) }
        let clock: @Sendable () -> Double = {
            let elapsed = (ContinuousClock.now - origin).components
            return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
        }
        return isTerminal ? TerminalProgress(write: write, clock: clock) : PlainProgress(write: write, clock: clock)
    }

    public func step(_ name: String, total: Int) -> ProgressStep {
        let start = clock()
        let id = state.withLock { state in
            state.nextID += 1
            state.running.append(Running(id: state.nextID, name: name, total: total, start: start))
            return state.nextID
        }
        return ProgressStep(advance: { [self] units in advance(id, by: units) }, finish: { [self] in finish(id) })
    }

    /// Counts `units` more done in step `id`, and redraws the line if the step owns it and is due.
    private func advance(_ id: Int, by units: Int) {
        let now = clock()
        state.withLock { state in
            guard let index = state.running.firstIndex(where: { $0.id == id }) else { return }
            state.running[index].done = min(state.running[index].total, state.running[index].done + max(0, units))
            let step = state.running[index]
            guard index == state.running.count - 1, step.total > 0, now - step.start >= TerminalProgress.delay,
                state.drawnAt.map({ now - $0 >= TerminalProgress.interval }) ?? true
            else { return }
            write(
                "\r"
                    + TerminalProgress.line(
                        name: step.name, done: step.done, total: step.total, elapsed: now - step.start)
                    + TerminalProgress.eraseToEnd)
            state.drawnAt = now
        }
    }

    /// Ends step `id`, erasing the line if anything is on it.
    private func finish(_ id: Int) {
        state.withLock { state in
            guard let index = state.running.firstIndex(where: { $0.id == id }) else { return }
            state.running.remove(at: index)
            if state.drawnAt != nil {
                write("\r" + TerminalProgress.eraseToEnd)
                state.drawnAt = nil
            }
        }
    }

    /// The text of the line: `name  done/total  percent%  elapsed[, ETA remaining]`, the name cut to
    /// `nameWidth` characters (the last one an ellipsis).
    ///
    /// - Parameters:
    ///   - elapsed: seconds since the step started.
    static func line(name: String, done: Int, total: Int, elapsed: Double) -> String {
        let percent = total > 0 ? done * 100 / total : 0
        let shown = name.count > nameWidth ? name.prefix(nameWidth - 1) + "…" : name
        var text = "\(shown)  \(grouped(done))/\(grouped(total))  \(percent)%  \(duration(elapsed: elapsed))"
        if done > 0, elapsed >= 1 || Double(done) >= 0.02 * Double(total) {
            let remaining = elapsed * Double(total - done) / Double(done)
            text += ", ETA \(duration(remaining: remaining))"
        }
        return text
    }

    /// Time taken, as a running clock shows it (rounded down): `0.5 s`, `59.9 s`, `4 m 5 s`, `1 h 2 m`.
    static func duration(elapsed seconds: Double) -> String {
        let tenths = (max(0, seconds) * 10).rounded(.down)
        return tenths < 600 ? "\(Int(tenths) / 10).\(Int(tenths) % 10) s" : clock(Int(tenths) / 10)
    }

    /// Time left, as a countdown shows it (rounded up, so it says 0 s only when nothing is left): `27 s`,
    /// `1 m 39 s`, `2 h 0 m`.
    static func duration(remaining seconds: Double) -> String {
        // Less a microsecond, so that the rounding error of an exact count of seconds does not add one.
        clock(Int(max(0, seconds - 1e-6).rounded(.up)))
    }

    /// Whole seconds as `s`, `m s` or `h m`.
    private static func clock(_ seconds: Int) -> String {
        if seconds < 60 { return "\(seconds) s" }
        if seconds < 3600 { return "\(seconds / 60) m \(seconds % 60) s" }
        return "\(seconds / 3600) h \(seconds % 3600 / 60) m"
    }

    /// `count` with a comma between groups of three digits: `10,000`.
    package static func grouped(_ count: Int) -> String {
        let digits = String(count.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return count < 0 ? "-" + result : result
    }
}
