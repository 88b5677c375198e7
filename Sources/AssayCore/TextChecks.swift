/// Small text utilities for input checking and messages.
enum TextChecks {
    /// The byte offset of the first invalid UTF-8 sequence in `bytes`, or nil when all is valid.
    ///
    /// - Complexity: O(bytes).
    static func firstInvalidUTF8Offset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        // The well-formed sequences of the Unicode Standard, Table 3-7; ASCII is skipped 8 bytes at a time.
        let count = bytes.count
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return nil }
        var index = 0
        @inline(__always) func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < count && range.contains(bytes[index + offset])
        }
        while index < count {
            if index + 8 <= count,
                base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
                continue
            }
            let lead = bytes[index]
            let width: Int
            switch lead {
            case 0x00...0x7F: width = 1
            case 0xC2...0xDF: width = continuation(1) ? 2 : 0
            case 0xE0: width = continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
            case 0xE1...0xEC, 0xEE...0xEF: width = continuation(1) && continuation(2) ? 3 : 0
            case 0xED: width = continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
            case 0xF0: width = continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
            case 0xF1...0xF3: width = continuation(1) && continuation(2) && continuation(3) ? 4 : 0
            case 0xF4: width = continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
            default: width = 0
            }
            if width == 0 { return index }
            index += width
        }
        return nil
    }

    /// The candidate closest to `name` by edit distance (case-insensitive), if it is close enough
    /// to be a plausible typo.
    static func closest(to name: String, in candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased()))
            if distance <= max(2, target.count / 3), distance < (best?.1 ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// Levenshtein distance.
    ///
    /// - Complexity: O(a.count · b.count).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// "`a`, `b`, `c`" for messages, at most `limit` names.
    static func list(_ names: [String], limit: Int = 8) -> String {
        let shown = names.prefix(limit).map { "'\($0)'" }.joined(separator: ", ")
        return names.count > limit ? shown + ", …" : shown
    }
}
