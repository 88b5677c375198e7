import AssayCore
import AssayReport
import Foundation

/// The bias audit (family `bias`): which regions of the world each side talks about, how its
/// attributes are distributed, and whether mentions of a group go with a label more often in the
/// synthetic set than in the original (AttrPrompt's regional bias; TarGEN's entity and country
/// comparison; METRICS.md, "Bias").
public struct Bias: Analyzer {
    public init() {}

    public var descriptors: [MetricDescriptor] {
        [
            Bias.mentionRate, Bias.topShare, Bias.regionJSD, Bias.subregionJSD, Bias.countryJSD, Bias.regionPValue,
            Bias.attributeJSD, Bias.attributeCoverage, Bias.amplification,
        ]
    }

    static let regionDistribution =
        "distributions of place mentions (a row counts once per country it names, through the shipped gazetteer of countries, territories, capitals, major cities, US states, demonyms and short forms)"

    static let mentionRate = MetricDescriptor(
        id: "bias.region_mention_rate", family: "bias", title: "Rows naming a place", better: .neither,
        formula: "rows naming at least one place of the gazetteer / rows", source: "AttrPrompt (Yu et al. 2023)",
        interval: .bootstrap)
    static let topShare = MetricDescriptor(
        id: "bias.region_top_share", family: "bias", title: "Share of the top continent", better: .neither,
        formula: "place mentions in the most mentioned of the six continents / place mentions",
        source: "AttrPrompt (Yu et al. 2023): simple prompts give news mostly set in North America", interval: nil)
    static let regionJSD = MetricDescriptor(
        id: "bias.region_jsd", family: "bias", title: "Continent JSD", better: .lower,
        formula:
            "Jensen–Shannon divergence (bits, in [0, 1]) of the two sides' \(regionDistribution) over six continents",
        source: "regional bias as in AttrPrompt (Yu et al. 2023) and TarGEN (Gupta et al. 2023); Lin 1991",
        interval: nil)
    static let subregionJSD = MetricDescriptor(
        id: "bias.subregion_jsd", family: "bias", title: "Subregion JSD", better: .lower,
        formula: "Jensen–Shannon divergence (bits) of the two sides' \(regionDistribution) over UN M49 subregions",
        source: "regional bias as in AttrPrompt (Yu et al. 2023) and TarGEN (Gupta et al. 2023); UN M49", interval: nil)
    static let countryJSD = MetricDescriptor(
        id: "bias.country_jsd", family: "bias", title: "Country JSD", better: .lower,
        formula: "Jensen–Shannon divergence (bits) of the two sides' \(regionDistribution) over countries",
        source: "TarGEN's country comparison (Gupta et al. 2023); Lin 1991", interval: nil,
        caveat: "sparse when few rows name places: read it with the counts")
    static let regionPValue = MetricDescriptor(
        id: "bias.region_chi2_p", family: "bias", title: "Continent χ² p-value", better: .higher,
        formula: "p-value of Pearson's χ² test that both sides' continent counts come from one distribution",
        source: "Pearson 1900", interval: nil,
        caveat: "with many mentions even a small difference is significant: read the JSD for its size")
    static let attributeJSD = MetricDescriptor(
        id: "bias.attribute_jsd", family: "bias", title: "Largest attribute JSD", better: .lower,
        formula:
            "the largest Jensen–Shannon divergence (bits) between the sides' value distributions over every --attr-field and the derived length bucket (the note names it)",
        source: "Lin 1991, on attribute value distributions", interval: nil)
    static let attributeCoverage = MetricDescriptor(
        id: "bias.attribute_coverage", family: "bias", title: "Smallest attribute coverage", better: .higher,
        formula:
            "the smallest, over attributes, share of the original's values that occur in the synthetic set (the note names the attribute)",
        source: "coverage of the original's attribute values", interval: nil)
    static let amplification = MetricDescriptor(
        id: "bias.group_label_amplification", family: "bias", title: "Group–label amplification", better: .lower,
        formula:
            "synthetic minus original log odds ratio of a label among rows mentioning a group against rows that do not (½ added to each cell), for the group and label where it is largest in size; 95% Wald interval √(SE_s² + SE_o²)",
        source: "Zhao et al. 2017 (bias amplification), as a difference of log odds ratios", interval: .wald,
        caveat:
            "the largest of several cells: an interval that barely excludes 0 may be chance; the bias table lists every cell"
    )

    /// Region JSD at or above which the report flags the synthetic set's geography.
    static let skewThreshold = 0.1
    /// Example texts listed behind the strongest association.
    static let exampleCount = 5

    public func analyze(_ context: AnalysisContext) throws -> AnalyzerOutput {
        var output = AnalyzerOutput()
        var summary = BiasSummary()
        let places = Dictionary(
            uniqueKeysWithValues: context.sides.compactMap { side -> (Side, [[String]])? in
                guard let corpus = context.corpus(side) else { return nil }
                return (side, Bias.countries(corpus.texts))
            })
        let regions = RegionAudit(places: places, context: context)
        summary.regions = regions.table
        output.metrics += regions.metrics
        output.findings += regions.findings

        let attributes = AttributeAudit(context)
        summary.attributes = attributes.tables
        output.metrics += attributes.metrics

        let groups = GroupAudit(context)
        summary.groups = groups.associations
        output.metrics += groups.metrics
        output.findings += groups.findings
        output.bias = summary
        return output
    }

    /// The distinct countries each text names, in order of first mention.
    ///
    /// - Complexity: O(text bytes), over every core.
    static func countries(_ texts: [String]) -> [[String]] {
        ParallelMap.map(0..<texts.count) { row in
            var seen: [String] = []
            for mention in Gazetteer.standard.mentions(in: texts[row]) where !seen.contains(mention.country) {
                seen.append(mention.country)
            }
            return seen
        }
    }
}

/// Place mentions of both sides at three levels.
struct RegionAudit {
    var table: RegionTable?
    var metrics: [MetricResult] = []
    var findings: [Finding] = []

    init(places: [Side: [[String]]], context: AnalysisContext) {
        guard !places.isEmpty else { return }
        let gazetteer = Gazetteer.standard
        func counts(_ rows: [[String]], level: (Country) -> String) -> [String: Int] {
            var counts: [String: Int] = [:]
            for row in rows {
                for code in row { counts[gazetteer.countries[code].map(level) ?? code, default: 0] += 1 }
            }
            return counts
        }
        func rows(_ keys: [String], _ perSide: [Side: [String: Int]]) -> [CategoryCounts] {
            keys.map { key in
                CategoryCounts(
                    value: key, original: perSide[.original].map { $0[key] ?? 0 },
                    synthetic: perSide[.synthetic].map { $0[key] ?? 0 })
            }
        }
        let continents = places.mapValues { counts($0, level: \.continent) }
        let subregions = places.mapValues { counts($0, level: \.subregion) }
        let countries = places.mapValues { counts($0, level: \.name) }
        let countryNames = Set(countries.values.flatMap(\.keys)).sorted { a, b in
            let ta = countries.values.reduce(0) { $0 + ($1[a] ?? 0) }
            let tb = countries.values.reduce(0) { $0 + ($1[b] ?? 0) }
            return ta != tb ? ta > tb : a < b
        }
        table = RegionTable(
            rowsWithPlaces: Dictionary(
                uniqueKeysWithValues: places.map { side, rows in (side.rawValue, rows.filter { !$0.isEmpty }.count) }),
            continents: rows(Gazetteer.continents, continents),
            subregions: rows(gazetteer.subregions, subregions), countries: rows(countryNames, countries))

        /// The most mentioned continent's share of the mentions; nil without mentions.
        func topShare(_ counts: [String: Int]) -> Double? {
            let mentions = counts.values.reduce(0, +)
            return mentions > 0 ? Double(counts.values.max() ?? 0) / Double(mentions) : nil
        }
        let naming = places.mapValues { rows in rows.map { !$0.isEmpty } }
        var rate: [Side: SideValue] = [:]
        var top: [Side: SideValue] = [:]
        for (side, flags) in naming {
            var random = SeededRandom(seed: context.settings.seed, stream: "bootstrap/\(Bias.mentionRate.id)/\(side)")
            let ci = Sampling.bootstrapInterval(
                count: flags.count, resamples: context.settings.bootstrapResamples, using: &random
            ) { sample in Sampling.share(flags, among: sample) }
            let share = Sampling.share(flags, among: Array(flags.indices))
            rate[side] = SideValue(value: share, ci: ci, interval: ci == nil ? nil : .bootstrap, n: flags.count)
            let largest = topShare(continents[side] ?? [:])
            top[side] = SideValue(value: largest, n: flags.count, note: largest == nil ? "no row names a place" : nil)
        }
        // Per class: the mention rate and the top continent's share of each class's rows, and its continents.
        var estimates: [String: [Side: [MetricID: Double?]]] = [:]
        var classes: [(label: String, rows: [Side: [Int]])] = []
        for label in context.labelNames {
            let members = context.classRows(label)
            classes.append((label, members))
            var perSide: [Side: [String: Int]] = [:]
            for (side, classRows) in members {
                guard let sidePlaces = places[side], let flags = naming[side] else { continue }
                let continentCounts = counts(classRows.map { sidePlaces[$0] }, level: \.continent)
                perSide[side] = continentCounts
                estimates[label, default: [:]][side] = [
                    Bias.mentionRate.id: Sampling.share(flags, among: classRows),
                    Bias.topShare.id: topShare(continentCounts),
                ]
            }
            table?.continentsByClass[label] = rows(Gazetteer.continents, perSide)
        }
        let sideByClass = ClassBreakdown.byMetric(
            ids: [Bias.mentionRate.id, Bias.topShare.id], classes: classes, estimates: estimates)
        metrics.append(
            MetricResult(
                Bias.mentionRate, original: rate[.original], synthetic: rate[.synthetic],
                byClass: sideByClass[Bias.mentionRate.id]))
        metrics.append(
            MetricResult(
                Bias.topShare, original: top[.original], synthetic: top[.synthetic],
                byClass: sideByClass[Bias.topShare.id]))

        guard let original = places[.original], let synthetic = places[.synthetic] else { return }
        func vector(_ perSide: [String: Int], _ keys: [String]) -> [Double] { keys.map { Double(perSide[$0] ?? 0) } }
        let continentKeys = Gazetteer.continents
        let o = vector(continents[.original] ?? [:], continentKeys)
        let s = vector(continents[.synthetic] ?? [:], continentKeys)
        let mentions = Int(min(o.reduce(0, +), s.reduce(0, +)))
        let note = mentions == 0 ? "a side names no place" : nil
        func jsd(_ perSide: [Side: [String: Int]]) -> Double? {
            let keys = Set(perSide.values.flatMap(\.keys)).sorted()
            let a = vector(perSide[.original] ?? [:], keys)
            let b = vector(perSide[.synthetic] ?? [:], keys)
            guard a.reduce(0, +) > 0, b.reduce(0, +) > 0 else { return nil }
            return Divergences.jensenShannon(a, b)
        }
        // Per class: the JSD at each level and the continent χ² p-value of the class's rows on each side.
        var byClass: [MetricID: [String: ClassValue]] = [:]
        if let oc = context.original, let sc = context.synthetic, oc.isLabelled, sc.isLabelled {
            for label in Set(oc.labelNames).intersection(sc.labelNames).sorted() {
                let rows = context.classRows(label)
                let n = rows.values.map(\.count).min() ?? 0
                func perSide(_ level: (Country) -> String) -> [Side: [String: Int]] {
                    [
                        .original: counts((rows[.original] ?? []).map { original[$0] }, level: level),
                        .synthetic: counts((rows[.synthetic] ?? []).map { synthetic[$0] }, level: level),
                    ]
                }
                let classContinents = perSide(\.continent)
                byClass[Bias.regionJSD.id, default: [:]][label] = ClassValue(value: jsd(classContinents), n: n)
                byClass[Bias.subregionJSD.id, default: [:]][label] = ClassValue(value: jsd(perSide(\.subregion)), n: n)
                byClass[Bias.countryJSD.id, default: [:]][label] = ClassValue(value: jsd(perSide(\.name)), n: n)
                let p = Divergences.chiSquare(
                    vector(classContinents[.original] ?? [:], continentKeys),
                    vector(classContinents[.synthetic] ?? [:], continentKeys))?.pValue
                byClass[Bias.regionPValue.id, default: [:]][label] = ClassValue(value: p, n: n)
            }
        }
        let regionJSD = jsd(continents)
        for (descriptor, value) in [
            (Bias.regionJSD, regionJSD), (Bias.subregionJSD, jsd(subregions)), (Bias.countryJSD, jsd(countries)),
            (Bias.regionPValue, Divergences.chiSquare(o, s)?.pValue),
        ] {
            metrics.append(
                MetricResult(descriptor, value: value, n: mentions, note: note, byClass: byClass[descriptor.id]))
        }
        if let regionJSD, regionJSD >= Bias.skewThreshold, let topIndex = s.indices.max(by: { s[$0] < s[$1] }) {
            let share = { (values: [Double]) in values[topIndex] / max(values.reduce(0, +), 1) }
            findings.append(
                Finding(
                    kind: .regionSkew, side: .synthetic,
                    detail:
                        "\(percent(share(s))) of the synthetic set's place mentions are in \(continentKeys[topIndex]), against \(percent(share(o))) of the original's (continent JSD \(format(regionJSD)) bits)",
                    score: regionJSD))
        }
    }
}

/// A share as a percentage with one decimal.
func percent(_ value: Double) -> String {
    String(format: "%.1f%%", 100 * value)
}
