import AssayCore
import Foundation

/// The texts `StaticDistiller` aligns the static table on: the resource `alignment-corpus.jsonl`, one JSON
/// object per line with the `text` and the `source` it was copied from (`file:line` in `fixtures/data`).
/// `scripts/make-alignment-corpus.py` writes it; `fixtures/README.md` gives the datasets' licences.
struct AlignmentCorpus {
    /// The texts, in file order.
    let texts: [String]
    /// SHA-256 of the file's bytes, lowercase hex.
    let sha256: String

    private struct Line: Decodable {
        let text: String
    }

    /// Reads the corpus from the module's resource bundle.
    ///
    /// - Throws: `AssayError` (`.runtime`) when the resource is missing or a line is not a JSON object
    ///   with a string `text`.
    static func load() throws -> AlignmentCorpus {
        guard let url = Bundle.module.url(forResource: "alignment-corpus", withExtension: "jsonl") else {
            throw AssayError(
                .runtime,
                "the alignment corpus is missing from the resource bundle \(Bundle.module.bundlePath); install the assay binary together with its Assay_AssayEmbed.resources folder"
            )
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw AssayError(.runtime, file: url.path, "cannot be read (\(error.localizedDescription))")
        }
        let decoder = JSONDecoder()
        var texts: [String] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let parsed = try? decoder.decode(Line.self, from: Data(line)) else {
                throw AssayError(.runtime, file: url.path, line: index + 1, field: "text", "is not a JSON string")
            }
            texts.append(parsed.text)
        }
        return AlignmentCorpus(texts: texts, sha256: StaticDistiller.sha256(data))
    }
}
