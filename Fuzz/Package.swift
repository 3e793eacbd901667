// swift-tools-version:6.1
// Fuzzing harnesses (libFuzzer) for the parts of edgeplan that read untrusted bytes: the YAML front
// end, the SUMO FCD and CSV trace readers, the plan reader and the AdvantEDGE scenario importer. A separate package, so that the
// main build and CI never build them; scripts/fuzz builds them with -sanitize=fuzzer,address and
// runs each for a set time (docs/reliability.md, "Fuzzing").
import PackageDescription

let harness: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "edgeplan-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "edgeplan", path: "..")],
    targets: [
        .target(name: "FuzzSupport", swiftSettings: harness),
        .executableTarget(
            name: "fuzz-yaml",
            dependencies: [
                "FuzzSupport", .product(name: "Frontend", package: "edgeplan"), .product(name: "Planner", package: "edgeplan"),
                .product(name: "MILPFormats", package: "edgeplan"),
            ], swiftSettings: harness),
        .executableTarget(
            name: "fuzz-fcd",
            dependencies: [
                "FuzzSupport", .product(name: "Mobility", package: "edgeplan"), .product(name: "Diagnostics", package: "edgeplan"),
                .product(name: "EdgeModel", package: "edgeplan"),
            ], swiftSettings: harness),
        .executableTarget(
            name: "fuzz-csv",
            dependencies: [
                "FuzzSupport", .product(name: "Mobility", package: "edgeplan"), .product(name: "Diagnostics", package: "edgeplan"),
                .product(name: "EdgeModel", package: "edgeplan"),
            ], swiftSettings: harness),
        .executableTarget(
            name: "fuzz-plan", dependencies: ["FuzzSupport", .product(name: "Plan", package: "edgeplan")], swiftSettings: harness),
        .executableTarget(
            name: "fuzz-advantedge", dependencies: ["FuzzSupport", .product(name: "Interop", package: "edgeplan")],
            swiftSettings: harness),
    ]
)
