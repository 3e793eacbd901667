// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "edgeplan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "edgeplan", targets: ["edgeplan"]),
        .library(name: "Frontend", targets: ["Frontend"]),
        .library(name: "EdgeModel", targets: ["EdgeModel"]),
        .library(name: "Diagnostics", targets: ["Diagnostics"]),
        .library(name: "Planner", targets: ["Planner"]),
        .library(name: "MILP", targets: ["MILP"]),
        .library(name: "MILPFormats", targets: ["MILPFormats"]),
        .library(name: "Solving", targets: ["Solving"]),
        .library(name: "CBCBackend", targets: ["CBCBackend"]),
        .library(name: "GLPKBackend", targets: ["GLPKBackend"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        // For the fuzzing harnesses of Fuzz/.
        .library(name: "Mobility", targets: ["Mobility"]),
        .library(name: "Plan", targets: ["Plan"]),
        .library(name: "Interop", targets: ["Interop"]),
        .library(name: "Report", targets: ["Report"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "Diagnostics"),
        // Reading input files safely: regular files only (never a FIFO or a device), paths confined
        // to a directory, SHA-256 as they are read, JSON decoding errors in words.
        .target(name: "InputFiles"),
        .target(name: "EdgeModel", dependencies: ["Diagnostics"]),
        .target(
            name: "Frontend",
            dependencies: [
                "Diagnostics", "EdgeModel", "InputFiles", "Mobility", .product(name: "Yams", package: "Yams"),
            ]
        ),
        // System libraries of the MILP solvers (Debian: coinor-libcbc-dev, libglpk-dev).
        .systemLibrary(
            name: "CCbc", pkgConfig: "cbc",
            providers: [.apt(["coinor-libcbc-dev"])]
        ),
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
        // CLP's C interface (LP relaxations with duals, for pricing), shipped with coinor-libcbc-dev.
        .systemLibrary(name: "CClp", pkgConfig: "clp", providers: [.apt(["coinor-libcbc-dev"])]),
        .target(name: "MILP"),
        .target(name: "MILPFormats", dependencies: ["MILP"]),
        .target(name: "Solving", dependencies: ["MILP", "ProcessControl"]),
        // Signals, worker processes and temporary files: what must be C (an async-signal-safe
        // handler, prctl, posix_spawn attributes) and its Swift face.
        .target(name: "CProcessControl"),
        .target(name: "ProcessControl", dependencies: ["CProcessControl"]),
        .target(name: "CBCBackend", dependencies: ["MILP", "CCbc", "CClp"]),
        .target(name: "GLPKBackend", dependencies: ["MILP", "CGLPK"]),
        .target(name: "Plan", dependencies: ["Diagnostics", "InputFiles"]),
        .target(name: "Mobility", dependencies: ["EdgeModel", "Diagnostics", "InputFiles"]),
        .target(name: "Planner", dependencies: ["EdgeModel", "MILP", "Solving", "Diagnostics", "Plan"]),
        .target(name: "Simulation", dependencies: ["EdgeModel", "Plan", "Planner"]),
        .target(name: "CityGenerator", dependencies: ["EdgeModel", "Frontend"]),
        .target(name: "Report", dependencies: ["EdgeModel", "InputFiles", "Plan"]),
        .target(name: "Executor", dependencies: ["InputFiles", "Plan"]),
        // Other tools' formats: AdvantEDGE scenarios in, AdvantEDGE replay files out. Reads AdvantEDGE's
        // YAML with Yams itself: a foreign format, not edgeplan's located documents.
        .target(
            name: "Interop",
            dependencies: [
                "Diagnostics", "EdgeModel", "Frontend", "InputFiles", "Plan",
                .product(name: "Yams", package: "Yams"),
            ]),
        .target(
            name: "WhatIf",
            dependencies: ["Diagnostics", "EdgeModel", "Frontend", "MILP", "Plan", "Planner", "Simulation", "Solving"]),
        .target(
            name: "EdgePlanCLI",
            dependencies: [
                "Diagnostics", "EdgeModel", "Frontend", "InputFiles", "Planner", "Plan", "Simulation",
                "CityGenerator", "MILP", "Solving", "WhatIf", "Report", "Interop",
                "MILPFormats", "CBCBackend",
                "GLPKBackend",
                "Executor", "ProcessControl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "edgeplan", dependencies: ["EdgePlanCLI"]),
        .target(name: "TestSupport", dependencies: ["Frontend", "EdgeModel"], path: "Tests/TestSupport"),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "InputFilesTests", dependencies: ["InputFiles"]),
        .testTarget(
            name: "MILPTests",
            dependencies: ["MILP", "MILPFormats", "Solving", "CBCBackend", "GLPKBackend", "TestSupport"],
            exclude: ["Golden"]),
        .testTarget(name: "WhatIfTests", dependencies: ["WhatIf", "Simulation", "Frontend", "EdgeModel"]),
        .testTarget(name: "SolvingTests", dependencies: ["Solving", "MILP", "CBCBackend", "GLPKBackend"]),
        .testTarget(
            name: "MobilityTests", dependencies: ["Mobility", "EdgeModel", "Diagnostics", "InputFiles"],
            exclude: ["Fixtures"]),
        .testTarget(name: "EdgeModelTests", dependencies: ["EdgeModel", "Diagnostics", "TestSupport"]),
        .testTarget(
            name: "FrontendTests",
            dependencies: ["Frontend", "EdgeModel", "Diagnostics", "InputFiles", "Mobility"],
            exclude: ["BadInputs", "GoodInputs"]
        ),
        .testTarget(
            name: "PlannerTests",
            dependencies: [
                "Planner", "EdgeModel", "MILP", "MILPFormats", "Solving", "CBCBackend", "GLPKBackend", "TestSupport",
                "CityGenerator", "Frontend",
            ]),
        .testTarget(
            name: "SimulationTests",
            dependencies: [
                "Simulation", "Planner", "Plan", "EdgeModel", "MILP", "Solving", "CBCBackend", "TestSupport",
            ]),
        .testTarget(
            name: "InteropTests", dependencies: ["Interop", "EdgeModel", "Frontend", "Plan", "TestSupport"],
            exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "ExecutorTests", dependencies: ["Executor", "Plan"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "EdgeModel", "Plan", "TestSupport", "Frontend"]),
        // zlib, for the tests that inflate Chromium's screenshots (Debian: zlib1g-dev).
        .systemLibrary(name: "CZlib", path: "Tests/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .testTarget(
            name: "EdgePlanCLITests",
            dependencies: [
                "EdgePlanCLI", "TestSupport", "Plan", "MILP", "Solving", "CBCBackend", "Frontend", "CZlib", "InputFiles",
            ],
            exclude: ["Golden", "Inputs"]
        ),
    ]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
