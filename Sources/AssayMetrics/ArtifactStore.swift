import Synchronization

/// The artifacts of one run, each computed on its first request and kept for the rest of the run, with a
/// ledger of how often each was requested and computed.
///
/// Safe to use from several threads: a key's value is computed under that key's own lock, so a second
/// request waits for the first instead of computing it again, while other keys (including the ones the
/// computation itself requests) proceed. An artifact must not request itself.
public final class ArtifactStore: Sendable {
    /// A key with its value type, so keys of the same name and parameters but different types stay apart.
    private struct StoredKey: Hashable {
        let type: ObjectIdentifier
        let name: String
        let parameters: [String: ArtifactParameter]
    }

    /// One key's value and its ledger.
    private final class Slot: Sendable {
        struct State {
            var value: (any Sendable)?
            var requests = 0
            var computations = 0
        }
        let state = Mutex(State())
    }

    private let slots = Mutex<[StoredKey: (description: String, slot: Slot)]>([:])

    public init() {}

    /// The value of `key`: `compute()`'s result the first time, the stored value after.
    ///
    /// - Complexity: O(size of the key's parameters) plus, the first time, `compute`'s cost.
    public func value<Value>(_ key: ArtifactKey<Value>, compute: () -> Value) -> Value {
        let slot = self.slot(key)
        return slot.state.withLock { state -> Value in
            state.requests += 1
            if let stored = state.value {
                // The key holds the value type, so a stored value is always a `Value`.
                guard let value = stored as? Value else { preconditionFailure("artifact \(key) of another type") }
                return value
            }
            let value = compute()
            state.value = value
            state.computations += 1
            return value
        }
    }

    /// How many times `key`'s value was computed (0 or 1).
    public func computations<Value>(of key: ArtifactKey<Value>) -> Int {
        existingSlot(key)?.state.withLock { $0.computations } ?? 0
    }

    /// How many times `key`'s value was asked for.
    public func requests<Value>(of key: ArtifactKey<Value>) -> Int {
        existingSlot(key)?.state.withLock { $0.requests } ?? 0
    }

    /// Every key requested so far (its description), with its requests and computations, by description.
    public var ledger: [(key: String, requests: Int, computations: Int)] {
        let all = slots.withLock { Array($0.values) }
        return all.map { entry in
            let (requests, computations) = entry.slot.state.withLock { ($0.requests, $0.computations) }
            return (entry.description, requests, computations)
        }.sorted { $0.key < $1.key }
    }

    private func slot<Value>(_ key: ArtifactKey<Value>) -> Slot {
        let stored = StoredKey(type: ObjectIdentifier(Value.self), name: key.name, parameters: key.parameters)
        return slots.withLock { slots in
            if let existing = slots[stored] { return existing.slot }
            let slot = Slot()
            slots[stored] = (key.description, slot)
            return slot
        }
    }

    private func existingSlot<Value>(_ key: ArtifactKey<Value>) -> Slot? {
        let stored = StoredKey(type: ObjectIdentifier(Value.self), name: key.name, parameters: key.parameters)
        return slots.withLock { $0[stored]?.slot }
    }
}
