import AssayCore
import AssayLinalg
import Synchronization
import Testing

@testable import AssayMetrics

/// A reporter that records every step: its name, total, the units advanced and whether it finished.
private final class RecordingProgress: ProgressReporter {
    struct Record: Equatable {
        var name: String
        var total: Int
        var done = 0
        var finished = false
    }

    private let records = Mutex<[Record]>([])

    var steps: [Record] { records.withLock { $0 } }

    func step(_ name: String, total: Int) -> ProgressStep {
        let index = records.withLock { records in
            records.append(Record(name: name, total: total))
            return records.count - 1
        }
        return ProgressStep(
            advance: { [self] units in records.withLock { $0[index].done += units } },
            finish: { [self] in records.withLock { $0[index].finished = true } })
    }
}

@Suite(.serialized) struct AnalysisProgressTests {
    /// `rows` seeded unit vectors in 8 dimensions, labelled a/b in turn.
    private func side(_ rows: Int, stream: String) -> (corpus: Corpus, embeddings: Matrix) {
        var random = SeededRandom(seed: 13, stream: stream)
        let values = (0..<(rows * 8)).map { _ in Float(random.below(1000)) / 1000 - 0.5 }
        let texts = (0..<rows).map { "text number \($0) of \(stream) with words \($0 % 7) and \($0 % 5)" }
        let labels = (0..<rows).map { $0 % 2 == 0 ? "a" : "b" }
        return (makeCorpus(texts, labels: labels), Matrix(rows: rows, columns: 8, values: values).rowNormalized)
    }

    private func context(_ progress: RecordingProgress) -> AnalysisContext {
        let original = side(60, stream: "original")
        let synthetic = side(40, stream: "synthetic")
        return AnalysisContext(
            original: original.corpus, synthetic: synthetic.corpus,
            embeddings: [.original: original.embeddings, .synthetic: synthetic.embeddings], progress: progress)
    }

    // Each shared artifact is one step, advanced to its total (rows searched, folds fitted) and finished;
    // asking again reads the cache and reports nothing.
    @Test func sharedArtifactsReportOneFinishedStepEach() {
        let progress = RecordingProgress()
        let context = context(progress)
        _ = context.neighbors(.original)
        _ = context.builtInProbabilities(.synthetic, classifier: .logistic)
        _ = context.nearestOriginal()
        _ = context.neighbors(.original)
        #expect(
            progress.steps == [
                .init(name: "neighbours original", total: 60, done: 60, finished: true),
                .init(name: "cross-validation synthetic", total: 5, done: 5, finished: true),
                .init(name: "neighbours synthetic in original", total: 40, done: 40, finished: true),
            ])
    }

    // MAUVE's k-means, overall and for each class with 20 rows a side, is a step of 5 restarts.
    @Test func fidelityReportsEachKMeansRun() throws {
        let progress = RecordingProgress()
        _ = try Fidelity().analyze(context(progress))
        #expect(
            progress.steps == [
                .init(name: "MAUVE k-means", total: 5, done: 5, finished: true),
                .init(name: "MAUVE k-means, class a", total: 5, done: 5, finished: true),
                .init(name: "MAUVE k-means, class b", total: 5, done: 5, finished: true),
            ])
    }

    // The larger side's size-matched subsamples (50 by default) are a step; the smaller side has none.
    @Test func lexicalDiversityReportsTheSubsamples() throws {
        let progress = RecordingProgress()
        _ = try LexicalDiversity().analyze(context(progress))
        #expect(progress.steps == [.init(name: "lexical subsamples original", total: 50, done: 50, finished: true)])
    }

    // Without a reporter the context is silent: the default reporter is SilentProgress.
    @Test func theDefaultReporterIsSilent() {
        let corpus = makeCorpus(["one", "two"])
        #expect(AnalysisContext(original: nil, synthetic: corpus).progress is SilentProgress)
    }
}
