import Testing

@testable import AssayCore

/// `HashIndex`: 64-bit keys to dense slots in first-insert order.
@Suite struct HashIndexTests {
    @Test func insertReturnsDenseSlotsInFirstInsertOrder() {
        var index = HashIndex()
        #expect(index.insert(0xAAAA) == (slot: 0, inserted: true))
        #expect(index.insert(0x1234) == (slot: 1, inserted: true))
        // Zero is a key like any other.
        #expect(index.insert(0) == (slot: 2, inserted: true))
        #expect(index.count == 3)
    }

    @Test func reinsertReturnsTheSameSlotAndInsertedFalse() {
        var index = HashIndex()
        _ = index.insert(0xAAAA)
        _ = index.insert(0x1234)
        #expect(index.insert(0x1234) == (slot: 1, inserted: false))
        #expect(index.insert(0xAAAA) == (slot: 0, inserted: false))
        #expect(index.count == 2)
    }

    @Test func slotOfFindsInsertedKeysOnly() {
        var index = HashIndex()
        _ = index.insert(0xAAAA)
        _ = index.insert(0)
        #expect(index.slot(of: 0xAAAA) == 0)
        #expect(index.slot(of: 0) == 1)
        #expect(index.slot(of: 0x9999) == nil)
        #expect(HashIndex().slot(of: 0) == nil)
    }

    @Test func keysWithTheSameLowBitsProbeToDistinctSlots() {
        // The default table has 32 positions (mask 31): 5, 37 and 69 all start at position 5.
        var index = HashIndex()
        #expect(index.insert(5).slot == 0)
        #expect(index.insert(37).slot == 1)
        #expect(index.insert(69).slot == 2)
        #expect(index.slot(of: 5) == 0)
        #expect(index.slot(of: 37) == 1)
        #expect(index.slot(of: 69) == 2)
        #expect(index.slot(of: 101) == nil)
    }

    /// Distinct keys: multiplying by an odd constant is a bijection on 64 bits.
    static func key(_ i: Int, _ spread: Bool) -> UInt64 {
        spread ? UInt64(i) &* 0x9E37_79B9_7F4A_7C15 : UInt64(i)
    }

    @Test(arguments: [false, true])
    func growthPastTheInitialCapacityKeepsEveryKey(spread: Bool) {
        let n = 100_000
        var index = HashIndex(expectedCount: 1)
        for i in 0..<n {
            let (slot, inserted) = index.insert(Self.key(i, spread))
            if slot != i || !inserted {
                Issue.record("key \(i): slot \(slot), inserted \(inserted)")
                return
            }
        }
        #expect(index.count == n)
        var misplaced = 0
        for i in 0..<n where index.slot(of: Self.key(i, spread)) != i { misplaced += 1 }
        #expect(misplaced == 0)
        var reinserted = 0
        for i in stride(from: 0, to: n, by: 997) where index.insert(Self.key(i, spread)) != (i, false) {
            reinserted += 1
        }
        #expect(reinserted == 0)
        #expect(index.count == n)
        for i in n..<(n + 100) {
            #expect(index.slot(of: Self.key(i, spread)) == nil)
        }
    }
}
