import Synchronization
import Testing

@testable import AssayCore

/// A log for `PlainProgress` to write to: a clock the test sets and the text written so far.
private final class FakeLog: Sendable {
    private let now = Mutex(0.0)
    private let written = Mutex("")

    var output: String { written.withLock { $0 } }

    func set(_ seconds: Double) { now.withLock { $0 = seconds } }

    /// A reporter that writes here.
    func reporter() -> PlainProgress {
        PlainProgress(
            write: { [self] text in written.withLock { $0 += text } }, clock: { [self] in now.withLock { $0 } })
    }
}

@Suite struct PlainProgressTests {
    // Nothing is written while a step runs; its line comes when it ends, with the rows and the seconds
    // since it started (3.3 − 0.5 = 2.8 s).
    @Test func oneLinePerStepWhenItEnds() {
        let log = FakeLog()
        let reporter = log.reporter()
        log.set(0.5)
        let step = reporter.step("embedding (word pieces)", total: 20_000, rows: 1_640)
        log.set(2)
        step.advance(by: 10_000)
        #expect(log.output.isEmpty)
        log.set(3.3)
        step.finish()
        #expect(log.output == "assay: embedding (word pieces): 1,640 rows in 2.8 s\n")
        step.finish()
        #expect(log.output == "assay: embedding (word pieces): 1,640 rows in 2.8 s\n", "a second finish writes nothing")
    }

    // Nested steps each get their line, the inner one first as it ends first; a step without a row count
    // and a step of one row read as such; a short step is written too.
    @Test func nestedShortAndRowlessSteps() {
        let log = FakeLog()
        let reporter = log.reporter()
        let outer = reporter.step("cross-validation synthetic", total: 5, rows: 160)
        let inner = reporter.step("neighbours synthetic", total: 1, rows: 1)
        log.set(0.04)
        inner.finish()
        let rowless = reporter.step("MAUVE k-means", total: 10)
        log.set(61.96)
        rowless.finish()
        outer.finish()
        #expect(
            log.output == """
                assay: neighbours synthetic: 1 row in 0.0 s
                assay: MAUVE k-means: 61.9 s
                assay: cross-validation synthetic: 160 rows in 62.0 s

                """)
    }

    // A name from data (a class label) has its control characters escaped: the line stays one line.
    @Test func controlCharactersInANameAreEscaped() {
        #expect(
            PlainProgress.line(name: "MAUVE k-means, class a\u{1B}[2J\nb", rows: 12, seconds: 0.26)
                == "assay: MAUVE k-means, class a\\u{1B}[2J b: 12 rows in 0.3 s")
    }
}
