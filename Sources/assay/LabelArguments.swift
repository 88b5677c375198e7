import ArgumentParser
import AssayCore
import AssayLinalg
import AssayMetrics

/// Where label noise gets its class probabilities: the built-in classifier, or the user's own.
struct LabelArguments: ParsableArguments {
    @Option(
        help:
            "Built-in classifier for label noise: ensemble (the mean of the other two), logistic (cross-validated) or knn (neighbour vote)."
    )
    var classifier: String = ClassifierKind.ensemble.rawValue

    @Option(help: "Folds of the stratified cross-validation behind label noise and TRTR.")
    var folds: Int = 5

    @Option(
        name: .customLong("regularization"),
        help: "Inverse L2 regularisation C of the built-in logistic regression (smaller is stronger).")
    var inverseRegularization: Double = AnalysisSettings.defaultLogistic.inverseRegularization

    @Option(
        name: .customLong("pred-probs"),
        help: ArgumentHelp(
            "Your own out-of-sample class probabilities ([original=|synthetic=]FILE, .npy or .jsonl with a pred_probs array per line; repeatable).",
            discussion:
                "One row per dataset row in file order, one column per label in sorted order (as the report lists the labels); each row sums to 1."
        ))
    var predictedProbabilities: [String] = []

    func validate() throws {
        guard ClassifierKind(rawValue: classifier) != nil else {
            throw ValidationError("--classifier takes ensemble, logistic or knn; got '\(classifier)'")
        }
        guard folds >= 2 else { throw ValidationError("--folds must be at least 2; got \(folds)") }
        guard inverseRegularization > 0, inverseRegularization.isFinite else {
            throw ValidationError("--regularization must be a positive number; got \(inverseRegularization)")
        }
    }

    /// `settings` with the classifier and folds chosen here.
    func apply(to settings: AnalysisSettings) -> AnalysisSettings {
        var settings = settings
        settings.classifier = ClassifierKind(rawValue: classifier) ?? .ensemble
        settings.folds = folds
        settings.logistic.inverseRegularization = inverseRegularization
        return settings
    }

    /// The probabilities each `--pred-probs` names, checked against its side's rows and labels.
    ///
    /// - Throws: `AssayError` (`.usage`) when a file names no side in a comparison, names a side twice or
    ///   a side that is absent; (`.input`) when the file is malformed, has the wrong shape, or a row is
    ///   not a probability distribution.
    func supplied(_ corpora: [(side: Side, corpus: Corpus)]) throws -> [Side: ClassProbabilities] {
        var result: [Side: ClassProbabilities] = [:]
        for argument in predictedProbabilities {
            let (side, path) = try parse(argument, sides: corpora.map(\.side))
            guard let corpus = corpora.first(where: { $0.side == side })?.corpus else {
                throw AssayError(.usage, field: "--pred-probs", "there is no \(side.rawValue) dataset in this run")
            }
            guard result[side] == nil else {
                throw AssayError(.usage, field: "--pred-probs", "the \(side.rawValue) set is given twice")
            }
            result[side] = ClassProbabilities(
                values: try Self.read(path, for: corpus), method: "class probabilities from \(path)")
        }
        return result
    }

    private func parse(_ argument: String, sides: [Side]) throws -> (Side, String) {
        for side in Side.allCases where argument.hasPrefix(side.rawValue + "=") {
            return (side, String(argument.dropFirst(side.rawValue.count + 1)))
        }
        guard sides.count == 1, let only = sides.first else {
            throw AssayError(
                .usage, field: "--pred-probs",
                "say which set '\(argument)' belongs to: original=\(argument) or synthetic=\(argument)")
        }
        return (only, argument)
    }

    /// Reads `path` and checks it is an N×K matrix of probability rows for `corpus`.
    static func read(_ path: String, for corpus: Corpus) throws -> Matrix {
        guard corpus.isLabelled else {
            throw AssayError(
                .usage, file: path, field: "--pred-probs",
                "\(corpus.source.path) has no labels, so there is nothing to check the probabilities against")
        }
        let matrix = try MatrixFile.read(path: path, field: "pred_probs", what: "class probability")
        let classes = corpus.labelNames
        guard matrix.rows == corpus.count else {
            throw AssayError(
                .input, file: path,
                "has \(matrix.rows) rows but \(corpus.source.path) has \(corpus.count); give one row per dataset row, in file order"
            )
        }
        guard matrix.columns == classes.count else {
            throw AssayError(
                .input, file: path,
                "has \(matrix.columns) columns but \(corpus.source.path) has \(classes.count) labels (\(classes.joined(separator: ", "))); give one column per label, in that order"
            )
        }
        for row in 0..<matrix.rows {
            let values = (0..<matrix.columns).map { Double(matrix[row, $0]) }
            let sum = values.reduce(0, +)
            guard values.allSatisfy({ $0 >= 0 && $0 <= 1 }), abs(sum - 1) <= 1e-3 else {
                throw AssayError(
                    .input, file: path, line: row + 1, field: "pred_probs",
                    "row \(row + 1) is not a probability distribution (values in [0, 1] summing to 1; the sum is \(sum))"
                )
            }
        }
        return matrix
    }
}
