// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Assay",
    products: [
        .executable(name: "assay", targets: ["assay"]),
        .library(name: "AssayCore", targets: ["AssayCore"]),
        .library(name: "AssayParquet", targets: ["AssayParquet"]),
        .library(name: "AssayText", targets: ["AssayText"]),
        .library(name: "AssayMetrics", targets: ["AssayMetrics"]),
        .library(name: "AssayLinalg", targets: ["AssayLinalg"]),
        .library(name: "AssayReport", targets: ["AssayReport"]),
        .library(name: "AssayGate", targets: ["AssayGate"]),
        .library(name: "AssayPipeline", targets: ["AssayPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // C libraries, one system-library target each (Debian: libopenblas-dev, libsqlite3-dev, zlib1g-dev,
        // libzstd-dev, libsnappy-dev, liblz4-dev, libbrotli-dev).
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CZstd", path: "Sources/CZstd"),
        .systemLibrary(name: "CSnappy", path: "Sources/CSnappy"),
        .systemLibrary(name: "CLZ4", path: "Sources/CLZ4"),
        .systemLibrary(name: "CBrotli", path: "Sources/CBrotli"),

        // A Parquet reader of its own: footer, pages, encodings, codecs and nested records; no Assay types.
        .target(name: "AssayParquet", dependencies: ["CBrotli", "CLZ4", "CSnappy", "CZlib", "CZstd"]),
        // ICU (word breaks of unspaced scripts, Unicode scripts) is the toolchain's own, which Foundation links too:
        // its `_FoundationICU` module, named here because its functions are called directly.
        .target(
            name: "AssayCore",
            dependencies: ["AssayParquet", "CZlib", "CZstd", .product(name: "Crypto", package: "swift-crypto")],
            linkerSettings: [.linkedLibrary("_FoundationICU")]
        ),
        // Text normalisation, MinHash near-duplicate search, stopwords and language identification, shared by
        // generation and the metrics. The language profiles are read once through Bundle.module.
        .target(
            name: "AssayText", dependencies: ["AssayCore"], resources: [.copy("Resources/language-profiles.tsv")],
            linkerSettings: [.linkedLibrary("_FoundationICU")]),
        .target(name: "AssayReport", dependencies: ["AssayCore"]),
        // No unsafeFlags anywhere: SwiftPM refuses them in a package others depend on. The Makefile's debug
        // builds pass -O instead (the encoder runs hundreds of times slower unoptimised).
        .target(name: "AssayLinalg", dependencies: ["AssayCore", "CBLAS"]),
        .target(
            name: "AssayEmbed",
            dependencies: ["AssayCore", "AssayLinalg", "CBLAS", .product(name: "Crypto", package: "swift-crypto")],
            // The static embedder's alignment corpus, read through Bundle.module when distilling.
            resources: [.copy("Resources/alignment-corpus.jsonl")]),
        .target(
            name: "AssayStore",
            dependencies: ["AssayCore", "AssayReport", "CSQLite", .product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "AssayMetrics",
            dependencies: [
                "AssayCore", "AssayLinalg", "AssayReport", "AssayText", "CZlib",
                .product(name: "Yams", package: "Yams"),
            ],
            // The gazetteer table, read once through Bundle.module.
            resources: [.copy("Resources/gazetteer.tsv")]),
        // Gate policies, their evaluation against a report, and the JUnit XML and summary of the results.
        .target(
            name: "AssayGate",
            dependencies: ["AssayCore", "AssayReport", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "AssayGenerate",
            dependencies: [
                "AssayCore", "AssayStore", "AssayText", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]),
        // A run end to end as a library: options, embedding and its cache, the analysis.
        .target(
            name: "AssayPipeline",
            dependencies: [
                "AssayCore", "AssayEmbed", "AssayGate", "AssayGenerate", "AssayLinalg", "AssayMetrics", "AssayReport",
                "AssayStore", "AssayText",
            ]),
        .executableTarget(
            name: "assay",
            dependencies: [
                "AssayCore", "AssayEmbed", "AssayGate", "AssayGenerate", "AssayLinalg", "AssayMetrics", "AssayPipeline",
                "AssayReport",
                "AssayStore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks: built in release by `make bench`, never run by `swift test`.
        .executableTarget(
            name: "AssayBench",
            dependencies: [
                "AssayCore", "AssayEmbed", "AssayGenerate", "AssayLinalg", "AssayMetrics", "AssayParquet",
                "AssayReport",
                "AssayText", "CBLAS",
            ]),

        // Paths to the fixtures and the shared data, for every test target.
        .target(name: "AssayTestSupport", path: "Tests/AssayTestSupport"),
        .testTarget(name: "AssayCoreTests", dependencies: ["AssayCore", "AssayTestSupport", "CBLAS", "CSQLite"]),
        .testTarget(name: "AssayTextTests", dependencies: ["AssayCore", "AssayTestSupport", "AssayText"]),
        .testTarget(name: "AssayParquetTests", dependencies: ["AssayCore", "AssayParquet", "AssayTestSupport"]),
        .testTarget(
            name: "AssayMetricsTests", dependencies: ["AssayCore", "AssayLinalg", "AssayMetrics", "AssayTestSupport"]),
        .testTarget(
            name: "AssayGateTests", dependencies: ["AssayCore", "AssayGate", "AssayMetrics", "AssayReport"]),
        .testTarget(name: "AssayLinalgTests", dependencies: ["AssayCore", "AssayLinalg"]),
        .testTarget(name: "AssayStoreTests", dependencies: ["AssayCore", "AssayReport", "AssayStore"]),
        .testTarget(
            name: "AssayEmbedTests", dependencies: ["AssayCore", "AssayEmbed", "AssayLinalg", "AssayTestSupport"]),
        .testTarget(
            name: "AssayReportTests", dependencies: ["AssayCore", "AssayMetrics", "AssayReport", "AssayTestSupport"]),
        .testTarget(
            name: "AssayGenerateTests", dependencies: ["AssayGenerate", "AssayStore", "AssayTestSupport", "AssayText"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["AssayCore", "AssayEmbed", "AssayMetrics", "AssayReport", "AssayTestSupport", "AssayText"]),
        .testTarget(
            name: "AssayPipelineTests",
            dependencies: [
                "AssayCore", "AssayGate", "AssayLinalg", "AssayGenerate", "AssayMetrics", "AssayPipeline",
                "AssayReport", "AssayStore",
                "AssayTestSupport", "AssayText",
            ]),
    ]
)
