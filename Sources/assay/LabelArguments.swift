import ArgumentParser
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
}
