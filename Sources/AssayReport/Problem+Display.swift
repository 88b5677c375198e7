import AssayCore

/// How the writers show a ranked problem: the sentence for an empty list, and the rows behind a problem
/// by where they are.
extension Problem {
    /// What every writer says when the judged report lists no problem, with the rule a problem must meet.
    public static let noneFound =
        "No problem found on the evidence: a problem is listed only when its interval excludes “no difference” and at least \(Evidence.minimumRows) rows a side stand behind it."

    /// "2, 5, 6 … (108 rows in all)": the first `limit` of the rows behind the problem, each as `FILE:LINE`
    /// for a dataset read from shards and as its row number otherwise, then how many there are in all when
    /// not every one is shown; empty when the problem names no row.
    ///
    /// - Parameters:
    ///   - limit: the rows shown at most.
    ///   - places: `FILE:LINE` of synthetic rows by row number (`Report.syntheticPlaces`).
    /// - Complexity: O(`limit`).
    public func shownRows(limit: Int, places: [Int: String]) -> String {
        guard !rows.isEmpty else { return "" }
        let total = max(rowCount ?? rows.count, rows.count)
        let shown = rows.prefix(limit).map { places[$0] ?? String($0) }.joined(separator: ", ")
        return total > min(limit, rows.count) ? "\(shown) … (\(total) rows in all)" : shown
    }
}

extension Report {
    /// `FILE:LINE` of each synthetic row the findings place in a shard, by row number; empty unless the
    /// synthetic set was read from shards.
    ///
    /// - Complexity: O(findings · related rows).
    public var syntheticPlaces: [Int: String] {
        guard inputs.synthetic?.shards != nil else { return [:] }
        var places: [Int: String] = [:]
        for finding in findings {
            if finding.side == .synthetic, let row = finding.row, let location = finding.location {
                places[row] = location
            }
            for related in finding.related ?? [] where related.side == .synthetic {
                if let location = related.location { places[related.row] = location }
            }
        }
        return places
    }
}
