// swift-tools-version:6.0
// gradbook: a notebook-style REPL workbench for neural networks.
//
// Dependencies run one way (see README "Layout"); every target declares each target it imports
// (scripts/check-dependencies.py, run by `make test`, fails on an undeclared or unused one).
import PackageDescription

/// The C kernels are always optimised: a debug build that runs the microkernel at -O0 would make
/// the test suite crawl and would test code the release build never runs. The ISA-specific
/// functions carry `__attribute__((target(...)))`, so the module itself stays baseline x86-64.
let optimisedC: [CSetting] = [.unsafeFlags(["-O3", "-fno-math-errno"])]

/// The numeric Swift targets are optimised in debug builds too: the test suite and the session
/// checks train real models, and unoptimised loops made them ~40× slower than the release
/// build they are meant to check. (`-enable-testing`, which `@testable import` needs, still
/// applies.)
///
/// Exclusivity is checked statically only: the graph's nodes are classes whose properties the
/// engine reads and writes on every op, and the dynamic checks were ~5% of a scalar graph's time.
let optimisedSwift: [SwiftSetting] = [.unsafeFlags(["-O", "-enforce-exclusivity=unchecked"])]

let package = Package(
    name: "gradbook",
    products: [
        .executable(name: "gradbook", targets: ["gradbook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "CMatmulKernels", cSettings: optimisedC),
        .target(name: "CVectorKernels", dependencies: ["CMatmulKernels"], cSettings: optimisedC),
        .target(name: "Matmul", dependencies: ["CMatmulKernels"], swiftSettings: optimisedSwift),
        .target(name: "Autodiff", dependencies: ["Matmul", "CVectorKernels"], swiftSettings: optimisedSwift),
        .target(name: "Datasets", dependencies: ["Autodiff"], swiftSettings: optimisedSwift),
        .target(name: "NN", dependencies: ["Autodiff", "Datasets", "Matmul", "CVectorKernels"], swiftSettings: optimisedSwift),
        .target(name: "Language"),
        .target(name: "Plots", dependencies: ["Autodiff", "NN", "Language"]),
        .target(name: "Interop", dependencies: ["Autodiff", "Datasets", "NN", "Language", "Plots"]),
        .target(name: "CSystem"),
        .target(name: "Workbench", dependencies: ["Autodiff", "Datasets", "NN", "Language", "Plots", "Interop", "CSystem"]),
        .target(name: "Benchmarks", dependencies: ["Matmul", "CMatmulKernels", "Autodiff", "NN", "Workbench"]),
        .executableTarget(
            name: "gradbook",
            dependencies: [
                "Workbench", "Benchmarks", "Interop", "Datasets", "Language", "Autodiff", "Matmul", "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MatmulTests", dependencies: ["Matmul"]),
        .testTarget(name: "AutodiffTests", dependencies: ["Autodiff", "Matmul"], exclude: ["Fixtures"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Autodiff", "Matmul"], exclude: ["Fixtures"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "Datasets", "Autodiff", "Benchmarks"]),
        .testTarget(name: "PlotsTests", dependencies: ["Plots"]),
        .testTarget(name: "InteropTests", dependencies: ["Interop", "Autodiff"]),
        .testTarget(name: "BenchmarksTests", dependencies: ["Benchmarks", "NN", "Autodiff"]),
        .testTarget(name: "LanguageTests", dependencies: ["Language"]),
        .testTarget(
            name: "WorkbenchTests",
            dependencies: ["Workbench", "Interop", "Plots", "Datasets", "NN", "Autodiff", "Language", "Matmul"],
            exclude: ["Fixtures", "Scripts"]
        ),
        .testTarget(name: "GradbookCLITests", dependencies: ["gradbook"]),
    ]
)
