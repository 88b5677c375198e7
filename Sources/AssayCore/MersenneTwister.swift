/// The 32-bit Mersenne Twister MT19937 (Matsumoto & Nishimura 1998), as C++'s `std::mt19937`.
///
/// Assay's own draws use `SeededRandom`; this generator exists to reproduce another tool's choices
/// exactly: faiss seeds k-means from `std::mt19937`, so drawing the same initial centres as
/// mauve-text's clustering needs the same stream.
public struct MersenneTwister: Sendable {
    private var state: [UInt32]
    private var index: Int

    /// The generator `std::mt19937(seed)` makes.
    public init(seed: UInt32) {
        var state = [UInt32](repeating: 0, count: 624)
        state[0] = seed
        for i in 1..<624 {
            state[i] = 1_812_433_253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i)
        }
        self.state = state
        self.index = 624
    }

    /// The next 32-bit output.
    public mutating func next() -> UInt32 {
        if index == 624 { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// faiss's `RandomGenerator::rand_int(max)`: the next output modulo `bound`.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next() % UInt32(truncatingIfNeeded: bound))
    }

    /// faiss's `RandomGenerator::rand_float()`: the next output divided by 2³² − 1, in `Float`.
    public mutating func nextFloat() -> Float {
        Float(next()) / Float(UInt32.max)
    }

    /// faiss's `rand_perm`: 0..<n shuffled by Fisher–Yates from the front, position i swapped with
    /// i + `below(n − i)`, from `std::mt19937(seed)`.
    ///
    /// - Complexity: O(n).
    public static func permutation(_ n: Int, seed: UInt32) -> [Int] {
        var generator = MersenneTwister(seed: seed)
        var permutation = Array(0..<n)
        var i = 0
        while i + 1 < n {
            permutation.swapAt(i, i + generator.below(n - i))
            i += 1
        }
        return permutation
    }

    private mutating func twist() {
        for i in 0..<624 {
            let y = (state[i] & 0x8000_0000) | (state[(i + 1) % 624] & 0x7FFF_FFFF)
            state[i] = state[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : 0x9908_B0DF)
        }
        index = 0
    }
}
