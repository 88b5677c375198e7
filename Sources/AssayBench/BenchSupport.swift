import AssayCore
import Foundation

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
}

/// A vocabulary of pronounceable words and a Zipf(1.1) sampler over it.
struct TextGenerator {
    var random = SeededRandom(seed: 2024, stream: "bench")
    let words: [String]
    let cumulative: [Double]

    init(vocabulary: Int = 50_000) {
        let syllables = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "de", "va", "zu", "che", "an", "or", "el"]
        var generator = SeededRandom(seed: 7, stream: "bench/vocabulary")
        var words: [String] = []
        var seen = Set<String>()
        while words.count < vocabulary {
            let length = 1 + generator.below(4)
            let word = (0..<length).map { _ in syllables[generator.below(syllables.count)] }.joined()
            if seen.insert(word).inserted { words.append(word) }
        }
        self.words = words
        var total = 0.0
        cumulative = (1...vocabulary).map { rank in
            total += 1 / pow(Double(rank), 1.1)
            return total
        }
    }

    mutating func text() -> String {
        let count = 4 + random.below(21)
        let parts = (0..<count).map { _ in word() }
        return parts.joined(separator: " ") + (random.below(3) == 0 ? "." : "")
    }

    /// A word drawn from the generator's Zipf(1.1) distribution over its vocabulary.
    mutating func word() -> String {
        let u = Double(random.next() >> 11) / Double(1 << 53) * (cumulative.last ?? 1)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < u { low = middle + 1 } else { high = middle }
        }
        return words[low]
    }
}
