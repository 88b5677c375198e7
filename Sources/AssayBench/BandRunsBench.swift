// Benchmark of MinHash band runs (release build). Not part of `swift test`.
//
//   AssayBench bandruns-write [N] FOLDER [FILES]   N short texts (default 10,000,000) as FILES runs (default 16)
//   AssayBench bandruns-merge FOLDER               the streaming merge of FOLDER's runs, with union–find over rows
//
// Row r's text is a function of r alone (`BenchTexts`), so each run is made from its own rows only, as a shard
// would be: 96% fresh texts of 40–80 characters, words drawn uniformly from 100,000 random-letter words; 3% an
// earlier row with one word changed; 1% an exact copy of an earlier row. The merge prints wall time, peak RSS,
// records, groups, the connected components of the candidate-pair graph (union–find over all N rows, UInt32
// parents), the runs' size, and how many injected copies ended up in one component with their source.
import AssayCore
import AssayText
import Foundation

/// Writes `textCount` generated texts, normalised, as `fileCount` band runs of consecutive rows in `folder`.
func bandRunsWriteBench(textCount: Int, folder: String, fileCount: Int) {
    let environment = ProcessInfo.processInfo.environment
    print(
        "assay band-runs write — \(textCount) texts in \(fileCount) runs, OPENBLAS_CORETYPE="
            + "\(environment["OPENBLAS_CORETYPE"] ?? "(unset)"), load \(loadAverage())")
    let texts = BenchTexts()
    var bytes = 0
    var textBytes = 0
    let elapsed = seconds {
        for file in 0..<fileCount {
            let rows = Array((file * textCount / fileCount)..<((file + 1) * textCount / fileCount))
            let chunk = 4096
            let parts = ParallelMap.map(0..<((rows.count + chunk - 1) / chunk)) { part in
                rows[(part * chunk)..<min(rows.count, (part + 1) * chunk)].map {
                    TextNormalization.normalized(texts.text(row: $0))
                }
            }
            let normalized = Array(parts.joined())
            textBytes += normalized.reduce(0) { $0 + $1.utf8.count }
            let path = folder + "/" + String(format: "run-%04d.bandrun", file)
            do {
                try BandRunFile.write(MinHashSignatures(normalized), rows: rows, to: path)
                bytes += try BandRunFile.header(of: path).fileSize
            } catch {
                print("error: \(error)")
                return
            }
        }
    }
    print(
        String(
            format: "wrote %d runs, %.1f MB (%.1f MB of normalised text) in %.1f s, %.0f texts/s; peak RSS %.0f MB",
            fileCount, Double(bytes) / 1e6, Double(textBytes) / 1e6, elapsed, Double(textCount) / elapsed,
            peakResidentMegabytes()))
}

/// Merges the band runs (`*.bandrun`) of `folder` and connects the rows of every group by union–find.
func bandRunsMergeBench(folder: String) {
    let environment = ProcessInfo.processInfo.environment
    print(
        "assay band-runs merge — \(folder), OPENBLAS_CORETYPE=\(environment["OPENBLAS_CORETYPE"] ?? "(unset)"), "
            + "load \(loadAverage())")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
        $0.hasSuffix(".bandrun")
    }
    let paths = names.sorted().map { folder + "/" + $0 }
    var totals = BandRunMerge.Totals()
    var components = 0
    var connectedRows = 0
    var fileBytes = 0
    var rowCount = 0
    var exact = (copies: 0, connected: 0)
    var near = (copies: 0, connected: 0)
    var merging = 0.0
    let startRSS = peakResidentMegabytes()
    let elapsed = seconds {
        do {
            let headers = try paths.map(BandRunFile.header(of:))
            fileBytes = headers.reduce(0) { $0 + $1.fileSize }
            rowCount = headers.reduce(0) { $0 + $1.textCount }
            var rows = RowComponents(count: rowCount)
            let start = DispatchTime.now().uptimeNanoseconds
            totals = try BandRunMerge.forEachGroup(of: paths) { group in
                guard let last = group.rows.last, last < rowCount else {
                    throw AssayError(.input, "a group holds a row beyond the \(rowCount) texts of the runs")
                }
                for row in group.rows.dropFirst() { rows.union(group.rows[0], row) }
            }
            merging = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            (components, connectedRows) = rows.componentsOfTwoOrMore()
            let texts = BenchTexts()
            for row in 0..<rowCount {
                guard let copy = texts.copy(row: row) else { continue }
                let together = rows.root(row) == rows.root(copy.source)
                if copy.exact {
                    exact.copies += 1
                    exact.connected += together ? 1 : 0
                } else {
                    near.copies += 1
                    near.connected += together ? 1 : 0
                }
            }
        } catch {
            print("error: \(error)")
        }
    }
    print(
        String(
            format:
                "merged %d runs (%.1f MB, %d texts) in %.1f s with union–find (%.1f s in all, with the components "
                + "and the check of the copies): %d records (%.1f M/s), %d groups (largest %d rows)",
            totals.files, Double(fileBytes) / 1e6, totals.texts, merging, elapsed, totals.records,
            Double(totals.records) / merging / 1e6, totals.groups, totals.largestGroup))
    print(
        "connected components of the candidate pairs: \(components) of two rows or more, \(connectedRows) rows in them")
    print(
        "injected copies in one component with their source: exact \(exact.connected) of \(exact.copies), "
            + "one word changed \(near.connected) of \(near.copies)")
    print(
        String(format: "peak RSS %.0f MB (VmHWM ", peakResidentMegabytes()) + highWaterMark()
            + String(
                format: "), %.0f MB before the merge; buffers %d × %d KiB", startRSS, paths.count,
                BandRunMerge.defaultBufferBytes / 1024))
}

/// The generated texts of the band-run bench: row r's text depends on r alone.
struct BenchTexts: Sendable {
    /// 100,000 distinct words of 3–9 random lower-case letters.
    let words: [String]

    init() {
        var random = SeededRandom(seed: 11, stream: "bench/band-runs/words")
        var words: [String] = []
        var seen = Set<String>()
        while words.count < 100_000 {
            let length = 3 + random.below(7)
            let word = String(String.UnicodeScalarView((0..<length).map { _ in letter(random.below(26)) }))
            if seen.insert(word).inserted { words.append(word) }
        }
        self.words = words
    }

    /// The source of row `row` when it is a copy: an exact copy, or one with one word changed.
    func copy(row: Int) -> (source: Int, exact: Bool)? {
        var random = generator(row)
        let kind = random.below(100)
        guard row > 0, kind < 4 else { return nil }
        return (random.below(row), kind == 0)
    }

    /// Row `row`'s text: 40–80 characters of words, the first capitalised, ending with a full stop; or a copy of
    /// an earlier row's text, exact or with one word changed.
    func text(row: Int) -> String {
        var random = generator(row)
        let kind = random.below(100)
        if row > 0, kind < 4 {
            let source = text(row: random.below(row))
            guard kind != 0 else { return source }
            var parts = source.dropLast().split(separator: " ").map(String.init)
            let position = random.below(parts.count)
            parts[position] = words[random.below(words.count)]
            return parts.joined(separator: " ") + "."
        }
        let target = 40 + random.below(41)
        var text = words[random.below(words.count)].capitalized
        while true {
            let word = words[random.below(words.count)]
            if text.utf8.count + 1 + word.utf8.count + 1 > 80 || text.utf8.count >= target { break }
            text += " " + word
        }
        return text + "."
    }

    private func generator(_ row: Int) -> SeededRandom {
        SeededRandom(seed: 0xBA4D_0000 ^ StableHash.finalize(UInt64(row)))
    }
}

/// The lower-case letter `index` (0 is "a").
private func letter(_ index: Int) -> Unicode.Scalar {
    Unicode.Scalar(UInt8(ascii: "a") + UInt8(index))
}

/// Union–find over rows 0 ..< count with UInt32 parents (4 bytes a row), path halving, the smaller root
/// winning.
struct RowComponents {
    private var parent: [UInt32]

    init(count: Int) {
        precondition(count <= Int(UInt32.max), "at most 2³² − 1 rows")
        parent = (0..<count).map { UInt32($0) }
    }

    mutating func root(_ row: Int) -> Int {
        var row = row
        while Int(parent[row]) != row {
            parent[row] = parent[Int(parent[row])]
            row = Int(parent[row])
        }
        return row
    }

    mutating func union(_ a: Int, _ b: Int) {
        let (x, y) = (root(a), root(b))
        if x < y { parent[y] = UInt32(x) } else if y < x { parent[x] = UInt32(y) }
    }

    /// The components of two rows or more, and the rows in them.
    mutating func componentsOfTwoOrMore() -> (components: Int, rows: Int) {
        var isRootOfMore = [Bool](repeating: false, count: parent.count)
        var rows = 0
        for row in 0..<parent.count {
            let top = root(row)
            if top != row {
                isRootOfMore[top] = true
                rows += 1
            }
        }
        let components = isRootOfMore.count { $0 }
        return (components, rows + components)
    }
}

/// The process's peak resident set, as /proc/self/status's VmHWM gives it.
private func highWaterMark() -> String {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "unknown" }
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
    return line.map { $0.dropFirst(6).trimmingCharacters(in: .whitespaces) } ?? "unknown"
}
