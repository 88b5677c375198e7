import Foundation
import Testing

@testable import AssayLinalg

/// What BLASInfo reports about the loaded OpenBLAS.
struct BLASInfoTests {
    @Test func theCoreIsTheOneForcedOrAKnownKernel() {
        let name = BLASInfo.coreName
        if let forced = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"], !forced.isEmpty {
            #expect(name.lowercased() == forced.lowercased())
        } else {
            #expect(!name.isEmpty && name != "unknown")
        }
        #expect(BLASInfo.configuration.hasPrefix("OpenBLAS"))
        #expect(BLASInfo.configuration.contains(name), "the configuration line names the core")
    }
}

/// Which core Assay asks OpenBLAS for when it fell back to Prescott.
struct BetterCoreTests {
    /// The flags of the Emerald Rapids Xeon (model 207) OpenBLAS 0.3.21 does not know, abridged.
    static let emeraldRapids: Set<Substring> = [
        "fpu", "sse2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl",
        "avx512_bf16", "avx512_fp16",
    ]

    @Test func aProcessorWithAVX512GetsSkylakeXInsteadOfPrescott() {
        #expect(BLASInfo.betterCore(than: "Prescott", cpuFlags: Self.emeraldRapids) == "SkylakeX")
    }

    @Test func aProcessorWithAVX2AndFMAGetsHaswell() {
        #expect(BLASInfo.betterCore(than: "Prescott", cpuFlags: ["sse2", "avx", "avx2", "fma"]) == "Haswell")
        // AVX-512 foundation alone (Knights Landing lacks BW and VL) is not enough for the SkylakeX kernels.
        #expect(BLASInfo.betterCore(than: "Prescott", cpuFlags: ["avx2", "fma", "avx512f", "avx512cd"]) == "Haswell")
    }

    @Test func openBLASsOwnChoiceStandsUnlessItIsPrescott() {
        #expect(BLASInfo.betterCore(than: "SkylakeX", cpuFlags: Self.emeraldRapids) == nil)
        #expect(BLASInfo.betterCore(than: "Haswell", cpuFlags: Self.emeraldRapids) == nil)
        #expect(BLASInfo.betterCore(than: "Prescott", cpuFlags: ["sse2", "sse3"]) == nil)
    }
}
