import AssayCore

extension Report {
    /// The gate's results, broken rules first (fail, error, warn, skipped, pass), otherwise in policy order.
    public var gatesMostUrgentFirst: [GateResult] {
        let order: [GateStatus] = [.fail, .error, .warn, .skipped, .pass]
        return gates.enumerated().sorted { a, b in
            let (x, y) = (order.firstIndex(of: a.element.status) ?? 5, order.firstIndex(of: b.element.status) ?? 5)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    /// "2 failed, 0 not measured, 7 warnings, 6 passed, 0 skipped".
    public var gateCounts: String {
        let count = { (status: GateStatus) in gates.filter { $0.status == status }.count }
        return
            "\(count(.fail)) failed, \(count(.error)) not measured, \(count(.warn)) warnings, \(count(.pass)) passed, \(count(.skipped)) skipped"
    }
}
