import Crypto
import Foundation

/// What `assay report --scorer-out` writes and `assay shard --score` applies to every row of a file: the
/// logistic regression the report trained on the original's sampled rows (the model of label faithfulness), and
/// the embedder whose vectors it reads.
///
/// Canonical JSON like a state (keys sorted, the model's numbers packed as the bits of 64-bit floats), so a scorer
/// is the same bytes whenever the same states and options make it. Format `assay-shard-scorer`, version 1.
public struct ShardScorer: Codable, Sendable, Equatable {
    /// `assay-shard-scorer`.
    public static let formatName = "assay-shard-scorer"
    /// The version `assay` writes and reads.
    public static let formatVersion = 1

    public var format: String
    public var version: Int
    /// The embedder's model id (`all-MiniLM-L6-v2`, `static-all-MiniLM-L6-v2-256`): each row's vector must not
    /// depend on the other rows, so the hashing embedder cannot score.
    public var embedder: String
    /// How MiniLM reads a text over its input (`chunk` or `truncate`); nil for the static embedder.
    public var longText: String?
    /// The state the model was trained on.
    public var origin: ScorerOrigin
    /// The original's labels: column k of the probabilities is `classes[k]`.
    public var classes: [String]
    /// The fitted model (AssayLinalg's `LogisticRegression.Snapshot`).
    public var model: PackedModel

    public init(embedder: String, longText: String?, origin: ScorerOrigin, classes: [String], model: PackedModel) {
        format = ShardScorer.formatName
        version = ShardScorer.formatVersion
        self.embedder = embedder
        self.longText = longText
        self.origin = origin
        self.classes = classes
        self.model = model
    }

    enum CodingKeys: String, CodingKey {
        case format, version, embedder
        case longText = "long_text"
        case origin, classes, model
    }

    /// The canonical bytes: JSON with sorted keys and a final newline.
    public func encoded() throws -> Data { try VersionedJSON.canonical(self) }

    /// Reads the scorer at `path`, with the SHA-256 of its bytes (what the states it scores record).
    ///
    /// - Throws: `AssayError(.input)` naming the file when it is missing, not a scorer, of another version, or
    ///   holds a model of the wrong shape.
    public static func read(path: String) throws -> (scorer: ShardScorer, sha256: String) {
        let (scorer, data) = try VersionedJSON.read(
            ShardScorer.self, path: path, format: formatName, version: formatVersion, noun: "scorer",
            expecting: "a scorer written by assay report --scorer-out", write: "assay report --scorer-out",
            remedy: "write it again with assay report --scorer-out")
        guard scorer.model.unpacked(classes: scorer.classes.count) != nil else {
            throw AssayError(
                .input, file: path,
                "is a damaged scorer: its model does not hold a weight for each of \(scorer.classes.count) classes and each feature; write it again with assay report"
            )
        }
        return (scorer, SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined())
    }
}

/// The original's state a scorer's model was trained on: how it was sampled and which files it read.
public struct ScorerOrigin: Codable, Sendable, Equatable {
    /// The states' seed and sample size (`ShardSettings`).
    public var seed: UInt64
    public var sampleLimit: Int
    /// The SHA-256 of each file the original's state read, in its order.
    public var files: [String]
    /// The labelled sampled rows the model was trained on, and every row of the original.
    public var trainedOn: Int
    public var rows: Int

    public init(seed: UInt64, sampleLimit: Int, files: [String], trainedOn: Int, rows: Int) {
        self.seed = seed
        self.sampleLimit = sampleLimit
        self.files = files
        self.trainedOn = trainedOn
        self.rows = rows
    }

    /// Where `state`'s sample comes from, for a model trained on `trainedOn` of its rows.
    public init(_ state: ShardState, trainedOn: Int) {
        self.init(
            seed: state.settings.seed, sampleLimit: state.settings.sampleLimit, files: state.files.map(\.sha256),
            trainedOn: trainedOn, rows: state.rows)
    }

    /// Whether `state` is the state these numbers describe (its sample, its files).
    public func describes(_ state: ShardState) -> Bool {
        seed == state.settings.seed && sampleLimit == state.settings.sampleLimit
            && files == state.files.map(\.sha256) && rows == state.rows
    }

    enum CodingKeys: String, CodingKey {
        case seed
        case sampleLimit = "sample_limit"
        case files
        case trainedOn = "trained_on"
        case rows
    }
}

/// A logistic regression's numbers as the bits of 64-bit floats, little-endian, in base64, so that a scorer holds
/// no floating-point text and reads back bit for bit.
public struct PackedModel: Codable, Sendable, Equatable {
    /// The training columns' means and scales, d each.
    public var mean: String
    public var scale: String
    /// The weights, d×K row-major, and the intercepts, K.
    public var coefficients: String
    public var intercepts: String
    public var iterations: Int
    public var converged: Bool

    public init(
        mean: [Double], scale: [Double], coefficients: [Double], intercepts: [Double], iterations: Int,
        converged: Bool
    ) {
        func pack(_ values: [Double]) -> String { ShardRows.pack(values.map(\.bitPattern)) }
        self.mean = pack(mean)
        self.scale = pack(scale)
        self.coefficients = pack(coefficients)
        self.intercepts = pack(intercepts)
        self.iterations = iterations
        self.converged = converged
    }

    /// The numbers of a model of `classes` classes; nil when the fields are not base64 of a model of that shape.
    public func unpacked(classes: Int) -> (
        mean: [Double], scale: [Double], coefficients: [Double], intercepts: [Double]
    )? {
        func unpack(_ packed: String) -> [Double]? {
            ShardRows.unpack(packed, as: UInt64.self).map { $0.map(Double.init(bitPattern:)) }
        }
        guard classes > 0, let mean = unpack(mean), let scale = unpack(scale),
            let coefficients = unpack(coefficients), let intercepts = unpack(intercepts),
            scale.count == mean.count, coefficients.count == mean.count * classes, intercepts.count == classes
        else { return nil }
        return (mean, scale, coefficients, intercepts)
    }

    enum CodingKeys: String, CodingKey {
        case mean, scale, coefficients, intercepts, iterations, converged
    }
}

/// What a state scored with a scorer records of it, in its settings: states merge only when they were scored by
/// the same scorer, and the report uses the scores only with the original's state the scorer was trained on.
public struct ScorerStamp: Codable, Sendable, Equatable {
    /// SHA-256 of the scorer file.
    public var sha256: String
    /// Its embedder, origin and classes (`ShardScorer`).
    public var embedder: String
    public var origin: ScorerOrigin
    public var classes: [String]

    public init(_ scorer: ShardScorer, sha256: String) {
        self.sha256 = sha256
        embedder = scorer.embedder
        origin = scorer.origin
        classes = scorer.classes
    }
}

/// A row whose label is one of the scorer's classes but not the one its model finds most probable: the rows label
/// faithfulness may flag, kept with their texts for its findings.
public struct ScoredRow: Codable, Sendable, Equatable {
    /// The row's position among the file's rows (among every row, in `EveryRow`).
    public var index: Int
    /// The row's number in its file (its line for JSON Lines; across the files, in `EveryRow`).
    public var row: Int
    public var text: String

    public init(index: Int, row: Int, text: String) {
        self.index = index
        self.row = row
        self.text = text
    }
}

/// What a scored file keeps of each row (`RowMeasures.scores`).
public struct RowScores: Sendable, Equatable {
    /// The scorer, as the state's settings record it.
    public var stamp: ScorerStamp
    /// Each row's probability of each of the scorer's classes, row after row.
    public var probabilities: [Float]
    /// The rows whose label the model does not find most probable, ascending.
    public var disagreeing: [ScoredRow]

    public init(stamp: ScorerStamp, probabilities: [Float], disagreeing: [ScoredRow]) {
        self.stamp = stamp
        self.probabilities = probabilities
        self.disagreeing = disagreeing
    }
}
