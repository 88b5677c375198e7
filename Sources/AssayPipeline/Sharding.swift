import AssayCore
import AssayEmbed
import AssayLinalg
import AssayMetrics

/// `assay shard` as a library call: a file's state with what the analyses measure of each of its rows.
public enum Sharding {
    /// The state of the file at `path` (`ShardState.build`) with every row's `rowMeasures`: what `assay shard`
    /// writes; with `scoring`, also every row's class probabilities under its scorer (`assay shard --score`).
    ///
    /// - Parameter groups: the lexicon of the groups the bias audit looks for (`assay shard --groups`); the report
    ///   counts every row's group mentions only when its own lexicon is this one.
    /// - Throws: `AssayError(.input)` for a bad file or field, as `assay compare` would, or a model that does not
    ///   give the scorer's embedder.
    /// - Complexity: O(bytes + tokens · `Complexity.repetitionOrder`), spread over the cores; with `scoring`, plus
    ///   the embedding of every row.
    public static func state(
        path: String, fields: FieldOptions, seed: UInt64, sampleLimit: Int, groups: GroupLexicon = .gendered,
        scoring: Scoring? = nil
    ) throws -> ShardState {
        try ShardState.build(path: path, fields: fields, seed: seed, sampleLimit: sampleLimit) { corpus in
            var measures = rowMeasures(corpus, groups: groups)
            measures.scores = try scoring?.scores(of: corpus)
            return measures
        }
    }

    /// What the analyses measure of each row alone, for the report to count every row: its complexity counts
    /// (`Complexity.packedCounts`), the places it names (`Bias.rowPlaces`), the groups of `groups` it mentions
    /// (`Bias.rowGroups`, for labelled rows, which the group audit reads) and its language (`Bias.rowLanguages`,
    /// kept as the derived attribute `language`).
    public static func rowMeasures(_ corpus: Corpus, groups: GroupLexicon = .gendered) -> RowMeasures {
        let languages = Bias.rowLanguages(of: corpus)
        return RowMeasures(
            complexity: Complexity.packedCounts(of: corpus, languages: languages), places: Bias.rowPlaces(of: corpus),
            groups: corpus.isLabelled ? Bias.rowGroups(of: corpus, lexicon: groups) : nil,
            derivedAttributes: [Bias.languageField: languages])
    }

    /// A scorer (`assay report --scorer-out`) to apply to every row of a file, and where its embedder's model is.
    public struct Scoring: Sendable {
        public var scorer: ShardScorer
        /// The scorer's file and the SHA-256 of its bytes.
        public var path: String
        public var sha256: String
        /// The embedder the scorer names, in the model folder given, with MiniLM's cache in the store given.
        public var embedding: EmbeddingProvider
        public var progress: any ProgressReporter

        /// The scorer at `path`, its embedder's model in `modelDirectory` (nil for the default folder).
        ///
        /// - Throws: `AssayError(.input)` for a bad scorer, or one whose embedder cannot score every row alone.
        public init(
            path: String, modelDirectory: String?, storePath: String,
            progress: any ProgressReporter = SilentProgress()
        ) throws {
            (scorer, sha256) = try ShardScorer.read(path: path)
            self.path = path
            self.progress = progress
            let choice: EmbedderChoice
            if scorer.embedder == MiniLMEmbedder.name {
                choice = .minilm
            } else if scorer.embedder.hasPrefix("static-") {
                choice = .static
            } else {
                throw AssayError(
                    .input, file: path,
                    "names the embedder '\(scorer.embedder)'; a scorer reads MiniLM's or the static embedder's vectors")
            }
            embedding = EmbeddingProvider(
                choice: choice, modelDirectory: modelDirectory, storePath: storePath,
                longText: scorer.longText.flatMap(LongTextPolicy.init(rawValue:)) ?? .chunk)
            try embedding.checkModel()
        }

        /// Each row's probabilities under the scorer's model, from the row's embedding, and the rows whose label
        /// is one of the scorer's classes but not the most probable.
        ///
        /// - Throws: `AssayError(.input)` naming the scorer when the model folder gives another embedder.
        /// - Complexity: the embedding of every row, then O(rows · d · K).
        func scores(of corpus: Corpus) throws -> RowScores {
            let embedded = try embedding.embed([(side: .synthetic, corpus: corpus)], progress: progress)
            guard let features = embedded.bySide[.synthetic], embedded.name == scorer.embedder,
                let numbers = scorer.model.unpacked(classes: scorer.classes.count),
                features.columns == numbers.mean.count
            else {
                throw AssayError(
                    .input, file: path,
                    "was made with \(scorer.embedder) vectors; the model folder gives \(embedded.name ?? "none")'s: give assay shard the --model-dir assay report used"
                )
            }
            let model = LogisticRegression(
                snapshot: LogisticRegression.Snapshot(
                    classCount: scorer.classes.count, mean: numbers.mean, scale: numbers.scale,
                    coefficients: numbers.coefficients, intercepts: numbers.intercepts,
                    iterations: scorer.model.iterations, converged: scorer.model.converged))
            let probabilities = model.probabilities(features)
            let predicted = ClassProbabilities(values: probabilities, method: "").predicted
            let classes = LabelNoise.classes(
                of: corpus.labels ?? [], labelNames: corpus.labelNames, among: scorer.classes)
            let disagreeing = classes.indices.compactMap { row -> ScoredRow? in
                guard classes[row] >= 0, classes[row] != predicted[row] else { return nil }
                return ScoredRow(index: row, row: corpus.rowNumbers[row], text: corpus.texts[row])
            }
            return RowScores(
                stamp: ScorerStamp(scorer, sha256: sha256), probabilities: probabilities.values,
                disagreeing: disagreeing)
        }
    }
}
