import AssayCore
import AssayEmbed
import AssayLinalg
import AssayMetrics
import Foundation

/// MiniLM embeddings of rows `first..<first + count` of the `text` field of a JSON Lines file, written as
/// a float32 NumPy array: the inputs `mauve` and scripts/bench-mauve.py time on.
func embedToNumPy(input: String, output: String, first: Int, count: Int) {
    let directory = ProcessInfo.processInfo.environment["ASSAY_MODEL_DIR"] ?? "models/all-MiniLM-L6-v2"
    guard let embedder = try? MiniLMEmbedder(directory: directory), let rows = jsonlTexts(input) else {
        print("embed-npy: cannot load the model in \(directory) or read \(input)")
        return
    }
    let texts = Array(rows.dropFirst(first).prefix(count))
    var matrix: Matrix?
    let time = seconds { matrix = try? embedder.embed(texts) }
    guard let matrix else {
        print("embed-npy: embedding failed")
        return
    }
    var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(matrix.rows), \(matrix.columns)), }"
    while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
    data.append(contentsOf: [UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)])
    data.append(contentsOf: Array(header.utf8))
    matrix.values.withUnsafeBytes { data.append(contentsOf: $0) }
    do {
        try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        print(String(format: "embed-npy: %d rows of %@ in %.1f s -> %@", matrix.rows, input, time, output))
    } catch {
        print("embed-npy: cannot write \(output): \(error)")
    }
}

/// MAUVE of two embedding files (`.npy`) with mauve-text's default seed 25, `repeats` times: each run's
/// seconds and value, the k-means iterations of the kept restarts. Run beside scripts/bench-mauve.py, which
/// times mauve-text's `compute_mauve` on the same files in the same sitting.
func mauveBench(p pPath: String, q qPath: String, repeats: Int = 3) {
    let environment = ProcessInfo.processInfo.environment
    guard let p = try? MatrixFile.read(path: pPath, field: "embedding", what: "embedding"),
        let q = try? MatrixFile.read(path: qPath, field: "embedding", what: "embedding")
    else {
        print("mauve bench: cannot read \(pPath) or \(qPath)")
        return
    }
    print(
        "assay MAUVE — P \(p.rows)×\(p.columns) (\(pPath)), Q \(q.rows)×\(q.columns) (\(qPath)), k = "
            + "\(FidelityMeasures.mauveClusterCount(p.rows, q.rows)), OPENBLAS_CORETYPE="
            + "\(environment["OPENBLAS_CORETYPE"] ?? "(unset)"), \(ProcessInfo.processInfo.activeProcessorCount) cores")
    for run in 1...repeats {
        var value: Double?
        let time = seconds { value = FidelityMeasures.mauve(p, q, seed: 25) }
        print(String(format: "assay run %d: MAUVE %.6f in %.2f s", run, value ?? .nan, time))
    }
    print(String(format: "peak RSS %.0f MB", peakResidentMegabytes()))
}
