import AssayCore

/// The b · r MinHash functions hᵢ(x) = (aᵢ · x + cᵢ) mod 2³² in `SIMD8` lanes, and the band keys they give.
///
/// The values are compared as signed 32-bit integers, which orders them as the unsigned values
/// (aᵢ · x + cᵢ + 2³¹) mod 2³², the same family with cᵢ shifted: baseline x86-64 (SSE2) has a signed
/// 32-bit compare but no unsigned one, and this halves the cost of the minimum.
struct MinHasher: Sendable {
    let options: MinHashOptions
    private let multipliers: [SIMD8<Int32>]
    private let increments: [SIMD8<Int32>]

    init(_ options: MinHashOptions) {
        self.options = options
        var random = SeededRandom(seed: options.seed, stream: "minhash")
        var multipliers: [SIMD8<Int32>] = []
        var increments: [SIMD8<Int32>] = []
        for _ in 0..<((options.hashCount + 7) / 8) {
            var a = SIMD8<Int32>()
            var c = SIMD8<Int32>()
            for lane in 0..<8 {
                let bits = random.next()
                a[lane] = Int32(truncatingIfNeeded: bits) | 1
                c[lane] = Int32(truncatingIfNeeded: bits >> 32)
            }
            multipliers.append(a)
            increments.append(c)
        }
        self.multipliers = multipliers
        self.increments = increments
    }

    /// The number of `SIMD8` vectors of the signature.
    var vectorCount: Int { multipliers.count }

    /// Writes the MinHash signature of the shingle hashes `hashes` (not empty) into `signature`: lane i
    /// holds minₓ hᵢ(x) over the low 32 bits x of each hash.
    ///
    /// The hot loop. Two 8-lane vectors of functions are done per pass over the hashes, their minima kept
    /// in registers; with 5-scalar shingles of short texts it runs at about 1.5 µs per 80-character text
    /// and 100 functions on one core.
    /// - Complexity: O(hashes.count · b · r).
    @inline(__always)
    func signature(_ hashes: UnsafeBufferPointer<UInt64>, into signature: UnsafeMutableBufferPointer<SIMD8<Int32>>) {
        multipliers.withUnsafeBufferPointer { multipliers in
            increments.withUnsafeBufferPointer { increments in
                var v = 0
                while v + 2 <= multipliers.count {
                    let (a0, c0, a1, c1) = (multipliers[v], increments[v], multipliers[v + 1], increments[v + 1])
                    var low0 = SIMD8<Int32>(repeating: .max)
                    var low1 = low0
                    for hash in hashes {
                        let x = SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: hash))
                        let value0 = a0 &* x &+ c0
                        let value1 = a1 &* x &+ c1
                        low0 = low0.replacing(with: value0, where: value0 .< low0)
                        low1 = low1.replacing(with: value1, where: value1 .< low1)
                    }
                    signature[v] = low0
                    signature[v + 1] = low1
                    v += 2
                }
                if v < multipliers.count {
                    let (a, c) = (multipliers[v], increments[v])
                    var low = SIMD8<Int32>(repeating: .max)
                    for hash in hashes {
                        let value = a &* SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: hash)) &+ c
                        low = low.replacing(with: value, where: value .< low)
                    }
                    signature[v] = low
                }
            }
        }
    }

    /// The key of each band of `signature`: its r values hashed into 64 bits with the band's number.
    @inline(__always)
    func bandKeys(_ signature: UnsafeMutableBufferPointer<SIMD8<Int32>>, _ body: (Int, UInt64) -> Void) {
        let rows = options.rowsPerBand
        UnsafeRawBufferPointer(signature).withMemoryRebound(to: UInt32.self) { values in
            for band in 0..<options.bands {
                var key = StableHash.finalize(UInt64(band) &+ 0x9E37_79B9_7F4A_7C15)
                for row in (band * rows)..<(band * rows + rows) {
                    key = StableHash.extend(key, with: UInt64(values[row]))
                }
                body(band, key)
            }
        }
    }
}
