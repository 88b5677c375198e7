import AssayCore

/// What label-noise analysis found beyond its metrics: each side's confident-learning estimate, the
/// synthetic labels judged by a model of the original, and label-set problems.
public struct LabelQuality: Codable, Sendable, Equatable {
    /// Confident learning on each labelled side, by side name.
    public var sides: [String: SideLabelQuality]
    /// The synthetic labels against a classifier trained on the original, when both are labelled.
    public var faithfulness: LabelFaithfulness?
    /// Labels of one side the other does not have, case or spacing variants, rows without a label.
    public var labelSet: [LabelSetProblem]

    public init(
        sides: [String: SideLabelQuality] = [:], faithfulness: LabelFaithfulness? = nil,
        labelSet: [LabelSetProblem] = []
    ) {
        self.sides = sides
        self.faithfulness = faithfulness
        self.labelSet = labelSet
    }

    enum CodingKeys: String, CodingKey {
        case sides, faithfulness
        case labelSet = "label_set"
    }
}

/// Confident learning on one side.
public struct SideLabelQuality: Codable, Sendable, Equatable {
    /// Where the class probabilities came from.
    public var method: String
    /// The classes, in the order of every matrix below.
    public var classes: [String]
    /// The labelled rows considered.
    public var rows: Int
    /// Rows flagged as label issues.
    public var issues: Int
    /// Share of labelled rows whose most probable class is their given label: how well the probabilities
    /// fit the labels (below about 0.8 many flags are hard but correct rows).
    public var classifierAccuracy: Double
    /// Per-class confidence thresholds t_j.
    public var thresholds: [Double?]
    /// The calibrated confident joint: the cell (given, true) holds the rows estimated to carry label `given`
    /// whose true class is `true`; each row sums to the rows given that label.
    public var confidentJoint: SparseMatrix<Int>
    /// P(given = i | true = j) at the cell (i, j); each column sums to 1.
    public var noiseMatrix: SparseMatrix<Double>
    public var perClass: [ClassLabelQuality]

    public init(
        method: String, classes: [String], rows: Int, issues: Int, classifierAccuracy: Double, thresholds: [Double?],
        confidentJoint: SparseMatrix<Int>, noiseMatrix: SparseMatrix<Double>, perClass: [ClassLabelQuality]
    ) {
        self.method = method
        self.classes = classes
        self.rows = rows
        self.issues = issues
        self.classifierAccuracy = classifierAccuracy
        self.thresholds = thresholds
        self.confidentJoint = confidentJoint
        self.noiseMatrix = noiseMatrix
        self.perClass = perClass
    }

    enum CodingKeys: String, CodingKey {
        case method, classes, rows, issues
        case classifierAccuracy = "classifier_accuracy"
        case thresholds
        case confidentJoint = "confident_joint"
        case noiseMatrix = "noise_matrix"
        case perClass = "per_class"
    }
}

/// One class's label quality (cleanlab's health summary).
public struct ClassLabelQuality: Codable, Sendable, Equatable {
    public var label: String
    /// Rows given this label.
    public var rows: Int
    /// Of those, rows flagged as label issues.
    public var issues: Int
    /// Flagged rows (of any given label) whose suggested label is this one.
    public var suggestedInto: Int
    /// issues / rows.
    public var noiseRate: Double
    /// 1 − noise rate.
    public var quality: Double
    /// Mean probability of the given label over the class's rows (its threshold t_j).
    public var meanSelfConfidence: Double?
    /// True when the class has fewer rows than the cross-validation folds: the built-in classifiers do
    /// not learn it and its rows are not judged (no issues, no noise rate of its own); nil otherwise.
    public var tooSmall: Bool?

    public init(
        label: String, rows: Int, issues: Int, suggestedInto: Int, noiseRate: Double, quality: Double,
        meanSelfConfidence: Double?
    ) {
        self.label = label
        self.rows = rows
        self.issues = issues
        self.suggestedInto = suggestedInto
        self.noiseRate = noiseRate
        self.quality = quality
        self.meanSelfConfidence = meanSelfConfidence
    }

    enum CodingKeys: String, CodingKey {
        case label, rows, issues
        case suggestedInto = "suggested_into"
        case noiseRate = "noise_rate"
        case quality
        case meanSelfConfidence = "mean_self_confidence"
        case tooSmall = "too_small"
    }
}

/// The synthetic labels judged by a classifier trained on the whole original set.
public struct LabelFaithfulness: Codable, Sendable, Equatable {
    public var method: String
    /// The original's classes: the columns of `confusion`.
    public var classes: [String]
    /// The synthetic rows whose label the original has, which the agreement counts.
    public var rows: Int
    /// Share of those rows whose label is the class the original's model predicts.
    public var agreement: Double
    /// Synthetic rows by given label and the original model's prediction: the cell (given, predicted), both
    /// indices into `classes`, holds the rows.
    public var confusion: SparseMatrix<Int>
    /// Synthetic rows confident learning flags under the original's model.
    public var issues: Int

    public init(
        method: String, classes: [String], rows: Int, agreement: Double, confusion: SparseMatrix<Int>, issues: Int
    ) {
        self.method = method
        self.classes = classes
        self.rows = rows
        self.agreement = agreement
        self.confusion = confusion
        self.issues = issues
    }
}

/// A label of one side the other side lacks, or rows with no usable label.
public struct LabelSetProblem: Codable, Sendable, Equatable {
    /// The label as given (null for rows without one).
    public var label: String?
    /// The side whose rows carry it.
    public var side: Side
    public var rows: Int
    /// The first such row (file line or record).
    public var firstRow: Int?
    /// What is wrong: `absent_from_original`, `case_or_spacing_variant`, `missing_from_synthetic`,
    /// `no_label`.
    public var problem: String
    /// The closest label of the other side by name, if any is close.
    public var closest: String?
    /// The original class its rows are most often predicted as, by a model of the original.
    public var predictedAs: String?
    /// Share of its rows predicted as `predictedAs`.
    public var predictedShare: Double?

    public init(
        label: String?, side: Side, rows: Int, firstRow: Int?, problem: String, closest: String? = nil,
        predictedAs: String? = nil, predictedShare: Double? = nil
    ) {
        self.label = label
        self.side = side
        self.rows = rows
        self.firstRow = firstRow
        self.problem = problem
        self.closest = closest
        self.predictedAs = predictedAs
        self.predictedShare = predictedShare
    }

    enum CodingKeys: String, CodingKey {
        case label, side, rows
        case firstRow = "first_row"
        case problem, closest
        case predictedAs = "predicted_as"
        case predictedShare = "predicted_share"
    }
}
