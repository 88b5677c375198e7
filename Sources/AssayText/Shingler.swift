import AssayCore

/// The shingle hashes of texts, with scratch buffers reused from text to text.
struct Shingler {
    let size: Int
    private var scalars: [UInt32] = []
    /// The hashes of the last text's shingles, in text order, repeats included (after `shingle`), or its
    /// shingle set (after `distinctShingles` or `shingleSet`).
    private(set) var hashes: [UInt64] = []
    /// The shingle set of the last `distinctShingles` text, for membership tests.
    var table = ShingleTable()

    init(size: Int) {
        self.size = size
    }

    /// Fills `hashes` with the hash of every run of `size` consecutive scalars of `text` (the whole text
    /// when it is shorter; nothing when it is empty).
    ///
    /// A shingle's hash is FNV-1a over its scalar values, one 32-bit value per step, then the SplitMix64
    /// finaliser (`StableHash.finalize`).
    /// - Complexity: O(ℓ · size) for ℓ scalars.
    mutating func shingle(_ text: String) {
        scalars.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        var text = text
        text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte < 0x80 {
                    scalars.append(UInt32(byte))
                    i += 1
                } else {
                    let (scalar, length) = UTF8Scalar.decode(bytes, at: i)
                    scalars.append(scalar.value)
                    i += length
                }
            }
        }
        guard !scalars.isEmpty else { return }
        let width = min(size, scalars.count)
        scalars.withUnsafeBufferPointer { scalars in
            for start in 0...(scalars.count - width) {
                var hash = StableHash.fnvOffset
                for k in start..<(start + width) { hash = (hash ^ UInt64(scalars[k])) &* StableHash.fnvPrime }
                hashes.append(StableHash.finalize(hash))
            }
        }
    }

    /// Fills `hashes` with the shingle set of `text` in order of first occurrence, and `table` with the same set.
    ///
    /// - Complexity: O(ℓ · size) for ℓ scalars.
    mutating func distinctShingles(_ text: String) {
        shingle(text)
        table.removeAll(keepingCapacityFor: hashes.count)
        var kept = 0
        for i in 0..<hashes.count where table.insert(hashes[i]) {
            hashes[kept] = hashes[i]
            kept += 1
        }
        hashes.removeLast(hashes.count - kept)
    }

    /// Fills `hashes` with the shingle set of `text`: its shingle hashes sorted, each once.
    ///
    /// - Complexity: O(ℓ log ℓ) for ℓ scalars.
    mutating func shingleSet(_ text: String) {
        shingle(text)
        sortAndRemoveDuplicates(&hashes)
    }
}

/// Sorts `values` ascending and keeps one of each, in place.
///
/// - Complexity: O(n log n).
func sortAndRemoveDuplicates(_ values: inout [UInt64]) {
    values.sort()
    var kept = 0
    for i in 0..<values.count where i == 0 || values[i] != values[kept - 1] {
        values[kept] = values[i]
        kept += 1
    }
    values.removeLast(values.count - kept)
}
