/// A phrase many rows share.
package struct RepeatedPhrase: Equatable, Sendable {
    /// The phrase's words, lowercased, separated by spaces.
    package var text: String
    /// How many rows contain it.
    package var rows: Int
    /// The first row (a corpus row index) that contains it.
    package var firstRow: Int
}
