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
/// limit) and of each sentence joined to one of another language, one a line, to diff the guesses of two builds.
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
