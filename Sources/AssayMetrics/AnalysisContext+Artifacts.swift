import AssayCore
import AssayLinalg
import Synchronization

/// The expensive artifacts analyzers share — neighbour lists and class probabilities — each computed
/// on first use and kept for the rest of the run.
extension AnalysisContext {
    /// Each row's `settings.neighborCount` most similar rows of the same side by embedding cosine, the
    /// row itself excluded; nil without embeddings.
    ///
    /// - Complexity: O(N²·d) the first time (tiled, no N×N matrix), O(1) after.
    public func neighbors(_ side: Side) -> NearestNeighbors? {
        cache.value("neighbors/\(side.rawValue)") { () -> NearestNeighbors? in
            guard let embeddings = embeddings[side], embeddings.rows > 1 else { return nil }
            let step = progress.step("neighbours \(side.rawValue)", total: embeddings.rows)
            defer { step.finish() }
            return NearestNeighbors(
                queries: embeddings, base: embeddings, k: min(settings.neighborCount, embeddings.rows - 1),
                excludeSelf: true, progress: step)
        }
    }

    /// Each synthetic row's most similar original row by embedding cosine; nil without embeddings of
    /// both sets.
    ///
    /// - Complexity: O(N_s·N_o·d) the first time (tiled), O(1) after.
    public func nearestOriginal() -> NearestNeighbors? {
        cache.value("neighbors/synthetic-to-original") { () -> NearestNeighbors? in
            guard let queries = embeddings[.synthetic], let base = embeddings[.original], base.rows > 0 else {
                return nil
            }
            let step = progress.step("neighbours synthetic in original", total: queries.rows)
            defer { step.finish() }
            return NearestNeighbors(queries: queries, base: base, k: 1, progress: step)
        }
    }

    /// The out-of-sample class probabilities of `side` that label noise uses: the user's own when
    /// supplied, else the built-in classifier's. Nil when the side is unlabelled, has fewer than two
    /// classes, or has neither embeddings nor supplied probabilities.
    public func classProbabilities(_ side: Side) -> ClassProbabilities? {
        if let supplied = suppliedProbabilities[side] { return supplied }
        return builtInProbabilities(side, classifier: settings.classifier)
    }

    /// The classes of `side` too small to judge with the built-in classifiers: fewer labelled rows than
    /// `settings.folds`, the cross-validation's folds (ids into the side's label names, ascending).
    ///
    /// - Complexity: O(N + K) the first time, O(1) after.
    public func tooSmallClasses(_ side: Side) -> [Int] {
        cache.value("too-small-classes/\(side.rawValue)") { () -> [Int] in
            guard let corpus = corpus(side), let labels = corpus.labels else { return [] }
            return OutOfSample.tooSmallClasses(
                labels: labels, classCount: corpus.labelNames.count, minimumRows: settings.folds)
        }
    }

    /// The built-in `classifier`'s out-of-sample probabilities of `side` (columns: its label names). Classes
    /// with fewer rows than the folds (`tooSmallClasses`) are not learned by the logistic regression (their
    /// columns are 0) and are marked too small to judge; nil when fewer than two classes are large enough.
    ///
    /// - Complexity: `settings.folds` logistic regression fits over the classes large enough, or one
    ///   neighbour search.
    public func builtInProbabilities(_ side: Side, classifier: ClassifierKind) -> ClassProbabilities? {
        cache.value("probabilities/\(side.rawValue)/\(classifier.rawValue)") { () -> ClassProbabilities? in
            guard let corpus = corpus(side), let labels = corpus.labels, corpus.labelNames.count > 1,
                let features = embeddings[side]
            else { return nil }
            let classCount = corpus.labelNames.count
            let tooSmall = tooSmallClasses(side)
            guard classCount - tooSmall.count > 1 else { return nil }
            switch classifier {
            case .logistic:
                let step = progress.step("cross-validation \(side.rawValue)", total: settings.folds)
                defer { step.finish() }
                let values = OutOfSample.crossValidatedLogistic(
                    features: features, labels: labels, classCount: classCount, excluding: tooSmall,
                    folds: settings.folds, seed: settings.seed, stream: side.rawValue, options: settings.logistic,
                    progress: step)
                return ClassProbabilities(
                    values: values,
                    method:
                        "\(settings.folds)-fold cross-validated logistic regression (C = \(settings.logistic.inverseRegularization)) on \(embedderName ?? "the") embeddings",
                    tooSmallClasses: tooSmall)
            case .knn:
                guard let neighbors = neighbors(side) else { return nil }
                return ClassProbabilities(
                    values: OutOfSample.neighborVote(neighbors: neighbors, labels: labels, classCount: classCount),
                    method:
                        "vote of the \(neighbors.k) nearest neighbours (leave-one-out) on \(embedderName ?? "the") embeddings",
                    tooSmallClasses: tooSmall)
            case .ensemble:
                guard let logistic = builtInProbabilities(side, classifier: .logistic),
                    let vote = builtInProbabilities(side, classifier: .knn)
                else { return nil }
                let mean = zip(logistic.values.values, vote.values.values).map { ($0 + $1) / 2 }
                return ClassProbabilities(
                    values: Matrix(rows: logistic.values.rows, columns: classCount, values: mean),
                    method: "mean of \(logistic.method) and a \(vote.method)", tooSmallClasses: tooSmall)
            }
        }
    }

    /// A logistic regression trained on every labelled row of `side`, its classes the side's label
    /// names; nil when the side is unlabelled, has fewer than two classes or no embeddings.
    ///
    /// - Complexity: one fit, O(iterations · N · d · K).
    public func trainedModel(_ side: Side) -> LogisticRegression? {
        cache.value("model/\(side.rawValue)") { () -> LogisticRegression? in
            guard let corpus = corpus(side), let labels = corpus.labels, corpus.labelNames.count > 1,
                let features = embeddings[side]
            else { return nil }
            let rows = labels.indices.filter { labels[$0] >= 0 }
            return LogisticRegression(
                features: features.selecting(rows: rows), labels: rows.map { labels[$0] },
                classCount: corpus.labelNames.count, options: settings.logistic)
        }
    }
}

/// Values computed once per run, by key. A value is computed outside the lock, so one artifact may
/// ask for another; two threads asking at once may both compute it, and the first stored wins.
final class ArtifactCache: Sendable {
    private let values = Mutex<[String: any Sendable]>([:])

    func value<T: Sendable>(_ key: String, _ make: () -> T) -> T {
        if let stored = values.withLock({ $0[key] }), let value = stored as? T { return value }
        let made = make()
        return values.withLock { values in
            if let stored = values[key], let value = stored as? T { return value }
            values[key] = made
            return made
        }
    }
}
