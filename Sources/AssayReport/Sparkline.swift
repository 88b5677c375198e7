/// A row of block characters, one per value, low to high: a trend at a glance in a terminal.
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One block per value scaled between the smallest and the largest; `·` for a missing value, the
    /// middle block when all values are equal.
    public static func render(_ values: [Double?]) -> String {
        let present = values.compactMap { $0 }
        guard let low = present.min(), let high = present.max() else {
            return String(repeating: "·", count: values.count)
        }
        return String(
            values.map { value in
                guard let value else { return "·" }
                guard high > low else { return blocks[3] }
                let index = Int(((value - low) / (high - low) * Double(blocks.count - 1)).rounded())
                return blocks[min(max(index, 0), blocks.count - 1)]
            })
    }
}
