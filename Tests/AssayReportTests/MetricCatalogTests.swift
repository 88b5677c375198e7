import AssayMetrics
import Testing

@testable import AssayReport

@Suite struct MetricCatalogTests {
    @Test(arguments: [
        ("kitten", "sitting", 3), ("flaw", "lawn", 2), ("", "abc", 3), ("abc", "", 3), ("same", "same", 0),
        ("ΔΣ", "Σ", 1),
    ])
    func editDistanceIsLevenshtein(a: String, b: String, distance: Int) {
        #expect(MetricCatalog.editDistance(a, b) == distance)
    }

    @Test func closestIdsComeNearestFirst() {
        let catalog = MetricCatalog(Assessment.catalog)
        #expect(catalog.closest(to: "fidelity.muave", limit: 1) == ["fidelity.mauve"])
        #expect(catalog.closest(to: "noise.label_issue", limit: 1) == ["noise.label_issue_rate"])
    }

    @Test func everyMetricBelongsToAKnownFamilyAndIsNamedAfterIt() {
        let descriptors = Assessment.catalog
        #expect(Set(descriptors.map(\.id)).count == descriptors.count, "metric ids are unique")
        let families = Set(MetricFamily.all.map(\.id))
        for descriptor in descriptors {
            #expect(families.contains(descriptor.family), "\(descriptor.id): family \(descriptor.family) has no entry")
            #expect(
                descriptor.id.rawValue.hasPrefix(descriptor.family + "."),
                "\(descriptor.id) is not in \(descriptor.family)")
            #expect(!descriptor.formula.isEmpty && !descriptor.source.isEmpty, "\(descriptor.id) lacks a definition")
        }
    }

    @Test func pagesAreOneIndexAndOnePagePerFamilyInReportOrder() {
        let pages = MetricCatalog(Assessment.catalog).pages()
        #expect(
            pages.map(\.name) == [
                "README.md", "diversity.md", "complexity.md", "noise.md", "duplicates.md", "leakage.md",
                "fidelity.md", "bias.md", "utility.md", "shape.md",
            ])
        let leakage = pages.first { $0.name == "leakage.md" }?.text ?? ""
        #expect(leakage.contains("| [`leakage.synthetic_13gram_rate`](#leakagesynthetic_13gram_rate) |"))
        #expect(leakage.contains("\n## leakage.synthetic_13gram_rate\n"))
        #expect(leakage.contains("- Interval: bootstrap over documents (2.5–97.5 percentiles)"))
    }
}
