import AssayCore
import Foundation

/// The histograms of report.html: each per-text descriptor of both sides (complexity), two to a row, and
/// the pairwise similarities (semantic diversity) at the page's full width, over shared bins, inline SVG.
extension HTMLReportWriter {
    /// One histogram per `report.distributions` entry, bars of the two sides side by side in each bin,
    /// each bar the share of its side's rows; the caption gives the KS and Wasserstein distances when
    /// the report has them. Empty when the report has no distributions.
    ///
    /// - Complexity: O(distributions · bins).
    func complexityDetails() -> String {
        let distributions = (report.distributions ?? []).filter { $0.id.hasPrefix("complexity.") }
        guard !distributions.isEmpty else { return "" }
        var html = "<h3>Distributions per text</h3><p class=\"meta\">Share of each side's rows per bin; bins are "
        html += "shared, span the pooled 1st to 99th percentile, and the end bins also hold the tails.</p>\n"
        html += "<div class=\"columns\">\n"
        for distribution in distributions { html += histogramFigure(distribution) }
        return html + "</div>\n"
    }

    /// The pairwise cosine similarities of each side's rows, when the report has them.
    func similarityHistogram() -> String {
        guard let distribution = report.distributions?.first(where: { $0.id == Self.similarityDistributionID }) else {
            return ""
        }
        var html = "<p class=\"meta\">\(escape(distribution.title)): share of each side's pairs of rows per bin. "
        html += "A peak to the right means many rows say nearly the same thing.</p>\n"
        return html + histogramFigure(distribution, plotWidth: Self.fullPlotWidth, plotHeight: 180)
    }

    /// Plot widths, in pixels at 1280: a descriptor's histogram (two fit in a row of the page) and the
    /// similarity histogram (the page's width less the axis labels).
    static let plotWidth = 420.0
    static let fullPlotWidth = 990.0

    /// The distribution id of the pairwise similarities.
    static let similarityDistributionID = "diversity.pairwise_similarity"

    /// One histogram, the synthetic bars left of the original's in each bin, `plotWidth` × `plotHeight`
    /// pixels inside its axes; it scales down with a narrower page.
    func histogramFigure(
        _ distribution: Distribution, plotWidth: Double = HTMLReportWriter.plotWidth, plotHeight: Double = 130
    ) -> String {
        let bins = distribution.edges.count - 1
        let sides = [("synthetic", distribution.synthetic), ("original", distribution.original)].compactMap {
            name, counts in counts.map { (name: name, counts: $0) }
        }
        guard bins > 0, !sides.isEmpty, sides.allSatisfy({ $0.counts.count == bins }) else { return "" }
        let shares = sides.map { side -> [Double] in
            let total = side.counts.reduce(0, +)
            return side.counts.map { total > 0 ? Double($0) / Double(total) : 0 }
        }
        let tallest = max(shares.flatMap { $0 }.max() ?? 0, 1e-9)
        let (left, top) = (44.0, 12.0)
        let width = Int(left + plotWidth + 12)
        let height = Int(top + plotHeight + 34)
        let baseline = top + plotHeight
        let binWidth = plotWidth / Double(bins)
        let barWidth = max((binWidth - 1) / Double(sides.count), 0.5)

        var svg = "<figure><svg role=\"img\" aria-label=\"\(escape(distribution.title)) by side\" "
        svg += "viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\">\n"
        svg += histogramLine(left, baseline, left + plotWidth, baseline) + histogramLine(left, top, left, baseline)
        svg +=
            histogramLabel(left - 4, top + 4, "end", percent(tallest)) + histogramLabel(left - 4, baseline, "end", "0")
        for (k, side) in sides.enumerated() {
            for bin in 0..<bins {
                let share = shares[k][bin]
                guard share > 0 else { continue }
                let barHeight = max(share / tallest * plotHeight, 0.5)
                let x = left + Double(bin) * binWidth + 0.5 + Double(k) * barWidth
                let range =
                    "[\(histogramNumber(distribution.edges[bin])), \(histogramNumber(distribution.edges[bin + 1]))\(bin == bins - 1 ? "]" : ")")"
                svg += String(
                    format: "<rect class=\"%@\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">", side.name, x,
                    baseline - barHeight, barWidth, barHeight)
                svg +=
                    "<title>\(side.name) \(escape(range)): \(side.counts[bin]) rows (\(percent(share)))</title></rect>\n"
            }
        }
        for (index, anchor) in [(0, "start"), (bins / 2, "middle"), (bins, "end")] where index > 0 || anchor == "start"
        {
            svg += histogramLabel(
                left + Double(index) * binWidth, baseline + 14, anchor, histogramNumber(distribution.edges[index]))
        }
        svg += histogramLabel(left + plotWidth / 2, baseline + 28, "middle", distribution.title)
        svg += "</svg><figcaption>\(escape(distribution.title))"
        svg += sides.map { " · <span class=\"key \($0.name)\"></span>\($0.name)" }.joined()
        var distances: [String] = []
        if let ks = report.metric(MetricID("\(distribution.id)_ks"))?.value {
            distances.append("KS \(histogramNumber(ks))")
        }
        if let w1 = report.metric(MetricID("\(distribution.id)_wasserstein"))?.value {
            distances.append("Wasserstein \(histogramNumber(w1))")
        }
        if !distances.isEmpty { svg += "<br><span class=\"ci\">\(distances.joined(separator: " · "))</span>" }
        return svg + "</figcaption></figure>\n"
    }

    private func histogramLine(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> String {
        String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>\n", x1, y1, x2, y2)
    }

    private func histogramLabel(_ x: Double, _ y: Double, _ anchor: String, _ text: String) -> String {
        String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%@\">", x, y, anchor) + escape(text) + "</text>\n"
    }

    /// Whole numbers (the bins of counts) as integers, others as the report formats numbers.
    private func histogramNumber(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : MetricComparison.format(value)
    }
}
