/// The words every module shares: the sides of a comparison, the statuses of runs and gate results,
/// severities, finding kinds and metric ids. Each encodes, and prints in string interpolation, as the
/// string `report.json` and the store have always used, so typing them changed no byte of either.

/// The two datasets of a comparison.
public enum Side: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    case original
    case synthetic
}

/// Where a metric value is read: on one side, or on the pair (a metric about both sets, such as MAUVE).
public enum MetricSide: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    case original
    case synthetic
    case pair

    /// The side of a per-side value.
    public init(_ side: Side) {
        switch side {
        case .original: self = .original
        case .synthetic: self = .synthetic
        }
    }
}

/// The outcome of a whole run, as the report's `status` and the store's `runs.status` hold it.
public enum RunStatus: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// Every error rule of the gate held.
    case pass
    /// Every error rule held and a warn rule broke.
    case warn
    /// An error rule broke or could not be measured.
    case fail
    /// The run stopped on an error before it could be judged.
    case error
    /// No gate ran.
    case notGated = "not_gated"

    /// May serve as the baseline of a later run (`--baseline last`).
    public var isAccepted: Bool { self == .pass || self == .warn }
}

/// The outcome of one gate rule on one scope.
public enum GateStatus: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    case pass
    /// A warn rule broke.
    case warn
    /// An error rule broke.
    case fail
    /// The metric could not be measured.
    case error
    /// Nothing to compare with, such as no baseline run yet.
    case skipped

    /// The rule broke or could not be checked.
    public var isBroken: Bool { self == .fail || self == .warn || self == .error }
}

/// How much a broken gate rule matters.
public enum Severity: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// A broken rule fails the gate (exit 1).
    case error
    /// A broken rule is reported and does not fail the gate.
    case warn
}

/// What a finding is evidence of; each analyzer writes its own kinds.
public enum FindingKind: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// A word n-gram many rows of one side share (lexical diversity).
    case repeatedPhrase = "repeated_phrase"
    /// A group of rows with one normalised text (duplicates).
    case exactDuplicates = "exact_duplicates"
    /// A group of rows whose texts nearly match (duplicates).
    case nearDuplicates = "near_duplicates"
    /// A synthetic row that copies an original row (leakage).
    case leakedPair = "leaked_pair"
    /// A long word span a synthetic row shares with the original (leakage).
    case sharedNgram = "shared_ngram"
    /// A row whose given label is unlikely under out-of-fold probabilities (label noise).
    case labelIssue = "label_issue"
    /// A synthetic row that a model of the original labels differently (label faithfulness).
    case labelDisagreement = "label_disagreement"
    /// A problem with the set of labels itself: a class missing, one class only, unknown labels.
    case labelSet = "label_set"
    /// An n-gram that tells synthetic rows from original ones (fidelity).
    case discriminativeNgram = "discriminative_ngram"
    /// A row the two-sample classifier finds easiest to tell apart (fidelity).
    case distinguishableExample = "distinguishable_example"
    /// The places the synthetic set mentions lean to other regions (bias).
    case regionSkew = "region_skew"
    /// A row behind a group–label association (bias).
    case groupAssociationExample = "group_association_example"
    /// A synthetic row behind a language rate that exceeds the original's: in a language the original does not
    /// mainly use, a response not in its prompt's language, or a row mixing languages (bias).
    case languageDrift = "language_drift"

    /// The kinds that list rows deduplication would drop.
    public static let duplicateGroups: Set<FindingKind> = [.exactDuplicates, .nearDuplicates]
}

/// A metric's id: its family, a dot, and its name (`diversity.distinct_2`).
///
/// The analyzers' catalogs define the ids; a string literal makes one, so policies, tests and code
/// name metrics as they are written in `report.json`.
public struct MetricID: RawRepresentable, Hashable, Comparable, Codable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The id of a metric derived from this one by a suffix (`complexity.words_ks`).
    public func suffixed(_ suffix: String) -> MetricID { MetricID(rawValue + suffix) }

    /// The id under which a value of the metric measured on `part` is stored and gated when `part`
    /// is not the judged part of chat or instruction examples (`diversity.distinct_2@prompt`); the id
    /// itself for nil.
    public func qualified(by part: TextPart?) -> MetricID {
        part.map { MetricID("\(rawValue)@\($0.rawValue)") } ?? self
    }

    /// The id without a part qualifier, and the part it names (nil when it names none); nil when the
    /// qualifier is not a part.
    public var unqualified: (id: MetricID, part: TextPart?)? {
        guard let at = rawValue.lastIndex(of: "@") else { return (self, nil) }
        guard let part = TextPart(rawValue: String(rawValue[rawValue.index(after: at)...])) else { return nil }
        return (MetricID(String(rawValue[..<at])), part)
    }

    /// The part before the dot: the family the metric belongs to.
    public var family: String { String(rawValue.prefix { $0 != "." }) }

    public var description: String { rawValue }

    public static func < (lhs: MetricID, rhs: MetricID) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Side { public var description: String { rawValue } }
extension MetricSide { public var description: String { rawValue } }
extension RunStatus { public var description: String { rawValue } }
extension GateStatus { public var description: String { rawValue } }
extension Severity { public var description: String { rawValue } }
extension FindingKind { public var description: String { rawValue } }
