/// An open-addressing hash table from 64-bit keys (already well-mixed hashes) to dense slots
/// `0..<count`, in the order keys were first inserted.
///
/// Lexical metrics count millions of n-gram hashes; `Set<UInt64>` spends most of its time in
/// SipHash. Keys here are outputs of `StableHash`, so the table uses their low bits directly
/// with linear probing. Callers keep per-key data in their own arrays indexed by the slot.
public struct HashIndex: Sendable {
    private var keys: [UInt64]
    private var slots: [Int32]
    private var mask: Int
    /// The number of distinct keys inserted.
    public private(set) var count: Int = 0

    /// A table sized for about `expectedCount` keys without growing.
    public init(expectedCount: Int = 16) {
        var capacity = 16
        while capacity < expectedCount * 2 { capacity <<= 1 }
        keys = Array(repeating: 0, count: capacity)
        slots = Array(repeating: -1, count: capacity)
        mask = capacity - 1
    }

    /// The dense slot of `key`, inserting it if new; `inserted` tells which.
    ///
    /// - Complexity: amortised O(1).
    @inline(__always)
    public mutating func insert(_ key: UInt64) -> (slot: Int, inserted: Bool) {
        if count * 2 >= keys.count { grow() }
        var position = Int(truncatingIfNeeded: key) & mask
        while true {
            let slot = slots[position]
            if slot < 0 {
                keys[position] = key
                slots[position] = Int32(count)
                count += 1
                return (count - 1, true)
            }
            if keys[position] == key { return (Int(slot), false) }
            position = (position + 1) & mask
        }
    }

    /// The dense slot of `key`, or nil when it was never inserted.
    ///
    /// - Complexity: O(1) expected.
    @inline(__always)
    public func slot(of key: UInt64) -> Int? {
        var position = Int(truncatingIfNeeded: key) & mask
        while true {
            let slot = slots[position]
            if slot < 0 { return nil }
            if keys[position] == key { return Int(slot) }
            position = (position + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldSlots = slots
        let capacity = keys.count * 2
        keys = Array(repeating: 0, count: capacity)
        slots = Array(repeating: -1, count: capacity)
        mask = capacity - 1
        for (key, slot) in zip(oldKeys, oldSlots) where slot >= 0 {
            var position = Int(truncatingIfNeeded: key) & mask
            while slots[position] >= 0 { position = (position + 1) & mask }
            keys[position] = key
            slots[position] = slot
        }
    }
}
