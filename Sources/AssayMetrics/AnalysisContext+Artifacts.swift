import AssayCore
import AssayLinalg
import AssayText

/// The expensive artifacts analyzers share — neighbour lists, MinHash signatures, the pooled principal
/// components, class probabilities — each computed on first use, under a key that names its inputs, and
/// kept for the rest of the run (`artifacts` counts the computations).
extension AnalysisContext {
    /// Each row's `settings.neighborCount` most similar rows of the same side by embedding cosine, the
    /// row itself excluded; nil without embeddings.
    ///
    /// - Complexity: O(N²·d) the first time (tiled, no N×N matrix), O(1) after.
    public func neighbors(_ side: Side) -> NearestNeighbors? {
        neighbors(side, among: nil, k: settings.neighborCount)
    }

    /// Each of `rows`' `k` most similar rows among `rows` of `side` by embedding cosine, the row itself
    /// excluded, as positions in `rows`; k is clipped to the rows − 1. Nil without embeddings or with fewer
    /// than two rows.
    ///
    /// All the side's rows in order (`rows` nil or 0..<N) are one artifact however they are asked for, so
    /// semantic diversity's nearest neighbours of the size-matched rows are the near-duplicate and k-NN
    /// lists whenever the side was not subsampled. The first neighbour of a row does not depend on k (the
    /// similarities come from the same tiles, ties go to the lower row).
    ///
    /// - Parameter rows: rows of `side`, in the order the lists index them; nil for all of them.
    /// - Complexity: O(R²·d) the first time for R rows (tiled, no R×R matrix), O(R) after (the key).
    public func neighbors(_ side: Side, among rows: [Int]?, k: Int) -> NearestNeighbors? {
        guard let embeddings = embeddings[side] else { return nil }
        let selected = rows == Array(0..<embeddings.rows) ? nil : rows
        let count = selected?.count ?? embeddings.rows
        guard count > 1 else { return nil }
        let k = min(k, count - 1)
        var parameters: [String: ArtifactParameter] = ["side": .side(side), "k": .integer(k)]
        if let selected { parameters["rows"] = .rows(selected) }
        return artifacts.value(ArtifactKey<NearestNeighbors>("neighbors", parameters)) {
            guard let selected else {
                let step = progress.step("neighbours \(side.rawValue)", total: count, rows: count)
                defer { step.finish() }
                return NearestNeighbors(queries: embeddings, base: embeddings, k: k, excludeSelf: true, progress: step)
            }
            let subset = embeddings.selecting(rows: selected)
            return NearestNeighbors(queries: subset, base: subset, k: k, excludeSelf: true)
        }
    }

    /// Each synthetic row's most similar original row by embedding cosine; nil without embeddings of
    /// both sets.
    ///
    /// - Complexity: O(N_s·N_o·d) the first time (tiled), O(1) after.
    public func nearestOriginal() -> NearestNeighbors? {
        guard let queries = embeddings[.synthetic], let base = embeddings[.original], base.rows > 0 else {
            return nil
        }
        let key = ArtifactKey<NearestNeighbors>(
            "neighbors-across", ["queries": .side(.synthetic), "base": .side(.original), "k": 1])
        return artifacts.value(key) {
            let step = progress.step("neighbours synthetic in original", total: queries.rows, rows: queries.rows)
            defer { step.finish() }
            return NearestNeighbors(queries: queries, base: base, k: 1, progress: step)
        }
    }

    /// The principal components of every embedded row of every side, pooled (original rows first) as
    /// they were embedded, keeping `componentCount`; nil with fewer than three rows or when the
    /// eigen-decomposition fails.
    ///
    /// Fidelity's MAUVE runs its own PCA on other inputs (the size-matched rows, at most
    /// `settings.fidelitySample` a side, scaled to unit length again, keeping 90% of the variance), so
    /// it is not this artifact.
    ///
    /// - Complexity: O(N·d² + d³) the first time, O(1) after.
    public func pooledPCA(componentCount: Int) -> PCA? {
        let sides = sides.filter { embeddings[$0] != nil }
        let pooled = sides.compactMap { embeddings[$0] }
        guard let first = pooled.first else { return nil }
        let key = ArtifactKey<PCA?>(
            "pooled-pca",
            [
                "sides": .text(sides.map(\.rawValue).joined(separator: "+")), "rows": "all",
                "components": .integer(componentCount),
            ])
        return artifacts.value(key) {
            let values = pooled.flatMap(\.values)
            let all = Matrix(rows: values.count / max(1, first.columns), columns: first.columns, values: values)
            guard all.rows > 2 else { return nil }
            return PCA(all, componentCount: componentCount)
        }
    }

    /// The texts duplicates and leakage look at on `side` (`settings.duplicatesField`, or the whole text)
    /// with their exact keys and normalised forms; nil when the side is absent or lacks the field.
    ///
    /// - Complexity: O(text length) the first time, O(1) after.
    func duplicateTexts(_ side: Side) -> TextView? {
        let field = settings.duplicatesField
        var parameters: [String: ArtifactParameter] = ["side": .side(side)]
        if let field { parameters["field"] = .text(field) }
        return artifacts.value(ArtifactKey<TextView?>("duplicate-texts", parameters)) {
            guard let corpus = corpus(side), let texts = corpus.texts(field: field) else { return nil }
            return TextView(corpus: corpus, texts: texts, wholeText: corpus.texts(field: nil) == texts)
        }
    }

    /// The MinHash signatures of `side`'s normalised duplicate texts (`duplicateTexts`), which the search
    /// within the side and the search for synthetic rows in the original both read; nil when the side
    /// has no such texts.
    ///
    /// - Complexity: O(L · (k + b · r)) the first time for texts of total length L, O(1) after.
    func minHashSignatures(_ side: Side, options: MinHashOptions) -> MinHashSignatures? {
        guard let view = duplicateTexts(side) else { return nil }
        var parameters: [String: ArtifactParameter] = [
            "side": .side(side), "shingle": .integer(options.shingleSize), "bands": .integer(options.bands),
            "rows-per-band": .integer(options.rowsPerBand), "seed": .text(String(options.seed)),
        ]
        if let field = settings.duplicatesField { parameters["field"] = .text(field) }
        return artifacts.value(ArtifactKey<MinHashSignatures>("minhash-signatures", parameters)) {
            MinHashSignatures(view.normalized, options: options)
        }
    }

    /// The exact and near-duplicate groups within `side` under the run's settings (`Duplicates` states the
    /// tests), which the duplicates family and the bias audit's metrics by value both read; nil when the side
    /// has no duplicate texts.
    ///
    /// - Complexity: the MinHash search and the neighbour lists' cost the first time, O(1) after.
    func duplicateGroups(_ side: Side) -> WithinSet? {
        guard let view = duplicateTexts(side) else { return nil }
        var parameters: [String: ArtifactParameter] = [
            "side": .side(side), "near-jaccard": .number(settings.nearJaccard),
            "near-cosine": .number(settings.nearCosine),
        ]
        if let field = settings.duplicatesField { parameters["field"] = .text(field) }
        return artifacts.value(ArtifactKey<WithinSet>("duplicate-groups", parameters)) {
            WithinSet(view, context: self, side: side)
        }
    }

    /// Confident learning on `side`'s labels under `classProbabilities(side)`, the rows of classes too small to
    /// judge left out (their label is −1): the label issues the label-noise family reports and the bias audit's
    /// metrics by value count. Nil when the side is unlabelled, has one class, or has no class probabilities.
    ///
    /// - Complexity: O(N·K + N log N) the first time once the probabilities are known, O(1) after.
    public func labelIssues(_ side: Side) -> ConfidentLearning? {
        let source = suppliedProbabilities[side] != nil ? "supplied" : settings.classifier.rawValue
        let key = ArtifactKey<ConfidentLearning?>(
            "confident-learning", ["side": .side(side), "probabilities": .text(source)])
        return artifacts.value(key) {
            guard let corpus = corpus(side), let labels = corpus.labels, corpus.labelNames.count > 1,
                let probabilities = classProbabilities(side)
            else { return nil }
            var judged = labels
            if !probabilities.tooSmallClasses.isEmpty {
                var tooSmall = [Bool](repeating: false, count: corpus.labelNames.count)
                for k in probabilities.tooSmallClasses { tooSmall[k] = true }
                judged = labels.map { $0 >= 0 && tooSmall[Int($0)] ? -1 : $0 }
            }
            return ConfidentLearning(probabilities: probabilities.values, labels: judged)
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
        artifacts.value(ArtifactKey("too-small-classes", ["side": .side(side), "folds": .integer(settings.folds)])) {
            () -> [Int] in
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
        let key = ArtifactKey<ClassProbabilities?>(
            "probabilities", ["side": .side(side), "classifier": .text(classifier.rawValue)])
        return artifacts.value(key) {
            guard let corpus = corpus(side), let labels = corpus.labels, corpus.labelNames.count > 1,
                let features = embeddings[side]
            else { return nil }
            let classCount = corpus.labelNames.count
            let tooSmall = tooSmallClasses(side)
            guard classCount - tooSmall.count > 1 else { return nil }
            switch classifier {
            case .logistic:
                let step = progress.step(
                    "cross-validation \(side.rawValue)", total: settings.folds, rows: features.rows)
                defer { step.finish() }
                let values = OutOfSample.crossValidatedLogistic(
                    features: features, labels: labels, classCount: classCount, excluding: tooSmall,
                    folds: settings.folds, seed: settings.seed, stream: side.rawValue, options: settings.logistic,
                    startingFrom: trainedModel(side), progress: step)
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
        artifacts.value(AnalysisContext.modelKey(side)) {
            guard let corpus = corpus(side), let labels = corpus.labels, corpus.labelNames.count > 1,
                let features = embeddings[side]
            else { return nil }
            let rows = labels.indices.filter { labels[$0] >= 0 }
            return LogisticRegression(
                features: features.selecting(rows: rows), labels: rows.map { labels[$0] },
                classCount: corpus.labelNames.count, options: settings.logistic)
        }
    }

    /// `trainedModel(side)` when the run has trained it already (label faithfulness does), without training one.
    public func modelIfTrained(_ side: Side) -> LogisticRegression? {
        artifacts.computations(of: AnalysisContext.modelKey(side)) > 0 ? trainedModel(side) : nil
    }

    private static func modelKey(_ side: Side) -> ArtifactKey<LogisticRegression?> {
        ArtifactKey("model", ["side": .side(side)])
    }
}

extension AnalysisContext {
    /// Each row's language and script (`LanguageIdentifier`) of `side`'s texts; nil when the side is absent.
    ///
    /// - Complexity: O(text length) the first time, over every core; O(1) after.
    public func languages(_ side: Side) -> [LanguageGuess]? {
        guard let corpus = corpus(side) else { return nil }
        return artifacts.value(ArtifactKey<[LanguageGuess]>("languages", ["side": .side(side)])) {
            LanguageIdentifier().identify(corpus.texts)
        }
    }
}
