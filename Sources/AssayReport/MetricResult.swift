import AssayCore

/// Which way a metric is better.
public enum Direction: String, Codable, Sendable {
    case higher
    case lower
    /// Neither direction is better in itself; closeness to the original is what matters.
    case neither
}

/// How an interval was obtained (METRICS.md, "Corpus-level lexical metrics fall as N grows").
public enum IntervalMethod: String, Codable, Sendable {
    /// 2.5–97.5 percentiles of the statistic over bootstrap resamples of documents.
    case bootstrap
    /// 2.5–97.5 percentiles over seeded size-matched subsamples of the larger side.
    case subsample
    /// Estimate ± 1.96 standard errors (normal approximation), for log odds ratios and means.
    case wald
    /// Wilson's score interval of a proportion (Wilson 1927).
    case wilson
    /// The distribution-free interval of a median between two order statistics (binomial ranks
    /// n/2 ± 1.96·√n/2).
    case orderStatistic = "order_statistic"
    /// Estimate ± the 95th percentile of the statistic over seeded permutations of rows between the sides:
    /// the spread two random halves of the pooled rows show, so it excludes 0 exactly when the permutation
    /// test rejects at 5%.
    case permutation
}

/// One metric of the report, for both sides or for the pair.
public struct MetricResult: Codable, Sendable, Equatable {
    public var id: MetricID
    public var family: String
    public var title: String
    public var better: Direction
    public var original: SideValue?
    public var synthetic: SideValue?
    /// The value of a metric about the pair (leakage, fidelity …).
    public var value: Double?
    /// The 95% interval of `value`, when there is one, and how it was obtained.
    public var ci: [Double]?
    public var interval: IntervalMethod?
    /// The rows `value` was measured on.
    public var n: Int?
    /// Why `value` is null, or what to know about it.
    public var note: String?
    /// Per-class point estimates, by label; each class at equal N across the sides.
    public var byClass: [String: ClassValue]?
    /// The part of chat or instruction examples the metric measured; nil for plain texts and for
    /// metrics about the examples as a whole.
    public var part: TextPart?

    public init(
        id: MetricID, family: String, title: String, better: Direction, original: SideValue? = nil,
        synthetic: SideValue? = nil, value: Double? = nil, byClass: [String: ClassValue]? = nil
    ) {
        self.id = id
        self.family = family
        self.title = title
        self.better = better
        self.original = original
        self.synthetic = synthetic
        self.value = value
        self.byClass = byClass
    }

    /// The result of the metric `descriptor` describes.
    public init(
        _ descriptor: MetricDescriptor, original: SideValue?, synthetic: SideValue?, byClass: [String: ClassValue]?
    ) {
        self.init(
            id: descriptor.id, family: descriptor.family, title: descriptor.title, better: descriptor.better,
            original: original, synthetic: synthetic, byClass: byClass)
    }

    /// The value on `side`.
    public func side(_ side: Side) -> SideValue? {
        switch side {
        case .original: original
        case .synthetic: synthetic
        }
    }

    /// The result of a metric about the pair.
    public init(
        _ descriptor: MetricDescriptor, value: Double?, ci: [Double]? = nil, n: Int?, note: String? = nil,
        byClass: [String: ClassValue]? = nil
    ) {
        self.init(
            id: descriptor.id, family: descriptor.family, title: descriptor.title, better: descriptor.better,
            value: value, byClass: byClass)
        self.ci = ci
        self.interval = ci == nil ? nil : descriptor.interval
        self.n = n
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case id, family, title, better, original, synthetic, value, ci, interval, n, note
        case byClass = "by_class"
        case part
    }
}

/// A metric's value on one side.
public struct SideValue: Codable, Sendable, Equatable {
    /// The point estimate; null when the metric is undefined on this data (`note` says why).
    public var value: Double?
    /// The 95% interval, when there is one.
    public var ci: [Double]?
    public var interval: IntervalMethod?
    /// The rows the estimate used.
    public var n: Int
    public var note: String?

    public init(value: Double?, ci: [Double]? = nil, interval: IntervalMethod? = nil, n: Int, note: String? = nil) {
        self.value = value
        self.ci = ci
        self.interval = interval
        self.n = n
        self.note = note
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encode(ci, forKey: .ci)
        try container.encode(interval, forKey: .interval)
        try container.encode(n, forKey: .n)
        try container.encodeIfPresent(note, forKey: .note)
    }

    enum CodingKeys: String, CodingKey {
        case value, ci, interval, n, note
    }
}

/// A metric's per-class values.
public struct ClassValue: Codable, Sendable, Equatable {
    public var original: Double?
    public var synthetic: Double?
    /// The class's value of a metric about the pair (fidelity, leakage …); then `original` and
    /// `synthetic` are nil.
    public var value: Double?
    /// The rows per side the class was compared at.
    public var n: Int

    public init(original: Double?, synthetic: Double?, n: Int) {
        self.original = original
        self.synthetic = synthetic
        self.n = n
    }

    /// A class's value of a metric about the pair.
    public init(value: Double?, n: Int) {
        self.value = value
        self.n = n
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let value {
            try container.encode(value, forKey: .value)
        } else {
            try container.encode(original, forKey: .original)
            try container.encode(synthetic, forKey: .synthetic)
        }
        try container.encode(n, forKey: .n)
    }

    enum CodingKeys: String, CodingKey {
        case original, synthetic, value, n
    }
}

/// What the catalog says about a metric: its formula, source and direction.
public struct MetricDescriptor: Sendable, Equatable {
    public var id: MetricID
    public var family: String
    public var title: String
    public var better: Direction
    /// The definition, as METRICS.md states it.
    public var formula: String
    /// The publication or tool the definition comes from.
    public var source: String
    /// How its interval is obtained, if it has one.
    public var interval: IntervalMethod?
    /// What to keep in mind when reading it, if anything.
    public var caveat: String?
    /// The part of the report that shows it, and the verdict card that counts it: its family's, or
    /// `semantic` for the diversity measures computed on sentence embeddings.
    public var section: String
    /// The languages it is valid for: any (`MetricDescriptor.anyLanguage`), the embedder's for measures of
    /// sentence embeddings (`embedderLanguages`: the semantic section, fidelity, label noise and utility), or
    /// what the descriptor says.
    public var languages: String

    public init(
        id: MetricID, family: String, title: String, better: Direction, formula: String, source: String,
        interval: IntervalMethod?, caveat: String? = nil, section: String? = nil, languages: String? = nil
    ) {
        self.id = id
        self.family = family
        self.title = title
        self.better = better
        self.formula = formula
        self.source = source
        self.interval = interval
        self.caveat = caveat
        self.section = section ?? family
        self.languages =
            languages
            ?? (self.section == "semantic" || ["fidelity", "noise", "utility"].contains(family)
                ? MetricDescriptor.embedderLanguages : MetricDescriptor.anyLanguage)
    }

    /// The languages of a measure of words, characters, labels or rows.
    public static let anyLanguage =
        "any language: words are split by script (ICU's dictionary words for Chinese, Japanese, Thai, Lao, Khmer and Myanmar)"
    /// The languages of a measure of sentence embeddings.
    public static let embedderLanguages =
        "the embedder's: English for all-MiniLM-L6-v2 and the static embedder (the report warns when most rows are not English); any language with vectors of a multilingual model (--embedder file:, docs/languages.md)"
}
