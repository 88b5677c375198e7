import Foundation

/// Compares two parsed JSON documents for reports written on different OpenBLAS kernels.
enum JSONTree {
    /// The first place where `a` and `b` differ, as "path: a vs b"; nil when they agree.
    ///
    /// Keys, array lengths, strings and nulls must be equal (booleans are numbers 0 and 1 here). Numbers may differ by
    /// 1e-5 · max(1, |a|, |b|) (embeddings agree to about 1e-7 across kernels, and the statistics on
    /// them to about 1e-6); a histogram bin count may differ by 2, since a similarity that close to a
    /// bin edge can fall on either side.
    static func firstMismatch(_ a: Any, _ b: Any, path: String = "") -> String? {
        switch (a, b) {
        case (let a as [String: Any], let b as [String: Any]):
            let keys = a.keys.sorted()
            guard keys == b.keys.sorted() else { return "\(path): keys \(keys) vs \(b.keys.sorted())" }
            for key in keys {
                if let x = a[key], let y = b[key], let mismatch = firstMismatch(x, y, path: path + "." + key) {
                    return mismatch
                }
            }
            return nil
        case (let a as [Any], let b as [Any]):
            guard a.count == b.count else { return "\(path): \(a.count) vs \(b.count) elements" }
            for (index, (x, y)) in zip(a, b).enumerated() {
                if let mismatch = firstMismatch(x, y, path: path + "[\(index)]") { return mismatch }
            }
            return nil
        case (let a as String, let b as String):
            return a == b ? nil : "\(path): \"\(a)\" vs \"\(b)\""
        case (let a as NSNumber, let b as NSNumber):
            let x = a.doubleValue
            let y = b.doubleValue
            let isBinCount = path.hasPrefix(".distributions[") && !path.contains(".edges[")
            let tolerance = isBinCount ? 2 : 1e-5 * max(1, abs(x), abs(y))
            return abs(x - y) <= tolerance ? nil : "\(path): \(x) vs \(y)"
        case (is NSNull, is NSNull):
            return nil
        default:
            return "\(path): \(a) vs \(b)"
        }
    }
}
