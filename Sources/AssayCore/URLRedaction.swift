/// URLs with their secrets hidden, for everything Assay writes: cassettes, the run store, reports, logs
/// and error messages.
///
/// A backend's `base_url` may carry credentials — `https://user:pass@host/v1` or
/// `https://host/v1?api-key=…` — and cassettes are meant to be committed. Every URL Assay writes
/// passes through `URLRedaction.redacted`.
public enum URLRedaction {
    /// `url` with the userinfo replaced by `***`, every query value by `***` (a query item without
    /// `=` entirely) and a fragment by `***`; scheme, host, port, path and query names stay.
    ///
    /// `https://user:pass@example.com/v1?api-key=sk-1&b=2#x` → `https://***@example.com/v1?api-key=***&b=***#***`.
    ///
    /// - Complexity: O(n) in the length of `url`.
    public static func redacted(_ url: String) -> String {
        var rest = Substring(url)
        var result = ""
        if let schemeEnd = rest.range(of: "://") {
            result += rest[..<schemeEnd.upperBound]
            rest = rest[schemeEnd.upperBound...]
        }
        // The authority runs to the first `/`, `?` or `#`; its userinfo is everything before its last `@`.
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            result += "***" + authority[at...]
        } else {
            result += authority
        }
        rest = rest[authorityEnd...]
        var fragment: Substring?
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[rest.index(after: hash)...]
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            result += rest[...question]
            let items = rest[rest.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
            result += items.map { item -> String in
                if item.isEmpty { return "" }
                guard let equals = item.firstIndex(of: "=") else { return "***" }
                return item[...equals] + "***"
            }.joined(separator: "&")
        } else {
            result += rest
        }
        if let fragment { result += fragment.isEmpty ? "#" : "#***" }
        return result
    }
}
