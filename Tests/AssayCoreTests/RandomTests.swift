import Testing

@testable import AssayCore

/// `SeededRandom` and `StableHash`: the same numbers on every machine.
@Suite struct RandomTests {
    func draws(_ random: inout SeededRandom, _ count: Int) -> [UInt64] {
        (0..<count).map { _ in random.next() }
    }

    @Test func sameSeedAndStreamGiveTheSameSequence() {
        var a = SeededRandom(seed: 13, stream: "bootstrap")
        var b = SeededRandom(seed: 13, stream: "bootstrap")
        #expect(draws(&a, 100) == draws(&b, 100))
    }

    @Test func defaultStreamIsTheEmptyStream() {
        var a = SeededRandom(seed: 7)
        var b = SeededRandom(seed: 7, stream: "")
        #expect(draws(&a, 10) == draws(&b, 10))
    }

    @Test func differentStreamsOrSeedsGiveDifferentSequences() {
        var base = SeededRandom(seed: 13, stream: "bootstrap")
        var otherStream = SeededRandom(seed: 13, stream: "subsample")
        var otherSeed = SeededRandom(seed: 14, stream: "bootstrap")
        let reference = draws(&base, 100)
        // Two independent 64-bit sequences agree at a position with probability 2⁻⁶⁴.
        let sameAsOtherStream = zip(reference, draws(&otherStream, 100)).filter { $0 == $1 }.count
        let sameAsOtherSeed = zip(reference, draws(&otherSeed, 100)).filter { $0 == $1 }.count
        #expect(sameAsOtherStream == 0)
        #expect(sameAsOtherSeed == 0)
    }

    @Test func xoshiroOutputMatchesTheReferenceAlgorithm() {
        // SeededRandom XORs the seed with StableHash.string(stream); StableHash.string("") is
        // SplitMix64's finaliser of the FNV offset basis, 0xF52A15E9A9B5E89B (computed with a separate
        // Python implementation). With that seed the mixer starts at 0, so the state is SplitMix64's
        // first four outputs for seed 0 (published: 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4,
        // 0x06C45D188009454F, 0xF88BB8A8724C81EC), and xoshiro256** from that state (reference C
        // algorithm, re-implemented in Python) begins with these three outputs.
        var random = SeededRandom(seed: 0xF52A_15E9_A9B5_E89B)
        #expect(draws(&random, 3) == [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0])
    }

    @Test(arguments: [1, 2, 3, 6, 7, 10, 1000, 1 << 40, Int.max])
    func belowStaysInRange(bound: Int) {
        var random = SeededRandom(seed: 99, stream: "below-\(bound)")
        var outside = 0
        for _ in 0..<10_000 {
            let value = random.below(bound)
            if value < 0 || value >= bound { outside += 1 }
        }
        #expect(outside == 0)
    }

    @Test func belowOneIsAlwaysZero() {
        var random = SeededRandom(seed: 1)
        #expect((0..<100).allSatisfy { _ in random.below(1) == 0 })
    }

    @Test func belowSixIsRoughlyUniform() {
        // 60,000 draws: each face expects 10,000 with standard deviation √(60,000 · 1/6 · 5/6) ≈ 91,
        // so ±600 is more than 6.5 standard deviations.
        var random = SeededRandom(seed: 2024, stream: "dice")
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[random.below(6)] += 1 }
        #expect(counts.reduce(0, +) == 60_000)
        for (face, count) in counts.enumerated() {
            #expect(abs(count - 10_000) <= 600, "face \(face): \(count)")
        }
    }
}

/// `StableHash` pinned to published FNV-1a and SplitMix64 values.
@Suite struct StableHashTests {
    @Test func fnvConstantsAreTheStandard64BitOnes() {
        // FNV-1a 64: offset basis 14695981039346656037, prime 2⁴⁰ + 2⁸ + 0xB3 = 1099511628211.
        #expect(StableHash.fnvOffset == 0xCBF2_9CE4_8422_2325)
        #expect(StableHash.fnvPrime == 0x0000_0100_0000_01B3)
        #expect(StableHash.fnvPrime == (1 << 40) + (1 << 8) + 0xB3)
    }

    @Test func finalizeMapsZeroToZero() {
        // z = 0: 0 ^ (0 >> 30) = 0, 0 · c = 0, and so on: every step keeps 0.
        #expect(StableHash.finalize(0) == 0)
    }

    @Test func finalizeIsSplitMix64sMixer() {
        // SplitMix64 seeded with 0 returns finalize(γ) then finalize(2γ), γ = 0x9E3779B97F4A7C15;
        // the reference implementation's first two outputs are 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4.
        #expect(StableHash.finalize(0x9E37_79B9_7F4A_7C15) == 0xE220_A839_7B1D_CDAF)
        #expect(StableHash.finalize(0x3C6E_F372_FE94_F82A) == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func stringHashIsFinalisedFNV1a() {
        // FNV-1a 64 test vectors: "" → offset basis, "a" → 0xAF63DC4C8601EC8C, "foobar" → 0x85944171F73967E8.
        #expect(StableHash.string("") == StableHash.finalize(0xCBF2_9CE4_8422_2325))
        #expect(StableHash.string("a") == StableHash.finalize(0xAF63_DC4C_8601_EC8C))
        #expect(StableHash.string("foobar") == StableHash.finalize(0x8594_4171_F739_67E8))
        // The finalised empty-string hash, computed separately in Python.
        #expect(StableHash.string("") == 0xF52A_15E9_A9B5_E89B)
    }

    @Test func bytesHashIsFinalisedFNV1aToo() {
        // FNV-1a 64 of "a" is 0xAF63DC4C8601EC8C; of "foobar", 0x85944171F73967E8.
        Array("a".utf8).withUnsafeBufferPointer {
            #expect(StableHash.bytes($0) == StableHash.finalize(0xAF63_DC4C_8601_EC8C))
        }
        Array("foobar".utf8).withUnsafeBufferPointer {
            #expect(StableHash.bytes($0) == StableHash.finalize(0x8594_4171_F739_67E8))
        }
        [UInt8]().withUnsafeBufferPointer { #expect(StableHash.bytes($0) == 0xF52A_15E9_A9B5_E89B) }
    }

    @Test func stringHashDependsOnOrderAndBytes() {
        #expect(StableHash.string("ab") != StableHash.string("ba"))
        // Canonically equal strings with different bytes hash differently: é vs e + U+0301.
        #expect(StableHash.string("\u{E9}") != StableHash.string("e\u{301}"))
        #expect(StableHash.string("stable") == StableHash.string("stable"))
    }

    @Test func extendDependsOnOrder() {
        let a = StableHash.string("a")
        let b = StableHash.string("b")
        #expect(StableHash.extend(a, with: b) != StableHash.extend(b, with: a))
    }
}

/// `Sampling`: subsamples, bootstrap resamples and quantiles.
@Suite struct SamplingTests {
    @Test(arguments: [(0, 10), (1, 1), (3, 10), (10, 100), (99, 100), (100, 100)])
    func withoutReplacementGivesSortedDistinctIndices(count: Int, population: Int) {
        var random = SeededRandom(seed: 5, stream: "sample")
        let sample = Sampling.withoutReplacement(count, from: population, using: &random)
        #expect(sample.count == count)
        #expect(sample == sample.sorted())
        #expect(Set(sample).count == count)
        #expect(sample.allSatisfy { (0..<population).contains($0) })
    }

    @Test func wholePopulationIsEveryIndex() {
        var random = SeededRandom(seed: 5)
        #expect(Sampling.withoutReplacement(5, from: 5, using: &random) == [0, 1, 2, 3, 4])
    }

    @Test func withoutReplacementIsDeterministicForASeed() {
        var a = SeededRandom(seed: 21, stream: "s")
        var b = SeededRandom(seed: 21, stream: "s")
        #expect(
            Sampling.withoutReplacement(50, from: 1000, using: &a)
                == Sampling.withoutReplacement(50, from: 1000, using: &b))
    }

    @Test func withoutReplacementIncludesEveryIndexAboutEquallyOften() {
        // 20,000 samples of 5 of 10: each index is in a sample with probability 1/2, so it is
        // expected 10,000 times with standard deviation √(20,000 · ½ · ½) ≈ 71; ±500 is 7σ.
        var random = SeededRandom(seed: 8, stream: "inclusion")
        var counts = [Int](repeating: 0, count: 10)
        for _ in 0..<20_000 {
            for index in Sampling.withoutReplacement(5, from: 10, using: &random) { counts[index] += 1 }
        }
        for (index, count) in counts.enumerated() {
            #expect(abs(count - 10_000) <= 500, "index \(index): \(count)")
        }
    }

    @Test func withReplacementDrawsTheRequestedCountInRange() {
        var random = SeededRandom(seed: 3, stream: "bootstrap")
        let sample = Sampling.withReplacement(1000, from: 3, using: &random)
        #expect(sample.count == 1000)
        #expect(sample.allSatisfy { (0..<3).contains($0) })
        // 1,000 draws from 3 values must repeat (pigeonhole); with p = 1/3 each value turns up.
        #expect(Set(sample) == [0, 1, 2])
        var empty = SeededRandom(seed: 3)
        #expect(Sampling.withReplacement(0, from: 3, using: &empty).isEmpty)
    }

    /// (sorted sample, q, NumPy `quantile(..., method="linear")`, worked out by hand).
    @Test(arguments: [
        // position = q · (n − 1); value = x[⌊p⌋] + (x[⌊p⌋ + 1] − x[⌊p⌋]) · (p − ⌊p⌋).
        ([1.0, 2, 3, 4], 0.25, 1.75),  // p = 0.75: 1 + 1 · 0.75
        ([1.0, 2, 3, 4], 0.975, 3.925),  // p = 2.925: 3 + 1 · 0.925
        ([1.0, 2, 3, 4], 0.5, 2.5),  // p = 1.5: 2 + 1 · 0.5
        ([1.0, 2, 3, 4], 0.0, 1.0),  // p = 0
        ([1.0, 2, 3, 4], 1.0, 4.0),  // p = 3: the last element
        ([10.0, 20, 30], 0.9, 28.0),  // p = 1.8: 20 + 10 · 0.8
        ([-1.0, 0, 5], 0.75, 2.5),  // p = 1.5: 0 + 5 · 0.5
        ([5.0], 0.0, 5.0),
        ([5.0], 0.5, 5.0),
        ([5.0], 1.0, 5.0),
    ])
    func quantileMatchesNumPyLinear(sample: [Double], q: Double, expected: Double) {
        #expect(abs(Sampling.quantile(sample, q) - expected) < 1e-12)
    }
}

/// `MersenneTwister` against C++'s `std::mt19937` and faiss's `rand_perm`.
struct MersenneTwisterTests {
    // The C++ standard ([rand.predef]) fixes the 10,000th output of a default-constructed std::mt19937
    // (seed 5489) at 4123659995; NumPy's RandomState(5489), the same generator and seeding, starts
    // 3499211612, 581869302, 3890346734.
    @Test func outputsAreStdMt19937s() {
        var generator = MersenneTwister(seed: 5489)
        #expect([generator.next(), generator.next(), generator.next()] == [3_499_211_612, 581_869_302, 3_890_346_734])
        for _ in 3..<9999 { _ = generator.next() }
        #expect(generator.next() == 4_123_659_995)
    }

    // faiss 1.15.1's own rand_perm (faiss.rand_perm through its Python binding) for these sizes and seeds:
    // 28 is the first restart of mauve-text's default (clustering seed 27 + 1), 15486585 = 28 + 15486557
    // its second.
    @Test func permutationsAreFaissRandPerm() {
        #expect(MersenneTwister.permutation(10, seed: 28) == [7, 6, 0, 5, 1, 9, 3, 8, 2, 4])
        #expect(MersenneTwister.permutation(7, seed: 15_486_585) == [3, 4, 5, 0, 2, 1, 6])
        #expect(MersenneTwister.permutation(1, seed: 3) == [0])
    }
}
