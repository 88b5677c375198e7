/// A small, fast, seedable random number generator (xoshiro256**, seeded through SplitMix64).
///
/// Every random choice Assay makes (subsamples, bootstrap resamples, self-BLEU hypotheses) draws
/// from one of these, so the same inputs and seed give the same report on every machine.
/// Streams for different purposes are derived with `SeededRandom(seed:stream:)`, so adding a new
/// consumer never shifts the draws of an existing one.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator for `seed`, independent of the generators of other `stream` names.
    public init(seed: UInt64, stream: String = "") {
        var mixer = seed ^ StableHash.string(stream)
        state = (
            SeededRandom.splitMix(&mixer), SeededRandom.splitMix(&mixer),
            SeededRandom.splitMix(&mixer), SeededRandom.splitMix(&mixer)
        )
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-shift with rejection).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return StableHash.finalize(state)
    }

    private func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}

/// Hashes that are the same in every process and on every machine (unlike `Hasher`, which is
/// seeded per process): FNV-1a over bytes, and the SplitMix64 finaliser to mix 64-bit values.
public enum StableHash {
    public static let fnvOffset: UInt64 = 0xCBF2_9CE4_8422_2325
    public static let fnvPrime: UInt64 = 0x0000_0100_0000_01B3

    /// FNV-1a of the UTF-8 bytes of `string`, finalised.
    public static func string(_ string: String) -> UInt64 {
        var hash = fnvOffset
        for byte in string.utf8 {
            hash = (hash ^ UInt64(byte)) &* fnvPrime
        }
        return finalize(hash)
    }

    /// FNV-1a of `bytes`, finalised: the hash of a word.
    @inline(__always)
    public static func bytes(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = fnvOffset
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* fnvPrime }
        return finalize(hash)
    }

    /// The SplitMix64 finaliser: a bijection on 64 bits with full avalanche.
    @inline(__always)
    public static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Combines the hash of an n-gram with the hash of its next word into the (n+1)-gram's hash.
    @inline(__always)
    public static func extend(_ prefix: UInt64, with word: UInt64) -> UInt64 {
        finalize(prefix &* 0x9E37_79B9_7F4A_7C15 &+ word)
    }
}
