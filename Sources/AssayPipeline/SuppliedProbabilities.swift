import AssayCore
import AssayLinalg
import AssayMetrics

/// The user's own out-of-sample class probabilities (`--pred-probs`), read and checked against the
/// rows and labels of the side each belongs to.
public enum SuppliedProbabilities {
    /// The probabilities each argument (`[original=|synthetic=]FILE`) names, by side.
    ///
    /// - Throws: `AssayError` (`.usage`) when a file names no side in a comparison, names a side twice or
    ///   a side that is absent; (`.input`) when the file is malformed, has the wrong shape, or a row is
    ///   not a probability distribution.
    /// - Complexity: O(N·K) per file.
    public static func load(_ arguments: [String], for corpora: [(side: Side, corpus: Corpus)]) throws
        -> [Side: ClassProbabilities]
    {
        var result: [Side: ClassProbabilities] = [:]
        for argument in arguments {
            let (side, path) = try parse(argument, sides: corpora.map(\.side))
            guard let corpus = corpora.first(where: { $0.side == side })?.corpus else {
                throw AssayError(.usage, field: "--pred-probs", "there is no \(side.rawValue) dataset in this run")
            }
            guard result[side] == nil else {
                throw AssayError(.usage, field: "--pred-probs", "the \(side.rawValue) set is given twice")
            }
            result[side] = ClassProbabilities(
                values: try read(path, for: corpus), method: "class probabilities from \(path)")
        }
        return result
    }

    private static func parse(_ argument: String, sides: [Side]) throws -> (Side, String) {
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
