extension ShardState {
    /// The state of every file `states` read: counts added, files and notes united, and the `sampleLimit`
    /// smallest keys of the samples' union, which is the bottom-k sample of every row (a row among the k
    /// smallest keys of all rows is among the k smallest of its own state).
    ///
    /// Associative and commutative: every field is a sum, a union or the k smallest of a union, kept in a
    /// fixed order, so any order and grouping of the same states gives the same state, and the same bytes.
    /// - Parameter paths: each state's file, for the errors.
    /// - Throws: `AssayError(.input)` when states were read or sampled differently, or two hold one file.
    /// - Complexity: O(S · k · log S) for S states, plus the counts.
    public static func merging(_ states: [ShardState], paths: [String]) throws -> ShardState {
        precondition(!states.isEmpty && states.count == paths.count, "one path per state, and at least one state")
        var merged = states[0]
        var holder = Dictionary(merged.files.map { ($0.sha256, paths[0]) }, uniquingKeysWith: { first, _ in first })
        for (state, path) in zip(states, paths).dropFirst() {
            guard state.settings == merged.settings else {
                throw AssayError(
                    .input, file: path,
                    "was sharded with other settings than \(paths[0]) (\(difference(state.settings, merged.settings))); shard every file with the same options"
                )
            }
            for file in state.files {
                if let other = holder[file.sha256] {
                    throw AssayError(
                        .input, file: path,
                        "and \(other) both hold \(file.path) (SHA-256 \(file.sha256.prefix(12))…); a file merged twice would count its rows twice"
                    )
                }
                holder[file.sha256] = path
            }
            merged.files += state.files
            merged.rows += state.rows
            merged.emptyTexts += state.emptyTexts
            if let labels = state.labels {
                merged.labels = (merged.labels ?? [:]).merging(labels, uniquingKeysWith: +)
            }
            for (field, counts) in state.attributes {
                merged.attributes[field] = (merged.attributes[field] ?? [:]).merging(counts, uniquingKeysWith: +)
            }
            merged.notes += state.notes
            merged.sample += state.sample
        }
        merged.files.sort { ($0.path, $0.sha256) < ($1.path, $1.sha256) }
        merged.notes = Array(Set(merged.notes)).sorted()
        merged.sample.sort { ($0.key, $0.file, $0.row) < ($1.key, $1.file, $1.row) }
        merged.sample = Array(merged.sample.prefix(merged.settings.sampleLimit))
        return merged
    }

    /// The settings that differ, for the error.
    private static func difference(_ a: ShardSettings, _ b: ShardSettings) -> String {
        var parts: [String] = []
        if a.seed != b.seed { parts.append("seed \(a.seed) vs \(b.seed)") }
        if a.sampleLimit != b.sampleLimit { parts.append("sample \(a.sampleLimit) vs \(b.sampleLimit)") }
        if a.textFields != b.textFields {
            parts.append("text fields \(a.textFields.joined(separator: ",")) vs \(b.textFields.joined(separator: ","))")
        }
        if a.labelField != b.labelField {
            parts.append("label field \(a.labelField ?? "none") vs \(b.labelField ?? "none")")
        }
        if a.attributeFields != b.attributeFields {
            parts.append(
                "attribute fields \(a.attributeFields.joined(separator: ",")) vs \(b.attributeFields.joined(separator: ","))"
            )
        }
        if a.layout != b.layout || a.part != b.part {
            parts.append(
                "shape \(a.layout?.rawValue ?? "text")/\(a.part?.rawValue ?? "-") vs \(b.layout?.rawValue ?? "text")/\(b.part?.rawValue ?? "-")"
            )
        }
        if a.scorer != b.scorer {
            parts.append(
                "scorer \(a.scorer.map { String($0.sha256.prefix(12)) } ?? "none") vs \(b.scorer.map { String($0.sha256.prefix(12)) } ?? "none")"
            )
        }
        return parts.joined(separator: "; ")
    }
}
