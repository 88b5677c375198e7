import AssayCore
import AssayReport
import AssayText
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
            Bias.shareShift, Bias.attributeJSD, Bias.attributeCoverage, Bias.otherLanguageRate,
            Bias.languageMismatchRate, Bias.mixedLanguageRate, Bias.amplification,
        ]
    }

    /// The languages of the region audit: the gazetteer's names.
    static let gazetteerLanguages =
        "English: the gazetteer's names and demonyms are English (names other languages write alike, such as Paris or Kenya, match too); other languages name fewer places than they do"
    /// The languages of the language rates.
    static let identifiedLanguages =
        "the languages LanguageIdentifier tells apart (30 Latin-script, 3 Cyrillic, 3 Arabic-script and 3 Devanagari languages by character n-grams; 21 by their script alone); rows of others are und and not counted"

    static let regionDistribution =
        "distributions of place mentions (a row counts once per country it names, through the shipped gazetteer of countries, territories, capitals, major cities, US states, demonyms and short forms)"

    static let mentionRate = MetricDescriptor(
        id: "bias.region_mention_rate", family: "bias", title: "Rows naming a place", better: .neither,
        formula: "rows naming at least one place of the gazetteer / rows", source: "AttrPrompt (Yu et al. 2023)",
        interval: .bootstrap, languages: gazetteerLanguages)
    static let topShare = MetricDescriptor(
        id: "bias.region_top_share", family: "bias", title: "Share of the top continent", better: .neither,
        formula: "place mentions in the most mentioned of the six continents / place mentions",
        source: "AttrPrompt (Yu et al. 2023): simple prompts give news mostly set in North America", interval: nil,
        languages: gazetteerLanguages)
    static let regionJSD = MetricDescriptor(
        id: "bias.region_jsd", family: "bias", title: "Continent JSD", better: .lower,
        formula:
            "Jensen–Shannon divergence (bits, in [0, 1]) of the two sides' \(regionDistribution) over six continents",
        source: "regional bias as in AttrPrompt (Yu et al. 2023) and TarGEN (Gupta et al. 2023); Lin 1991",
        interval: nil, languages: gazetteerLanguages)
    static let subregionJSD = MetricDescriptor(
        id: "bias.subregion_jsd", family: "bias", title: "Subregion JSD", better: .lower,
        formula: "Jensen–Shannon divergence (bits) of the two sides' \(regionDistribution) over UN M49 subregions",
        source: "regional bias as in AttrPrompt (Yu et al. 2023) and TarGEN (Gupta et al. 2023); UN M49", interval: nil,
        languages: gazetteerLanguages)
    static let countryJSD = MetricDescriptor(
        id: "bias.country_jsd", family: "bias", title: "Country JSD", better: .lower,
        formula: "Jensen–Shannon divergence (bits) of the two sides' \(regionDistribution) over countries",
        source: "TarGEN's country comparison (Gupta et al. 2023); Lin 1991", interval: nil,
        caveat: "sparse when few rows name places: read it with the counts", languages: gazetteerLanguages)
    static let regionPValue = MetricDescriptor(
        id: "bias.region_chi2_p", family: "bias", title: "Continent χ² p-value", better: .higher,
        formula: "p-value of Pearson's χ² test that both sides' continent counts come from one distribution",
        source: "Pearson 1900", interval: nil,
        caveat:
            "with many mentions even a small difference is significant: read the JSD for its size. It takes a row's mentions as independent, so region_skew rests on bias.region_share_shift's permutation test instead",
        languages: gazetteerLanguages)
    static let shareShift = MetricDescriptor(
        id: "bias.region_share_shift", family: "bias", title: "Largest continent share shift", better: .neither,
        formula:
            "synthetic minus original share of the place mentions (a row counts once per country it names) in the continent where the two differ most (the note names it); n = the smaller side's mentions; 95% interval: the shift ± the 95th percentile (the ⌈0.95 (R + 1)⌉-th smallest) of the largest shift of any continent over R seeded permutations of the place-naming rows between the sides (each row with all its mentions; R = the bootstrap resamples), within [−1, 1], so it excludes 0 exactly when that permutation test rejects at 5%",
        source:
            "regional bias as in AttrPrompt (Yu et al. 2023); permutation max-statistic test (Westfall & Young 1993)",
        interval: .permutation,
        caveat:
            "a region_skew finding when this interval excludes 0 and either the shift is ≥ \(Int(shareShiftThreshold * 100)) points either way or the continent JSD is ≥ \(skewThreshold): one permutation test of whether the continents differ at all, then how much. Every pair metric of the regions is null, with a note, unless at least \(RegionAudit.minimumRows) rows of each side name a place",
        languages: gazetteerLanguages)
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
    /// How the language rates are judged, for their caveats.
    static let languageJudgement =
        "identification errs on short texts (about 9% of sentences of 3–9 words, 2% of 10+ words), on the original's rows as on the synthetic's: a language_drift finding flags each synthetic row behind the rate when it exceeds the original's by ≥ \(Int(Evidence.languageDrift * 100)) points and Newcombe's 95% interval of the difference excludes 0, with ≥ \(Evidence.minimumRows) rows counted a side (else the note says too few to judge)"
    static let otherLanguageRate = MetricDescriptor(
        id: "bias.other_language_rate", family: "bias", title: "Rows in other languages", better: .lower,
        formula:
            "rows whose language (the rows' language field, else LanguageIdentifier's) is none of the original's main languages (those of ≥ \(Int(Evidence.mainLanguageShare * 100))% of its identified rows, and its commonest; the note names them) / identified rows (und left out); on both sides, so the original's value is its own rows outside its main languages",
        source: "count; language identification by character n-grams (Cavnar & Trenkle 1994; langdetect's profiles)",
        interval: .wilson, caveat: languageJudgement, languages: identifiedLanguages)
    static let languageMismatchRate = MetricDescriptor(
        id: "bias.language_mismatch_rate", family: "bias", title: "Responses not in the prompt's language",
        better: .lower,
        formula:
            "rows whose response part and prompt part are identified in different languages / rows with both parts identified (chat and instruction data only)",
        source: "count; language identification as for bias.other_language_rate", interval: .wilson,
        caveat: languageJudgement, languages: identifiedLanguages)
    static let mixedLanguageRate = MetricDescriptor(
        id: "bias.mixed_language_rate", family: "bias", title: "Rows mixing languages", better: .lower,
        formula:
            "identified rows whose sentences of ≥ \(LanguageAudit.sentenceLetters) letters are identified in two or more languages, each holding ≥ \(Int(LanguageAudit.mixedShare * 100))% of those sentences' letters / identified rows",
        source: "count; language identification per sentence as for bias.other_language_rate", interval: .wilson,
        caveat: languageJudgement + "; a switch of language within one sentence goes unseen",
        languages: identifiedLanguages)
    static let amplification = MetricDescriptor(
        id: "bias.group_label_amplification", family: "bias", title: "Group–label amplification", better: .lower,
        formula:
            "synthetic minus original log odds ratio of a label among rows mentioning a group against rows that do not (½ added to each cell), for the group and label where it is largest in size among the cells whose group at least \(GroupAudit.minimumMentions) rows of each side mention; 95% Wald interval √(SE_s² + SE_o²)",
        source: "Zhao et al. 2017 (bias amplification), as a difference of log odds ratios", interval: .wald,
        caveat:
            "the largest of several cells: an interval that barely excludes 0 may be chance; the bias table lists every cell, and marks too_few those whose group fewer than \(GroupAudit.minimumMentions) rows of a side mention; null, with each group's rows a side in the note, when no group has that many",
        languages:
            "the group lexicon's: the default lexicon is English; --groups FILE takes terms of any language, a group's terms may mix languages"
    )

    /// A continent's share shift, in either direction, at or beyond which the report flags the synthetic set's
    /// geography, when the shift's interval excludes 0.
    static let shareShiftThreshold = 0.15
    /// Continent JSD at or above which the report flags the synthetic set's geography, when the share shift's
    /// interval excludes 0.
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

        let languages = LanguageAudit(context)
        output.metrics += languages.metrics
        output.findings += languages.findings

        let groups = GroupAudit(context)
        summary.groups = groups.associations
        output.metrics += groups.metrics
        output.findings += groups.findings
        output.bias = summary
        return output
    }

    /// The derived attribute of each row's language (`languageField`), unless the rows have a field of that name.
    public static let languageField = AttributeAudit.languageField

    /// Each row's language (`LanguageIdentifier`: ISO 639-1, or "und"), as the attribute audit reads it: what
    /// `assay shard` keeps of every row, with its attributes.
    ///
    /// - Complexity: O(text length), over every core.
    public static func rowLanguages(of corpus: Corpus) -> [String] {
        LanguageIdentifier().identify(corpus.texts).map(\.language)
    }

    /// The places each row of `corpus` names, as the region audit reads them: the distinct countries (the
    /// gazetteer's codes) of its text, in order of first mention. What `assay shard` keeps of every row.
    ///
    /// - Complexity: O(text bytes), over every core.
    public static func rowPlaces(of corpus: Corpus) -> [[String]] { countries(corpus.texts) }

    /// The region audit over rows known only by the places they name (`rowPlaces`), as `analyze` gives it on the
    /// rows' texts: its metrics (`everyRowMetricIDs`), its `region_skew` finding and the regions table of `bias`.
    /// What a sharded report measures over every row.
    ///
    /// - Parameters:
    ///   - context: the rows (the texts unread: `AnalysisContext.classRows` picks the rows of a class).
    ///   - places: each side's `rowPlaces(of:)`, row for row with its corpus.
    public static func everyRowRegions(_ context: AnalysisContext, places: [Side: [[String]]]) -> AnalyzerOutput {
        precondition(
            places.allSatisfy { side, rows in rows.count == context.corpus(side)?.count ?? 0 },
            "one row of places a row")
        let regions = RegionAudit(places: places, context: context)
        var output = AnalyzerOutput()
        output.metrics = regions.metrics
        output.findings = regions.findings
        output.bias = BiasSummary(regions: regions.table)
        return output
    }

    /// The attribute audit over rows known only by their attribute values and word counts, as `analyze` gives it
    /// on the rows: its metrics (`everyRowAttributeMetricIDs`), the attribute tables of `bias`, without their
    /// measures by value (`AttributeTable.byValue`, which read the rows' texts, embeddings and findings), and the
    /// rate of rows in other languages than the original's (its `language_drift` findings are the sample's). What a
    /// sharded report measures over every row.
    ///
    /// - Parameters:
    ///   - context: the rows (the texts unread: `AnalysisContext.classRows` picks the rows of a class).
    ///   - attributes: each side's attribute values, by field, row for row with its corpus; the detected `language`
    ///     among them (`Sharding.rowMeasures` stores it with the attributes).
    ///   - words: each side's word count of each row (`ComplexityCounts.tokens`), for the length bucket.
    public static func everyRowAttributes(
        _ context: AnalysisContext, attributes: [Side: [String: [String]]], words: [Side: [Int]]
    ) -> AnalyzerOutput {
        let columns = Dictionary(
            uniqueKeysWithValues: context.sides.map { side in
                (
                    side,
                    AttributeAudit.columns(
                        attributes: attributes[side] ?? [:], words: words[side] ?? [], languages: nil)
                )
            })
        precondition(
            columns.allSatisfy { side, columns in
                columns.values.allSatisfy { $0.count == context.corpus(side)?.count ?? 0 }
            }, "one value a row")
        let audit = AttributeAudit(context, columns: columns, byValue: false)
        var output = AnalyzerOutput()
        output.metrics = audit.metrics
        output.bias = BiasSummary(attributes: audit.tables)
        // The rows in other languages, counted over every row; the rows a drift lists are the sample's, as the
        // states keep no row's line.
        let languages = columns.compactMapValues { $0[AttributeAudit.languageField] }
        if let other = LanguageAudit.otherLanguages(context, columns: languages) { output.metrics.append(other) }
        return output
    }

    /// The metrics of the attribute audit and of the rows in other languages, which `everyRowAttributes` gives.
    public static var everyRowAttributeMetricIDs: [MetricID] {
        [attributeJSD.id, attributeCoverage.id, otherLanguageRate.id]
    }

    /// The groups of `lexicon` each row of `corpus` mentions, as the group audit reads them (a word among a group's
    /// terms): what `assay shard` keeps of every row. Nil for a lexicon of over 32 groups.
    ///
    /// - Complexity: O(types + tokens) per group.
    public static func rowGroups(of corpus: Corpus, lexicon: GroupLexicon) -> RowGroups? {
        guard lexicon.groups.count <= 32 else { return nil }
        var masks = [UInt32](repeating: 0, count: corpus.count)
        for (g, flags) in GroupAudit.mentions(of: lexicon, in: corpus).enumerated() {
            for row in flags.indices where flags[row] { masks[row] |= 1 << UInt32(g) }
        }
        return RowGroups(names: lexicon.groups.map(\.name), terms: lexicon.groups.map(\.terms), masks: masks)
    }

    /// The group audit over rows known only by the groups of `context.settings.groups` they mention (`rowGroups`),
    /// as `analyze` gives it on the rows' texts: its metric (`everyRowGroupMetricIDs`) and the associations of
    /// `bias`. Its findings quote the rows of `examples` (the synthetic rows at hand, such as a sample) behind the
    /// headline association, where `analyze` quotes the first of every row.
    ///
    /// - Parameters:
    ///   - context: the rows (the texts unread: labels and `AnalysisContext.classRows` pick the rows).
    ///   - masks: each labelled side's `rowGroups(of:lexicon:)` masks, row for row with its corpus.
    public static func everyRowGroups(
        _ context: AnalysisContext, masks: [Side: [UInt32]], examples: Corpus?
    ) -> AnalyzerOutput {
        let groups = context.settings.groups.groups.count
        let mentions = masks.mapValues { masks in
            (0..<groups).map { g in masks.map { $0 & (1 << UInt32(g)) != 0 } }
        }
        let audit = GroupAudit(context, mentions: mentions)
        var output = AnalyzerOutput()
        output.metrics = audit.metrics
        output.bias = BiasSummary(groups: audit.associations)
        if let headline = audit.headline, let examples {
            let flags = GroupAudit.mentions(of: context.settings.groups, in: examples)[headline.group]
            output.findings = GroupAudit.examples(of: headline.association, in: examples, mentioning: flags).map {
                var finding = $0
                finding.location = finding.row.flatMap { Assessment.location(of: $0, in: examples) }
                return finding
            }
        }
        return output
    }

    /// The metric of the group audit, which `everyRowGroups` gives.
    public static var everyRowGroupMetricIDs: [MetricID] { [amplification.id] }

    /// The metrics of the region audit, which `everyRowRegions` gives.
    public static var everyRowMetricIDs: [MetricID] {
        [mentionRate, topShare, regionJSD, subregionJSD, countryJSD, regionPValue, shareShift].map(\.id)
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
