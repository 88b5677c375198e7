import Synchronization
import Testing

@testable import AssayCore

/// A terminal for `TerminalProgress` to draw on: a clock the test sets and the text written so far.
private final class FakeTerminal: Sendable {
    private let now = Mutex(0.0)
    private let written = Mutex("")

    var output: String { written.withLock { $0 } }

    func set(_ seconds: Double) { now.withLock { $0 = seconds } }

    /// A reporter that draws here.
    func reporter() -> TerminalProgress {
        TerminalProgress(
            write: { [self] text in written.withLock { $0 += text } }, clock: { [self] in now.withLock { $0 } })
    }

    /// What was written since `mark` (a length of `output`).
    func output(since mark: Int) -> String { String(output.dropFirst(mark)) }
}

/// What one redraw writes: a carriage return, the line, and an erase to the end of the line.
private func drawn(_ line: String) -> String { "\r" + line + "\u{1B}[K" }

/// What finishing a drawn step writes.
private let erased = "\r\u{1B}[K"

@Suite struct TerminalProgressTests {
    // 3,200 of 10,000 after 12.4 s: 32%, and 12.4 × 6,800 / 3,200 = 26.35 s left, shown rounded up.
    @Test func lineShowsCountsShareElapsedAndTimeLeft() {
        let terminal = FakeTerminal()
        let step = terminal.reporter().step("embedding", total: 10_000)
        terminal.set(12.4)
        step.advance(by: 3200)
        #expect(terminal.output == drawn("embedding  3,200/10,000  32%  12.4 s, ETA 27 s"))
    }

    // The estimate waits for 2% done or 1 s elapsed: 10 of 1,000 (1%) at 0.5 s shows none; at 1 s it is
    // 1 × 990 / 10 = 99 s; 30 of 1,000 (3%) at 0.625 s shows 0.625 × 970 / 30 = 20.2 s → 21 s.
    @Test func timeLeftAppearsAfterTwoPercentOrOneSecond() {
        let early = FakeTerminal()
        let first = early.reporter().step("work", total: 1000)
        early.set(0.5)
        first.advance(by: 10)
        #expect(early.output == drawn("work  10/1,000  1%  0.5 s"))

        let late = FakeTerminal()
        let second = late.reporter().step("work", total: 1000)
        late.set(1)
        second.advance(by: 10)
        #expect(late.output == drawn("work  10/1,000  1%  1.0 s, ETA 1 m 39 s"))

        let ahead = FakeTerminal()
        let third = ahead.reporter().step("work", total: 1000)
        ahead.set(0.625)
        third.advance(by: 30)
        #expect(ahead.output == drawn("work  30/1,000  3%  0.6 s, ETA 21 s"))
    }

    // A step that ends within half a second never draws, however often it advances.
    @Test func shortStepsNeverDraw() {
        let terminal = FakeTerminal()
        let step = terminal.reporter().step("quick", total: 100)
        for (time, units) in [(0.1, 30), (0.3, 30), (0.45, 40)] {
            terminal.set(time)
            step.advance(by: units)
        }
        terminal.set(0.49)
        step.finish()
        #expect(terminal.output.isEmpty)
    }

    // At most one redraw per 0.1 s: of advances at 0.5, 0.55, 0.625, 0.7 and 0.75 s, those at 0.5,
    // 0.625 and 0.75 draw.
    @Test func redrawsAreThrottled() {
        let terminal = FakeTerminal()
        let step = terminal.reporter().step("work", total: 1000)
        for time in [0.5, 0.55, 0.625, 0.7, 0.75] {
            terminal.set(time)
            step.advance(by: 10)
        }
        #expect(
            terminal.output
                == drawn("work  10/1,000  1%  0.5 s") + drawn("work  30/1,000  3%  0.6 s, ETA 21 s")
                + drawn("work  50/1,000  5%  0.7 s, ETA 15 s"))
    }

    // Finishing erases the line once; a second finish and later advances write nothing.
    @Test func finishErasesTheLine() {
        let terminal = FakeTerminal()
        let step = terminal.reporter().step("neighbours original", total: 4)
        terminal.set(2)
        step.advance()
        let mark = terminal.output.count
        #expect(terminal.output == drawn("neighbours original  1/4  25%  2.0 s, ETA 6 s"))
        step.finish()
        #expect(terminal.output(since: mark) == erased)
        step.finish()
        terminal.set(3)
        step.advance()
        #expect(terminal.output(since: mark) == erased)
    }

    // The latest running step owns the line; when it ends the outer step takes the line back at its next
    // advance, without waiting for the throttle.
    @Test func anInnerStepTakesTheLineUntilItEnds() {
        let terminal = FakeTerminal()
        let reporter = terminal.reporter()
        let outer = reporter.step("outer", total: 4)
        terminal.set(1)
        outer.advance()
        #expect(terminal.output == drawn("outer  1/4  25%  1.0 s, ETA 3 s"))
        var mark = terminal.output.count

        let inner = reporter.step("inner", total: 10)
        terminal.set(1.25)
        inner.advance(by: 5)  // 0.25 s into the inner step: too early to draw
        terminal.set(1.5)
        outer.advance(by: 0)  // the outer step does not own the line
        #expect(terminal.output(since: mark).isEmpty)
        terminal.set(1.75)
        inner.advance(by: 5)
        terminal.set(1.8)
        inner.finish()
        #expect(terminal.output(since: mark) == drawn("inner  10/10  100%  0.7 s, ETA 0 s") + erased)
        mark = terminal.output.count

        terminal.set(1.85)
        outer.advance()
        #expect(terminal.output(since: mark) == drawn("outer  2/4  50%  1.8 s, ETA 2 s"))
    }

    // Advances from every core at once are all counted, and never beyond the total.
    @Test func concurrentAdvancesAreAllCounted() {
        let terminal = FakeTerminal()
        let step = terminal.reporter().step("folds", total: 1000)
        terminal.set(0.25)
        _ = ParallelMap.map(0..<1000) { _ in step.advance() }
        #expect(terminal.output.isEmpty)
        terminal.set(2)
        step.advance(by: 5)
        #expect(terminal.output == drawn("folds  1,000/1,000  100%  2.0 s, ETA 0 s"))
    }

    // A long name is cut to 32 characters, the last an ellipsis, so that the line fits 80 columns.
    @Test func longNamesAreCut() {
        let name = "MAUVE k-means, class Science and Technology"
        #expect(
            TerminalProgress.line(name: name, done: 1, total: 5, elapsed: 2)
                == "MAUVE k-means, class Science an…  1/5  20%  2.0 s, ETA 8 s")
        #expect(
            TerminalProgress.line(name: "neighbours synthetic in original", done: 0, total: 10, elapsed: 0.5)
                == "neighbours synthetic in original  0/10  0%  0.5 s")
    }

    // A step of nothing draws nothing, even late.
    @Test func anEmptyStepNeverDraws() {
        let terminal = FakeTerminal()
        let step = terminal.reporter().step("nothing", total: 0)
        terminal.set(5)
        step.advance()
        step.finish()
        #expect(terminal.output.isEmpty)
    }

    // Only a terminal that is not quiet gets the drawing reporter; anything else that is not quiet gets
    // plain lines; a quiet run gets nothing.
    @Test(arguments: [
        (false, true, "TerminalProgress"), (true, true, "SilentProgress"), (false, false, "PlainProgress"),
        (true, false, "SilentProgress"),
    ])
    func drawsOnlyOnATerminalWhenNotQuiet(quiet: Bool, isTerminal: Bool, kind: String) {
        let reporter = TerminalProgress.reporter(quiet: quiet, isTerminal: isTerminal)
        #expect(String(describing: type(of: reporter)) == kind)
    }

    @Test(arguments: [
        (0.0, "0.0 s"), (0.55, "0.5 s"), (12.4, "12.4 s"), (59.99, "59.9 s"), (60, "1 m 0 s"), (245.7, "4 m 5 s"),
        (3725, "1 h 2 m"),
    ])
    func elapsedTimeRoundsDown(seconds: Double, text: String) {
        #expect(TerminalProgress.duration(elapsed: seconds) == text)
    }

    @Test(arguments: [
        (0.0, "0 s"), (0.2, "1 s"), (2.0, "2 s"), (26.35, "27 s"), (59.2, "1 m 0 s"), (99, "1 m 39 s"),
        (7200, "2 h 0 m"), (7261, "2 h 1 m"),
    ])
    func timeLeftRoundsUp(seconds: Double, text: String) {
        #expect(TerminalProgress.duration(remaining: seconds) == text)
    }

    @Test(arguments: [(0, "0"), (999, "999"), (1000, "1,000"), (10_000, "10,000"), (1_234_567, "1,234,567")])
    func countsAreGroupedByThousands(count: Int, text: String) {
        #expect(TerminalProgress.grouped(count) == text)
    }

    // A step built from closures passes each advance (1 by default) and the finish through; the silent
    // step and reporter take calls and do nothing.
    @Test func stepsForwardToTheirReporter() {
        let units = Mutex<[Int]>([])
        let finished = Mutex(0)
        let step = ProgressStep(
            advance: { count in units.withLock { $0.append(count) } }, finish: { finished.withLock { $0 += 1 } })
        step.advance()
        step.advance(by: 7)
        step.finish()
        #expect(units.withLock { $0 } == [1, 7])
        #expect(finished.withLock { $0 } == 1)
        let silent = SilentProgress().step("anything", total: 10)
        silent.advance(by: 3)
        silent.finish()
        ProgressStep.silent.advance()
    }
}
