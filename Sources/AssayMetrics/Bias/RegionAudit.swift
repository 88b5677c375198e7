import AssayCore
import AssayReport
import Foundation

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
