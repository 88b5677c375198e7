import CBLAS
import Foundation

/// Which OpenBLAS build and kernel this process computes with.
///
/// OpenBLAS picks its kernels by processor when it loads (or by `OPENBLAS_CORETYPE`); kernels for
/// different cores sum in different orders, so embeddings agree only to about 1e-7 across them and a
/// report is byte-for-byte reproducible on the same kind of core.
public enum BLASInfo {
    /// The kernel family in use: "Haswell", "SkylakeX", "Zen" …
    public static var coreName: String { openblas_get_corename().map { String(cString: $0) } ?? "unknown" }

    /// The build's configuration line: version, DYNAMIC_ARCH, threading, core.
    public static var configuration: String { openblas_get_config().map { String(cString: $0) } ?? "unknown" }

    /// The core to ask OpenBLAS for (through `OPENBLAS_CORETYPE`) when it fell back to its generic
    /// Prescott kernels on a processor it does not know; nil when its own choice stands.
    ///
    /// OpenBLAS 0.3.21 (Debian 12) identifies processors by model number, and one newer than it knows —
    /// Sapphire and Emerald Rapids among them — gets Prescott's SSE3 kernels, about a third of the AVX-512
    /// kernels' sgemm rate on the same machine (19.6 against 59.2 GFLOP/s measured on an Emerald Rapids
    /// Xeon). The processor's own feature flags say which kernels it can run.
    /// - Parameters:
    ///   - core: the core OpenBLAS chose (`coreName`).
    ///   - cpuFlags: the processor's feature flags as `/proc/cpuinfo` lists them.
    public static func betterCore(than core: String, cpuFlags: Set<Substring>) -> String? {
        guard core == "Prescott" else { return nil }
        if cpuFlags.isSuperset(of: ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"]) { return "SkylakeX" }
        if cpuFlags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }

    /// `betterCore(than:cpuFlags:)` for this process and processor; nil when `/proc/cpuinfo` cannot be read.
    public static var betterCore: String? {
        guard let cpuInfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let flags = cpuInfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return nil }
        return betterCore(than: coreName, cpuFlags: Set(flags.split(separator: " ")))
    }

    /// Runs this executable again with `OPENBLAS_CORETYPE` set to `betterCore` when OpenBLAS fell back to
    /// Prescott and the user did not choose a core; returns (doing nothing) otherwise or when the
    /// executable cannot be run again. Call first thing in `main`: OpenBLAS reads the variable only
    /// when it loads.
    public static func reloadWithBetterCoreIfNeeded() {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil, let core = betterCore else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        unsetenv("OPENBLAS_CORETYPE")
    }
}
