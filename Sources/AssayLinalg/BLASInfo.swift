import CBLAS

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
}
