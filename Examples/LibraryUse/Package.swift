// swift-tools-version:6.0
// A package that uses Assay as a library, as a downstream project would: it depends on the checkout two
// folders up by path and runs a comparison through the AssayPipeline product, without the `assay` CLI.
// SwiftPM refuses a dependency whose targets use unsafeFlags, so this building at all is part of the test.
import PackageDescription

let package = Package(
    name: "LibraryUse",
    // `name:` because a path dependency's identity is its folder's name (`assay`, `wt-release` …), not "Assay".
    dependencies: [.package(name: "Assay", path: "../..")],
    targets: [
        .executableTarget(
            name: "LibraryUse",
            dependencies: [
                .product(name: "AssayCore", package: "Assay"),
                .product(name: "AssayMetrics", package: "Assay"),
                .product(name: "AssayPipeline", package: "Assay"),
                .product(name: "AssayReport", package: "Assay"),
            ])
    ]
)
