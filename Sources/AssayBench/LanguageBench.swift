import AssayCore
import AssayText
import Foundation

/// Language identification: accuracy per language on the held-out sentences of
/// `fixtures/data/language/heldout.jsonl` (Debian's translated man pages and fortunes; never seen by the profiles),
/// for sentences of 10+ words and of 3–9 words, with the commonest confusions; then throughput on `count` short
/// texts (held-out sentences cycled, so the mix of scripts and languages is theirs) on one core.
///
/// With `ASSAY_LANGUAGE_DUMP=FILE` in the environment it first writes every guess (language, script, letters) of
/// the held-out sentences, of each uppercased, of each run of 20 consecutive sentences joined (past the letter
/// limit), of each sentence joined to one of another language and of random texts of many scripts
/// (`languageStressTexts`), one a line, to diff the guesses of two builds.
func languageBench(count: Int, path: String = "fixtures/data/language/heldout.jsonl") {
    guard let data = FileManager.default.contents(atPath: path) else {
        print("language: \(path) is missing (run from the repository root)")
        return
    }
    var rows: [(text: String, label: String, words: Int)] = []
    for line in data.split(separator: UInt8(ascii: "\n")) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
            let text = object["text"] as? String, let label = object["label"] as? String,
            let words = object["words"] as? Int
        else { continue }
        rows.append((text, label, words))
    }
    let identifier = LanguageIdentifier()
    if let dump = ProcessInfo.processInfo.environment["ASSAY_LANGUAGE_DUMP"] {
        let texts = rows.map(\.text)
        let variants =
            texts + texts.map { $0.uppercased() }
            + texts.indices.map { texts[$0..<min($0 + 20, texts.count)].joined(separator: " ") }
            + texts.indices.map { texts[$0] + " " + texts[($0 + 7 * texts.count / 23) % texts.count] }
            + languageStressTexts(sentences: texts)
        let lines = variants.map { text in
            let guess = identifier.identify(text)
            return "\(guess.language)\t\(guess.script)\t\(guess.letters)\n"
        }
        _ = FileManager.default.createFile(atPath: dump, contents: Data(lines.joined().utf8))
        print("language: \(lines.count) guesses written to \(dump)")
    }
    var tallies: [String: (long: Int, longRight: Int, short: Int, shortRight: Int)] = [:]
    var confusions: [String: Int] = [:]
    for row in rows {
        let guess = identifier.identify(row.text).language
        var tally = tallies[row.label] ?? (0, 0, 0, 0)
        if row.words >= 10 {
            tally.long += 1
            tally.longRight += guess == row.label ? 1 : 0
        } else {
            tally.short += 1
            tally.shortRight += guess == row.label ? 1 : 0
        }
        tallies[row.label] = tally
        if guess != row.label { confusions["\(row.label)→\(guess)", default: 0] += 1 }
    }
    print("language identification on \(path): \(rows.count) held-out sentences")
    print("language  10+ words        3–9 words")
    func cell(_ right: Int, _ total: Int) -> String {
        total == 0 ? "—" : String(format: "%.3f (%d/%d)", Double(right) / Double(total), right, total)
    }
    var all = (0, 0, 0, 0)
    for (language, tally) in tallies.sorted(by: { $0.key < $1.key }) {
        print(
            language.padding(toLength: 10, withPad: " ", startingAt: 0)
                + cell(tally.longRight, tally.long).padding(toLength: 17, withPad: " ", startingAt: 0)
                + cell(tally.shortRight, tally.short))
        all = (all.0 + tally.long, all.1 + tally.longRight, all.2 + tally.short, all.3 + tally.shortRight)
    }
    print("all       " + cell(all.1, all.0).padding(toLength: 17, withPad: " ", startingAt: 0) + cell(all.3, all.2))
    let top = confusions.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(12)
    print("confusions: " + top.map { "\($0.key) \($0.value)" }.joined(separator: ", "))

    // Throughput: the held-out sentences cycled to `count` texts, one core.
    let texts = (0..<count).map { rows[$0 % rows.count].text }
    let bytes = texts.reduce(0) { $0 + $1.utf8.count }
    var undetermined = 0
    let elapsed = seconds {
        for text in texts where identifier.identify(text).language == LanguageIdentifier.undetermined {
            undetermined += 1
        }
    }
    print(
        String(
            format: "throughput: %d texts, %.1f MB, %.2f s on one core: %.1f MB/s, %.0f texts/s (%d undetermined)",
            count, Double(bytes) / 1e6, elapsed, Double(bytes) / 1e6 / elapsed, Double(count) / elapsed, undetermined))
}

/// Random texts that reach every path of the identifier: scalars of one block or of several (letters of many
/// scripts, combining marks, punctuation, symbols, emoji, astral letters) with held-out words among them, some
/// past the letter limit.
func languageStressTexts(sentences: [String], count: Int = 40_000) -> [String] {
    let blocks: [ClosedRange<UInt32>] = [
        0x20...0x7E, 0x80...0xFF, 0x100...0x24F, 0x250...0x2FF, 0x300...0x36F, 0x370...0x3FF, 0x400...0x52F,
        0x530...0x58F, 0x590...0x5FF, 0x600...0x6FF, 0x700...0x8FF, 0x900...0x97F, 0x980...0xDFF, 0xE00...0xEFF,
        0xF00...0x10FF, 0x1100...0x11FF, 0x1200...0x1DFF, 0x1E00...0x1EFF, 0x1F00...0x1FFF, 0x2000...0x206F,
        0x2070...0x2BFF, 0x2C00...0x2FFF, 0x3000...0x30FF, 0x3100...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xABFF,
        0xAC00...0xD7A3, 0xF900...0xFFFD, 0x10000...0x1D7FF, 0x1F300...0x1FAFF, 0x20000...0x2A6DF,
    ]
    var random = SeededRandom(seed: 11, stream: "bench/language-stress")
    return (0..<count).map { _ in
        let mixed = random.below(3) == 0
        var home = blocks[random.below(blocks.count)]
        let length = random.below(8) == 0 ? 1_200 + random.below(400) : 1 + random.below(60)
        var scalars = String.UnicodeScalarView()
        while scalars.count < length {
            switch random.below(10) {
            case 0:
                let sentence = sentences[random.below(sentences.count)]
                scalars.append(contentsOf: sentence.unicodeScalars.prefix(1 + random.below(30)))
            case 1: scalars.append(" ")
            default:
                if mixed { home = blocks[random.below(blocks.count)] }
                let value = home.lowerBound + UInt32(random.below(Int(home.upperBound - home.lowerBound) + 1))
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            }
        }
        return String(scalars)
    }
}
