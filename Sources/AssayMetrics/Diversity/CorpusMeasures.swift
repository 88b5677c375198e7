import AssayCore
import Foundation

/// The n-gram counts of a sample, computed in one sweep.
package struct NGramProfile: Sendable {
    /// Distinct-1…4 (index order − 1), nil where no row has that many tokens.
    package var distinct: [Double?]
    /// Σ distinct-n with n-grams crossing rows, nil below 4 tokens.
    package var ngramDiversityScore: Double?
}

/// Every corpus-level measure of a sample, each computed once.
package struct CorpusMeasures: Sendable {
    package var profile: NGramProfile
    package var compressionRatio: Double?
    package var vocabularySize: Int
    package var typeTokenRatio: Double?
    package var movingAverageTTR: Double?
    package var hdd: Double?

    package init(_ sample: LexicalSample) {
        profile = sample.ngramProfile()
        compressionRatio = sample.compressionRatio()
        vocabularySize = sample.vocabularySize()
        typeTokenRatio = sample.typeTokenRatio()
        movingAverageTTR = sample.movingAverageTTR()
        hdd = sample.hdd()
    }
}
