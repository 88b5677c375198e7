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

/// One attribute's values on both sides and how far apart the two distributions are.
public struct AttributeTable: Codable, Sendable, Equatable {
    /// The field, or a derived attribute such as `length_bucket`.
    public var field: String
    public var derived: Bool
    public var values: [CategoryCounts]
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
        case field, derived, values, coverage
        case normalizedEntropy = "normalized_entropy"
        case jsd, tvd
        case chiSquarePValue = "chi_square_p_value"
        case jsdByClass = "jsd_by_class"
    }
}

/// The association of a group's mentions with a label on each side, and its amplification.
public struct GroupAssociation: Codable, Sendable, Equatable {
    public var group: String
    public var label: String
    /// Share of rows mentioning the group, per side.
    public var mentionRate: [String: Double]
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
        case labelShare = "label_share"
        case logOddsRatio = "log_odds_ratio"
        case logOddsRatioCI = "log_odds_ratio_ci"
        case amplification
        case amplificationCI = "amplification_ci"
    }
}
