// swift-tools-version:6.1
// Benchmarks of edgeplan, kept in a package of their own so that the main package builds without
// the benchmark harness. Run them with ./run.sh (see docs/performance.md).
import PackageDescription

let package = Package(
    name: "edgeplan-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // The main package, named explicitly so that the clone's directory name does not matter.
        .package(name: "edgeplan", path: ".."),
        // "MallocInterposer" only: malloc statistics without jemalloc, and without the Swift 6.3
        // runtime interposer (which is not needed for the metrics used here).
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
        // The YAML library the front end uses (the version the main package resolves), for the
        // benchmarks that isolate its composition step.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Deterministic, seeded generator of large but valid edgeplan inputs.
        .target(name: "ScenarioGenerator"),
        // `generate-scenario DIR`: writes the benchmark's inputs to DIR (for `edgeplan check` or profiling).
        .executableTarget(name: "generate-scenario", dependencies: ["ScenarioGenerator"]),
        // `load-once DIR`: one ProblemLoader.load with its time and peak RSS (for perf or callgrind).
        .executableTarget(
            name: "load-once",
            dependencies: [
                "ScenarioGenerator",
                .product(name: "Frontend", package: "edgeplan"),
                .product(name: "Diagnostics", package: "edgeplan"),
            ]
        ),
        // The package-benchmark suite: `swift package benchmark` discovers it under Benchmarks/.
        .executableTarget(
            name: "FrontendLoad",
            dependencies: [
                "ScenarioGenerator",
                .product(name: "Frontend", package: "edgeplan"),
                .product(name: "Diagnostics", package: "edgeplan"),
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Benchmarks/FrontendLoad",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Planning over a generated 200-vehicle, 20-minute SUMO FCD trace.
        .executableTarget(
            name: "TracePlanning",
            dependencies: [
                "ScenarioGenerator",
                .product(name: "Frontend", package: "edgeplan"),
                .product(name: "Diagnostics", package: "edgeplan"),
                .product(name: "EdgeModel", package: "edgeplan"),
                .product(name: "Planner", package: "edgeplan"),
                .product(name: "MILP", package: "edgeplan"),
                .product(name: "CBCBackend", package: "edgeplan"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TracePlanning",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
