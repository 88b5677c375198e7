/// A family of metrics: the unit of the report's sections, the catalog's pages and the verdict.
///
/// A metric's `family` (the part of its id before the dot) names one of these; the report and the
/// catalog show families in `MetricFamily.all` order.
public struct MetricFamily: Sendable, Equatable {
    /// The family name, as in metric ids and as the report section's element id.
    public var id: String
    public var title: String
    /// What the family measures and what to read it for, in a sentence or two.
    public var summary: String

    public init(id: String, title: String, summary: String) {
        self.id = id
        self.title = title
        self.summary = summary
    }

    /// Every family, in report order.
    public static let all: [MetricFamily] = [
        MetricFamily(
            id: "diversity", title: "Diversity",
            summary:
                "How varied the texts are: lexical measures on word n-grams (distinct-n, self-BLEU, compression, lexical richness) and semantic measures on sentence embeddings (pairwise similarity, Vendi score, dispersion). A synthetic set that repeats one template scores low on both."
        ),
        MetricFamily(
            id: "complexity", title: "Complexity",
            summary:
                "How long and how hard the texts are: lengths, readability grades, repetition, rare words and how hard each text is for a classifier, with the distance between the two sides' distributions."
        ),
        MetricFamily(
            id: "noise", title: "Labels",
            summary:
                "Whether the labels are right: confident learning on out-of-fold class probabilities flags rows whose given label is unlikely, and a model of the original checks the synthetic labels."
        ),
        MetricFamily(
            id: "duplicates", title: "Duplicates",
            summary:
                "Rows that repeat another row of the same set, exactly or nearly: the rows deduplication would drop."
        ),
        MetricFamily(
            id: "leakage", title: "Leakage",
            summary:
                "Synthetic rows copied from the original, exactly, nearly, or through a long shared word span: memorisation that would inflate any evaluation on the original."
        ),
        MetricFamily(
            id: "fidelity", title: "Fidelity",
            summary:
                "Whether the synthetic set covers the original's distribution: MAUVE, Fréchet distance, precision, recall, density and coverage on embeddings, a two-sample classifier, and the label distribution."
        ),
        MetricFamily(
            id: "bias", title: "Bias",
            summary:
                "Whom and where the texts are about: places mentioned by continent, subregion and country, the spread of attribute values, and how strongly gendered (or other) groups go with a label — and whether the synthetic set amplifies it."
        ),
        MetricFamily(
            id: "utility", title: "Utility",
            summary:
                "Whether a model trained on the synthetic set works on real data: train on synthetic, test on original (TSTR), against train and test on original (TRTR)."
        ),
        MetricFamily(
            id: "shape", title: "Conversation shape",
            summary:
                "For chat and instruction data: how many turns an example has, how long the response runs against its prompt, and how often a turn is empty, a response is missing or a response repeats its prompt."
        ),
    ]

    /// The family named `id`; a family the table does not know gets its name as title.
    public static func named(_ id: String) -> MetricFamily {
        all.first { $0.id == id } ?? MetricFamily(id: id, title: id.capitalized, summary: "")
    }

    /// The family names of `ids` (each once), in `all` order, unknown ones last in first-seen order.
    public static func ordered(_ ids: [String]) -> [String] {
        var seen: [String] = []
        for id in ids where !seen.contains(id) { seen.append(id) }
        let known = all.map(\.id).filter(seen.contains)
        return known + seen.filter { id in !known.contains(id) }
    }
}
