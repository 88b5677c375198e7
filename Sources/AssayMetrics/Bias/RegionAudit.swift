import AssayCore
import AssayReport
import Foundation

/// Place mentions of both sides at three levels, how far apart they are, and whether the synthetic set's
/// geography is skewed (a `region_skew` finding).
///
/// The pair metrics are judged only when at least `minimumRows` rows of each side name a place; below it they
/// are nil with a note saying so, and nothing is flagged.
struct RegionAudit {
    /// Rows naming a place a side needs for the regions to be compared (overall, and per class for the
    /// per-class values): with fewer, a single row moves a continent's share by ten points or more.
    static let minimumRows = 10

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
        /// Whether enough rows of each side name a place to judge their regions.
        func supported(_ originalRows: [[String]], _ syntheticRows: [[String]]) -> Bool {
            min(originalRows.filter { !$0.isEmpty }.count, syntheticRows.filter { !$0.isEmpty }.count)
                >= RegionAudit.minimumRows
        }
        let judged = supported(original, synthetic)
        let placeRows = table?.rowsWithPlaces ?? [:]
        let note: String? =
            mentions == 0
            ? "a side names no place"
            : judged
                ? nil
                : "too few rows name a place to judge: \(placeRows["original"] ?? 0) original, \(placeRows["synthetic"] ?? 0) synthetic (N < \(RegionAudit.minimumRows) a side)"
        func jsd(_ perSide: [Side: [String: Int]]) -> Double? {
            let keys = Set(perSide.values.flatMap(\.keys)).sorted()
            let a = vector(perSide[.original] ?? [:], keys)
            let b = vector(perSide[.synthetic] ?? [:], keys)
            guard a.reduce(0, +) > 0, b.reduce(0, +) > 0 else { return nil }
            return Divergences.jensenShannon(a, b)
        }
        // Per class: the JSD at each level and the continent χ² p-value of the class's rows on each side, for the
        // classes with enough rows naming a place.
        var byClass: [MetricID: [String: ClassValue]] = [:]
        if let oc = context.original, let sc = context.synthetic, oc.isLabelled, sc.isLabelled {
            for label in Set(oc.labelNames).intersection(sc.labelNames).sorted() {
                let rows = context.classRows(label)
                let n = rows.values.map(\.count).min() ?? 0
                let classPlaces = (
                    (rows[.original] ?? []).map { original[$0] }, (rows[.synthetic] ?? []).map { synthetic[$0] }
                )
                let classJudged = supported(classPlaces.0, classPlaces.1)
                func perSide(_ level: (Country) -> String) -> [Side: [String: Int]] {
                    [.original: counts(classPlaces.0, level: level), .synthetic: counts(classPlaces.1, level: level)]
                }
                /// The class's value, nil when too few of its rows name a place.
                func value(_ measure: () -> Double?) -> ClassValue {
                    ClassValue(value: classJudged ? measure() : nil, n: n)
                }
                let classContinents = perSide(\.continent)
                byClass[Bias.regionJSD.id, default: [:]][label] = value { jsd(classContinents) }
                byClass[Bias.subregionJSD.id, default: [:]][label] = value { jsd(perSide(\.subregion)) }
                byClass[Bias.countryJSD.id, default: [:]][label] = value { jsd(perSide(\.name)) }
                byClass[Bias.regionPValue.id, default: [:]][label] = value {
                    Divergences.chiSquare(
                        vector(classContinents[.original] ?? [:], continentKeys),
                        vector(classContinents[.synthetic] ?? [:], continentKeys))?.pValue
                }
            }
        }
        let regionJSD = judged ? jsd(continents) : nil
        let regionP = judged ? Divergences.chiSquare(o, s)?.pValue : nil
        for (descriptor, value) in [
            (Bias.regionJSD, regionJSD), (Bias.subregionJSD, judged ? jsd(subregions) : nil),
            (Bias.countryJSD, judged ? jsd(countries) : nil), (Bias.regionPValue, regionP),
        ] {
            metrics.append(
                MetricResult(descriptor, value: value, n: mentions, note: note, byClass: byClass[descriptor.id]))
        }

        /// Each row naming a place as its mentions per continent.
        func continentRows(_ rows: [[String]]) -> [[Int]] {
            rows.filter { !$0.isEmpty }.map { codes in
                var row = [Int](repeating: 0, count: continentKeys.count)
                for code in codes {
                    guard let continent = gazetteer.countries[code]?.continent,
                        let k = continentKeys.firstIndex(of: continent)
                    else { continue }
                    row[k] += 1
                }
                return row
            }
        }
        var random = SeededRandom(seed: context.settings.seed, stream: "permutation/\(Bias.shareShift.id)")
        let shift =
            judged
            ? ContinentShift(
                original: continentRows(original), synthetic: continentRows(synthetic), continents: continentKeys,
                permutations: context.settings.bootstrapResamples, using: &random) : nil
        metrics.append(
            MetricResult(
                Bias.shareShift, value: shift?.shift, ci: shift?.interval, n: mentions,
                note: shift.map {
                    "\($0.continent): \(percent($0.syntheticShare)) of synthetic mentions vs \(percent($0.originalShare)) of original"
                } ?? note))

        guard let shift else { return }
        let large = abs(shift.shift) >= Bias.shareShiftThreshold || (regionJSD ?? 0) >= Bias.skewThreshold
        guard large, shift.excludesZero else { return }
        var detail =
            "\(shift.continent): \(percent(shift.syntheticShare)) of the synthetic set's place mentions (\(shift.syntheticMentions) mentions in \(shift.syntheticRows) rows) against \(percent(shift.originalShare)) of the original's (\(shift.originalMentions) in \(shift.originalRows) rows)"
        detail += ", a shift of \(points(shift.shift)) points"
        if let interval = shift.interval {
            detail += " (95% interval \(points(interval[0])) to \(points(interval[1])))"
        }
        if let regionJSD { detail += "; continent JSD \(format(regionJSD)) bits" }
        findings.append(Finding(kind: .regionSkew, side: .synthetic, detail: detail, score: abs(shift.shift)))
    }
}

/// A share as a percentage with one decimal.
func percent(_ value: Double) -> String {
    String(format: "%.1f%%", 100 * value)
}

/// A difference of shares in percentage points with its sign and one decimal ("+32.0").
func points(_ value: Double) -> String {
    String(format: "%+.1f", 100 * value)
}
