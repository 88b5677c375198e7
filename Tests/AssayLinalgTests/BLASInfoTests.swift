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
