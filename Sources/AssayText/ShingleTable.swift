/// A set of shingle hashes (already well mixed) by open addressing, emptied in O(1) between texts, with a
/// mark per member for counting each member of an intersection once.
///
/// A slot belongs to the current set when its stamp is the set's generation; a member is marked when its
/// mark is the current round. Emptying the set or starting a round only increments a counter.
struct ShingleTable {
    private var keys: [UInt64] = []
    private var stamps: [UInt32] = []
    private var marks: [UInt32] = []
    private var generation: UInt32 = 1
    private var round: UInt32 = 1
    private var mask = -1
    /// The number of members.
    private(set) var count = 0

    /// Empties the set, with room for `capacity` members at a load of at most one half.
    mutating func removeAll(keepingCapacityFor capacity: Int) {
        count = 0
        if keys.count < 2 * capacity || generation == UInt32.max {
            var size = 16
            while size < 2 * capacity { size <<= 1 }
            size = max(size, keys.count)
            keys = [UInt64](repeating: 0, count: size)
            stamps = [UInt32](repeating: 0, count: size)
            marks = [UInt32](repeating: 0, count: size)
            mask = size - 1
            generation = 1
            round = 1
        } else {
            generation += 1
        }
    }

    /// Adds `key`; whether it was new. The set must have room (`removeAll(keepingCapacityFor:)`).
    @inline(__always)
    mutating func insert(_ key: UInt64) -> Bool {
        var position = Int(truncatingIfNeeded: key) & mask
        while stamps[position] == generation {
            if keys[position] == key { return false }
            position = (position + 1) & mask
        }
        stamps[position] = generation
        keys[position] = key
        marks[position] = 0
        count += 1
        return true
    }

    /// Starts a new round of marks: every member unmarked.
    mutating func unmarkAll() {
        if round == UInt32.max {
            for i in 0..<marks.count { marks[i] = 0 }
            round = 0
        }
        round += 1
    }

    /// Marks `key` if it is a member not yet marked this round; whether it did.
    @inline(__always)
    mutating func mark(_ key: UInt64) -> Bool {
        guard count > 0 else { return false }
        var position = Int(truncatingIfNeeded: key) & mask
        while stamps[position] == generation {
            if keys[position] == key {
                if marks[position] == round { return false }
                marks[position] = round
                return true
            }
            position = (position + 1) & mask
        }
        return false
    }
}
