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

extension JSONTree {
    /// `json` with MAUVE's numbers blanked: the `value` and `by_class` of the `fidelity.mauve` metric, the
    /// `synthetic` figure of a card that shows it, and "MAUVE 0.005" in sentences. On 160 rows a side
    /// (k = 16) MAUVE's k-means follows the embeddings' last bits, which differ between OpenBLAS kernels,
    /// into other clusters; the byte-exact comparison on the demo's own kernel still covers it.
    static func maskingMauve(_ json: Any) -> Any {
        switch json {
        case let object as [String: Any]:
            var masked = object.mapValues(maskingMauve)
            if object["id"] as? String == "fidelity.mauve" {
                masked["value"] = "masked"
                masked["by_class"] = "masked"
            }
            if object["metric_id"] as? String == "fidelity.mauve" { masked["synthetic"] = "masked" }
            return masked
        case let array as [Any]:
            return array.map(maskingMauve)
        case let string as String:
            return string.replacingOccurrences(of: #"MAUVE \d+\.\d+"#, with: "MAUVE …", options: .regularExpression)
        default:
            return json
        }
    }
}
