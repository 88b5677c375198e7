import AssayCore

/// One example to ask for: its class, the attribute values its prompt names, and how hot to sample.
public struct PlannedExample: Sendable, Equatable {
    public var label: String
    /// Dimension → value, one per dimension of the class (empty for the `simple` strategy).
    public var attributes: [String: String]
    public var temperature: Double
    public var round: Int
    /// The example's position in its round and class, part of its seed.
    public var index: Int
}

/// How the next round is steered: examples wanted per class, the weight of each attribute value, and
/// each class's temperature.
public struct Steering: Sendable, Equatable {
    public var wanted: [String: Int]
    /// Class → dimension → value → weight (relative; missing means 1).
    public var weights: [String: [String: [String: Double]]]
    public var temperature: [String: Double]

    public init(
        wanted: [String: Int], weights: [String: [String: [String: Double]]] = [:], temperature: [String: Double] = [:]
    ) {
        self.wanted = wanted
        self.weights = weights
        self.temperature = temperature
    }

    /// The first round: `count_per_class` of every class, uniform weights, the spec's temperature.
    public static func initial(_ spec: TaskSpec) -> Steering {
        Steering(wanted: Dictionary(uniqueKeysWithValues: spec.classes.map { ($0.name, spec.countPerClass) }))
    }
}

/// Seeded attribute sampling (AttrPrompt): the examples of one round.
public enum GenerationPlan {
    /// The examples of `round`: per class (in spec order) `steering.wanted` of them, each with one value
    /// of every dimension drawn by its weight, from a generator seeded by (seed, round, class, index) —
    /// so a plan is the same however often it is made.
    public static func examples(_ spec: TaskSpec, steering: Steering, round: Int) -> [PlannedExample] {
        var plan: [PlannedExample] = []
        for classSpec in spec.classes {
            let label = classSpec.name
            let dimensions = spec.strategy == .simple ? [] : spec.dimensions(of: label)
            for index in 0..<(steering.wanted[label] ?? 0) {
                var random = SeededRandom(seed: spec.seed, stream: "plan/\(round)/\(label)/\(index)")
                var attributes: [String: String] = [:]
                for dimension in dimensions {
                    let weights = dimension.values.map { steering.weights[label]?[dimension.name]?[$0] ?? 1 }
                    attributes[dimension.name] = dimension.values[draw(weights, &random)]
                }
                plan.append(
                    PlannedExample(
                        label: label, attributes: attributes,
                        temperature: steering.temperature[label] ?? spec.temperature, round: round, index: index))
            }
        }
        return plan
    }

    /// An index drawn with probability proportional to `weights` (all ≥ 0, not all 0).
    static func draw(_ weights: [Double], _ random: inout SeededRandom) -> Int {
        let total = weights.reduce(0, +)
        guard total > 0 else { return random.below(weights.count) }
        let unit = Double(random.next() >> 11) / Double(UInt64(1) << 53)
        var cumulative = 0.0
        for (index, weight) in weights.enumerated() {
            cumulative += weight / total
            if unit < cumulative { return index }
        }
        return weights.count - 1
    }
}
