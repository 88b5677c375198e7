import AssayCore

/// The bias audit's tables: place mentions by region, attribute distributions and group–label
/// associations of both sides.
public struct BiasSummary: Codable, Sendable, Equatable {
    /// Place mentions at the continent, subregion and country levels.
    public var regions: RegionTable?
    /// One table per attribute (the `--attr-field`s and the derived ones).
    public var attributes: [AttributeTable]
    /// One row per group and label.
    public var groups: [GroupAssociation]

    public init(regions: RegionTable? = nil, attributes: [AttributeTable] = [], groups: [GroupAssociation] = []) {
        self.regions = regions
        self.attributes = attributes
        self.groups = groups
    }
}

/// How often each value occurs on each side.
public struct CategoryCounts: Codable, Sendable, Equatable {
    public var value: String
    public var original: Int?
    public var synthetic: Int?

    public init(value: String, original: Int?, synthetic: Int?) {
        self.value = value
        self.original = original
        self.synthetic = synthetic
    }
}

/// Place mentions per side: a row counts once per country it names.
public struct RegionTable: Codable, Sendable, Equatable {
    /// Rows naming at least one place, per side.
    public var rowsWithPlaces: [String: Int]
    public var continents: [CategoryCounts]
    public var subregions: [CategoryCounts]
    /// Countries by name, the most mentioned first (all of them).
    public var countries: [CategoryCounts]
    /// Continent counts of each class's rows.
    public var continentsByClass: [String: [CategoryCounts]] = [:]

    public init(
        rowsWithPlaces: [String: Int], continents: [CategoryCounts], subregions: [CategoryCounts],
        countries: [CategoryCounts]
    ) {
        self.rowsWithPlaces = rowsWithPlaces
        self.continents = continents
        self.subregions = subregions
        self.countries = countries
    }

    enum CodingKeys: String, CodingKey {
        case rowsWithPlaces = "rows_with_places"
        case continents, subregions, countries
        case continentsByClass = "continents_by_class"
    }
}

/// One attribute's values on both sides and how far apart the two distributions are; an attribute one side
/// of a comparison lacks is described on the other side alone, without coverage or divergences.
public struct AttributeTable: Codable, Sendable, Equatable {
    /// The field, or a derived attribute such as `length_bucket`.
    public var field: String
    public var derived: Bool
    public var values: [CategoryCounts]
    /// The side of a comparison whose file has no such field; nil when both sides have it, or for one dataset.
    public var absentFrom: Side?
    /// What the reader should know about the table (which side lacks the attribute).
    public var note: String?
    /// The number of distinct values on each side.
    public var distinctValues: [String: Int]?
    /// Share of the original's values that the synthetic set has at all.
    public var coverage: Double?
    /// Entropy of each side's distribution over the pooled values divided by log(values): 1 = uniform.
    public var normalizedEntropy: [String: Double]
    /// Jensen–Shannon divergence in bits, total variation, and the χ² homogeneity test's p-value.
    public var jsd: Double?
    public var tvd: Double?
    public var chiSquarePValue: Double?
    /// The JSD per class present on both sides.
    public var jsdByClass: [String: Double]
    /// Each value's rows and diversity, label and duplicate measures on each side that has the attribute.
    public var byValue: [ValueMetrics]?

    public init(
        field: String, derived: Bool, values: [CategoryCounts], coverage: Double?, normalizedEntropy: [String: Double],
        jsd: Double?, tvd: Double?, chiSquarePValue: Double?, jsdByClass: [String: Double]
    ) {
        self.field = field
        self.derived = derived
        self.values = values
        self.coverage = coverage
        self.normalizedEntropy = normalizedEntropy
        self.jsd = jsd
        self.tvd = tvd
        self.chiSquarePValue = chiSquarePValue
        self.jsdByClass = jsdByClass
    }

    enum CodingKeys: String, CodingKey {
        case field, derived, values
        case absentFrom = "absent_from"
        case note
        case distinctValues = "distinct_values"
        case coverage
        case normalizedEntropy = "normalized_entropy"
        case jsd, tvd
        case chiSquarePValue = "chi_square_p_value"
        case jsdByClass = "jsd_by_class"
        case byValue = "by_value"
    }
}

/// One attribute value's measures on each side that has the attribute.
public struct ValueMetrics: Codable, Sendable, Equatable {
    public var value: String
    public var original: ValueSideMetrics?
    public var synthetic: ValueSideMetrics?

    public init(value: String, original: ValueSideMetrics?, synthetic: ValueSideMetrics?) {
        self.value = value
        self.original = original
        self.synthetic = synthetic
    }
}

/// The rows of one side with one attribute value, and their measures; a measure is nil when the value has too
/// few rows to judge (`tooFew`) or the run did not measure it on that side (APS without embeddings, the
/// label-issue rate without label-noise results, the near-duplicate rate without duplicate texts).
public struct ValueSideMetrics: Codable, Sendable, Equatable {
    /// Rows of a value on a side below which its measures are not reported: distinct-2 and APS of a handful of
    /// rows say little, and one flagged row is then 25% or more.
    public static let minimumRows = 5

    public var rows: Int
    /// True when the value has fewer than `minimumRows` rows; nil otherwise.
    public var tooFew: Bool?
    /// Distinct-2 of the value's rows, as the lexical family defines it.
    public var distinct2: Double?
    /// Average pairwise cosine similarity of the value's rows' embeddings, as the semantic family defines it.
    public var aps: Double?
    /// Share of the value's rows judged by confident learning that it flags as label issues.
    public var labelIssueRate: Double?
    /// Share of the value's rows in a near-duplicate group of their side (found over the whole side).
    public var nearDuplicateRate: Double?

    public init(
        rows: Int, tooFew: Bool? = nil, distinct2: Double? = nil, aps: Double? = nil, labelIssueRate: Double? = nil,
        nearDuplicateRate: Double? = nil
    ) {
        self.rows = rows
        self.tooFew = tooFew
        self.distinct2 = distinct2
        self.aps = aps
        self.labelIssueRate = labelIssueRate
        self.nearDuplicateRate = nearDuplicateRate
    }

    enum CodingKeys: String, CodingKey {
        case rows
        case tooFew = "too_few"
        case distinct2 = "distinct_2"
        case aps
        case labelIssueRate = "label_issue_rate"
        case nearDuplicateRate = "near_duplicate_rate"
    }
}

/// The association of a group's mentions with a label on each side, and its amplification.
public struct GroupAssociation: Codable, Sendable, Equatable {
    public var group: String
    public var label: String
    /// Share of rows mentioning the group, per side.
    public var mentionRate: [String: Double]
    /// Rows mentioning the group, per side.
    public var mentioningRows: [String: Int]?
    /// True when a side has too few rows mentioning the group to judge the association (fewer than the
    /// bias audit's minimum, stated in `bias.group_label_amplification`'s caveat); nil otherwise. Such a
    /// cell never headlines the amplification metric.
    public var tooFew: Bool?
    /// Share of the rows mentioning the group that carry the label, per side.
    public var labelShare: [String: Double]
    /// log odds ratio of the label with and without a mention, with its 95% Wald interval, per side.
    public var logOddsRatio: [String: Double]
    public var logOddsRatioCI: [String: [Double]]
    /// Synthetic minus original log odds ratio, with its 95% interval.
    public var amplification: Double?
    public var amplificationCI: [Double]?

    public init(
        group: String, label: String, mentionRate: [String: Double], labelShare: [String: Double],
        logOddsRatio: [String: Double], logOddsRatioCI: [String: [Double]], amplification: Double?,
        amplificationCI: [Double]?
    ) {
        self.group = group
        self.label = label
        self.mentionRate = mentionRate
        self.labelShare = labelShare
        self.logOddsRatio = logOddsRatio
        self.logOddsRatioCI = logOddsRatioCI
        self.amplification = amplification
        self.amplificationCI = amplificationCI
    }

    enum CodingKeys: String, CodingKey {
        case group, label
        case mentionRate = "mention_rate"
        case mentioningRows = "mentioning_rows"
        case tooFew = "too_few"
        case labelShare = "label_share"
        case logOddsRatio = "log_odds_ratio"
        case logOddsRatioCI = "log_odds_ratio_ci"
        case amplification
        case amplificationCI = "amplification_ci"
    }
}
